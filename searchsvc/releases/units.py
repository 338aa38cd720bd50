"""The units a release inspects (PDU, CRC, trust, NPS division, youth justice service, region, approved
premises, national) and the region they are in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from searchsvc.releases.regions import canonical_region
from searchsvc.releases.regions import region_named_in
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences

# Bounded repeats: a place name has a handful of words, and unbounded ones backtrack badly on long
# runs of capitalised words. They are possessive ("{0,30}+"): a word is followed by a space, a comma
# or a hyphen, never a letter, so giving letters back cannot help a match, only slow a failing one.
# A unit's own abbreviation is never a word of a place: "Tameside PDU and Wigan PDU" is two units.
_WORD = r"(?!(?:PDU|CRC|YOT|YJS|YOS|NPS)\b)[A-Z][\w’']{0,30}+(?:-[\w’']{1,30}+){0,3}+"
_SIMPLE_PLACE = rf"{_WORD}(?:(?:\s+(?:and|&|of|upon|on|the)){{0,2}}\s+{_WORD}){{0,5}}"

# "Barking, Dagenham and Havering": a comma list is part of a name only when it ends in "and".
_LISTED_PLACES = rf"(?:,\s+{_WORD}(?:\s+{_WORD}){{0,2}}){{1,4}},?\s+(?:and|&)\s+{_SIMPLE_PLACE}"
_PLACE = rf"(?P<place>{_SIMPLE_PLACE}(?:{_LISTED_PLACES})?)"
#: The type of a pattern that names a region only if its place is one of the twelve.
_NAMED_REGION = "named region"
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
    # "The probation service, also known as a Probation Delivery Unit (PDU*), for X", "or PDU*, in X".
    (
        re.compile(
            rf"(?:(?i:probation\s+delivery\s+unit)|PDU)\*?\s*(?:\(PDU\*?\))?\s*,?\s+(?i:for|in|covering)\s+{_PLACE}"
        ),
        "PDU",
    ),
    # "Probation services in Kent, Surrey and Sussex (KSS) have ...": a region only when the place is one.
    (re.compile(rf"(?i:probation\s+services?)\s+(?i:in|across|for)\s+(?:the\s+)?{_PLACE}"), _NAMED_REGION),
    (re.compile(rf"(?i:across|in)\s+the\s+{_PLACE}\s+(?i:region\s+of\s+the\s+probation\s+service)"), "region"),
    (re.compile(rf"{_PLACE}\s+(?i:approved\s+premises)\b"), "approved premises"),
    (
        re.compile(
            r"(?i:national\s+inspection\s+of)\s+(?:the\s+)?"
            r"(?P<place>(?:(?:HM|His\s+Majesty[’']s)\s+)?Prison\s+and\s+Probation\s+Service|HMPPS|Probation\s+Service)"
        ),
        "national",
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
        r"(?=[PUu])(?:PDU|[Uu]nit|UNIT)\*?(?:\s*\(PDU\*?\))?\s*,?\s+(?i:for|in|covering)\s+[A-Z]",
        r"(?i:probation\s+services?)\s+(?i:in|across|for)\s+(?:the\s+)?[A-Z]",
        r"(?i:region\s+of\s+the\s+probation)",
        r"(?i:approved\s+premises)",
        r"(?i:national\s+inspection)",
    )
)
#: Lower-case words the newer, rarer patterns cannot match without: a test in C before their keyword.
_UNIT_HINTS: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "probation service",
    "region",
    "premises",
    "national",
)
_YOUTH_NAMES = {
    "yjs": "Youth Justice Service",
    "yot": "Youth Offending Team",
    "yos": "Youth Offending Service",
}
_REGION = re.compile(
    rf"(?:(?i:\b(?:in|of|across|for|covering))|(?i:probation\s+service)\s*[–—-])\s+(?:the\s+)?{_PLACE}\s+(?:\([^)]*\)\s+)?(?i:(?:probation\s+)?region)\b"
)

# Capitalised words that open a sentence or a phrase but are never part of a place name.
_NOT_PLACE = frozenset(
    "The A An At In On Of For From By With And This That These Today Each Every All Many Some Several Other "
    "Inspection Inspectors Inspecting Inspectorate However Overall While Whilst When But Both Our Their Its "
    "His Her HM Majesty’s Majesty's Although After Following Since Meanwhile Local National Probation "
    "Previously Now First New Second Third Both".split()
)
_INSPECTION = re.compile(r"\b(?:inspect\w*|rated|rating|report\w*|review\w*)\b", re.IGNORECASE)
_THEMATIC = re.compile(r"\bthematic\b", re.IGNORECASE)
_PLURAL_UNITS = re.compile(
    r"\b(?:PDUs|CRCs|Probation\s+Trusts|divisions|youth\s+(?:justice|offending)\s+(?:services|teams)|YOTs|regions)\b",
    re.IGNORECASE,
)
_OPENING_PARAGRAPHS = 3
_SIBLING_REACH = 40
_SIBLING_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,\s*which\s+(?:\w+\s+){0,2}?(?:received|was|were|has|had|got)\b", re.I
)
_SIBLING_BEFORE = re.compile(
    r"\b(?:(?:second|other|another|first)\s+(?:one\s+)?(?:is|was)|like|unlike|than|as\s+with|compared\s+(?:with|to)"
    r"|also\s+published\s+(?:on|for|about))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OPENING_SENTENCES = 12


def _place(raw: str) -> str | None:
    """A place name without leading sentence words ("At Suffolk" → "Suffolk"); None if nothing is left."""
    words = raw.split()
    while words and (words[0] in _NOT_PLACE or words[0] in {"and", "&", "of", "on", "upon", "the"}):
        words = words[1:]
    return " ".join(words) or None


def _unit_name(match: re.Match[str], place: str, unit_type: str) -> str | None:
    """The normalised name of a unit: "Norfolk PDU", "NPS Wales", "Leeds Youth Justice Service"; None if no unit."""
    if unit_type in {"PDU", "CRC"}:
        return f"{place} {unit_type}"
    if unit_type in {"Probation Trust", "approved premises"}:
        return f"{place} {'Probation Trust' if unit_type == 'Probation Trust' else 'Approved Premises'}"
    if unit_type == "NPS division":
        return f"NPS {place}"
    if unit_type == "youth justice service":
        kind = match["kind"]
        return f"{place} {_YOUTH_NAMES.get(kind.lower()) or kind.title()}"
    if unit_type == "national":
        return "HM Prison and Probation Service" if "Prison" in place or place == "HMPPS" else "Probation Service"
    # "Probation services in X" names a region only when X is one of the twelve: Nottinghamshire is not.
    return canonical_region(place) or (place if unit_type == "region" else None)


def _is_sibling(sentence: str, match: re.Match[str]) -> bool:
    """A unit only mentioned: "X PDU, which received ...", "The second is X PDU", "like X PDU"."""
    before, after = sentence[max(0, match.start() - _SIBLING_REACH) : match.start()], sentence[match.end() :]
    return bool(_SIBLING_AFTER.match(after) or _SIBLING_BEFORE.search(before))


def _units_in(sentence: str) -> list[tuple[bool, int, str, str]]:
    """(is a region, position, name, unit type) of every unit a sentence names, regions last, siblings left out."""
    units = []
    lowered = sentence.lower()
    for (pattern, unit_type), needed, hint in zip(_UNIT_PATTERNS, _UNIT_KEYWORDS, _UNIT_HINTS, strict=True):
        if hint not in lowered:
            continue
        for match in _matches(pattern, needed, sentence):
            place = _place(match["place"])
            name = _unit_name(match, place, unit_type) if place else None
            if name and not _is_sibling(sentence, match):
                kind = "region" if unit_type == _NAMED_REGION else unit_type
                units.append((kind == "region", match.start(), name, kind))
    return sorted(units)


def _matches(pattern: re.Pattern[str], needed: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """Each match of ``pattern``, looked for only while the word it cannot match without is still ahead.

    Trying a place at every capital letter was a fifth of parsing; most sentences hold no unit or one.
    """
    position = 0
    while (keyword := needed.search(sentence, position)) is not None:
        match = pattern.search(sentence, position)
        if match is None:
            return
        yield match
        position = max(match.end(), keyword.start() + 1)


def _subject_units(sentence: str) -> list[tuple[str, str]]:
    """The units a sentence is about, unless it names them among many ("six PDUs, including Norfolk PDU")."""
    units = _units_in(sentence)
    if not units:
        return []
    plural = _PLURAL_UNITS.search(sentence)
    if plural and plural.start() < units[0][1]:
        return []
    # A region beside a unit is where the unit is, not a second unit.
    kept = [unit for unit in units if not unit[0]] or units[:1]
    return list(dict.fromkeys((name, unit_type) for _, _, name, unit_type in kept))


def _opening_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The opening sentences, each cut to a window: where a release says what it is about."""
    sentences = [s for paragraph in paragraphs[:_OPENING_PARAGRAPHS] for s in split_sentences(paragraph)]
    return [sentence[:WINDOW] for sentence in sentences[:_OPENING_SENTENCES]]


def inspected_units(title: str, body: tuple[str, ...]) -> list[tuple[str, str]]:
    """The inspected units (name, type): the subjects of the first inspection sentence; none for thematic work."""
    if _THEMATIC.search(title):
        return []
    fallback: list[tuple[str, str]] = []
    for sentence in _opening_sentences(body):
        units = _subject_units(sentence)
        if not _INSPECTION.search(sentence):
            fallback = fallback or units
        elif _THEMATIC.search(sentence):
            return []
        elif units:
            return units
    return fallback or _subject_units(title[:WINDOW])


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
                return canonical_region(place) or place
    return None


def title_region(title: str) -> str | None:
    """A region the title names: "... in the Kent, Surrey, and Sussex region", "London's PDUs"."""
    if "region" not in title.lower() and "London" not in title and "Wales" not in title:
        return None
    region = region_named_in(title)
    # "North East Lincolnshire" is a county, not the North East: a title names a region as one.
    return region if region and ("region" in title.lower() or region in {"London", "Wales"}) else None
