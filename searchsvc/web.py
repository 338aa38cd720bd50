"""The web layer's routes and error pages: HTML pages and the JSON API over ``SearchService``.

Request arguments become a ``SearchRequest`` (``webargs``); the ``SearchPage``
that comes back becomes JSON (``webjson``) or HTML (``webview`` and the
templates), with every link built by ``weblinks``. Nothing here touches Whoosh.
"""

from __future__ import annotations

import datetime
from importlib import resources
from pathlib import Path

from flask import Blueprint
from flask import Flask
from flask import Response
from flask import current_app
from flask import jsonify
from flask import render_template
from flask import request
from flask import stream_with_context
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from searchsvc import export
from searchsvc import history
from searchsvc import schema
from searchsvc import webfollow
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexMissingError
from searchsvc.errors import QueryError
from searchsvc.errors import SearchTimeoutError
from searchsvc.ranking import RankingSettings
from searchsvc.ratelimit import RateLimiter
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search import highlight
from searchsvc.search import query as ql
from searchsvc.webargs import PageArgs
from searchsvc.webargs import parse_args
from searchsvc.webargs import parse_page_args
from searchsvc.webjson import api_error
from searchsvc.webjson import page_json
from searchsvc.webjson import release_json
from searchsvc.weblinks import outside_link
from searchsvc.weblinks import url
from searchsvc.webtext import QUERY_SYNTAX
from searchsvc.webtext import note_blocks
from searchsvc.webtext import release_blocks
from searchsvc.webtext import syntax_html
from searchsvc.webview import facet_page_view
from searchsvc.webview import search_view

bp = Blueprint("web", __name__)

#: The routes that run a search, and so count against a client's rate limit.
SEARCHING_ENDPOINTS = (
    "web.api_search",
    "web.search_page",
    "web.facet_page",
    "web.export_csv",
    "web.export_ndjson",
    "web.search_feed",
    "web.overview_page",
)

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
        ranking=RankingSettings.from_config(app.config),
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
    return jsonify({**release_json(release), **webfollow.release_extras(service(), release)})


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
    try:
        args = parse_page_args(request.args, int(current_app.config["PER_PAGE"]))
        page = service().search(args.request)
    except QueryError as e:
        return _not_understood(e)
    return render_template("search.html", page=page, view=search_view(page, args))


@bp.get("/facets/<name>")
def facet_page(name: str) -> tuple[str, int] | str:
    """Every value of one facet for a search, with counts, and a box to find one."""
    if name not in schema.FACET_NAMES:
        return _not_found(f"There is no filter called {name!r}.")
    try:
        args = parse_page_args(request.args, int(current_app.config["PER_PAGE"]))
        req = SearchRequest(**{**args.request.__dict__, "page": 1})
        # Only the counts are shown: one unhighlighted hit is the least a search returns.
        page = service().search(SearchRequest(**{**req.__dict__, "per_page": 1, "highlight": False}))
    except QueryError as e:
        return _not_understood(e)
    find = request.args.get("find", "")[:100]
    return render_template("facet.html", facet=facet_page_view(page, req, name, find), q=req.q)


@bp.get("/help")
def help_page() -> str:
    """How to write a search: the query syntax, with examples."""
    rows = [
        (syntax_html(typed, searchable=True), syntax_html(finds, searchable=False)) for typed, finds in QUERY_SYNTAX
    ]
    return render_template("help.html", rows=rows)


def _not_understood(error: QueryError) -> tuple[str, int]:
    """A search page that cannot mean anything: the message, in the site's layout, as a 400."""
    q = request.args.get("q", "") if len(request.args.getlist("q")) == 1 else ""
    return render_template("error.html", title="Search not understood", message=str(error), q=q), 400


def _not_found(message: str) -> tuple[str, int]:
    return render_template("error.html", title="Page not found", message=message, q=""), 404


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
    return render_template(
        "release.html",
        release=release,
        title_html=Markup(highlight.highlight_whole(release.title, matcher)),
        paragraphs=release_blocks(release.body, release.body_lists, matcher),
        notes=note_blocks(release.notes, release.notes_lists, matcher),
        q=q,
        back_url=url("/search", [("q", q)]) if q else None,
        json_url=f"/api/releases/{release.id}",
        extras=webfollow.release_extras(service(), release),
        unit_urls=webfollow.unit_links(release),
        report_url=outside_link(release.source_url),
    )


