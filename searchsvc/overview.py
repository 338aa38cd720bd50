"""The overview picture of a search: overall ratings by year and by region, counted and laid out as SVG shapes.

Counting asks ``SearchService`` once per rating (each answer's year and
region facets are that rating's counts); laying out is pure arithmetic that
a template draws as inline SVG, so the page needs no script and no asset.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace

from searchsvc.releases import RATINGS
from searchsvc.search import SearchPage
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService

NOT_RATED = "Not rated"
#: The colours of the rating badges in static/style.css (a test holds them equal),
#: each at least 4.5:1 against white, the chart's background.
RATING_COLOURS: Mapping[str, str] = {
    "Outstanding": "#00703c",
    "Good": "#1d70b8",
    "Requires improvement": "#8a4500",
    "Inadequate": "#d4351c",
    NOT_RATED: "#505a5f",
}
STACK_ORDER = (*RATINGS, NOT_RATED)
UNDATED = "Undated"
NO_REGION = "No region stated"
#: The chart's size in SVG units (it scales to the page's width).
WIDTH = 720
BAR_AREA_HEIGHT = 240
ROW_HEIGHT = 24
LABEL_WIDTH = 210
#: The widest column, so that two years do not make two slabs.
MAX_BAR = 56


@dataclass(frozen=True)
class Table:
    """Counts of releases per row (a year or region) and rating, rows in display order."""

    rows: tuple[str, ...]
    ratings: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]

    def total(self, row: str) -> int:
        """Every release of ``row``."""
        return sum(self.counts.get((row, r), 0) for r in self.ratings)


@dataclass(frozen=True)
class Box:
    """One rectangle of a chart, with what it counts (its tooltip and accessible name)."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass(frozen=True)
class Text:
    """One label of a chart."""

    x: float
    y: float
    text: str
    anchor: str


@dataclass(frozen=True)
class Chart:
    """A whole chart: its size, its boxes and its labels."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    texts: tuple[Text, ...]


def count(service: SearchService, request: SearchRequest) -> tuple[Table, Table, int]:
    """Releases by year and rating, by region and rating, and the total, for ``request``'s matches."""
    quiet = replace(request, page=1, per_page=1, highlight=False, facets=True, sort="newest")
    base = service.search(quiet)
    ratings = request.filters.get("rating") or _ratings_in(base)
    by_year: dict[tuple[str, str], int] = {}
    by_region: dict[tuple[str, str], int] = {}
    for rating in ratings:
        page = service.search(replace(quiet, filters={**request.filters, "rating": (rating,)}))
        by_year.update({(value, rating): n for value, n in _facet(page, "year").items()})
        by_region.update({(value, rating): n for value, n in _facet(page, "region").items()})
    order = tuple(r for r in STACK_ORDER if r in ratings)
    years = tuple(sorted({y for y, _ in by_year}, key=lambda y: (y == UNDATED, y)))
    regions = tuple(sorted({g for g, _ in by_region}, key=lambda g: (g == NO_REGION, -_sum(by_region, g), g)))
    return Table(years, order, by_year), Table(regions, order, by_region), base.total


def _ratings_in(page: SearchPage) -> tuple[str, ...]:
    counts = _facet(page, "rating")
    return tuple(r for r in STACK_ORDER if counts.get(r))


def _facet(page: SearchPage, name: str) -> dict[str, int]:
    """A facet's counts on ``page``, releases without a value under the facet's missing label."""
    for facet in page.facets:
        if facet.name == name:
            counts = {v.value: v.count for v in facet.values if v.count}
            if facet.missing:
                counts[facet.missing_label] = facet.missing
            return counts
    return {}


def _sum(counts: Mapping[tuple[str, str], int], row: str) -> int:
    return sum(n for (r, _), n in counts.items() if r == row)


def nice_step(largest: int, ticks: int = 5) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``ticks`` gridlines up to ``largest``."""
    if largest <= ticks:
        return 1
    power = 10 ** math.floor(math.log10(largest / ticks))
    return int(next(m * power for m in (1, 2, 5, 10) if largest / (m * power) <= ticks))


def year_chart(table: Table) -> Chart:
    """Stacked columns, one a year, oldest on the left, with a scale on the left."""
    top, left, bottom = 12.0, 44.0, 36.0
    largest = max((table.total(r) for r in table.rows), default=0)
    step = nice_step(largest)
    ceiling = max(step, math.ceil(largest / step) * step)
    scale = BAR_AREA_HEIGHT / ceiling
    band = (WIDTH - left - 8) / max(1, len(table.rows))
    boxes: list[Box] = []
    texts = [Text(left - 6, top + BAR_AREA_HEIGHT - v * scale + 4, str(v), "end") for v in range(0, ceiling + 1, step)]
    for n, row in enumerate(table.rows):
        bar = min(band * 0.7, MAX_BAR)
        x, base = left + n * band + (band - bar) / 2, top + BAR_AREA_HEIGHT
        for rating in table.ratings:
            value = table.counts.get((row, rating), 0)
            if value:
                base -= value * scale
                boxes.append(Box(x, base, bar, value * scale, RATING_COLOURS[rating], _label(row, rating, value)))
        shown = _short_year(row) if len(table.rows) > 12 else row
        texts.append(Text(x + bar / 2, top + BAR_AREA_HEIGHT + 18, shown, "middle"))
    return Chart(WIDTH, top + BAR_AREA_HEIGHT + bottom, tuple(boxes), tuple(texts))


def region_chart(table: Table) -> Chart:
    """Stacked bars, one a region, most releases first, names on the left."""
    largest = max((table.total(r) for r in table.rows), default=0)
    scale = (WIDTH - LABEL_WIDTH - 48) / max(1, largest)
    boxes: list[Box] = []
    texts: list[Text] = []
    for n, row in enumerate(table.rows):
        y, x = n * ROW_HEIGHT + 4, float(LABEL_WIDTH)
        for rating in table.ratings:
            value = table.counts.get((row, rating), 0)
            if value:
                boxes.append(
                    Box(x, y, value * scale, ROW_HEIGHT - 6, RATING_COLOURS[rating], _label(row, rating, value))
                )
                x += value * scale
        texts.append(Text(LABEL_WIDTH - 8, y + ROW_HEIGHT / 2 + 2, row, "end"))
        texts.append(Text(x + 6, y + ROW_HEIGHT / 2 + 2, str(table.total(row)), "start"))
    return Chart(WIDTH, len(table.rows) * ROW_HEIGHT + 8, tuple(boxes), tuple(texts))


def _label(row: str, rating: str, value: int) -> str:
    return f"{row}: {value} {rating}"


def _short_year(row: str) -> str:
    """A year as two digits (’24); other rows as they are."""
    return f"’{row[2:]}" if row.isdigit() and len(row) == 4 else row
