"""Sentences about units a release does not inspect: siblings, neighbours and the region a unit belongs to."""

from __future__ import annotations

import re

from searchsvc.releases.units import DESCRIBED
from searchsvc.releases.units import named_units

# A unit's type words, to compare units by their places: "Sutton PDU", "NPS London", "X Youth Justice Service".
_TYPE_WORDS = re.compile(
    r"\b(?:PDU|CRC|NPS|Probation\s+Trust|Approved\s+Premises|Youth\s+\w+\s+(?:Service|Team|Partnership)s?)\b",
    re.IGNORECASE,
)
_NAME_WORD_SPLIT = re.compile(r"[^\w’']+")
_INITIALS = re.compile(r"[A-Z&]{2,6}")
# "The region it belongs to", "Its probation region": a unit's region as a sentence's subject, unnamed.
_REGION_SUBJECT = re.compile(r"\s*(?:the|its|their)\s+(?:probation\s+)?region\b(?![’'])", re.IGNORECASE)


def names_only_other_units(sentence: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a sentence names units and none of them is one the release inspects: "Neighbouring X PDU, inspected
    earlier in the year, was rated ..." in a release on Y PDU. A short name in capitals ("KSS CRC") may be an
    inspected unit's initials, so it is never taken for another unit."""
    # Siblings count here: "Its neighbours X and Y PDUs were both rated ..." names only others.
    named = named_units(sentence)
    if any(_same_unit(name, kind, inspected) for name, kind in named):
        return False
    return bool(inspected and named) or _of_its_region(sentence, inspected)


def _of_its_region(sentence: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a sentence is about the region of the units inspected, none of them a region: "The region it belongs
    to was itself rated 'Inadequate' last year" in a PDU's release rates no inspected unit."""
    return (
        bool(inspected)
        and "egion" in sentence[:40]
        and _REGION_SUBJECT.match(sentence) is not None
        and all(kind != "region" for _, kind in inspected)
    )


def _same_unit(name: str, unit_type: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a unit a sentence names is one of the inspected units: of the same type, and every word of its place
    one of that unit's, however spelt ("Swindon PDU" or "Swansea, Neath & Port Talbot PDU" for "Swindon and
    Wiltshire PDU" or "Swansea Neath Port Talbot PDU"; not "Marchland and Wyvern CRC" for "NPS Marchland")."""
    bare = _TYPE_WORDS.sub("", name).strip()
    # "the Sodexo-owned CRC": a description of the unit, not another unit's place.
    if not bare or _INITIALS.fullmatch(bare) or DESCRIBED.search(bare):
        return True
    words = _place_words(bare)
    return any(kind == unit_type and words <= _place_words(other) for other, kind in inspected)


def _place_words(name: str) -> set[str]:
    """The words of a unit's name that tell its place, in lower case, without "and", "of" or "the"."""
    return set(_NAME_WORD_SPLIT.split(name.lower())) - {"", "and", "of", "the"}
