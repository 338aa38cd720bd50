"""Text to structure: the title, the body paragraphs, the notes to editors, and the lists among them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from searchsvc.errors import ReleaseError
from searchsvc.releases.decode import unify_line_breaks
from searchsvc.releases.model import ListSpan
from searchsvc.releases.text import squash

_NOTES_HEADING = re.compile(
    r"^[\s*#_]*(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|editors?[’']?s?[’']?\s+notes?)"
    r"[\s*#_]*:?[\s*#_]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ENDS = re.compile(r"^\W*ends?\W*$", re.IGNORECASE)
# Either of the two, tried once a line: most lines are neither, and each match call costs more than its test.
_SECTION_BREAK = re.compile(f"{_ENDS.pattern}|{_NOTES_HEADING.pattern}", re.IGNORECASE)
#: A list item's marker opening a line: a bullet as releases, web pages and word processors write them
#: ("o" is Word's second level), a number ("1." "2)" "(3)"), or a letter or roman numeral ("(a)" "b)" "c."
#: "(iv)"); then white space, or the line's end, as text copied from a page can leave the bullet on a line of
#: its own. Only lower-case letters: "A. Smith" opening a wrapped line is a name, not an item.
_MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[•·▪◦○●‣∙*\-–—]|o(?=\s))"
    r"|\(?(?P<number>\d{1,3})[.)]"
    r"|\((?P<letter>[a-z]|[ivx]{2,4})\)|(?P<bare_letter>[a-z]|[ivx]{2,4})[.)]"
    r")(?:\s+|$)"
)
_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}
#: What a line ``_MARKER`` matches can open with, besides white space, a digit or a lower-case letter: most
#: lines open otherwise (a capital, a quote), and a test of one character turns them down before the match.
_MARKER_OPENINGS = frozenset("•·▪◦○●‣∙*-–—(")


@dataclass
class _Paragraph:
    """A paragraph being joined from lines, with the kind of marker that opened it (None: unmarked)."""

    lines: list[str]
    kind: str | None
    label: str
    #: The lines joined and squashed, once they are all in.
    text: str = ""


class Sections(NamedTuple):
    """What ``split_release`` finds: the parts of a release, and which of its paragraphs are list items."""

    title: str
    body: tuple[str, ...]
    notes: tuple[str, ...]
    body_lists: tuple[ListSpan, ...]
    notes_lists: tuple[ListSpan, ...]


def _split_sections(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after the title into body and notes at the first ENDS line or notes heading."""
    for index, line in enumerate(lines):
        if _SECTION_BREAK.match(line):
            return lines[:index], [_notes_line(rest) for rest in lines[index:]]
    return lines, []


def _notes_line(line: str) -> str:
    """A notes-section line with ENDS and headings blanked, keeping any text after a heading."""
    if _ENDS.match(line):
        return ""
    heading = _NOTES_HEADING.match(line)
    return heading["rest"] if heading else line


def _join_paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Join lines into paragraphs: a blank line or a marked line starts a new one; the marker is removed."""
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    for line in lines:
        if not line or line.isspace():
            current = None
            continue
        marked = _MARKER.match(line) if _may_be_marked(line[:1]) else None
        if marked:
            kind = next(name for name, value in marked.groupdict().items() if value is not None)
            current = _Paragraph([line[marked.end() :]], kind.removeprefix("bare_"), marked[kind])
            paragraphs.append(current)
        elif current is None:
            current = _Paragraph([line], None, "")
            paragraphs.append(current)
        else:
            current.lines.append(line)
    for paragraph in paragraphs:
        lines = paragraph.lines
        paragraph.text = squash(lines[0] if len(lines) == 1 else " ".join(lines))
    return [p for p in paragraphs if p.text]


def _may_be_marked(first: str) -> bool:
    """Whether a line opening with the character ``first`` may open with a list item's marker."""
    return first in _MARKER_OPENINGS or first.isspace() or first.isdigit() or "a" <= first <= "z"


def _runs(paragraphs: list[_Paragraph]) -> list[ListSpan]:
    """Each run of paragraphs marked the same way (bullets, numbers or letters) as one list."""
    spans: list[ListSpan] = []
    start = 0
    for end in range(1, len(paragraphs) + 1):
        if end < len(paragraphs) and paragraphs[end].kind == paragraphs[start].kind:
            continue
        if paragraphs[start].kind is not None:
            spans.append(_span(start, end, paragraphs[start]))
        start = end
    return spans


def _span(start: int, end: int, first: _Paragraph) -> ListSpan:
    """The list of paragraphs ``start:end``, numbered from its first item's label."""
    label = first.label
    if first.kind == "number":
        return ListSpan(start, end, "number", int(label))
    if first.kind == "letter" and (label == "i" or len(label) > 1):
        return ListSpan(start, end, "roman", _roman(label))
    if first.kind == "letter":
        return ListSpan(start, end, "letter", ord(label) - ord("a") + 1)
    return ListSpan(start, end, "bullet")


def _roman(label: str) -> int:
    """The value of a small roman numeral in lower case ("iv" is 4)."""
    values = [_ROMAN_DIGITS[digit] for digit in label]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0], strict=True))


def _notes_lists(paragraphs: list[_Paragraph]) -> tuple[ListSpan, ...]:
    """The lists inside notes: runs marked unlike the notes themselves, after a note they belong to.

    Numbers, and whatever marks the first note, number the notes themselves
    (as they always have). A run marked otherwise belongs to the note before
    it when that note is itself marked, or ends in a colon that leads into
    the run; after any other paragraph the run's items stay notes of their own.
    """
    own = {"number", paragraphs[0].kind if paragraphs else None} - {None}
    nested = []
    for span in _runs(paragraphs):
        if span.start == 0 or paragraphs[span.start].kind in own:
            continue
        before = paragraphs[span.start - 1]
        if before.kind in own or before.text.endswith(":"):
            nested.append(span)
    return tuple(nested)


def split_release(text: str) -> Sections:
    """The title, body paragraphs, notes and lists of decoded text. :raise ReleaseError: no non-empty line."""
    lines = unify_line_breaks(text).split("\n")
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ReleaseError("no title (the text has no non-empty line)")
    body_lines, notes_lines = _split_sections(lines[start + 1 :])
    body, notes = _join_paragraphs(body_lines), _join_paragraphs(notes_lines)
    return Sections(
        title=squash(lines[start]),
        body=tuple(p.text for p in body),
        notes=tuple(p.text for p in notes),
        body_lists=tuple(_runs(body)),
        notes_lists=_notes_lists(notes),
    )
