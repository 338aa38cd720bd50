"""What a release is (inspection, thematic inspection, annual report, corporate news) and its report's address."""

from __future__ import annotations

import re

from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences

_ANNUAL = re.compile(r"\bannual\s+report\b", re.IGNORECASE)
_THEMATIC = re.compile(r"\b(?:thematic|joint\s+(?:\w+\s+)?inspection|joint\s+review)\b", re.IGNORECASE)
_CORPORATE = re.compile(
    r"\b(?:(?:re-?)?appoint(?:ed|ment|s)?|consultation|farewell|steps?\s+down|business\s+plan|vacanc(?:y|ies)"
    r"|recruit(?:ing|ment)|corporate)\b",
    re.IGNORECASE,
)
_INSPECTED = re.compile(r"\b(?:inspect(?:ed|ion|ors?)|rated|rating)\b", re.IGNORECASE)
_URL = re.compile(r"\bhttps?://[^\s<>\"'“”‘’()\[\]]+", re.IGNORECASE)
_OPENING_SENTENCES = 2


def _opening(title: str, body: tuple[str, ...]) -> str:
    """The title and the first sentences: where a release says what it is."""
    sentences = [s for paragraph in body[:2] for s in split_sentences(paragraph)][:_OPENING_SENTENCES]
    return " ".join([title, *sentences])


def release_kind(title: str, body: tuple[str, ...], has_units: bool, has_rating: bool) -> str:
    """One of ``KINDS``: judged by the title first, then by the opening sentences."""
    opening = _opening(title, body)
    if may_contain(opening, ("annual", "thematic", "joint")):
        for text in (title, opening):
            if _ANNUAL.search(text):
                return "annual report"
            if _THEMATIC.search(text):
                return "thematic inspection"
    if has_units or has_rating:
        return "inspection"
    if _CORPORATE.search(title) or not _INSPECTED.search(opening):
        return "corporate news"
    return "thematic inspection"


def source_url(notes: tuple[str, ...], body: tuple[str, ...]) -> str | None:
    """The first http or https address in the notes, else in the body, without trailing punctuation."""
    for text in (*notes, *body):
        if "http" not in text.lower():
            continue
        match = _URL.search(text)
        if match:
            return match.group().rstrip(".,;:!?")
    return None
