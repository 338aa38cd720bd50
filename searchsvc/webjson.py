"""The JSON API's bodies: a page of results, a release, and the one error shape."""

from __future__ import annotations

import json
from typing import Any

from flask import Response
from flask import jsonify

from searchsvc import schema
from searchsvc.search import FacetCounts
from searchsvc.search import Hit
from searchsvc.search import SearchPage
from searchsvc.search import SearchRequest
from searchsvc.weblinks import release_url
from searchsvc.weblinks import request_params
from searchsvc.weblinks import toggled
from searchsvc.weblinks import url


def page_json(page: SearchPage) -> dict[str, Any]:
    """The API's JSON for a page of results."""
    req = page.request
    api = "/api/search"
    return {
        "ok": True,
        "query": {
            "q": req.q,
            "filters": {k: list(v) for k, v in req.filters.items()},
            "published_from": req.published_from.isoformat() if req.published_from else None,
            "published_to": req.published_to.isoformat() if req.published_to else None,
            "sort": page.sort,
            "match": req.match,
        },
        "total": page.total,
        "page": page.page,
        "pages": page.pages,
        "per_page": page.per_page,
        "next_url": url(api, request_params(req, page=page.page + 1)) if page.page < page.pages else None,
        "prev_url": url(api, request_params(req, page=page.page - 1)) if page.page > 1 else None,
        "relaxed": page.relaxed,
        "expanded": page.expanded,
        "partial": page.partial,
        "ignored_words": list(page.ignored_words),
        "results": [result_json(hit, req.q) for hit in page.hits],
        "facets": {f.name: facet_json(f, req, api) for f in page.facets},
        "suggestion": suggestion(page, api),
        "read_as": read_as(page, api),
    }


def result_json(hit: Hit, q: str) -> dict[str, Any]:
    """One result of a search for ``q``, as the API lists it."""
    return {
        "id": hit.id,
        "title": hit.title,
        "title_html": hit.title_html,
        "url": release_url(hit.id, q),
        "pdu": hit.pdu,
        "unit_type": hit.unit_type,
        "rating": hit.rating,
        "region": hit.region,
        "chief_inspector": hit.chief_inspector,
        "published": hit.published.isoformat() if hit.published else None,
        "score": hit.score,
        "highlights": list(hit.highlights),
        "units": [vars(unit) for unit in hit.units],
        "kind": hit.kind,
        "source_url": hit.source_url,
    }


def facet_json(facet: FacetCounts, req: SearchRequest, path: str) -> dict[str, Any]:
    """One facet's counts, each value with the link that switches it on or off."""
    return {
        "label": facet.label,
        "values": [
            {
                "value": v.value,
                "count": v.count,
                "selected": v.selected,
                "toggle_url": url(path, toggled(req, facet.name, v.value)),
            }
            for v in facet.values
        ],
        "missing": facet.missing,
        "missing_label": facet.missing_label,
        "missing_selected": facet.missing_selected,
        "missing_toggle_url": url(path, toggled(req, facet.name, facet.missing_label)),
    }


def suggestion(page: SearchPage, path: str) -> dict[str, str] | None:
    """The corrected query and its link, or None."""
    if page.suggestion is None:
        return None
    fixed = SearchRequest(**{**page.request.__dict__, "q": page.suggestion, "page": 1})
    return {"q": page.suggestion, "url": url(path, request_params(fixed))}


def read_as(page: SearchPage, path: str) -> dict[str, Any] | None:
    """The query as searched when misspelt words were read as indexed ones, with a link to search it as typed."""
    if page.read_as is None:
        return None
    exact = SearchRequest(**{**page.request.__dict__, "typos": False, "page": 1})
    return {
        "q": page.read_as,
        "corrected": dict(page.corrected),
        "exact_url": url(path, request_params(exact)),
    }


def release_json(release: Any) -> dict[str, Any]:
    """Every parsed field of a release, dates as YYYY-MM-DD."""
    data: dict[str, Any] = json.loads(schema.release_to_json(release))
    return {"ok": True, **data}


def api_error(message: str, status: int, code: str, param: str | None = None) -> Response:
    """The API's one error shape."""
    body = {"ok": False, "error": message, "status": status, "code": code, "param": param}
    response = jsonify(body)
    response.status_code = status
    return response
