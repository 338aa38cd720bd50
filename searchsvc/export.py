"""A whole search as rows: CSV for spreadsheets and JSON lines for programs, produced a batch at a time.

Every function here takes an iterable of ``(Release, score)`` pairs and
yields text, so a caller that streams the text (the web's ``/search.csv``,
the CLI's ``export``) holds one batch of releases at a time, whatever the total.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from searchsvc import units
from searchsvc.releases import Release
from searchsvc.search import Hit
from searchsvc.search.service import plain_hit

#: The most rows one export returns; a search with more matches is refused (narrow it).
MAX_ROWS = 100_000
#: The CSV header, in the order of each row.
CSV_HEADER = (
    "id",
    "title",
    "url",
    "published",
    "kind",
    "rating",
    "units",
    "unit type",
    "region",
    "Chief Inspector",
    "score",
)
#: Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
#: Formats and their media types.
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson; charset=utf-8"}

Row = tuple[Release, float | None]


def too_many(total: int, cap: int = MAX_ROWS) -> str | None:
    """The message for a search with more matches than one export returns, or None when it fits."""
    if total <= cap:
        return None
    return (
        f"this search matches {total:,} releases and an export holds at most {cap:,}; narrow it with filters or dates"
    )


def csv_row(release: Release, score: float | None, url: str) -> list[str]:
    """One release as the cells of ``CSV_HEADER``; several units are joined with "; "."""
    inspected = units.release_units(release)
    return [
        release.id,
        release.title,
        url,
        release.published.isoformat() if release.published else "",
        release.kind,
        _ratings(release),
        "; ".join(u.name for u in inspected),
        "; ".join(u.type or "" for u in inspected),
        release.region or "",
        release.chief_inspector or "",
        "" if score is None else f"{score:g}",
    ]


def _ratings(release: Release) -> str:
    """The rating cell: the overall rating, or each inspected unit's in the order of the units cell."""
    if len(release.units) < 2:
        return release.rating or ""
    return "; ".join(unit.rating or "Not rated" for unit in release.units)


def csv_lines(batches: Iterable[list[Row]], release_url: Callable[[str], str]) -> Iterator[str]:
    """A BOM and the header, then one chunk of CSV lines a batch; ``release_url`` makes a release's address."""
    buffer = io.StringIO()
    # CRLF line ends, as RFC 4180 and Excel have them.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    yield BOM + _drain(buffer)
    for batch in batches:
        writer.writerows(csv_row(r, s, release_url(r.id)) for r, s in batch)
        yield _drain(buffer)


def ndjson_lines(batches: Iterable[list[Row]], result: Callable[[Hit], dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line, a chunk a batch; ``result`` makes the API's result object of one release."""
    for batch in batches:
        yield "".join(json.dumps(result(plain_hit(r, s)), ensure_ascii=False) + "\n" for r, s in batch)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
