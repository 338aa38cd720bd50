"""The units an opening speaks of without naming them outright: counted, by their place, by the council running them."""

from __future__ import annotations

import re

from searchsvc.releases.placenames import place_name
from searchsvc.releases.ratings import MENTION_HINTS
from searchsvc.releases.ratings import rating_mentions
from searchsvc.releases.ratings import tells_of_earlier
from searchsvc.releases.text import YEAR
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences
from searchsvc.releases.unitnames import PLACE_AFTER_PREPOSITION
from searchsvc.releases.units import counts_units
from searchsvc.releases.units import named_units
from searchsvc.releases.units import opening_sentences

#: The opening sentences that may count the units: the title's and the first two.
_COUNTING_SENTENCES = 2
#: The counts an opening may give: "two", "three", "four" units.
_COUNTS = (2, 3, 4)
# "the probation service in Ashton Moss": one unit, by its place.
_SERVICE_IN_PLACE = re.compile(rf"\b(?i:the\s+probation\s+service)\s+(?:in|for)\s+{PLACE_AFTER_PREPOSITION}")
# "the Youth Justice Service run by Greystone Borough Council": a youth service, by its name's type words, and the
# council whose place names it.
_RUN_BY_COUNCIL = re.compile(
    r"\b(?i:the)\s+(?P<kind>Youth\s+(?:Justice|Offending)\s+(?:Service|Team))\s+(?:run|managed|hosted)\s+by\s+"
    rf"{PLACE_AFTER_PREPOSITION}"
)
# HM Prison and Probation Service however a sentence names it.
_HMPPS = re.compile(r"\bHMPPS\b|\bPrison\s+and\s+Probation\s+Service\b")
_GAVE_IT_THE_RATING = re.compile(
    r"\b(?:gave|given|awarded)\s+(?:the|this|that)\s+(?:rating|grade|verdict)\s+to\s+(?:[\w’']+\s+){0,2}?"
    r"(?:HMPPS|Prison\s+and\s+Probation\s+Service)\b"
)
_REPORT_OR_INSPECTION = re.compile(r"\b(?:report|inspection)\b", re.IGNORECASE)
#: The kinds of mention that rate a sentence's subject now.
_RATED_NOW = frozenset({"overall", "plain", "weak"})
_COUNCIL = re.compile(r"\s+(?:(?:County|City|Borough|District)\s+)?Council$")


def counted_and_noted(title: str, body: tuple[str, ...], notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The units of one type the notes name, when the opening counts exactly as many and names none.

    "Inspectors have published reports on two neighbouring probation delivery units in the East Midlands region",
    then "They awarded Mansworth an overall rating of 'Good'" and a note "1. Mansworth PDU and Trentby PDU are two of
    the probation delivery units ...": the two units are the notes' two.
    """
    opening = [title, *opening_sentences(body)[:_COUNTING_SENTENCES]]
    counted = {count for count in _COUNTS for text in opening if counts_units(text, count)}
    # A thematic inspection visits units without inspecting them.
    if not counted or any("thematic" in text.lower() for text in opening):
        return []
    noted = _noted_units(notes)
    one_type = len({unit_type for _, unit_type in noted}) == 1
    return noted if one_type and len(noted) in counted else []


def placed_and_noted(title: str, body: tuple[str, ...], notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The one unit the notes name at the place an opening's "the probation service in X" names, when no other unit
    the notes name is of that place ("findings on the probation service in Ashton Moss", then a note "1. Ashton Moss
    Probation Delivery Unit received ..."; never the CRC alone of an area whose NPS division a note also names)."""
    for text in [title, *opening_sentences(body)[:_COUNTING_SENTENCES]]:
        match = _SERVICE_IN_PLACE.search(text) if "robation service " in text else None
        place = place_name(match["place"]) if match else None
        if place:
            of_place = [unit for unit in _noted_units(notes) if place in unit[0]]
            return of_place if len(of_place) == 1 and of_place[0][0].startswith(f"{place} ") else []
    return []


def run_by_council(body: tuple[str, ...]) -> list[tuple[str, str]]:
    """The youth service an opening names by the council running it: "After visiting the Youth Justice Service run
    by Greystone Borough Council, HM Inspectorate of Probation has given it ..." is Greystone Youth Justice Service."""
    for sentence in opening_sentences(body)[: _COUNTING_SENTENCES + 1]:
        match = _RUN_BY_COUNCIL.search(sentence) if " by " in sentence else None
        council = match["place"] if match else ""
        place = place_name(_COUNCIL.sub("", council)) if _COUNCIL.search(council) else None
        if place and match:
            return [(f"{place} {' '.join(match['kind'].split())}", "youth justice service")]
    return []


def _noted_units(notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The units the notes name, without the region holding them ("X PDU and Y PDU are among the units in the East
    of England region")."""
    noted = list(dict.fromkeys(unit for note in notes for s in split_sentences(note) for unit in named_units(s)))
    return [unit for unit in noted if unit[1] != "region"] or noted


def noted_rating(notes: tuple[str, ...], units: list[tuple[str, str]], ref_year: int | None) -> str | None:
    """The overall rating a note gives the one inspected unit, naming it and no other: "1. Ashton Moss Probation
    Delivery Unit received an overall rating of 'Requires improvement'" (a rating dated or told as earlier, the
    scale, another unit's rating are none)."""
    if len(units) != 1:
        return None
    for note in notes:
        if not may_contain(note, MENTION_HINTS):
            continue
        for sentence in split_sentences(note):
            # "... received an overall rating of 'X' when it was inspected", "in 2023": a rating recalled
            if " when " in sentence or YEAR.search(sentence) or tells_of_earlier(sentence):
                continue
            overall = [m.rating for m in rating_mentions(sentence, ref_year) if m.kind == "overall"]
            if len(overall) == 1 and named_units(sentence) == units:
                return overall[0]
    return None


def rated_national(body: tuple[str, ...], rating: str, ref_year: int | None) -> list[tuple[str, str]]:
    """HMPPS, the national unit, when an inspection's rating is given in an opening sentence naming it and no unit
    by the usual patterns: "A new report from HM Inspectorate of Probation looking at how effectively HM Prison and
    Probation Service (HMPPS) is ... found that it 'requires improvement'" (a third party's words)."""
    for sentence in opening_sentences(body):
        if not ("HMPPS" in sentence or "Prison and Probation" in sentence) or not _HMPPS.search(sentence):
            continue
        # the rating a report or an inspection gives, not news mentioning one HMPPS was given
        if not _REPORT_OR_INSPECTION.search(sentence):
            continue
        if named_units(sentence):
            continue
        # "The watchdog gave the rating to HM Prison and Probation Service (HMPPS) in a national inspection report":
        # the rating the sentence before told, given to HMPPS
        if _GAVE_IT_THE_RATING.search(sentence) or any(
            m.rating == rating and m.kind in _RATED_NOW for m in rating_mentions(sentence, ref_year)
        ):
            return [("HM Prison and Probation Service", "national")]
    return []
