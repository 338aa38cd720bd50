"""The probation region a release places its unit in, read from the notes, the opening sentences or the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from searchsvc.releases.placenames import place_name
from searchsvc.releases.regions import ENGLAND_AND_WALES
from searchsvc.releases.regions import canonical_region
from searchsvc.releases.regions import region_named_in
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import may_contain
from searchsvc.releases.unitnames import PLACE
from searchsvc.releases.units import opening_sentences

_REGION = re.compile(
    # "managed by the Probation Service’s London region": an approved premises is run by its region.
    # "The unit, which belongs to the X region", "one of the units making up the Probation Service's X region".
    rf"(?:(?i:\b(?:in|of|across|for|covering|by|within|belongs?\s+to|belonging\s+to|mak(?:e|es|ing)\s+up))"
    rf"|(?i:probation\s+service)\s*[–—-])\s+(?:the\s+)?{PLACE}\s+(?:\([^)]*\)\s+)?(?i:(?:probation\s+)?region)\b"
)
# "A probation unit in Greater Manchester": a unit placed in one of the twelve by name alone. Not "a probation
# service in the South West", which before 2021 was one of several providers somewhere in the south west.
_UNIT_IN = re.compile(rf"(?i:probation\s+(?:delivery\s+)?units?)\s+(?i:in)\s+(?:the\s+)?{PLACE}")
# "The probation delivery unit serving X, in Greater Manchester", "one of the PDUs that make up the Probation Service
# in Wales": a unit placed, past its own name, in one of the twelve.
_UNIT_THEN_IN = re.compile(
    rf"(?:(?i:probation\s+delivery\s+units?)|PDUs?)\b[^.;:,]{{0,50}}?,\s+(?i:in)\s+(?:the\s+)?{PLACE}"
)
_MAKE_UP_SERVICE_IN = re.compile(
    rf"(?i:PDUs?\s+(?:that|which)\s+make\s+up\s+the\s+probation\s+service\s+in)\s+(?:the\s+)?{PLACE}"
)
# "X PDU is part of the Probation Service in Wales": the unit placed in the service of one of the twelve.
_PART_OF_SERVICE_IN = re.compile(
    rf"(?:(?i:\b(?:unit|service))|PDU)\s+(?i:is\s+(?:a\s+)?part\s+of\s+the\s+probation\s+service\s+in)\s+(?:the\s+)?{PLACE}"
)
# "The East Midlands region, to which the unit belongs, ...", "The North East region, of which the PDU is part":
# the region the unit is in, named as the subject of its own clause.
_REGION_OF_THE_UNIT = re.compile(
    rf"(?i:\bthe)\s+{PLACE}\s+(?i:(?:probation\s+)?region),\s+(?i:(?:to|of|in)\s+which\s+the\s+(?:unit|PDU|service))\b"
)
# "It is one of 11 in Yorkshire and the Humber", "The unit is one of ten PDUs in the North West": the unit itself
# counted among a region's (only one of the twelve is a region: "one of five units in West Yorkshire" places none;
# "Y PDU, its neighbour, is one of nine in ..." places the neighbour).
_IT_IS_ONE_OF_IN = re.compile(
    rf"(?:\bIt|\b[Tt]he\s+(?:unit|PDU|service))\s+is\s+(?i:one\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+in)\s+"
    rf"(?:the\s+)?{PLACE}"
)
#: How many paragraphs may count the unit among its region's: a local paper says so after the quotes.
_COUNTED_PARAGRAPHS = 10
_AREAS_OF = re.compile(rf"(?i:\b(?:areas?|parts?)\s+of)\s+(?:the\s+)?{PLACE}")
_POSSESSOR = re.compile(r"^.*[’']s\s+")
#: The patterns placing a unit in a region without the word "region", each with the words it cannot match without
#: (most sentences name a unit, few place it, and a test in C turns them down before the search).
_PLACING_PATTERNS = (
    (_AREAS_OF, ("area", "part")),
    (_UNIT_IN, ("unit in", "units in")),
    (_UNIT_THEN_IN, (", in",)),
    (_MAKE_UP_SERVICE_IN, ("make up",)),
    (_PART_OF_SERVICE_IN, ("part of",)),
)
#: Every word some pattern of ``_regions_in`` cannot match without: nine texts in ten hold none, and one test of
#: them all turns such a text down where each pattern's own test cost a call apiece.
_REGION_HINTS = ("region", *(hint for _, hints in _PLACING_PATTERNS for hint in hints))


def unit_region(unit_type: str | None, pdu: str | None, notes: tuple[str, ...], body: tuple[str, ...]) -> str | None:
    """The probation region the release places the unit in ("East of England"), or the region inspected."""
    if unit_type == "region":
        return pdu
    for text in [note[:WINDOW] for note in notes] + opening_sentences(body):
        region = next(_regions_in(text), None) if may_contain(text, _REGION_HINTS) else None
        if region:
            return region
    return _counted_among(body[:_COUNTED_PARAGRAPHS])


def _counted_among(paragraphs: tuple[str, ...]) -> str | None:
    """The region a paragraph counts the unit itself among ("It is one of 11 in Yorkshire and the Humber"), as a
    local paper may only after the quotes: "it" or "the unit" as the subject, never a neighbour named."""
    for paragraph in paragraphs:
        match = _IT_IS_ONE_OF_IN.search(paragraph) if "one of" in paragraph else None
        region = canonical_region(match["place"]) if match else None
        if region:
            return region
    return None


def _regions_in(text: str) -> Iterator[str]:
    """The regions ``text`` places something in: "in the X region", "in two areas of the North East", or
    "a probation unit in Greater Manchester"."""
    if may_contain(text, ("region",)):
        for match in _REGION.finditer(text):
            place = place_name(match["place"])
            # "the Probation Service’s West Midlands region": the region's name follows the possessive.
            place = _POSSESSOR.sub("", place) if place else place
            if place:
                yield _region_at_end(place) or place
        regions = (canonical_region(match["place"]) for match in _REGION_OF_THE_UNIT.finditer(text))
        yield from (region for region in regions if region)
    # Without the word "region" only one of the twelve is a region: "parts of Leeds" is not.
    for pattern, hints in _PLACING_PATTERNS:
        if may_contain(text, hints):
            regions = (canonical_region(match["place"]) for match in pattern.finditer(text))
            yield from (region for region in regions if region)


def _region_at_end(place: str) -> str | None:
    """The region a place ends with: "Probation Service’s South West" → "South West"."""
    words = place.split()
    return next((region for i in range(len(words)) if (region := canonical_region(" ".join(words[i:])))), None)


def title_region(title: str) -> str | None:
    """A region the title names: "... in the Kent, Surrey, and Sussex region", "London's PDUs"."""
    if "region" not in title.lower() and "London" not in title and "Wales" not in title:
        return None
    # "England and Wales" is the whole service, not the Wales region.
    region = region_named_in(ENGLAND_AND_WALES.sub("", title))
    # "North East Lincolnshire" is a county, not the North East: a title names a region as one.
    return region if region and ("region" in title.lower() or region in {"London", "Wales"}) else None
