"""A unit's type told by its words ("NPS", "youth offending team"), for a sentence about a unit named by its type
alone."""

from __future__ import annotations

import re

# "the Sodexo-owned CRC": who owns or runs a unit describes it, and is no place.
DESCRIBED = re.compile(r"\w-(?:owned|run|based|led|managed)$")
# A unit's type word: "NPS", "Community Rehabilitation Company", "youth offending team" (never a plural).
_TYPE_WORD = (
    r"(?P<type>NPS|National\s+Probation\s+Service|CRC|Community\s+Rehabilitation\s+Company|PDU"
    r"|probation\s+delivery\s+unit|YOT|YJS|YOS|youth\s+(?:justice|offending)\s+(?:service|team)|approved\s+premises)"
    r"(?![\w’'])"
)
_TYPE_WORD_ANYWHERE = re.compile(rf"\b{_TYPE_WORD}", re.IGNORECASE)
# "The National Probation Service division covering the same area ... was given an overall rating of 'Good'" in a
# release on a CRC: a sentence whose subject is one unit by its type alone, a type the release inspects none of.
# "By comparison, the National Probation Service in the same area was judged 'Good'": a comparing opener first.
_TYPE_SUBJECT = re.compile(
    rf"^\s*(?:(?:by|in)\s+(?:comparison|contrast)\s*,\s*)?(?:the|its|their|a|an|our)\s+"
    rf"(?:[\w’'-]+\s+){{0,2}}?{_TYPE_WORD}",
    re.IGNORECASE,
)
_TYPE_OF_WORD = {"nps": "NPS division", "national probation service": "NPS division", "crc": "CRC", "pdu": "PDU"}


def subject_of_another_type(sentence: str, inspected: list[tuple[str, str]]) -> bool:
    """Whether a sentence naming no unit is about one of a type the release inspects none of ("The National
    Probation Service division covering the same area was rated ..." beside a CRC), with no word of an inspected
    type ("The PDU, which works with the youth offending team, ..." is the PDU's)."""
    match = _TYPE_SUBJECT.match(sentence)
    # "The Sodexo-owned CRC was rated ...": who runs a unit describes the one the release is about.
    if match is None or any(DESCRIBED.search(word) for word in match.group().split()):
        return False
    kind = _type_of(match["type"])
    return kind is not None and all(
        kind != unit_type and not _says_type(sentence, unit_type) for _, unit_type in inspected
    )


def _type_of(word: str) -> str | None:
    """The unit type a type word names: "NPS" an NPS division, "youth offending team" a youth justice service."""
    lowered = " ".join(word.lower().split())
    if lowered in _TYPE_OF_WORD:
        return _TYPE_OF_WORD[lowered]
    if lowered in {"yot", "yjs", "yos"} or lowered.startswith("youth"):
        return "youth justice service"
    return {"community rehabilitation company": "CRC", "probation delivery unit": "PDU"}.get(
        lowered, "approved premises"
    )


def _says_type(sentence: str, unit_type: str) -> bool:
    """Whether a sentence has a word of ``unit_type`` anywhere."""
    return any(_type_of(m["type"]) == unit_type for m in _TYPE_WORD_ANYWHERE.finditer(sentence))
