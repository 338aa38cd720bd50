""" "Did you mean": unknown words of a query replaced by close indexed ones."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Iterator

from searchsvc import analysis
from searchsvc import schema
from searchsvc.search import query as ql
from searchsvc.search.postings import Snapshot

#: At most this many unknown words of one query are looked up.
MAX_CORRECTED_WORDS = 3


def suggestion(q: str, node: ql.Node | None, snapshot: Snapshot, protected: Collection[str]) -> str | None:
    """``q`` with words no release has replaced by close indexed ones, or None when none is replaced.

    ``protected`` words (lower-cased unit names and acronyms) are never "corrected".
    """
    changed = False
    for looked_up, word in enumerate(_unknown_words(node, snapshot, protected)):
        if looked_up >= MAX_CORRECTED_WORDS:
            break
        closest = snapshot.closest_word(schema.SPELLING_FIELD, word.lower())
        if closest is not None and closest != word.lower():
            q = _replace_word(q, word, closest)
            changed = True
    return q if changed else None


def _unknown_words(node: ql.Node | None, snapshot: Snapshot, protected: Collection[str]) -> Iterator[str]:
    """The plain, correctable words of the query that no release holds, in order."""
    for item in ql.words_of(node):
        if not isinstance(item, ql.Word) or item.prefix or item.field is not None:
            continue
        word = item.text
        if not _correctable(word) or word.lower() in protected or len(word) > 24:
            continue
        terms = analysis.query_terms(word)
        if terms and not any(snapshot.doc_frequency(f, t) for f in schema.SEARCHED for t in terms):
            yield word


def _correctable(word: str) -> bool:
    """Words the suggester may touch: no digits, not an acronym (all capitals), plain letters."""
    if any(c.isdigit() for c in word) or len(word) < 3:
        return False
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return False
    return all(c.isalpha() or c in "-'" for c in word)


def _replace_word(q: str, word: str, replacement: str) -> str:
    at = q.lower().find(word.lower())
    if at == -1:
        return q
    return q[:at] + replacement + q[at + len(word) :]
