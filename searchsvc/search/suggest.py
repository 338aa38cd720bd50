""" "Did you mean": unknown words of a query replaced by close indexed ones."""

from __future__ import annotations

from collections.abc import Collection

from searchsvc.search import query as ql
from searchsvc.search import typos
from searchsvc.search.engine import IndexArrays
from searchsvc.search.postings import Snapshot

#: At most this many unknown words of one query are looked up.
MAX_CORRECTED_WORDS = 5
#: Typos a suggestion may undo in a word of five letters or more (and one in shorter words):
#: more than a search reads past unasked, since a suggestion is only offered.
SUGGESTION_TYPOS = 2


def suggestion(
    q: str,
    node: ql.Node | None,
    snapshot: Snapshot,
    arrays: IndexArrays,
    lexicon: typos.Lexicon,
    protected: Collection[str],
) -> str | None:
    """``q`` with words no release has replaced by close indexed ones, or None when none is replaced.

    Candidates are ranked by typos first and by how many releases hold them
    second, and every unknown word (up to ``MAX_CORRECTED_WORDS``) is
    corrected at once. ``protected`` words (lower-cased unit names and
    acronyms) are never "corrected".
    """
    corrected: dict[str, str] = {}
    unknown = typos.unknown_words(node, snapshot, arrays, protected)
    unknown += typos.unknown_words(node, snapshot, arrays, protected, quoted=True)
    for word in list(dict.fromkeys(unknown))[:MAX_CORRECTED_WORDS]:
        allowed = SUGGESTION_TYPOS if len(word) >= typos.ONE_TYPO_FROM else 1
        closest = typos.nearest(snapshot, lexicon, word, allowed)
        if closest is not None and closest != word.lower():
            corrected[word] = closest
    return typos.rewritten(q, corrected) if corrected else None
