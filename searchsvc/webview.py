"""What the HTML templates show beyond a ``SearchPage``: facets cut to size, chips, page links, every URL built here."""

from __future__ import annotations

from typing import Any

from searchsvc import schema
from searchsvc.search import FacetCounts
from searchsvc.search import SearchPage
from searchsvc.search import SearchRequest
from searchsvc.webargs import PageArgs
from searchsvc.webfollow import follow_links
from searchsvc.webfollow import unit_url
from searchsvc.webjson import facet_json
from searchsvc.webjson import read_as
from searchsvc.webjson import suggestion
from searchsvc.weblinks import release_url
from searchsvc.weblinks import request_params
from searchsvc.weblinks import toggled
from searchsvc.weblinks import url
from searchsvc.weblinks import without

#: Values a facet shows in the filter column; the rest are one link away.
FACET_SHOWN = 10
#: A facet with more values than this gets a box to find one by name.
FACET_FINDABLE = 20
#: What "All N ..." calls the values of each facet.
FACET_NOUNS = {
    "rating": "ratings",
    "unit_type": "unit types",
    "pdu": "units",
    "region": "regions",
    "chief_inspector": "Chief Inspectors",
    "year": "years",
    "kind": "release types",
}
#: Facets whose values are shown in their own order rather than by count: years newest first.
CALENDAR_FACETS = frozenset({"year"})


def search_view(page: SearchPage, args: PageArgs) -> dict[str, Any]:
    """What the results template needs beyond the page: every link, built here."""
    req = page.request
    past_end = page.total > 0 and page.page > page.pages
    return {
        "facets": [_facet_view(facet, req) for facet in page.facets],
        "chips": _chips(req),
        "clear_url": url("/search", [("q", req.q)] if req.q else []),
        "pages": _page_links(page),
        "prev_url": url("/search", request_params(req, page=min(page.page - 1, page.pages))) if page.page > 1 else None,
        "next_url": (url("/search", request_params(req, page=page.page + 1)) if page.page < page.pages else None),
        "last_url": url("/search", request_params(req, page=page.pages)) if past_end else None,
        "json_url": url("/api/search", request_params(req)),
        "suggestion": suggestion(page, "/search"),
        "read_as": read_as(page, "/search"),
        "any_url": url("/search", without(req, match="any")) if req.match == "all" else None,
        "release_urls": {hit.id: release_url(hit.id, page.read_as or req.q) for hit in page.hits},
        "first": (page.page - 1) * page.per_page + 1,
        "last": min(page.total, page.page * page.per_page),
        "date_notes": args.date_notes,
        "date_text": args.date_text,
        "hidden": _hidden_fields(req, dates=False),
        "hidden_all": _hidden_fields(req, dates=True),
        "unit_urls": {unit.name: unit_url(unit.name) for hit in page.hits for unit in hit.units},
        "follow": follow_links(req, page.total),
    }


def facet_page_view(page: SearchPage, req: SearchRequest, name: str, find: str) -> dict[str, Any]:
    """Every value of facet ``name`` for search ``req``, those containing ``find`` (any case), each a drill-down link.

    ``page`` holds the counts; it may have been asked for with a smaller page than ``req``.
    """
    facet = next(f for f in page.facets if f.name == name)
    data = facet_json(facet, req, "/search")
    values = _ordered(name, data["values"])
    wanted = find.strip().casefold()
    matching = [v for v in values if wanted in v["value"].casefold()]
    return {
        "name": name,
        "label": facet.label,
        "noun": FACET_NOUNS[name],
        "values": matching,
        "all_count": len(values),
        "missing": data if data["missing"] or data["missing_selected"] else None,
        "find": find,
        "back_url": url("/search", request_params(req)),
        "hidden": _hidden_fields(req, dates=True),
        "json_url": url("/api/search", request_params(req)),
    }


def _facet_view(facet: FacetCounts, req: SearchRequest) -> dict[str, Any]:
    """One facet for the filter column: at most ``FACET_SHOWN`` values plus any selected, and a way to the rest."""
    data = facet_json(facet, req, "/search")
    values = _ordered(facet.name, data["values"])
    shown = [v for n, v in enumerate(values) if n < FACET_SHOWN or v["selected"]]
    long = len(values) > FACET_SHOWN
    more = url(f"/facets/{facet.name}", request_params(SearchRequest(**{**req.__dict__, "page": 1})))
    return {
        **data,
        "name": facet.name,
        "values": shown,
        "more_url": more if long else None,
        "more_label": f"All {len(values)} {FACET_NOUNS[facet.name]}",
        "noun": FACET_NOUNS[facet.name],
        "findable": len(values) > FACET_FINDABLE,
    }


def _ordered(name: str, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Values by count as counted, or newest first for calendar facets."""
    if name in CALENDAR_FACETS:
        return sorted(values, key=lambda v: str(v["value"]), reverse=True)
    return values


def _chips(req: SearchRequest) -> list[dict[str, str]]:
    """One removable chip per active filter and date."""
    chips = [
        {"label": f"{_facet_label(name)}: {value}", "url": url("/search", toggled(req, name, value))}
        for name, values in req.filters.items()
        for value in values
    ]
    if req.published_from:
        chips.append(
            {"label": f"From {req.published_from:%-d %b %Y}", "url": url("/search", without(req, published_from=None))}
        )
    if req.published_to:
        chips.append(
            {"label": f"To {req.published_to:%-d %b %Y}", "url": url("/search", without(req, published_to=None))}
        )
    return chips


def _hidden_fields(req: SearchRequest, *, dates: bool) -> list[tuple[str, str]]:
    """The search as hidden form fields, for a form that adds to it (with ``dates=False``, one that sets them)."""
    params = request_params(req, page=1)
    return [(n, v) for n, v in params if dates or n not in ("published_from", "published_to")]


def _facet_label(name: str) -> str:
    return next(f.label for f in schema.FACETS if f.name == name)


def _page_links(page: SearchPage) -> list[dict[str, Any]]:
    """Links to pages near the current one, with gaps marked by None numbers."""
    wanted = sorted({1, page.pages, *range(max(1, page.page - 2), min(page.pages, page.page + 2) + 1)})
    links: list[dict[str, Any]] = []
    for number in wanted:
        if links and number - links[-1]["number"] > 1:
            links.append({"number": None, "url": None, "current": False})
        links.append(
            {
                "number": number,
                "url": url("/search", request_params(page.request, page=number)),
                "current": number == page.page,
            }
        )
    return links
