"""What the follow-up pages show, as JSON and template values: exports, feeds, unit histories, related, overview.

``web`` routes here; this module asks ``SearchService`` (through ``history``,
``related`` and ``overview``) and builds every link, so templates only render.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from flask import current_app
from flask import render_template

from searchsvc import export
from searchsvc import feeds
from searchsvc import history
from searchsvc import overview
from searchsvc import units
from searchsvc.related import related_releases
from searchsvc.releases import Release
from searchsvc.search import MatchOrder
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.webjson import result_json
from searchsvc.weblinks import release_url
from searchsvc.weblinks import url
from searchsvc.weblinks import without

#: Releases read from the index at a time while exporting.
EXPORT_BATCH = 500


def follow_links(req: SearchRequest, total: int) -> dict[str, Any]:
    """Links that take a search away: its exports, its feed and its overview (each with the search's parameters)."""
    params = without(req, sort=req.sort, per_page=int(current_app.config["PER_PAGE"]))
    return {
        "total": total,
        "csv_url": url("/search.csv", params),
        "ndjson_url": url("/search.ndjson", params),
        "atom_url": url("/search.atom", without(req, sort=None, per_page=int(current_app.config["PER_PAGE"]))),
        "overview_url": url("/overview", params),
    }


def unit_url(name: str) -> str:
    """The page of the unit called ``name``."""
    return f"/units/{units.slug(name)}"


def export_batches(service: SearchService, order: MatchOrder) -> Iterator[list[export.Row]]:
    """The releases of ``order`` with their scores, ``EXPORT_BATCH`` at a time."""
    for at in range(0, order.total, EXPORT_BATCH):
        yield service.releases_in(order, at, at + EXPORT_BATCH)


def export_text(fmt: str, batches: Iterable[list[export.Row]], base: str, q: str) -> Iterator[str]:
    """An export in ``fmt`` ("csv" or "ndjson") as chunks of text; ``base`` is the site's address, for links."""
    if fmt == "csv":
        return export.csv_lines(batches, lambda release_id: base + release_url(release_id, ""))
    return export.ndjson_lines(batches, lambda hit: result_json(hit, q))


def feed_xml(service: SearchService, req: SearchRequest, base: str) -> str:
    """The Atom feed of ``req``'s newest releases; ``base`` is the site's address, for absolute links."""
    asked = feeds.feed_request(req)
    order = service.match_order(asked)
    entries = [
        feeds.entry(r, base + release_url(r.id, "")) for r, _ in service.releases_in(order, 0, feeds.MAX_ENTRIES)
    ]
    params = without(req, sort=None, per_page=int(current_app.config["PER_PAGE"]))
    return render_template(
        "feed.xml",
        title=feeds.describe(req),
        id=feeds.feed_id(url("", params).lstrip("?")),
        self_url=base + url("/search.atom", params),
        alternate_url=base + url("/search", params),
        updated=feeds.updated(entries),
        entries=entries,
    )


def unit_json(unit: history.UnitHistory) -> dict[str, Any]:
    """A unit's history as the API gives it."""
    return {
        "ok": True,
        "name": unit.name,
        "type": unit.type,
        "slug": unit.slug,
        "url": unit_url(unit.name),
        "feed_url": url("/search.atom", [("pdu", unit.name)]),
        "total": unit.total,
        "releases": [
            {
                "id": r.id,
                "title": r.title,
                "url": release_url(r.id, ""),
                "published": r.published.isoformat() if r.published else None,
                "rating": r.rating,
            }
            for r in unit.releases
        ],
        "predecessors": [_neighbour_json(n) for n in unit.predecessors],
        "successors": [_neighbour_json(n) for n in unit.successors],
    }


def _neighbour_json(neighbour: history.Neighbour) -> dict[str, Any]:
    return {
        "name": neighbour.name,
        "url": f"/units/{neighbour.slug}" if neighbour.slug else None,
        "when": neighbour.when,
        "source": neighbour.source,
    }


def unit_links(release: Release) -> dict[str, str]:
    """The page of each unit ``release`` inspects, by the unit's name."""
    return {unit.name: unit_url(unit.name) for unit in units.release_units(release)}


def release_extras(service: SearchService, release: Release) -> dict[str, Any]:
    """What a release's page and JSON add to its parsed fields: its unit's page and related releases."""
    inspected = units.release_units(release)
    return {
        "unit_url": unit_url(inspected[0].name) if inspected else None,
        "related": [
            {"id": r.id, "title": r.title, "url": release_url(r.id, ""), "why": r.why}
            for r in related_releases(service, release)
        ],
    }


def overview_view(service: SearchService, req: SearchRequest) -> dict[str, Any]:
    """The overview page's charts, tables and links for search ``req``."""
    by_year, by_region, total = overview.count(service, req)
    params = without(req, sort=None, per_page=int(current_app.config["PER_PAGE"]))
    return {
        "total": total,
        "by_year": by_year,
        "by_region": by_region,
        "year_chart": overview.year_chart(by_year),
        "region_chart": overview.region_chart(by_region),
        "colours": overview.RATING_COLOURS,
        "search_url": url("/search", params),
        "atom_url": url("/search.atom", params),
        "title": feeds.describe(req, f"{total:,} release{'' if total == 1 else 's'}"),
    }
