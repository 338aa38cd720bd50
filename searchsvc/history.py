"""A unit's history, asked of ``SearchService``: the unit a slug names, its releases, the bodies before and after.

The releases are found by the unit facet (``pdu``), so a history lists
exactly what the unit filter on the results page finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from searchsvc import units
from searchsvc.releases import Release
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService

#: The most releases a unit page lists (no unit has nearly so many).
MAX_RELEASES = 500
#: The facet whose values are the units releases inspect.
UNIT_FACET = "pdu"


@dataclass(frozen=True)
class Neighbour:
    """A body before or after a unit: its name, its slug when some release is about it, and why it is linked."""

    name: str
    slug: str | None
    when: str | None
    source: str


@dataclass(frozen=True)
class UnitHistory:
    """One unit: its name and type, its releases newest first, and the bodies before and after it."""

    name: str
    type: str | None
    slug: str
    #: The newest ``MAX_RELEASES`` releases about the unit, and how many there are.
    releases: tuple[Release, ...]
    total: int
    predecessors: tuple[Neighbour, ...]
    successors: tuple[Neighbour, ...]


def unit_names(service: SearchService) -> list[str]:
    """Every unit some release is about."""
    page = service.search(SearchRequest(per_page=1, highlight=False))
    return [v.value for f in page.facets if f.name == UNIT_FACET for v in f.values]


def unit_history(service: SearchService, unit_slug: str) -> UnitHistory | None:
    """The history of the unit whose slug is ``unit_slug``, or None when no release is about such a unit."""
    known = unit_names(service)
    name = next((n for n in known if units.slug(n) == unit_slug), None)
    if name is None:
        return None
    order = service.match_order(_about(name))
    found = [release for release, _score in service.releases_in(order, 0, MAX_RELEASES)]
    lineage = units.lineage(name, _implied(service, name, known))
    unit_type = next((u.type for r in found for u in units.release_units(r) if u.name == name), None)
    return UnitHistory(
        name=name,
        type=unit_type or units.type_from_name(name),
        slug=unit_slug,
        releases=tuple(found),
        total=order.total,
        predecessors=tuple(_neighbour(link.earlier, link, known) for link in lineage.predecessors),
        successors=tuple(_neighbour(link.later, link, known) for link in lineage.successors),
    )


def releases_about(service: SearchService, names: list[str], limit: int = MAX_RELEASES) -> list[Release]:
    """The releases about any unit in ``names``, newest first, at most ``limit``."""
    if not names:
        return []
    order = service.match_order(_about(*names))
    return [release for release, _score in service.releases_in(order, 0, limit)]


def history_names(service: SearchService, name: str) -> list[str]:
    """``name`` and every body before it, nearest first."""
    lineage = units.lineage(name, _implied(service, name, unit_names(service)))
    return [name, *(link.earlier for link in lineage.predecessors)]


def _implied(service: SearchService, name: str, known: list[str]) -> tuple[units.Link, ...]:
    """Links the releases imply between ``name`` and the units that share a place with it."""
    near = [n for n in known if n != name and units.places(n) & units.places(name)]
    pdus = [n for n in (name, *near) if units.type_from_name(n) == "PDU"]
    saying = [pdu for pdu in pdus if any(units.says_pdus_replaced_crcs(r) for r in releases_about(service, [pdu], 3))]
    return units.implied_links(saying, [name, *near])


def _neighbour(name: str, link: units.Link, known: list[str]) -> Neighbour:
    slug = units.slug(name) if name in known else None
    return Neighbour(name, slug, link.when, link.source)


def _about(*names: str) -> SearchRequest:
    """The releases about any of the units ``names``, newest first."""
    return SearchRequest(filters={UNIT_FACET: names}, sort="newest", highlight=False, facets=False)
