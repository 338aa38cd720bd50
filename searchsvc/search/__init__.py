"""Searching the index: query language, plans, the read door, numpy engine, reranking, facets, suggestions, highlights.

The flow runs one way, each module calling only those below it::

    service ─► query (text → tree) ─► plan (tree → terms, fields, phrases)
            ─► engine (plan → matches and BM25F scores) ─► rerank (feedback, rating lift, proximity)
            ─► facets, suggest, highlight ─► page (the values handed back)
    every reader of the index files goes through postings, the read door (the only Whoosh import here)

``from searchsvc.search import SearchService, SearchRequest, SearchPage`` is the public entry.
"""

from searchsvc.search.page import FacetCounts
from searchsvc.search.page import FacetValue
from searchsvc.search.page import Hit
from searchsvc.search.page import SearchPage
from searchsvc.search.page import SearchRequest
from searchsvc.search.service import MATCH_MODES
from searchsvc.search.service import SORTS
from searchsvc.search.service import SearchService

__all__ = [
    "MATCH_MODES",
    "SORTS",
    "FacetCounts",
    "FacetValue",
    "Hit",
    "SearchPage",
    "SearchRequest",
    "SearchService",
]
