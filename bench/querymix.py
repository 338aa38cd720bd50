"""The query mix every engine in the performance benchmark runs, and the modes it runs them in.

The words sit at known places in the generated corpus (see ``bench.corpus``):
the rare word in about 0.6% of releases, "staff" in about 95%, "safeguarding"
and "accommodation" each in about 40%, and the exact phrase "management
oversight" in about 18%, with both words scattered on their own in half the
releases.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from bench.corpus import RARE_WORD


@dataclass(frozen=True)
class Query:
    """One query of the mix, as a user would type it, with facet filters."""

    name: str
    q: str
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mode:
    """How much of a results page to build besides the ranked top ten."""

    name: str
    highlight: bool
    facets: bool


QUERIES: tuple[Query, ...] = (
    Query("rare word", RARE_WORD),
    Query("common word", "staff"),
    Query("two words AND", "safeguarding accommodation"),
    Query("phrase", '"management oversight"'),
    Query("common + rating", "staff", {"rating": ("Good",)}),
)

MODES: tuple[Mode, ...] = (
    Mode("plain", highlight=False, facets=False),
    Mode("highlight", highlight=True, facets=False),
    Mode("facets", highlight=False, facets=True),
    Mode("full", highlight=True, facets=True),
)

#: Results a page shows.
PER_PAGE = 10

_FTS_BITS = re.compile(r'("[^"]*"|[^\s"]+)')


def fts_match(q: str) -> str:
    """The FTS5 MATCH expression for ``q``, the way Datasette escapes ``?_search=``.

    Each word becomes a quoted string and a quoted phrase stays a phrase, so
    the words are ANDed and nothing is read as FTS5 syntax.
    """
    if q.count('"') % 2:
        q += '"'
    bits = [b for b in _FTS_BITS.findall(q) if b and b != '""']
    return " ".join(b if b.startswith('"') else f'"{b}"' for b in bits)


def _params(query: Query) -> list[tuple[str, str]]:
    """The facet filters of ``query`` as URL parameters."""
    return [(name, value) for name, values in query.filters.items() for value in values]


def api_path(query: Query) -> str:
    """searchsvc's JSON API URL path for ``query`` (it always counts facets and highlights)."""
    params = [("q", query.q), ("per_page", str(PER_PAGE)), *_params(query)]
    return "/api/search?" + urllib.parse.urlencode(params)


def datasette_path(query: Query, database: str) -> str:
    """Datasette's table JSON URL path for ``query``: full-text search, two facets, ten rows."""
    params = [
        ("_search", query.q),
        ("_facet", "rating"),
        ("_facet", "pdu"),
        ("_size", str(PER_PAGE)),
        *_params(query),
    ]
    return f"/{database}/releases.json?" + urllib.parse.urlencode(params)
