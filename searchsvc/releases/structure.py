"""Text to structure: the title, the body paragraphs and the notes to editors."""

from __future__ import annotations

import re

from searchsvc.errors import ReleaseError
from searchsvc.releases.decode import unify_line_breaks
from searchsvc.releases.text import squash

_NOTES_HEADING = re.compile(
    r"^[\s*#_]*(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|editors?[’']?s?[’']?\s+notes?)"
    r"[\s*#_]*:?[\s*#_]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ENDS = re.compile(r"^\W*ends?\W*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·▪◦○●‣∙*\-–—]\s+")
_NOTE_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[•·▪◦○●‣∙*\-–—])\s+")


def _split_sections(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after the title into body and notes at the first ENDS line or notes heading."""
    for index, line in enumerate(lines):
        if _ENDS.match(line) or _NOTES_HEADING.match(line):
            return lines[:index], [_notes_line(rest) for rest in lines[index:]]
    return lines, []


def _notes_line(line: str) -> str:
    """A notes-section line with ENDS and headings blanked, keeping any text after a heading."""
    if _ENDS.match(line):
        return ""
    heading = _NOTES_HEADING.match(line)
    return heading["rest"] if heading else line


def _join_paragraphs(lines: list[str], marker: re.Pattern[str]) -> list[str]:
    """Join lines into paragraphs: a blank line or a marked line starts a new one; the marker is removed."""
    paragraphs: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if not line.strip():
            current = None
            continue
        marked = marker.match(line)
        if marked or current is None:
            current = []
            paragraphs.append(current)
        current.append(line[marked.end() :] if marked else line)
    return [text for text in (squash(" ".join(lines)) for lines in paragraphs) if text]


def split_release(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The title, body paragraphs and notes of decoded text. :raise ReleaseError: no non-empty line."""
    lines = unify_line_breaks(text).split("\n")
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ReleaseError("no title (the text has no non-empty line)")
    title = squash(lines[start])
    body_lines, notes_lines = _split_sections(lines[start + 1 :])
    return title, tuple(_join_paragraphs(body_lines, _BULLET)), tuple(_join_paragraphs(notes_lines, _NOTE_ITEM))
