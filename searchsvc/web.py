"""The web layer: HTML pages and the JSON API over ``SearchService``.

Request arguments become a ``SearchRequest``; the ``SearchPage`` that comes
back becomes JSON or HTML. Drill-down and paging URLs are built here, the only
layer that knows routes. Nothing here touches Whoosh.
"""

from __future__ import annotations

import calendar
import datetime
import json
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint
from flask import Flask
from flask import Response
from flask import current_app
from flask import jsonify
from flask import render_template
from flask import request
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexMissingError
from searchsvc.errors import QueryError
from searchsvc.errors import SearchTimeoutError
from searchsvc.ratelimit import RateLimiter
from searchsvc.search import FacetCounts
from searchsvc.search import SearchPage
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search import highlight
from searchsvc.search import query as ql

bp = Blueprint("web", __name__)

#: Parameters a search accepts besides the facet names (which may repeat).
SINGLE_PARAMS = ("q", "page", "per_page", "sort", "match", "expand", "published_from", "published_to")
EXAMPLE_SEARCHES = (
    "management oversight",
    '"senior probation officers"',
    "safeguarding children",
    "unpaid work",
)


def init_app(app: Flask) -> None:
    """Attach the search service, routes, error handlers and headers to ``app``."""
    limits = ql.Limits(
        max_length=int(app.config["MAX_QUERY_LENGTH"]),
        max_token_length=int(app.config["MAX_TOKEN_LENGTH"]),
        max_terms=int(app.config["MAX_QUERY_TERMS"]),
        max_depth=int(app.config["MAX_QUERY_DEPTH"]),
    )
    app.extensions["searchsvc"] = SearchService(
        Path(app.config["INDEX_DIR"]),
        limits=limits,
        max_window=int(app.config["MAX_RESULT_WINDOW"]),
        time_limit=float(app.config["SEARCH_TIME_LIMIT_MS"]) / 1000,
    )
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(IndexMissingError, _index_unavailable)
    app.register_error_handler(IndexDamagedError, _index_unavailable)
    app.register_error_handler(SearchTimeoutError, _timed_out)
    app.after_request(_security_headers)
    app.before_request(_check_request)
    per_minute = int(app.config["RATE_LIMIT_PER_MINUTE"])
    app.extensions["searchsvc_ratelimit"] = RateLimiter(per_minute) if per_minute > 0 else None
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)  # type: ignore[method-assign]
    app.jinja_env.globals["facet_names"] = schema.FACET_NAMES


def service() -> SearchService:
    """The app's search service."""
    svc: SearchService = current_app.extensions["searchsvc"]
    return svc


# -- request arguments --------------------------------------------------------


def parse_args(args: MultiDict[str, str], default_per_page: int) -> SearchRequest:
    """Turn query-string arguments into a ``SearchRequest``. :raise QueryError: a bad or unknown argument."""
    for key in args:
        if key not in SINGLE_PARAMS and key not in schema.FACET_NAMES:
            accepted = ", ".join((*SINGLE_PARAMS, *schema.FACET_NAMES))
            raise QueryError(f"unknown parameter {key!r}; accepted: {accepted}", code="unknown_param", param=key)
        if key in SINGLE_PARAMS and len(args.getlist(key)) > 1:
            raise QueryError(f"{key!r} was given more than once", code="repeated_param", param=key)
    for key, value in args.items(multi=True):
        if "\x00" in value:
            raise QueryError(f"{key!r} contains a NUL character", code="bad_character", param=key)
    filters = {
        name: tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
        for name in schema.FACET_NAMES
        if args.getlist(name)
    }
    return SearchRequest(
        q=args.get("q", ""),
        filters={k: v for k, v in filters.items() if v},
        published_from=_date(args.get("published_from"), "published_from", end=False),
        published_to=_date(args.get("published_to"), "published_to", end=True),
        sort=args.get("sort") or None,
        page=_int(args.get("page"), "page", 1),
        per_page=_int(args.get("per_page"), "per_page", default_per_page),
        match=args.get("match") or "all",
        expand=_flag(args.get("expand"), "expand"),
    )


def _flag(value: str | None, name: str) -> bool | None:
    """Read ``true`` or ``false``; absent or empty is None (the default)."""
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    if text not in ("true", "false"):
        raise QueryError(f"{name} must be true or false, not {value[:30]!r}", code=f"bad_{name}", param=name)
    return text == "true"


def _int(value: str | None, name: str, default: int) -> int:
    if value is None or value.strip() == "":
        return default
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise QueryError(f"{name} must be a whole number, not {value[:30]!r}", code=f"bad_{name}", param=name)
    return int(text)


