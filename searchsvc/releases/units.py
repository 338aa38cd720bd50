"""The unit a release inspects (PDU, CRC, trust, NPS division, youth justice service, region) and its region."""

from __future__ import annotations

import re

from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences

# Bounded repeats: a place name has a handful of words, and unbounded ones backtrack badly on long
# runs of capitalised words. They are possessive ("{0,30}+"): a word is followed by a space, a comma
# or a hyphen, never a letter, so giving letters back cannot help a match, only slow a failing one.
_WORD = r"[A-Z][\w’']{0,30}+(?:-[\w’']{1,30}+){0,3}+"
_SIMPLE_PLACE = rf"{_WORD}(?:(?:\s+(?:and|&|of|upon|on|the)){{0,2}}\s+{_WORD}){{0,5}}"

# "Barking, Dagenham and Havering": a comma list is part of a name only when it ends in "and".
_LISTED_PLACES = rf"(?:,\s+{_WORD}(?:\s+{_WORD}){{0,2}}){{1,4}},?\s+(?:and|&)\s+{_SIMPLE_PLACE}"
_PLACE = rf"(?P<place>{_SIMPLE_PLACE}(?:{_LISTED_PLACES})?)"
_NPS = r"(?:(?i:national\s+probation\s+service)(?:\s*\(NPS\))?|NPS)(?:[’']s)?\s+(?:(?i:in)\s+(?:the\s+)?)?"
_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_PLACE}\s+(?i:probation\s+delivery\s+unit)\b"), "PDU"),
    (re.compile(rf"{_PLACE}\s+PDU\b"), "PDU"),
    (re.compile(rf"{_PLACE}\s+(?i:community\s+rehabilitation\s+company)\b"), "CRC"),
    (re.compile(rf"{_PLACE}\s+CRC\b"), "CRC"),
    (re.compile(rf"{_PLACE}\s+(?i:probation\s+trust)\b"), "Probation Trust"),
    (re.compile(rf"{_NPS}{_PLACE}\s+(?i:division)\b"), "NPS division"),
    (re.compile(rf"{_PLACE}\s+(?i:division\s+of\s+the\s+national\s+probation\s+service)\b"), "NPS division"),
    (
        re.compile(rf"{_PLACE}\s+(?P<kind>(?i:youth\s+(?:justice|offending)\s+(?:service|team))|YJS|YOT|YOS)\b"),
        "youth justice service",
    ),
    (
        re.compile(rf"(?i:probation\s+service)\s+(?i:in)\s+(?:the\s+)?{_PLACE}\s+(?i:(?:probation\s+)?region)\b"),
        "region",
    ),
)

#: A word each of ``_UNIT_PATTERNS`` cannot match without, looked for first (a fifth of parsing went on
#: trying every capitalised word as the start of a place name).
_UNIT_KEYWORDS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(keyword)
    for keyword in (
        r"(?i:probation\s+delivery\s+unit)",
        r"PDU",
        r"(?i:community\s+rehabilitation\s+company)",
        r"CRC",
        r"(?i:probation\s+trust)",
        r"(?i:division)",
        r"(?i:division\s+of\s+the\s+national\s+probation\s+service)",
        r"(?i:youth\s+(?:justice|offending)\s+(?:service|team))|YJS|YOT|YOS",
        r"(?i:region)",
    )
)
_YOUTH_NAMES = {
    "yjs": "Youth Justice Service",
    "yot": "Youth Offending Team",
    "yos": "Youth Offending Service",
}
_REGION = re.compile(
    rf"(?i:\b(?:in|of|across|for|covering))\s+(?:the\s+)?{_PLACE}\s+(?:\([^)]*\)\s+)?(?i:(?:probation\s+)?region)\b"
)

