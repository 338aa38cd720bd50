"""Marking the words a query matched in release text: pure functions over text.

The marks go round the surface words as written ("Inspected"), found by
analysing the text the way the indexer does and comparing terms, so stems
match but the reader sees their own words. Text is HTML-escaped here and the
only markup added is ``<mark>``; the result is the one value the templates
render unescaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from markupsafe import escape

from searchsvc import analysis

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


def spans(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    """The sorted, merged ``(start, end)`` character spans of ``text`` that ``matcher`` marks."""
    text = text[:MAX_SCAN_CHARS]
    found: list[tuple[int, int]] = []
    if matcher.terms or matcher.prefixes:
        for token in analysis.tokens(text):
            if token.term in matcher.terms or token.term.startswith(matcher.prefixes or ("\0",)):
                found.append((token.start, token.end))
    if matcher.phrases:
        found.extend(_phrase_spans(text, matcher.phrases))
    return _merge(found)


def _phrase_spans(text: str, phrases: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    exact = analysis.tokens(text, exact=True)
    by_pos: dict[int, list[analysis.TextToken]] = {}
    for token in exact:
        by_pos.setdefault(token.pos, []).append(token)
    found = []
    for start_pos, tokens_here in by_pos.items():
        for phrase in phrases:
            run = _run_at(by_pos, start_pos, phrase) if tokens_here else None
            if run:
                found.extend(run)
    return found


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


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
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
    marks = spans(text, matcher) if matcher else []
    if not marks:
        opening = _window(text, 0, size)
        return [_render(text, opening, [])] if text.strip() else []
    windows = _best_windows(text, marks, top, size)
    return [_render(text, w, [m for m in marks if w[0] <= m[0] and m[1] <= w[1]]) for w in windows]


def _best_windows(text: str, marks: list[tuple[int, int]], top: int, size: int) -> list[tuple[int, int]]:
    """Pick windows round the densest, most varied clusters of marks, not overlapping."""
    candidates = []
    for i, (start, _end) in enumerate(marks):
        window = _window(text, max(0, start - size // 3), size)
        inside = [m for m in marks[i:] if m[1] <= window[1]]
        variety = len({text[s:e].lower() for s, e in inside})
        candidates.append((variety, len(inside), -start, window))
    candidates.sort(reverse=True)
    # A fragment with fewer of the query's words than the best one adds little.
    best = candidates[0][0]
    candidates = [c for c in candidates if c[0] == best]
    chosen: list[tuple[int, int]] = []
    for *_, window in candidates:
        if all(window[1] <= c[0] or window[0] >= c[1] for c in chosen):
            chosen.append(window)
        if len(chosen) == top:
            break
    return sorted(chosen)


def _window(text: str, start: int, size: int) -> tuple[int, int]:
    """A span of about ``size`` characters from near ``start``, moved to word boundaries."""
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    return start, end


def _render(text: str, window: tuple[int, int], marks: list[tuple[int, int]]) -> str:
    start, end = window
    piece = mark(text[start:end], [(s - start, e - start) for s, e in marks])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{piece.strip()}{suffix}"
