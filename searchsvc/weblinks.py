"""Links the pages and the API hand out: canonical query strings for a search and its drill-downs, and outside links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from urllib.parse import urlsplit

from flask import current_app

from searchsvc import schema
from searchsvc.search import SearchRequest


def request_params(req: SearchRequest, *, page: int | None = None) -> list[tuple[str, str]]:
    """The canonical query-string pairs for ``req`` (defaults left out)."""
    params: list[tuple[str, str]] = []
    if req.q:
        params.append(("q", req.q))
    for name in schema.FACET_NAMES:
        params.extend((name, value) for value in req.filters.get(name, ()))
    if req.published_from:
        params.append(("published_from", req.published_from.isoformat()))
    if req.published_to:
        params.append(("published_to", req.published_to.isoformat()))
    if req.sort:
        params.append(("sort", req.sort))
    if req.match != "all":
        params.append(("match", req.match))
    if req.expand is not None:
        params.append(("expand", "true" if req.expand else "false"))
    if not req.typos:
        params.append(("typos", "false"))
    if req.per_page != int(current_app.config["PER_PAGE"]):
        params.append(("per_page", str(req.per_page)))
    page = req.page if page is None else page
    if page != 1:
        params.append(("page", str(page)))
    return params


def url(path: str, params: list[tuple[str, str]]) -> str:
    """``path`` with ``params`` as its query string."""
    return f"{path}?{urlencode(params)}" if params else path


def toggled(req: SearchRequest, facet: str, value: str) -> list[tuple[str, str]]:
    """Params for ``req`` with ``value`` of ``facet`` switched on or off, back on page 1."""
    current = req.filters.get(facet, ())
    values = tuple(v for v in current if v != value) if value in current else (*current, value)
    filters = {**req.filters, facet: values}
    changed = SearchRequest(**{**req.__dict__, "filters": {k: v for k, v in filters.items() if v}, "page": 1})
    return request_params(changed)


def without(req: SearchRequest, **changes: Any) -> list[tuple[str, str]]:
    """Params for ``req`` with some fields changed, back on page 1."""
    return request_params(SearchRequest(**{**req.__dict__, **changes, "page": 1}))


def release_url(release_id: str, q: str) -> str:
    """The page of one release, remembering the search that led there."""
    return url(f"/releases/{release_id}", [("q", q)] if q else [])


def outside_link(address: str | None) -> str | None:
    """``address`` if it is an http or https address with a host, else None: the only links a page may make of
    text read from a release (never ``javascript:`` or ``data:``)."""
    if not address:
        return None
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    return address if parts.scheme in ("http", "https") and parts.netloc else None
