"""Sentences about units a release does not inspect: siblings, neighbours, the region or provider beside a unit."""

from __future__ import annotations

import re

from searchsvc.releases.units import named_units
from searchsvc.releases.unittypes import DESCRIBED
from searchsvc.releases.unittypes import subject_of_another_type

# A unit's type words, to compare units by their places: "Sutton PDU", "NPS London", "X Youth Justice Service".
_TYPE_WORDS = re.compile(
    r"\b(?:PDU|CRC|NPS|Probation\s+Trust|Approved\s+Premises|Youth\s+\w+\s+(?:Service|Team|Partnership)s?)\b",
    re.IGNORECASE,
)
_NAME_WORD_SPLIT = re.compile(r"[^\w’']+")
_INITIALS = re.compile(r"[A-Z&]{2,6}")
# "The region it belongs to", "Its probation region", "The CRC in the same area": a unit of some type as a sentence's
# subject, unnamed.
_UNNAMED_SUBJECT = re.compile(
    # "The East Midlands region, to which the unit belongs, was itself rated": a region by its name too
    r"\s*(?:the|its|their)\s+(?:(?:(?-i:[A-Z][\w’'-]*)\s+(?:(?:and\s+the|and|of)\s+)?){1,3}?(?=region\b))?(?:probation\s+)?(?P<noun>region|CRC|community\s+rehabilitation\s+company"
    r"|NPS(?:\s+division)?|national\s+probation\s+service|PDU|probation\s+delivery\s+unit|YOT|YJS|YOS"
    r"|approved\s+premises|probation\s+trust)\b(?![’'])"
    # "The probation delivery unit for the Fenland Marshes": a place after the noun names the unit
    r"(?!\s+(?:for|in|of|at|covering|serving)\s+(?:the\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "The only other approved premises in the city, X, was rated ...", "Another PDU in the county": a unit beside the one
# a single-unit release inspects.
# "Only two other PDUs in England and Wales have received an 'Outstanding' rating": others counted, none this one.
_ANOTHER_SUBJECT = re.compile(
    r"\s*(?:the\s+(?:only\s+)?other|another|(?:(?:only|just)\s+)?(?:two|three|four|five|six|\d+)\s+other)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:region|CRC|NPS|PDU|probation\s+delivery\s+unit|YOT|YJS|YOS|youth\s+\w+\s+(?:service|team)|approved\s+premises"
    r"|probation\s+trust|division|unit)s?\b",
    re.IGNORECASE,
)
# The unit type each noun names, by its first letters in lower case.
_NOUN_TYPES = (
    ("region", "region"),
    ("crc", "CRC"),
    ("community", "CRC"),
    ("nps", "NPS division"),
    ("national", "NPS division"),
    ("pdu", "PDU"),
    ("probation delivery", "PDU"),
    ("y", "youth justice service"),
    ("approved", "approved premises"),
    ("probation trust", "Probation Trust"),
)


def names_only_other_units(sentence: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a sentence names units and none of them is one the release inspects: "Neighbouring X PDU, inspected
    earlier in the year, was rated ..." in a release on Y PDU. A short name in capitals ("KSS CRC") may be an
    inspected unit's initials, so it is never taken for another unit."""
    # Siblings count here: "Its neighbours X and Y PDUs were both rated ..." names only others.
    named = named_units(sentence)
    if any(_same_unit(name, kind, inspected) for name, kind in named):
        return False
    if named:
        return bool(inspected)
    # A unit named by its type alone, of a type the release inspects none of: "The region it belongs to ...", "The
    # National Probation Service division covering the same area ...".
    if len(inspected) == 1 and _ANOTHER_SUBJECT.match(sentence):
        return True
    return _of_another_type(sentence, inspected) or (bool(inspected) and subject_of_another_type(sentence, inspected))


def _of_another_type(sentence: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a sentence is about an unnamed unit of a type the release inspects none of: "The region it belongs to
    was itself rated 'Inadequate' last year" in a PDU's release, "The CRC in the same area, which was rated ... in
    2018, is not covered by this report" in an NPS division's."""
    match = _UNNAMED_SUBJECT.match(sentence) if inspected else None
    if match is None:
        return False
    noun = match["noun"].lower()
    unit_type = next(kind for start, kind in _NOUN_TYPES if noun.startswith(start))
    return all(kind != unit_type for _, kind in inspected)


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