def _date(value: str | None, name: str, *, end: bool) -> datetime.date | None:
    """Read ``2021``, ``2021-06`` or ``2021-06-30``; a year or month stands for its first or last day."""
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    parts = text.split("-")
    try:
        if len(parts) > 3 or not all(p.isascii() and p.isdigit() and p for p in parts) or len(parts[0]) != 4:
            raise ValueError
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        if len(parts) == 3:
            day = int(parts[2])
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        result = datetime.date(year, month, day)
    except ValueError:
        raise QueryError(
            f"{name} must be a date written 2021, 2021-06 or 2021-06-30, not {text[:30]!r}",
            code="bad_date",
            param=name,
        ) from None
    return result


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
    if req.per_page != int(current_app.config["PER_PAGE"]):
        params.append(("per_page", str(req.per_page)))
    page = req.page if page is None else page
    if page != 1:
        params.append(("page", str(page)))
    return params


def _url(path: str, params: list[tuple[str, str]]) -> str:
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


# -- JSON ------------------------------------------------------------------------


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
        "next_url": _url(api, request_params(req, page=page.page + 1)) if page.page < page.pages else None,
        "prev_url": _url(api, request_params(req, page=page.page - 1)) if page.page > 1 else None,
        "relaxed": page.relaxed,
        "expanded": page.expanded,
        "partial": page.partial,
        "ignored_words": list(page.ignored_words),
        "results": [
            {
                "id": hit.id,
                "title": hit.title,
                "title_html": hit.title_html,
                "url": _release_url(hit.id, req.q),
                "pdu": hit.pdu,
                "unit_type": hit.unit_type,
                "rating": hit.rating,
                "region": hit.region,
                "chief_inspector": hit.chief_inspector,
                "published": hit.published.isoformat() if hit.published else None,
                "score": hit.score,
                "highlights": list(hit.highlights),
            }
            for hit in page.hits
        ],
        "facets": {f.name: _facet_json(f, req, api) for f in page.facets},
        "suggestion": _suggestion(page, api),
    }


def _facet_json(facet: FacetCounts, req: SearchRequest, path: str) -> dict[str, Any]:
    return {
        "label": facet.label,
        "values": [
            {
                "value": v.value,
                "count": v.count,
                "selected": v.selected,
                "toggle_url": _url(path, toggled(req, facet.name, v.value)),
            }
            for v in facet.values
        ],
        "missing": facet.missing,
        "missing_label": facet.missing_label,
        "missing_selected": facet.missing_selected,
        "missing_toggle_url": _url(path, toggled(req, facet.name, facet.missing_label)),
    }


def _suggestion(page: SearchPage, path: str) -> dict[str, str] | None:
    if page.suggestion is None:
        return None
    fixed = SearchRequest(**{**page.request.__dict__, "q": page.suggestion, "page": 1})
    return {"q": page.suggestion, "url": _url(path, request_params(fixed))}


def _release_url(release_id: str, q: str) -> str:
    return _url(f"/releases/{release_id}", [("q", q)] if q else [])


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


# -- routes ------------------------------------------------------------------


@bp.get("/api/search")
def api_search() -> Response:
    """Search, as JSON."""
    try:
        page = service().search(parse_args(request.args, int(current_app.config["PER_PAGE"])))
    except QueryError as e:
        return api_error(str(e), 400, e.code, e.param)
    return jsonify(page_json(page))


@bp.get("/api/releases/<release_id>")
def api_release(release_id: str) -> Response:
    """One release with every parsed field, as JSON."""
    release = service().release(release_id)
    if release is None:
        return api_error(f"no release has the id {release_id!r}", 404, "not_found", "id")
    return jsonify(release_json(release))


