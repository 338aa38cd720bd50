"""Facet counts over the seed index, asserted as whole structures (as Datasette's test_facets does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchsvc.search import FacetCounts
from searchsvc.search import FacetValue
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService


@pytest.fixture(scope="module")
def svc(seed_index: Path) -> SearchService:
    return SearchService(seed_index)


def values(*pairs: tuple[str, int], selected: str = "") -> tuple[FacetValue, ...]:
    return tuple(FacetValue(value, count, value == selected) for value, count in pairs)


def test_every_facet_of_every_release(svc: SearchService) -> None:
    assert svc.search(SearchRequest()).facets == (
        FacetCounts(
            "rating", "Overall rating", values(("Requires improvement", 3), ("Inadequate", 1)), 1, "Not rated", False
        ),
        FacetCounts(
            "unit_type", "Unit type", values(("PDU", 3), ("CRC", 1), ("Probation Trust", 1)), 0, "No unit", False
        ),
        FacetCounts(
            "pdu",
            "Unit inspected",
            values(
                ("Essex North PDU", 1),
                ("Norfolk PDU", 1),
                ("Norfolk and Suffolk CRC", 1),
                ("Norfolk and Suffolk Probation Trust", 1),
                ("Suffolk PDU", 1),
            ),
            0,
            "No unit named",
            False,
        ),
        FacetCounts("region", "Region", values(("East of England", 3)), 2, "No region stated", False),
        FacetCounts(
            "chief_inspector",
            "Chief Inspector",
            values(("Martin Jones", 3), ("Justin Russell", 1), ("Paul McDowell", 1)),
            0,
            "Not named",
            False,
        ),
        FacetCounts("year", "Year published", values(("2024", 3), ("2014", 1), ("2019", 1)), 0, "Undated", False),
        FacetCounts("kind", "Release type", values(("inspection", 5)), 0, "Not stated", False),
    )


def test_a_chosen_value_narrows_the_other_facets_and_keeps_its_own_siblings(svc: SearchService) -> None:
    page = svc.search(SearchRequest(filters={"rating": ("Not rated",)}))
    assert page.total == 1
    assert page.facets == (
        FacetCounts(
            "rating", "Overall rating", values(("Requires improvement", 3), ("Inadequate", 1)), 1, "Not rated", True
        ),
        FacetCounts("unit_type", "Unit type", values(("Probation Trust", 1)), 0, "No unit", False),
        FacetCounts(
            "pdu", "Unit inspected", values(("Norfolk and Suffolk Probation Trust", 1)), 0, "No unit named", False
        ),
        FacetCounts("region", "Region", (), 1, "No region stated", False),
        FacetCounts("chief_inspector", "Chief Inspector", values(("Paul McDowell", 1)), 0, "Not named", False),
        FacetCounts("year", "Year published", values(("2014", 1)), 0, "Undated", False),
        FacetCounts("kind", "Release type", values(("inspection", 1)), 0, "Not stated", False),
    )


def test_counts_follow_the_query_and_flag_the_selected_value(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="women", filters={"rating": ("Inadequate",)}))
    assert [h.id for h in page.hits] == ["000_cdf3a1f2c20930cb"]
    rating, unit_type = page.facets[:2]
    assert rating == FacetCounts(
        "rating", "Overall rating", values(("Inadequate", 1), selected="Inadequate"), 0, "Not rated", False
    )
    assert unit_type == FacetCounts("unit_type", "Unit type", values(("PDU", 1)), 0, "No unit", False)


def test_facets_can_be_left_out(svc: SearchService) -> None:
    assert svc.search(SearchRequest(q="staff", facets=False)).facets == ()
