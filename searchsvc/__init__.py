"""searchsvc: full-text search over the press releases of HM Inspectorate of Probation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

from searchsvc.ranking import settings_table

if TYPE_CHECKING:
    from flask import Flask

#: Every setting, its default and what it does. Each can be set in the
#: environment with a SEARCHSVC_ prefix (SEARCHSVC_INDEX_DIR=...), and the
#: README's table is checked against this one by the tests.
SETTINGS: dict[str, tuple[Any, str]] = {
    "INDEX_DIR": ("index", "Folder holding the built index (relative to the working directory)."),
    "SEEDS_DIR": ("seeds", "Folder of release files (*.txt, *.html, *.htm) that `searchsvc index` and `serve` read."),
    "PER_PAGE": (10, "Results per page when the request does not say."),
    "MAX_QUERY_LENGTH": (1000, "Longest query accepted, in characters, of an all-words query (match=any: 10,000)."),
    "MAX_TOKEN_LENGTH": (64, "Longest single word accepted in a query."),
    "MAX_QUERY_TERMS": (200, "Most words a query may have when every word must match (match=any: 1,000)."),
    "MAX_QUERY_DEPTH": (8, "Deepest nesting of brackets in a query."),
    "MAX_RESULT_WINDOW": (10_000, "page × per_page may not go beyond this."),
    "SEARCH_TIME_LIMIT_MS": (
        5000,
        "Time budget of one search: past it while matching, a 503; past it later, facets are left out.",
    ),
    "MAX_URL_LENGTH": (16_384, "Longest request URL accepted, percent-encoded (414 beyond)."),
    "RATE_LIMIT_PER_MINUTE": (0, "Searches one client may make a minute (0: no limit); 429 beyond."),
    "TRUSTED_PROXIES": (0, "Reverse proxies in front whose X-Forwarded-For to trust, for rate limits."),
    "EXPORT_MAX_ROWS": (
        100_000,
        "Most releases /search.csv, /search.ndjson and `searchsvc export` return (400 beyond).",
    ),
    # How searches are ranked: searchsvc/ranking.py owns these.
    **settings_table(),
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the web app: defaults, then SEARCHSVC_* environment variables, then ``config``."""
    # Imported here: an indexing worker imports this package too, and
    # importing Flask was a third of its start-up.
    from flask import Flask

    app = Flask(__name__, static_folder=None)
    # Keep "ok" first and keys in the documented order rather than sorted.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.config.from_mapping({name: default for name, (default, _help) in SETTINGS.items()})
    app.config.from_prefixed_env("SEARCHSVC")
    if config is not None:
        app.config.from_mapping(config)

    from searchsvc import web

    web.init_app(app)
    return app
