"""Text to structure: the title, the body paragraphs, the notes to editors, and the lists among them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from searchsvc.errors import ReleaseError
from searchsvc.releases.decode import unify_line_breaks
from searchsvc.releases.model import ListSpan
from searchsvc.releases.text import is_heading
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
#: The longest line of text hard-wrapped by a mail program, an editor or a PDF's text layer; a release copied
#: from a page or a word processor has paragraphs longer than this on one line each.
_WRAP_WIDTH_MAX = 120
#: A line of fewer words is a page's line or a heading, even ending in a full stop ("Subscribe today.").
_PROSE_WORDS = 5
#: The most lines a hard-wrapped title runs to; a longer first block is a title run into its first paragraph.
_TITLE_LINES = 3
#: What a line that ends a sentence or leads into a list ends with; a line that ends otherwise and is followed
#: by one opening in lower case is a paragraph broken across lines.
_PARAGRAPH_ENDINGS = ".!?…:;"
#: What may close a sentence after its end: quotes and brackets ("… far better.”").
_CLOSERS = "\"”’')]"


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


def _wrap_width(lines: list[str]) -> int | None:
    """The width ``lines`` are hard-wrapped at (their longest line of words), or None when they are not.

    Text copied from a page or a word processor puts each paragraph on a line of its own, and a release's
    paragraphs run past any wrapping width; text hard-wrapped by a mail program or an editor never does.
    """
    width = 0
    for line in lines:
        # Most texts show a paragraph's line past the maximum within a few lines, and stop there.
        if len(line) > width and " " in line.strip():
            width = len(line.rstrip())
            if width > _WRAP_WIDTH_MAX:
                return None
    return width


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Whether ``line`` carries on the paragraph ``previous`` is the last line of.

    In hard-wrapped text (``width``) every line does, as only blank lines part its paragraphs. Otherwise each line
    is a paragraph, unless it goes on with a sentence ``previous`` broke off (it opens in lower case, and
    ``previous`` ends in no sentence's end), or both are short lines (a menu, a byline, an address), which stay
    together as they always have.
    """
    if width is not None or not previous.strip():  # a list item's marker on a line of its own, then its text
        return True
    if line.lstrip()[:1].islower() and previous.rstrip().rstrip(_CLOSERS)[-1:] not in _PARAGRAPH_ENDINGS:
        return True
    return _is_short_line(previous) and _is_short_line(line)


def _fits(previous: str, line: str, width: int) -> bool:
    """Whether the first word of ``line`` would have fitted on ``previous`` in text wrapped at ``width``."""
    return len(previous.rstrip()) + 1 + len(line.split(maxsplit=1)[0]) <= width


def _is_short_line(line: str) -> bool:
    """Whether a line is a heading or a page's short line ("One app.", "By a staff reporter"), not prose."""
    line = line.strip()
    return is_heading(line) or line.count(" ") < _PROSE_WORDS - 1


def _join_paragraphs(lines: list[str], width: int | None) -> list[_Paragraph]:
    """Join lines into paragraphs, removing list markers: a blank line or a marked line starts a new paragraph,
    and so does a line that does not carry on the one before it (``_continues``; ``width``: the text's wrap)."""
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
        elif current is None or not _continues(current.lines[-1], line, width):
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


def _is_marked(line: str) -> bool:
    """Whether a line opens with a list item's marker."""
    return _may_be_marked(line[:1]) and _MARKER.match(line) is not None


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
    width = _wrap_width(lines)
    end = _title_end(lines, start, width)
    body_lines, notes_lines = _split_sections(lines[end:])
    body, notes = _join_paragraphs(body_lines, width), _join_paragraphs(notes_lines, width)
    return Sections(
        title=squash(" ".join(lines[start:end])),
        body=tuple(p.text for p in body),
        notes=tuple(p.text for p in notes),
        body_lists=tuple(_runs(body)),
        notes_lists=_notes_lists(notes),
    )


def _title_end(lines: list[str], start: int, width: int | None) -> int:
    """The index after the title's last line: its first non-empty line, or in hard-wrapped text (``width``) the
    lines before the first blank one, when they are few enough for a title and each was wrapped (the first word
    of the next would not have fitted on it)."""
    end = start + 1
    if width is None:
        return end
    block_end = next((index for index in range(end, len(lines)) if not lines[index].strip()), len(lines))
    if block_end - start > _TITLE_LINES or any(_is_marked(line) for line in lines[end:block_end]):
        return end
    wrapped = not any(_fits(lines[index - 1], lines[index], width) for index in range(end, block_end))
    return block_end if wrapped else end
