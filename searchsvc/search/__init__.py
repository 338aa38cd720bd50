"""Searching the index: query language, plans, the read door, numpy engine, reranking, facets, suggestions, highlights.

Each module owns one thing; calls run down this list, never back up:

    service     SearchService: lends the open index to one search at a time, and runs a search
    generation  what is read once per index generation (arrays, facet columns, dates, synonyms)
    rerank      pseudo-relevance feedback (RM3), the rating lift, the proximity bonus
    suggest     "did you mean" for words no release holds
    typos       reading a misspelt word as the nearest indexed word (typo tolerance)
    facets      disjunctive facet counts with one bincount per facet; several values a release via value sets
    engine      plan -> matches and BM25F scores over numpy arrays; phrases from positions; top-k
    plan        tree -> plan of index terms with fields, weights, acronyms, prefixes, phrases
    highlight   marking matched words in titles and excerpts (pure, escapes HTML)
    query       the query language: text -> tree of Word, Phrase, Not, All, Any (pure)
    postings    THE READ DOOR: opening the index, postings, positions, columns, stored fields;
                the only module here that imports Whoosh
    page        SearchRequest in; SearchPage, Hit, FacetCounts, FacetValue out (plain frozen values)

``from searchsvc.search import SearchService, SearchRequest, SearchPage`` is the public entry;
how results are ranked is ``searchsvc.ranking.RankingSettings``, given to ``SearchService``.
"""

from searchsvc.search.page import FacetCounts
from searchsvc.search.page import FacetValue
from searchsvc.search.page import Hit
from searchsvc.search.page import SearchPage
from searchsvc.search.page import SearchRequest
from searchsvc.search.service import MATCH_MODES
from searchsvc.search.service import SORTS
from searchsvc.search.service import MatchOrder
from searchsvc.search.service import SearchService

__all__ = [
    "MATCH_MODES",
    "SORTS",
    "FacetCounts",
    "FacetValue",
    "Hit",
    "MatchOrder",
    "SearchPage",
    "SearchRequest",
    "SearchService",
]
