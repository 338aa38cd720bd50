"""Releases related to one release: about the same unit or the bodies before it first, then the most alike in words."""

from __future__ import annotations

from dataclasses import dataclass

from searchsvc import history
from searchsvc import units
from searchsvc.releases import Release
from searchsvc.search import SearchService

#: The most related releases a release page shows.
MAX_RELATED = 5


@dataclass(frozen=True)
class Related:
    """A release related to another, and why: "same unit", "earlier body" or "similar words"."""

    id: str
    title: str
    why: str


def related_releases(service: SearchService, release: Release, limit: int = MAX_RELATED) -> list[Related]:
    """Up to ``limit`` releases related to ``release``, never itself: same unit, then earlier bodies, then by words."""
    found: dict[str, Related] = {}
    for unit in units.release_units(release):
        names = history.history_names(service, unit.name)
        for why, group in (("same unit", names[:1]), ("earlier body", names[1:])):
            for other in history.releases_about(service, group, limit + 1):
                found.setdefault(other.id, Related(other.id, other.title, why))
    if len(found) < limit + 1:
        for hit in service.similar(release.id, limit):
            found.setdefault(hit.id, Related(hit.id, hit.title, "similar words"))
    found.pop(release.id, None)
    return list(found.values())[:limit]
