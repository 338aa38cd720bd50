"""Marking the words a query matched in release text: pure functions over text.

The marks go round the surface words as written ("Inspected"), found by
analysing the text the way the indexer does and comparing terms, so stems
match but the reader sees their own words. Text is HTML-escaped here and the
only markup added is ``<mark>``; the result is the one value the templates
render unescaped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from markupsafe import escape

from searchsvc import analysis
from searchsvc.search import query as ql

#: About how many characters a fragment holds.
FRAGMENT_CHARS = 200
#: Don't scan past this far into a document for matches (bounds the cost of huge releases).
MAX_SCAN_CHARS = 200_000


@dataclass(frozen=True)
class Matcher:
    """What to mark: stemmed terms, stemmed prefixes, and exact phrases (as exact-term sequences)."""

    terms: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.terms or self.prefixes or self.phrases)


def matcher_for(node: ql.Node | None, synonyms: Iterable[str] = ()) -> Matcher:
    """What to mark for a query: its words and phrases typed plain or in the title, and ``synonyms`` (stemmed)."""
    terms: set[str] = set(synonyms)
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for item in ql.words_of(node):
        if item.field not in (None, "title"):
            continue
        if isinstance(item, ql.Phrase):
            words = tuple(analysis.query_terms(item.text, exact=True))
            if words:
                phrases.append(words)
        elif item.prefix:
            prefixes.append(item.text.lower())
        else:
            terms.update(analysis.query_terms(item.text))
    return Matcher(frozenset(terms), tuple(prefixes), tuple(phrases))


def spans(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    """The sorted, merged ``(start, end)`` character spans of ``text`` that ``matcher`` marks."""
    return [(start, end) for start, end, _key in _keyed_spans(text, matcher)]


def _keyed_spans(text: str, matcher: Matcher) -> list[tuple[int, int, str]]:
    """Like ``spans``, each with the query term it stands for (so "inspected" and "inspection" are one).

    Each word of the text is looked at once (``_word_spans``); phrases need
    every word's position, so they are looked for only in the paragraphs
    that hold every word of one.
    """
    text = text[:MAX_SCAN_CHARS]
    found = _word_spans(text, matcher)
    start = 0
    while matcher.phrases and start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end == -1 else end
        paragraph = text[start:end]
        letters = analysis.exact_letters(paragraph)
        possible = [phrase for phrase in matcher.phrases if all(term in letters for term in phrase)]
        if possible:
            found.extend((s + start, e + start, key) for s, e, key in _phrase_spans(paragraph, possible))
        start = end + 2
    return _merge(found)


def _word_spans(text: str, matcher: Matcher) -> list[tuple[int, int, str]]:
    """Spans of the words whose stemmed terms ``matcher`` looks for (or starts, for prefixes).

    Rather than analyse every word in turn, each distinct word of the text
    is analysed once (and remembered with the text), and only the words
    that match are then found in the text.
    """
    if not (matcher.terms or matcher.prefixes):
        return []
    by_term = _words_by_term(text)
    wanted = [t for t in matcher.terms if t in by_term]
    if matcher.prefixes:
        wanted += [t for t in by_term if t.startswith(matcher.prefixes) and t not in matcher.terms]
    marked: dict[str, list[tuple[int, int, str]]] = {}
    for term in wanted:
        for word, start, end in by_term[term]:
            marked.setdefault(word, []).append((start, end, term))
    return [
        (at + start, at + end, term)
        for word, at in analysis.occurrences(text, marked)
        for start, end, term in marked[word]
    ]


@functools.lru_cache(maxsize=256)
def _words_by_term(text: str) -> dict[str, list[tuple[str, int, int]]]:
    """Each stemmed term of ``text`` → the distinct words yielding it, with the term's span in the word.

    Remembered for the last few hundred texts: a popular release is
    highlighted again and again, for one query after another.
    """
    by_term: dict[str, list[tuple[str, int, int]]] = {}
    for word in analysis.distinct_words(text):
        for term, start, end in analysis.word_terms(word):
            by_term.setdefault(term, []).append((word, start, end))
    return by_term


def _phrase_spans(text: str, phrases: Sequence[tuple[str, ...]]) -> list[tuple[int, int, str]]:
    by_pos, starts = _exact_tokens(text)
    found: list[tuple[int, int, str]] = []
    for phrase in phrases:
        for start_pos in starts.get(phrase[0], ()):
            run = _run_at(by_pos, start_pos, phrase)
            if run:
                found.extend((start, end, " ".join(phrase)) for start, end in run)
    return found


@functools.lru_cache(maxsize=1024)
def _exact_tokens(text: str) -> tuple[dict[int, list[analysis.TextToken]], dict[str, list[int]]]:
    """The exact tokens of ``text`` by position, and the positions of each term (remembered per text)."""
    by_pos: dict[int, list[analysis.TextToken]] = {}
    starts: dict[str, list[int]] = {}
    for token in analysis.tokens(text, exact=True):
        by_pos.setdefault(token.pos, []).append(token)
        starts.setdefault(token.term, []).append(token.pos)
    return by_pos, starts


def _run_at(
    by_pos: dict[int, list[analysis.TextToken]], pos: int, phrase: tuple[str, ...]
) -> list[tuple[int, int]] | None:
    run = []
    for offset, term in enumerate(phrase):
        hit = next((t for t in by_pos.get(pos + offset, ()) if t.term == term), None)
        if hit is None:
            return None
        run.append((hit.start, hit.end))
    return run


def _merge(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, key))
    return merged


def mark(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """``text`` HTML-escaped, with each span in ``marks`` wrapped in ``<mark>``."""
    out = []
    at = 0
    for start, end in marks:
        out.append(str(escape(text[at:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(str(escape(text[at:])))
    return "".join(out)


def highlight_whole(text: str, matcher: Matcher) -> str:
    """All of ``text``, escaped, with every match marked (for titles and release pages)."""
    return mark(text, spans(text, matcher) if matcher else [])


def fragments(text: str, matcher: Matcher, *, top: int = 3, size: int = FRAGMENT_CHARS) -> list[str]:
    """Up to ``top`` escaped excerpts of about ``size`` characters around the best matches, in text order.

    With no match in ``text`` (say the query matched only the title), the
    opening of the text stands in, so a result never shows an empty excerpt.
    """
    keyed = _keyed_spans(text, matcher) if matcher else []
    if not keyed:
        opening = _window(text, 0, size)
        return [_render(text, opening, [])] if text.strip() else []
    windows = _best_windows(text, keyed, top, size)
    marks = [(start, end) for start, end, _key in keyed]
    return [_render(text, w, [m for m in marks if w[0] <= m[0] and m[1] <= w[1]]) for w in windows]


def _best_windows(text: str, marks: list[tuple[int, int, str]], top: int, size: int) -> list[tuple[int, int]]:
    """Pick non-overlapping windows that show as many different matched words as possible.

    Greedy: each pick is the window adding the most words not yet shown, then
    the most different words, then the most marks, then the earliest. A window
    that adds nothing new is taken only if it is as varied as the best.
    """
    candidates = []
    for i, (start, _end, _key) in enumerate(marks):
        window = _window(text, start, size, lead=size // 3)
        inside = [m for m in marks[i:] if m[1] <= window[1]]
        words = frozenset(key for _s, _e, key in inside)
        candidates.append((window, words, len(inside)))
    richest = max(len(words) for _, words, _ in candidates)
    chosen: list[tuple[int, int]] = []
    shown: set[str] = set()
    while len(chosen) < top:
        free = [c for c in candidates if all(c[0][1] <= w[0] or c[0][0] >= w[1] for w in chosen)]
        if not free:
            break
        window, words, _count = max(free, key=lambda c: (len(c[1] - shown), len(c[1]), c[2], -c[0][0]))
        if chosen and not words - shown and len(words) < richest:
            break
        chosen.append(window)
        shown |= words
    return sorted(chosen)


def _window(text: str, anchor: int, size: int, lead: int = 0) -> tuple[int, int]:
    """About ``size`` characters from ``lead`` before ``anchor``, at word boundaries, in its paragraph."""
    para_start = text.rfind("\n\n", 0, anchor + 1)
    para_start = 0 if para_start == -1 else para_start + 2
    para_end = text.find("\n\n", anchor)
    para_end = len(text) if para_end == -1 else para_end
    start = max(anchor - lead, para_start)
    if start > para_start:
        space = text.rfind(" ", max(para_start, start - 20), start)
        start = space + 1 if space != -1 else start
    end = min(para_end, start + size)
    if end < para_end:
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    return start, end


def _render(text: str, window: tuple[int, int], marks: list[tuple[int, int]]) -> str:
    start, end = window
    piece = mark(text[start:end], [(s - start, e - start) for s, e in marks])
    prefix = "…" if start > 0 and text[start - 1] not in "\n" else ""
    suffix = "…" if end < len(text) and text[end] not in "\n" else ""
    return f"{prefix}{piece.strip()}{suffix}"
