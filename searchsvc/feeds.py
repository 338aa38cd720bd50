"""Following a search: an Atom 1.0 feed of its newest releases, with a title that says the search in words."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from searchsvc.releases import Release
from searchsvc.search import SearchRequest

#: The most entries a feed holds.
MAX_ENTRIES = 50
#: The authority and date of the feed's tag: URIs (RFC 4151). Never change
#: them: readers know an entry they have seen by its id.
TAG = "tag:searchsvc.hmiprobation,2026"
#: How each filter reads in a feed title, before its values.
_FILTER_WORDS = {
    "rating": "rated",
    "unit_type": "on a",
    "pdu": "about",
    "region": "in",
    "chief_inspector": "under Chief Inspector",
    "year": "published in",
}


@dataclass(frozen=True)
class Entry:
    """One release as an Atom entry."""

    id: str
    title: str
    link: str
    updated: str
    summary: str


def feed_request(request: SearchRequest) -> SearchRequest:
    """``request`` as a feed asks it: newest first, the first ``MAX_ENTRIES``, nothing marked or counted."""
    return replace(request, sort="newest", page=1, per_page=MAX_ENTRIES, highlight=False, facets=False)


def describe(request: SearchRequest, noun: str = "Releases") -> str:
    """The search in words: "Releases rated Inadequate in East of England matching 'safeguarding'" (``noun`` first)."""
    words = [noun]
    for name, lead in _FILTER_WORDS.items():
        values = request.filters.get(name, ())
        if values:
            words.append(f"{lead} {_either(values)}")
    if request.published_from:
        words.append(f"published from {request.published_from:%-d %B %Y}")
    if request.published_to:
        words.append(f"published to {request.published_to:%-d %B %Y}")
    if request.q.strip():
        joined = "any of the words of" if request.match == "any" else "matching"
        words.append(f"{joined} '{request.q.strip()}'")
    return " ".join(words)


def _either(values: Sequence[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def timestamp(day: datetime.date | None) -> str:
    """An Atom date (RFC 3339) for a publication day; an undated release counts as 1 January 1970."""
    return f"{(day or datetime.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def entry_id(release_id: str) -> str:
    """The id of a release's entry, the same in every feed and for ever."""
    return f"{TAG}:release:{release_id}"


def feed_id(canonical_query: str) -> str:
    """The id of the feed of one search, from its canonical query string."""
    return f"{TAG}:search?{canonical_query}"


def entry(release: Release, link: str) -> Entry:
    """``release`` as an entry whose link is ``link``; its summary is the first paragraph."""
    return Entry(
        id=entry_id(release.id),
        title=release.title,
        link=link,
        updated=timestamp(release.published),
        summary=release.body[0] if release.body else release.title,
    )


def updated(entries: Sequence[Entry]) -> str:
    """When the feed last changed: its newest entry's date (the epoch for an empty feed)."""
    return max((e.updated for e in entries), default=timestamp(None))
