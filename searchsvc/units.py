"""Units inspected: which units a release is about, their URL slugs, and which bodies held an area before or after.

Pure: no Flask, no Whoosh. The table of predecessors is ``data/unit_history.json``
(its ``about`` says what it holds); ``lineage`` adds the links the releases
themselves imply, so a unit the table does not know still has a history.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from searchsvc.releases import Release

#: The words of a unit's name that say what kind of body it is, not where it is.
_NOT_PLACE = frozenset(
    "and the of upon on in city county north south east west central pdu crc nps probation trust "
    "delivery unit community rehabilitation company service division".split()
)
#: Unit types in the order they held areas: a trust before a CRC or NPS division, those before a PDU.
ERA = {"Probation Trust": 0, "CRC": 1, "NPS division": 1, "PDU": 2}
#: What a release on a PDU says when the unit it inspects replaced CRCs (seen in every seed PDU release).
_REPLACED_CRCS = re.compile(r"\bPDUs?\)?\s+replaced\s+Community\s+Rehabilitation\s+Companies", re.IGNORECASE)


@dataclass(frozen=True)
class UnitRef:
    """One unit a release inspects: its name as the release spells it, its type, and its page's slug."""

    name: str
    type: str | None
    slug: str


@dataclass(frozen=True)
class Link:
    """An earlier body and the later one that took over (part of) its area, with when and why we say so."""

    earlier: str
    later: str
    when: str | None
    source: str


@dataclass(frozen=True)
class Lineage:
    """A unit's predecessors and successors, each with the link that says so."""

    predecessors: tuple[Link, ...]
    successors: tuple[Link, ...]


def slug(name: str) -> str:
    """A unit name's URL slug: its words, lower-case, joined by hyphens ("Essex North PDU" -> "essex-north-pdu")."""
    return "-".join(re.findall(r"[^\W_]+", name.casefold()))


def release_units(release: Release) -> list[UnitRef]:
    """The units ``release`` inspects, in the order it names them (none for a thematic release).

    The one place that knows how a release names its units: its parsed ``units``,
    else (a release stored before units were parsed) its one ``pdu``.
    """
    if release.units:
        return [UnitRef(unit.name, unit.type, slug(unit.name)) for unit in release.units]
    if not release.pdu:
        return []
    return [UnitRef(release.pdu, release.unit_type, slug(release.pdu))]


def type_from_name(name: str) -> str | None:
    """A unit's type as its name shows it ("Essex CRC" -> "CRC"), or None."""
    if re.search(r"\bPDU$", name):
        return "PDU"
    if re.search(r"\bCRC$", name):
        return "CRC"
    if name.endswith("Probation Trust"):
        return "Probation Trust"
    if name.startswith("NPS "):
        return "NPS division"
    return None


@functools.cache
def table() -> tuple[Link, ...]:
    """The documented links of ``data/unit_history.json``."""
    text = resources.files("searchsvc").joinpath("data/unit_history.json").read_text(encoding="utf-8")
    rows: list[dict[str, Any]] = json.loads(text)["links"]
    return tuple(Link(row["from"], row["to"], row.get("when"), row["source"]) for row in rows)


def places(name: str) -> frozenset[str]:
    """The place words of a unit's name ("Norfolk and Suffolk CRC" -> {"norfolk", "suffolk"})."""
    return frozenset(w for w in re.findall(r"[^\W_]+", name.casefold()) if w not in _NOT_PLACE)


def says_pdus_replaced_crcs(release: Release) -> bool:
    """Whether a release states that PDUs replaced the CRCs (in its body or its notes)."""
    return any(_REPLACED_CRCS.search(text) for text in (*release.body, *release.notes))


def implied_links(pdus_saying_so: Iterable[str], known: Iterable[str]) -> tuple[Link, ...]:
    """Links from each CRC in ``known`` to each PDU sharing a place name whose release says PDUs replaced CRCs."""
    crcs = [name for name in known if type_from_name(name) == "CRC"]
    links = []
    for pdu in pdus_saying_so:
        shared = places(pdu)
        for crc in crcs:
            if shared & places(crc):
                links.append(Link(crc, pdu, "2021-06", f"a release on {pdu} says PDUs replaced the CRCs"))
    return tuple(links)


def lineage(name: str, links: Iterable[Link]) -> Lineage:
    """Every body before ``name`` (nearest first, through the whole chain) and every body after it."""
    every = tuple(dict.fromkeys((*table(), *links)))
    return Lineage(_walk(name, every, backwards=True), _walk(name, every, backwards=False))


def _walk(name: str, links: tuple[Link, ...], *, backwards: bool) -> tuple[Link, ...]:
    """Breadth first from ``name`` along ``links`` (each body once, so a loop in the table ends)."""
    found: list[Link] = []
    seen = {name.casefold()}
    frontier = [name]
    while frontier:
        step = []
        for here in frontier:
            for link in links:
                near, far = (link.later, link.earlier) if backwards else (link.earlier, link.later)
                if near.casefold() == here.casefold() and far.casefold() not in seen:
                    seen.add(far.casefold())
                    found.append(link)
                    step.append(far)
        frontier = step
    return tuple(found)
