"""Releases with several units, their kind and report address, and saved web pages: through the CLI, JSON and pages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from searchsvc import create_app
from searchsvc.cli import main
from searchsvc.weblinks import outside_link
from tests.conftest import RELEASES_DIR
from tests.test_fixture_figures import FIGURES

#: Two units with different ratings: a CRC rated Inadequate and an NPS division rated Good.
AREA = "crc_and_nps_area"
#: Two PDUs, Harbour City (Inadequate) and Westmoor (Requires improvement).
TWO_PDUS = "two_pdus_glued"


def search(client: FlaskClient, query: str) -> dict[str, Any]:
    response = client.get(f"/api/search?per_page=100&{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    data: dict[str, Any] = response.get_json()
    return data


def facet(data: dict[str, Any], name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in data["facets"][name]["values"]}


def test_saved_web_pages_are_indexed_and_a_broken_one_is_named(seeds_copy: Path, tmp_path: Path) -> None:
    shutil.copy(RELEASES_DIR / "html_inspectorate_pdu.html", seeds_copy)
    shutil.copy(RELEASES_DIR / "broken_html_no_content.html", seeds_copy / "broken.htm")
    index = tmp_path / "ix"
    result = CliRunner().invoke(main, ["index", "--seeds", str(seeds_copy), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "skipped broken.htm: not a release page (no main content)" in result.stderr
    assert result.stdout.startswith("6 indexed: 6 new, 0 updated, 0 removed, 1 skipped in ")
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    release = client.get("/api/releases/html_inspectorate_pdu").get_json()
    assert (release["pdu"], release["rating"], release["published"]) == ("Norbridge PDU", "Good", "2025-02-11")
    assert "Skip to content" not in json.dumps(release)


def test_a_text_file_and_a_page_of_one_name_are_one_release_and_the_other_is_named(
    seeds_copy: Path, tmp_path: Path
) -> None:
    shutil.copy(RELEASES_DIR / "html_govuk_yjs.html", seeds_copy / "southmere.html")
    shutil.copy(RELEASES_DIR / "utf16_yot.txt", seeds_copy / "southmere.txt")
    index = tmp_path / "ix"
    result = CliRunner().invoke(main, ["index", "--seeds", str(seeds_copy), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert "skipped southmere.txt: southmere.html is already release 'southmere'" in result.stderr
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert client.get("/api/releases/southmere").get_json()["pdu"] == "Southmere Youth Justice Service"


def test_a_page_named_on_the_command_line_is_added(seeds_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "ix"
    base = ["index", "--seeds", str(seeds_copy), "--index", str(index)]
    assert CliRunner().invoke(main, base).exit_code == 0
    page = seeds_copy / "norbridge.HTM"
    shutil.copy(RELEASES_DIR / "html_inspectorate_pdu.html", page)
    result = CliRunner().invoke(main, [*base, str(page)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 indexed: 1 new, 0 updated, 0 removed, 0 skipped")
    refused = CliRunner().invoke(main, [*base, str(seeds_copy / "notes.md")])
    assert refused.exit_code == 2 and "(*.txt, *.html, *.htm)" in refused.output


def ids(data: dict[str, Any]) -> list[str]:
    return sorted(hit["id"] for hit in data["results"])


def test_unit_facets_count_a_release_once_for_each_of_its_distinct_values(fixture_client: FlaskClient) -> None:
    both = search(fixture_client, "q=&pdu=Westmoor+PDU&pdu=NPS+North+Midlands")
    assert ids(both) == [AREA, TWO_PDUS]
    # The rating and type facets are counted over the two releases: once per distinct value,
    # so the two PDUs of one release make one "PDU" and both releases' Inadequate units make two.
    assert facet(both, "unit_type") == {"PDU": 1, "CRC": 1, "NPS division": 1}
    assert facet(both, "rating") == {"Inadequate": 2, "Good": 1, "Requires improvement": 1}
    # A facet is counted without its own filter (disjunctive), so each unit of every release shows.
    units = facet(search(fixture_client, "q=&kind=inspection"), "pdu")
    assert {name: units[name] for name in ("Dales CRC", "NPS North Midlands", "Harbour City PDU", "Westmoor PDU")} == {
        "Dales CRC": 1,
        "NPS North Midlands": 1,
        "Harbour City PDU": 1,
        "Westmoor PDU": 1,
    }
    # Every inspection counts once for each distinct unit it inspects.
    assert sum(units.values()) == sum(len({u[0] for u in f.units}) for f in FIGURES if f.kind == "inspection")


def test_filtering_by_a_unit_rating_finds_a_release_if_any_of_its_units_has_it(fixture_client: FlaskClient) -> None:
    good_nps = search(fixture_client, "q=&rating=Good&unit_type=NPS+division")
    assert AREA in ids(good_nps)
    assert set(ids(good_nps)) == {
        f.id for f in FIGURES if any(u[2] == "Good" for u in f.units) and any(u[1] == "NPS division" for u in f.units)
    }
    second_unit = search(fixture_client, "q=&pdu=Westmoor+PDU")
    assert ids(second_unit) == [TWO_PDUS]
    assert facet(second_unit, "rating") == {"Inadequate": 1, "Requires improvement": 1}
    assert ids(search(fixture_client, "q=&rating=Requires+improvement&pdu=Harbour+City+PDU")) == [TWO_PDUS]


def test_the_kind_facet_is_offered_and_filters_in_the_api_and_the_cli(
    fixture_client: FlaskClient, fixture_index: Path
) -> None:
    everything = search(fixture_client, "q=")
    assert facet(everything, "kind") == dict(Counter(f.kind for f in FIGURES))
    assert set(facet(everything, "kind")) == {"inspection", "annual report", "thematic inspection", "corporate news"}
    assert everything["facets"]["kind"]["label"] == "Release type"
    annual = search(fixture_client, "q=&kind=annual+report")
    assert "annual_report_aggregates" in ids(annual)
    assert set(ids(annual)) == {f.id for f in FIGURES if f.kind == "annual report"}
    result = CliRunner().invoke(
        main, ["search", "", "--kind", "Corporate news", "--per-page", "100", "--json", "--index", str(fixture_index)]
    )
    assert result.exit_code == 0, result.output
    found = {hit["id"] for hit in json.loads(result.stdout)["results"]}
    assert "corporate_reappointment" in found
    assert found == {f.id for f in FIGURES if f.kind == "corporate news"}


def test_search_results_carry_every_unit_the_kind_and_the_report_address(fixture_client: FlaskClient) -> None:
    [hit] = search(fixture_client, "q=&pdu=Dales+CRC")["results"]
    assert {k: hit[k] for k in ("pdu", "unit_type", "rating", "units", "kind", "source_url")} == {
        "pdu": "Dales CRC",
        "unit_type": "CRC",
        "rating": "Inadequate",
        "units": [
            {"name": "Dales CRC", "type": "CRC", "rating": "Inadequate", "region": None},
            {"name": "NPS North Midlands", "type": "NPS division", "rating": "Good", "region": None},
        ],
        "kind": "inspection",
        "source_url": None,
    }
    [page] = search(fixture_client, "q=&pdu=Norbridge+PDU")["results"]
    assert page["source_url"] == "https://hmiprobation.example.gov.uk/inspections/norbridge/"


def test_the_results_list_shows_every_unit_with_its_rating(fixture_client: FlaskClient) -> None:
    html = fixture_client.get("/search?q=&pdu=Harbour+City+PDU").get_data(as_text=True)
    assert (
        '<span class="unit-rated"><span class="badge rating-inadequate">Inadequate</span> '
        '<a class="unit" href="/units/harbour-city-pdu">Harbour City PDU</a></span>'
    ) in html
    assert (
        '<span class="unit-rated"><span class="badge rating-requires-improvement">Requires improvement</span> '
        '<a class="unit" href="/units/westmoor-pdu">Westmoor PDU</a></span>'
    ) in html


def test_the_release_page_shows_every_unit_and_links_the_report(fixture_client: FlaskClient) -> None:
    area = fixture_client.get(f"/releases/{AREA}").get_data(as_text=True)
    assert "<dt>Units inspected</dt>" in area
    assert (
        '<dd class="unit-rated"><span class="badge rating-inadequate">Inadequate</span> '
        '<a href="/units/dales-crc">Dales CRC</a></dd>'
    ) in area
    assert (
        '<dd class="unit-rated"><span class="badge rating-good">Good</span> '
        '<a href="/units/nps-north-midlands">NPS North Midlands</a> (NPS division)</dd>'
    ) in area
    assert "Read the report" not in area
    page = fixture_client.get("/releases/web_pdu_also_known_as").get_data(as_text=True)
    assert (
        '<a class="report-link" href="https://hmiprobation.example.gov.uk/inspections/ashby-coalville-melton/"'
        ' rel="noopener noreferrer">Read the report</a>'
    ) in page


def test_a_report_address_is_escaped_on_the_release_page(seeds_copy: Path, tmp_path: Path) -> None:
    text = (RELEASES_DIR / "web_pdu_also_known_as.txt").read_text(encoding="utf-8")
    address = "https://hmiprobation.example.gov.uk/inspections/ashby-coalville-melton/"
    assert address in text
    (seeds_copy / "quoted.txt").write_text(text.replace(address, address + "?a=1&b=<2>"), encoding="utf-8")
    index = tmp_path / "ix"
    assert CliRunner().invoke(main, ["index", "--seeds", str(seeds_copy), "--index", str(index)]).exit_code == 0
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    stored = client.get("/api/releases/quoted").get_json()["source_url"]
    html = client.get("/releases/quoted").get_data(as_text=True)
    assert stored is not None and stored.startswith(address + "?a=1&")
    assert f'href="{address}?a=1&amp;b=' in html and "<2>" not in html


@pytest.mark.parametrize(
    ("address", "linked"),
    [
        ("https://example.gov.uk/report", True),
        ("http://example.gov.uk/report", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https:///no-host", False),
        ("//example.gov.uk/report", False),
        (None, False),
        ("", False),
    ],
)
def test_only_http_and_https_addresses_become_links(address: str | None, linked: bool) -> None:
    assert outside_link(address) == (address if linked else None)


def test_the_cli_prints_each_unit_of_a_release_with_its_rating(fixture_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "", "--pdu", "Dales CRC", "--index", str(fixture_index)])
    assert result.exit_code == 0, result.output
    assert "  Dales CRC (Inadequate) · NPS North Midlands (Good) · 2019-03-07  [crc_and_nps_area]" in result.stdout


def test_a_unit_named_in_the_query_finds_a_release_that_inspects_it_second(fixture_client: FlaskClient) -> None:
    assert ids(search(fixture_client, "q=unit:westmoor")) == [TWO_PDUS]
    assert ids(search(fixture_client, "q=unit:%22north+midlands%22+rating:good")) == [AREA]


def test_the_filter_column_and_the_facet_page_offer_the_release_type(fixture_client: FlaskClient) -> None:
    results = fixture_client.get("/search?q=").get_data(as_text=True)
    assert "Release type" in results and "kind=annual+report" in results
    page = fixture_client.get("/facets/kind?q=")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "thematic inspection" in html and "corporate news" in html


def test_each_unit_of_a_release_that_inspects_several_has_the_release_in_its_history(
    fixture_client: FlaskClient,
) -> None:
    for slug in ("dales-crc", "nps-north-midlands"):
        unit = fixture_client.get(f"/api/units/{slug}").get_json()
        assert AREA in [r["id"] for r in unit["releases"]], slug


def test_an_export_lists_every_unit_with_its_own_rating(fixture_client: FlaskClient) -> None:
    response = fixture_client.get("/search.csv?q=&pdu=Dales+CRC")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    [row] = [row for row in rows if row["id"] == AREA]
    assert row["units"] == "Dales CRC; NPS North Midlands"
    assert row["rating"] == "Inadequate; Good"
    assert row["unit type"] == "CRC; NPS division"