# -- taking a search away: exports, feeds, unit histories, overview -------------


@bp.get("/search.csv")
def export_csv() -> Response:
    """Every match of a search as CSV (UTF-8 with a BOM, for spreadsheets), streamed."""
    return _export("csv")


@bp.get("/search.ndjson")
def export_ndjson() -> Response:
    """Every match of a search as JSON lines, each a result as ``/api/search`` gives it, streamed."""
    return _export("ndjson")


def _export(fmt: str) -> Response:
    try:
        req = _page_args().request
        order = service().match_order(req)
    except QueryError as e:
        return _plain_error(f"search not understood: {e}", 400)
    too_many = export.too_many(order.total, int(current_app.config["EXPORT_MAX_ROWS"]))
    if too_many:
        return _plain_error(too_many, 400)
    batches = webfollow.export_batches(service(), order)
    lines = webfollow.export_text(fmt, batches, request.host_url.rstrip("/"), req.q)
    response = Response(stream_with_context(lines), mimetype=export.MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="releases.{fmt}"'
    response.headers["X-Total-Count"] = str(order.total)
    return response


@bp.get("/search.atom")
def search_feed() -> Response:
    """The newest releases of a search as an Atom feed, to follow it in a feed reader."""
    try:
        xml = webfollow.feed_xml(service(), _page_args().request, request.host_url.rstrip("/"))
    except QueryError as e:
        return _plain_error(f"search not understood: {e}", 400)
    return Response(xml, mimetype="application/atom+xml")


@bp.get("/overview")
def overview_page() -> tuple[str, int] | str:
    """Overall ratings of a search's matches by year and by region, as pictures and tables."""
    try:
        req = _page_args().request
        view = webfollow.overview_view(service(), req)
    except QueryError as e:
        return _not_understood(e)
    return render_template("overview.html", overview=view, q=req.q, atom_url=view["atom_url"])


@bp.get("/units/<slug>")
def unit_page(slug: str) -> tuple[str, int] | str:
    """A unit's releases, newest first, and the bodies that held its area before and after it."""
    unit = history.unit_history(service(), slug)
    if unit is None:
        return _not_found(f"No release is about a unit whose address is {slug!r}.")
    data = webfollow.unit_json(unit)
    return render_template("unit.html", unit=data, json_url=f"/api/units/{slug}", atom_url=data["feed_url"])


@bp.get("/api/units/<slug>")
def api_unit(slug: str) -> Response:
    """A unit's history, as JSON."""
    unit = history.unit_history(service(), slug)
    if unit is None:
        return api_error(f"no release is about a unit with the slug {slug!r}", 404, "not_found", "slug")
    return jsonify(webfollow.unit_json(unit))


def _page_args() -> PageArgs:
    return parse_page_args(request.args, int(current_app.config["PER_PAGE"]))


def _plain_error(message: str, status: int) -> Response:
    return Response(message + "\n", status, mimetype="text/plain")


# -- errors and headers --------------------------------------------------------


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


#: What a page in the site's layout says for the common HTTP errors, in place of Werkzeug's wording.
_ERROR_PAGES = {
    404: ("Page not found", "There is no page at this address. Search for what you were looking for instead."),
    405: ("That cannot be done here", "This address only answers links and search forms (GET), not this request."),
    500: ("Something went wrong", "The service failed to answer this request; it has been logged. Try again later."),
}


def _http_error(error: HTTPException) -> Response:
    """Any HTTP error (an unexpected exception arrives as a 500): JSON under /api/, else a page with the search box."""
    status = error.code or 500
    if _wants_json():
        response = api_error(error.description or error.name, status, error.name.lower().replace(" ", "_"))
    else:
        title, message = _ERROR_PAGES.get(status, (error.name, error.description or ""))
        page = render_template("error.html", title=title, message=message, q="")
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
    if limiter is None or request.endpoint not in SEARCHING_ENDPOINTS:
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