@bp.get("/api/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of the JSON API."""
    text = resources.files("searchsvc").joinpath("openapi.json").read_text(encoding="utf-8")
    return Response(text, mimetype="application/json")


@bp.get("/healthz")
def healthz() -> Response:
    """Whether the service can search, with the index generation and size."""
    stats = service().stats()
    built = stats["built_at"]
    return jsonify(
        {
            "ok": True,
            "generation": stats["generation"],
            "doc_count": stats["doc_count"],
            "built_at": datetime.datetime.fromtimestamp(built, datetime.UTC).isoformat() if built else None,
        }
    )


@bp.get("/")
def home() -> str:
    """The search form, with example searches."""
    return render_template("home.html", examples=EXAMPLE_SEARCHES, json_url="/api/search")


@bp.get("/search")
def search_page() -> tuple[str, int] | str:
    """Results for the search form, with facets, filters, sort and pages."""
    per_page = int(current_app.config["PER_PAGE"])
    try:
        req = parse_args(request.args, per_page)
        page = service().search(req)
    except QueryError as e:
        q = request.args.get("q", "") if len(request.args.getlist("q")) == 1 else ""
        return render_template("error.html", title="Search not understood", message=str(e), q=q), 400
    return render_template("search.html", page=page, view=_view(page))


def _view(page: SearchPage) -> dict[str, Any]:
    """What the results template needs beyond the page: every link, built here."""
    req = page.request
    facets = []
    for facet in page.facets:
        data = _facet_json(facet, req, "/search")
        data["name"] = facet.name
        facets.append(data)
    chips = [
        {"label": f"{_facet_label(name)}: {value}", "url": _url("/search", toggled(req, name, value))}
        for name, values in req.filters.items()
        for value in values
    ]
    if req.published_from:
        chips.append(
            {
                "label": f"From {req.published_from:%-d %b %Y}",
                "url": _url("/search", without(req, published_from=None)),
            }
        )
    if req.published_to:
        chips.append(
            {
                "label": f"To {req.published_to:%-d %b %Y}",
                "url": _url("/search", without(req, published_to=None)),
            }
        )
    pages = _page_links(page)
    return {
        "facets": facets,
        "chips": chips,
        "clear_url": _url("/search", [("q", req.q)] if req.q else []),
        "pages": pages,
        "prev_url": _url("/search", request_params(req, page=page.page - 1)) if page.page > 1 else None,
        "next_url": (_url("/search", request_params(req, page=page.page + 1)) if page.page < page.pages else None),
        "json_url": _url("/api/search", request_params(req)),
        "suggestion": _suggestion(page, "/search"),
        "any_url": _url("/search", without(req, match="any")) if req.match == "all" else None,
        "release_urls": {hit.id: _release_url(hit.id, req.q) for hit in page.hits},
        "first": (page.page - 1) * page.per_page + 1,
        "last": min(page.total, page.page * page.per_page),
    }


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
                "url": _url("/search", request_params(page.request, page=number)),
                "current": number == page.page,
            }
        )
    return links


@bp.get("/releases/<release_id>")
def release_page(release_id: str) -> tuple[str, int] | str:
    """A whole release, with the words of the search that led here marked."""
    release = service().release(release_id)
    if release is None:
        return render_template(
            "error.html", title="Release not found", message=f"No release has the id {release_id!r}.", q=""
        ), 404
    q = request.args.get("q", "")
    try:
        matcher = service().release_matcher(q) if q else highlight.Matcher()
    except QueryError:
        matcher = highlight.Matcher()
    paragraphs = [Markup(highlight.highlight_whole(p, matcher)) for p in release.body]
    notes = [Markup(highlight.highlight_whole(n, matcher)) for n in release.notes]
    return render_template(
        "release.html",
        release=release,
        title_html=Markup(highlight.highlight_whole(release.title, matcher)),
        paragraphs=paragraphs,
        notes=notes,
        q=q,
        back_url=_url("/search", [("q", q)]) if q else None,
        json_url=f"/api/releases/{release.id}",
    )


# -- errors and headers --------------------------------------------------------


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if _wants_json():
        response = api_error(error.description or error.name, status, error.name.lower().replace(" ", "_"))
    else:
        page = render_template("error.html", title=error.name, message=error.description, q="")
        response = Response(page, status, mimetype="text/html")
    # Keep what the error says about itself, such as the Allow header of a 405.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _index_unavailable(error: Exception) -> Response | tuple[str, int]:
    if _wants_json():
        return api_error(str(error), 503, "index_unavailable")
    return render_template("error.html", title="Search is unavailable", message=str(error), q=""), 503


def _check_request() -> Response | tuple[str, int] | None:
    """Refuse over-long URLs before parsing them, and searches past the client's rate limit."""
    if len(request.full_path) > int(current_app.config["MAX_URL_LENGTH"]):
        message = f"the URL is longer than {int(current_app.config['MAX_URL_LENGTH']):,} characters"
        if _wants_json():
            return api_error(message, 414, "uri_too_long")
        return render_template("error.html", title="URL too long", message=message, q=""), 414
    limiter: RateLimiter | None = current_app.extensions["searchsvc_ratelimit"]
    if limiter is None or request.endpoint not in ("web.api_search", "web.search_page"):
        return None
    wait = limiter.retry_after(request.remote_addr or "unknown")
    if not wait:
        return None
    message = f"too many searches from your address; try again in {wait} s"
    if _wants_json():
        response = api_error(message, 429, "rate_limited")
    else:
        response = Response(render_template("error.html", title="Too many searches", message=message, q=""), 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _timed_out(error: SearchTimeoutError) -> Response | tuple[str, int]:
    if _wants_json():
        response = api_error(str(error), 503, "search_timeout", "q")
        response.headers["Retry-After"] = "1"
        return response
    return render_template("error.html", title="Search took too long", message=str(error), q=""), 503


def _security_headers(response: Response) -> Response:
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


@bp.get("/assets/style.css")
def stylesheet() -> Response:
    """The one stylesheet (served from the package, never by a path from the URL)."""
    text = resources.files("searchsvc").joinpath("static/style.css").read_text(encoding="utf-8")
    response = Response(text, mimetype="text/css")
    response.cache_control.max_age = 3600
    return response