# Capitalised words that open a sentence or a phrase but are never part of a place name.
_NOT_PLACE = frozenset(
    "The A An At In On Of For From By With And This That These Today Each Every All Many Some Several Other "
    "Inspection Inspectors Inspecting Inspectorate However Overall While Whilst When But Both Our Their Its "
    "His Her HM Majesty’s Majesty's Although After Following Since Meanwhile Local National Probation "
    "Previously Now".split()
)
_INSPECTION = re.compile(r"\b(?:inspect\w*|rated|rating|report\w*|review\w*)\b", re.IGNORECASE)
_THEMATIC = re.compile(r"\bthematic\b", re.IGNORECASE)
_PLURAL_UNITS = re.compile(
    r"\b(?:PDUs|CRCs|Probation\s+Trusts|divisions|youth\s+(?:justice|offending)\s+(?:services|teams)|YOTs|regions)\b",
    re.IGNORECASE,
)
_OPENING_PARAGRAPHS = 3
_OPENING_SENTENCES = 12


def _place(raw: str) -> str | None:
    """A place name without leading sentence words ("At Suffolk" → "Suffolk"); None if nothing is left."""
    words = raw.split()
    while words and (words[0] in _NOT_PLACE or words[0] in {"and", "&", "of", "on", "upon", "the"}):
        words = words[1:]
    return " ".join(words) or None


def _unit_name(match: re.Match[str], place: str, unit_type: str) -> str:
    """The normalised name of a unit: "Norfolk PDU", "NPS Wales", "Leeds Youth Justice Service"."""
    if unit_type in {"PDU", "CRC"}:
        return f"{place} {unit_type}"
    if unit_type == "Probation Trust":
        return f"{place} Probation Trust"
    if unit_type == "NPS division":
        return f"NPS {place}"
    if unit_type == "youth justice service":
        kind = match["kind"]
        return f"{place} {_YOUTH_NAMES.get(kind.lower()) or kind.title()}"
    return place


def _units_in(sentence: str) -> list[tuple[bool, int, str, str]]:
    """(is a region, position, name, unit type) of the first unit each pattern finds in a sentence, regions last."""
    units = []
    for (pattern, unit_type), needed in zip(_UNIT_PATTERNS, _UNIT_KEYWORDS, strict=True):
        if not needed.search(sentence):
            continue  # the pattern's own words are missing: skip trying a place at every capital
        for match in pattern.finditer(sentence):
            place = _place(match["place"])
            if place:
                name = _unit_name(match, place, unit_type)
                units.append((unit_type == "region", match.start(), name, unit_type))
                break  # a later match cannot come first, so the rest of the sentence is not searched
    return sorted(units)


def _subject_unit(sentence: str) -> tuple[str, str] | None:
    """The unit a sentence is about, unless it names one among many ("six PDUs, including Norfolk PDU")."""
    units = _units_in(sentence)
    if not units:
        return None
    plural = _PLURAL_UNITS.search(sentence)
    if plural and plural.start() < units[0][1]:
        return None
    return units[0][2], units[0][3]


def _opening_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The opening sentences, each cut to a window: where a release says what it is about."""
    sentences = [s for paragraph in paragraphs[:_OPENING_PARAGRAPHS] for s in split_sentences(paragraph)]
    return [sentence[:WINDOW] for sentence in sentences[:_OPENING_SENTENCES]]


def inspected_unit(title: str, body: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The inspected unit: the subject of the first inspection sentence; (None, None) for thematic work."""
    if _THEMATIC.search(title):
        return None, None
    fallback = None
    for sentence in _opening_sentences(body):
        unit = _subject_unit(sentence)
        if not _INSPECTION.search(sentence):
            fallback = fallback or unit
        elif _THEMATIC.search(sentence):
            return None, None
        elif unit:
            return unit
    unit = fallback or _subject_unit(title[:WINDOW])
    return unit if unit else (None, None)


def unit_region(unit_type: str | None, pdu: str | None, notes: tuple[str, ...], body: tuple[str, ...]) -> str | None:
    """The probation region the release places the unit in ("East of England"), or the region inspected."""
    if unit_type == "region":
        return pdu
    for text in [note[:WINDOW] for note in notes] + _opening_sentences(body):
        if not may_contain(text, ("region",)):
            continue
        for match in _REGION.finditer(text):
            place = _place(match["place"])
            if place:
                return place
    return None
