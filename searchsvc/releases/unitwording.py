"""The name of an inspected unit a release words two ways: a list of places in one order, the unit alone in another."""

from __future__ import annotations

from searchsvc.releases.text import split_sentences
from searchsvc.releases.units import named_units


def as_named_alone(units: list[tuple[str, str]], body: tuple[str, ...]) -> list[tuple[str, str]]:
    """``units``, each one a list of places named by the order of words a sentence naming it alone gives it.

    "Inspecting the probation units in North Manchester, Tameside and Wigan", then "a visit to a PDU in Manchester
    North": one unit. A list is the writer's wording of several places at once; a unit named on its own is named as it
    is known, so that order is its name.
    """
    if len(units) < 2:
        return units  # a list names two units at least
    return [(_named_alone(name, unit_type, body), unit_type) for name, unit_type in units]


def _named_alone(name: str, unit_type: str, body: tuple[str, ...]) -> str:
    """The name a sentence naming only this unit, its words in another order, gives it; else ``name``."""
    words = name.split()
    if len(words) < 3:
        return name  # one word of place has one order
    in_list = alone = None
    for paragraph in body:
        # Both sentences hold the words of the place, which the name opens with ("PDU" may be "probation units"):
        # a test in C first.
        if words[0] in paragraph and words[1] in paragraph:
            for sentence in split_sentences(paragraph):
                named = [n for n, t in named_units(sentence) if t == unit_type]
                in_list = in_list or (len(named) > 1 and name in named)
                alone = alone or _reordered(named, name)
    return alone if in_list and alone else name


def _reordered(named: list[str], name: str) -> str | None:
    """The one unit ``named``, when it is ``name`` with its words in another order."""
    if len(named) == 1 and named[0] != name and sorted(named[0].split()) == sorted(name.split()):
        return named[0]
    return None
