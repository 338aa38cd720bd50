"""The values a search takes and gives: ``SearchRequest`` in, ``SearchPage`` of ``Hit`` and ``FacetCounts`` out.

Plain, frozen dataclasses: nothing Whoosh is in them, so a page stays valid
after the snapshot that made it is closed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

from searchsvc.releases import Unit


@dataclass(frozen=True)
class SearchRequest:
    """What a caller asks for; validated by ``SearchService.search``."""

    q: str = ""
    #: Facet name → selected values (OR within a facet, AND across facets).
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    published_from: datetime.date | None = None
    published_to: datetime.date | None = None
    #: One of ``SORTS``; None means relevance with a query, newest without.
    sort: str | None = None
    page: int = 1
    per_page: int = 10
    #: "all": every word must match; "any": releases with any word, ranked.
    match: str = "all"
    #: Whether to mark matches in titles and excerpts (programs that only rank can skip it).
    highlight: bool = True
    #: Whether to count facets (programs that only rank can skip it).
    facets: bool = True
    #: Whether to widen the ranking with words from the best matches
    #: (pseudo-relevance feedback); the matches themselves do not change.
    #: None: as the service's ``RankingSettings.feedback`` rule decides.
    expand: bool | None = None
    #: Whether a word no release holds is read as the nearest indexed word
    #: (``typos``); False searches exactly as typed.
    typos: bool = True


@dataclass(frozen=True)
class Hit:
    """One release in a page of results."""

    id: str
    title: str
    #: The title, HTML-escaped, with matches in ``<mark>``.
    title_html: str
    pdu: str | None
    unit_type: str | None
    rating: str | None
    region: str | None
    chief_inspector: str | None
    published: datetime.date | None
    #: Relevance score; None when sorted by date.
    score: float | None
    #: Up to three HTML-escaped excerpts with matches in ``<mark>``.
    highlights: tuple[str, ...]
    #: Every unit the release inspects; ``pdu``, ``unit_type`` and ``rating`` are the first one's.
    units: tuple[Unit, ...] = ()
    #: One of ``releases.KINDS``.
    kind: str = "inspection"
    #: The report's address (http or https), or None.
    source_url: str | None = None


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and how many matching releases have it."""

    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetCounts:
    """The counts of one facet over the whole result set (not the page)."""

    name: str
    label: str
    values: tuple[FacetValue, ...]
    #: Matching releases with no value for this facet, filed under ``missing_label``.
    missing: int
    missing_label: str
    missing_selected: bool


@dataclass(frozen=True)
class SearchPage:
    """One page of results, with everything needed to show it."""

    request: SearchRequest
    sort: str
    total: int
    page: int
    pages: int
    per_page: int
    hits: tuple[Hit, ...]
    facets: tuple[FacetCounts, ...]
    #: A corrected query when a word is in no release, else None.
    suggestion: str | None
    #: True when no release had all the words and the page shows releases with any of them.
    relaxed: bool
    #: Query words that are too common to be indexed and were left out.
    ignored_words: tuple[str, ...]
    #: True when the ranking was widened by pseudo-relevance feedback (``SearchRequest.expand``).
    expanded: bool = False
    #: True when the time budget ran out after the matches were found, so
    #: facet counts (and perhaps highlights) were left out of this page.
    partial: bool = False
    #: (word as typed, indexed word it was read as) for each misspelt word of the query.
    corrected: tuple[tuple[str, str], ...] = ()
    #: The query as it was searched, with misspelt words replaced; None when none was.
    read_as: str | None = None
