"""The units an opening counts without naming them, named by the release's notes."""

from __future__ import annotations

from searchsvc.releases.text import split_sentences
from searchsvc.releases.units import counts_units
from searchsvc.releases.units import named_units
from searchsvc.releases.units import opening_sentences

#: The opening sentences that may count the units: the title's and the first two.
_COUNTING_SENTENCES = 2
#: The counts an opening may give: "two", "three", "four" units.
_COUNTS = (2, 3, 4)


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


def _noted_units(notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The units the notes name, without the region holding them ("X PDU and Y PDU are among the units in the East
    of England region")."""
    noted = list(dict.fromkeys(unit for note in notes for s in split_sentences(note) for unit in named_units(s)))
    return [unit for unit in noted if unit[1] != "region"] or noted
