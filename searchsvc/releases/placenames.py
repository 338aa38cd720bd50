"""Place names as releases write them before a unit's type word: "At Suffolk" is Suffolk, "Nottingham’s" Nottingham."""

from __future__ import annotations

import re

from searchsvc.releases.unittypes import DESCRIBED

#: Capitalised words that open a sentence or a phrase but are never part of a place name.
NOT_PLACE = frozenset(
    "The A An At In On Of For From By With And This That These Today Each Every All Many Some Several Other "
    "Inspection Inspectors Inspecting Inspectorate However Overall While Whilst When But Both Our Their Its "
    "His Her HM Majesty’s Majesty's Although After Following Since Meanwhile Local National Probation "
    "Previously Now First New Second Third Both "
    # "Neighbouring Sutton PDU was rated ...": a word placing a unit beside another is no part of its name.
    "Neighbouring Neighboring Nearby Fellow "
    # "Two approved premises in the East Midlands have ...": a count opens no place name.
    "Two Three Four Five Six "
    # "a routine inspection in June of Surrey Youth Offending Service": a month opens no place name.
    "January February March April May June July August September October November December "
    # "To: Chair of X Youth Offending Team Management Board": a role held in a unit is no part of its place.
    "Chair Chairman Chairwoman Chairperson Head Director Manager Members Member "
    # "Overall rating for the YOS Good X Youth Offending Service" on a report's cover: a rating opens no place.
    "Outstanding Good Requires Requiring Improvement Inadequate "
    # "Women’s approved premises needs to improve": who a unit serves is no place it is in.
    "Women’s Women's Men’s Men's Women Men".split()
)
# What an inspection programme's capitalised name ends with, before "of" and the place inspected.
_PROGRAMME_NOUNS = frozenset(
    "Inspection Inspections Screening Screenings Review Reviews Report Reports Assessment".split()
)
_COUNCIL = re.compile(r"(?:^|\s+)(?:(?:County|City|Borough|District)\s+)?Council$")
# "The Royal Borough of Greenwich’s Youth Justice Service": the council's title is no part of its place's name.
_BOROUGH_OF = re.compile(r"^(?:(?:Royal|London|Metropolitan)\s+)?Borough\s+of\s+")


def place_name(raw: str) -> str | None:
    """A place name without leading sentence words ("At Suffolk" → "Suffolk"); None if nothing is left."""
    words = raw.split()
    # "found at 'Inadequate' Barnsley PDU": a word closing a quotation ends what was quoted, not a place.
    closing = [index for index, word in enumerate(words[:-1]) if word[-1] in "’'”\""]
    words = words[closing[-1] + 1 :] if closing else words
    # "Short Quality Screening of X YOS", "Offender Management Inspection of X", "Reports on X and Y probation delivery
    # units": a programme's or a report's name opens no place.
    named = [
        index for index, word in enumerate(words[:-2]) if word in _PROGRAMME_NOUNS and words[index + 1] in {"of", "on"}
    ]
    words = words[named[-1] + 2 :] if named else words
    # "Overall, Barking and Dagenham YJS": the comma list of a place ("X, Y and Z") can open with a sentence's
    # word and its comma, which is no more a place than the word alone.
    while words and (words[0].rstrip(",") in NOT_PLACE or words[0] in {"and", "&", "of", "on", "upon", "the"}):
        # "Sally Nash, Head of Service YOT, gave a summary": the rest of a post's title is no place either.
        words = words[3:] if words[:3] in (["Head", "of", "Service"], ["Director", "of", "Service"]) else words[1:]
    place = " ".join(words)
    if DESCRIBED.search(place):
        # "rated the Sodexo-owned CRC as ...": who owns or runs a unit describes it, it is no place.
        return None
    if place.endswith(("’s", "'s")):
        # "Nottingham’s Youth Offending Team" is Nottingham's: the possessive belongs to the sentence, not the name.
        place = _BOROUGH_OF.sub("", _COUNCIL.sub("", place[:-2]))
    return place or None
