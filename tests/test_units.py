"""Units: slugs, the history table and the links releases imply, unit pages, and related releases."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from jsonschema import FormatChecker

from searchsvc import create_app
from searchsvc import units
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.releases import read_release
from tests.conftest import RELEASES_DIR
from tests.conftest import SEEDS_DIR

NORFOLK = "000_cdf3a1f2c20930cb"
SUFFOLK = "001_07cb0345052c310f"
TRUST = "002_672684c15eaa1aea"
CRC = "003_b5be92edc6b7fe4f"
ESSEX = "004_dd95e6e226415534"


def validate(client: FlaskClient, component: str, data: dict[str, Any]) -> None:
    doc = client.get("/api/openapi.json").get_json()
    schema = {"$ref": f"#/components/schemas/{component}", "components": doc["components"]}
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(data)


@pytest.mark.parametrize(
    ("name", "slug", "kind", "places"),
    [
        ("Norfolk PDU", "norfolk-pdu", "PDU", {"norfolk"}),
        ("Norfolk and Suffolk CRC", "norfolk-and-suffolk-crc", "CRC", {"norfolk", "suffolk"}),
        (
            "Norfolk and Suffolk Probation Trust",
            "norfolk-and-suffolk-probation-trust",
            "Probation Trust",
            {"norfolk", "suffolk"},
        ),
        (
            "Barking, Dagenham and Havering PDU",
            "barking-dagenham-and-havering-pdu",
            "PDU",
            {"barking", "dagenham", "havering"},
        ),
        ("NPS South West South Central", "nps-south-west-south-central", "NPS division", set()),
        ("Leeds Youth Justice Service", "leeds-youth-justice-service", None, {"leeds", "youth", "justice"}),
    ],
)
def test_slugs_types_and_places_from_a_unit_name(name: str, slug: str, kind: str | None, places: set[str]) -> None:
    assert (units.slug(name), units.type_from_name(name), set(units.places(name))) == (slug, kind, places)


def test_the_table_chains_the_norfolk_and_suffolk_bodies() -> None:
    norfolk = units.lineage("Norfolk PDU", ())
    assert [(link.earlier, link.when) for link in norfolk.predecessors] == [
        ("Norfolk and Suffolk CRC", "2021-06"),
        ("Norfolk and Suffolk Probation Trust", "2014-06"),
    ]
    trust = units.lineage("Norfolk and Suffolk Probation Trust", ())
    assert [link.later for link in trust.successors] == ["Norfolk and Suffolk CRC", "Norfolk PDU", "Suffolk PDU"]
    assert [link.earlier for link in units.lineage("Essex North PDU", ()).predecessors] == [
        "Essex CRC",
        "Essex Probation Trust",
    ]


def test_links_are_implied_only_for_pdus_whose_release_says_pdus_replaced_crcs() -> None:
    known = ["Durham PDU", "Durham Tees Valley CRC", "Kent, Surrey and Sussex CRC"]
    implied = units.implied_links(["Durham PDU"], known)
    assert [(link.earlier, link.later) for link in implied] == [("Durham Tees Valley CRC", "Durham PDU")]
    assert units.implied_links([], known) == ()
    norfolk = read_release((SEEDS_DIR / f"{NORFOLK}.txt").read_bytes(), NORFOLK)
    crc = read_release((SEEDS_DIR / f"{CRC}.txt").read_bytes(), CRC)
    assert (units.says_pdus_replaced_crcs(norfolk), units.says_pdus_replaced_crcs(crc)) == (True, False)


def test_a_release_names_its_units_in_one_place() -> None:
    essex = read_release((SEEDS_DIR / f"{ESSEX}.txt").read_bytes(), ESSEX)
    assert units.release_units(essex) == [units.UnitRef("Essex North PDU", "PDU", "essex-north-pdu")]
    thematic = read_release((RELEASES_DIR / "thematic_no_rating.txt").read_bytes(), "t")
    assert units.release_units(thematic) == []


def test_a_unit_page_lists_its_releases_and_the_bodies_before_it(client: FlaskClient) -> None:
    data = client.get("/api/units/norfolk-pdu").get_json()
    validate(client, "Unit", data)
    assert (data["name"], data["type"], data["url"]) == ("Norfolk PDU", "PDU", "/units/norfolk-pdu")
    assert [(r["id"], r["rating"]) for r in data["releases"]] == [(NORFOLK, "Inadequate")] and data["total"] == 1
    assert [(p["name"], p["url"]) for p in data["predecessors"]] == [
        ("Norfolk and Suffolk CRC", "/units/norfolk-and-suffolk-crc"),
        ("Norfolk and Suffolk Probation Trust", "/units/norfolk-and-suffolk-probation-trust"),
    ]
    html = client.get("/units/norfolk-pdu").get_data(as_text=True)
    assert '<a href="/units/norfolk-and-suffolk-crc">Norfolk and Suffolk CRC</a> (until 2021-06)' in html
    assert '<span class="badge rating-inadequate">Inadequate</span>' in html


def test_a_crc_page_names_both_pdus_after_it_and_an_unreleased_body_without_a_link(client: FlaskClient) -> None:
    crc = client.get("/api/units/norfolk-and-suffolk-crc").get_json()
    assert [(s["name"], s["url"]) for s in crc["successors"]] == [
        ("Norfolk PDU", "/units/norfolk-pdu"),
        ("Suffolk PDU", "/units/suffolk-pdu"),
    ]
    essex = client.get("/api/units/essex-north-pdu").get_json()
    assert [(p["name"], p["url"]) for p in essex["predecessors"]] == [
        ("Essex CRC", None),
        ("Essex Probation Trust", None),
    ]


def test_a_unit_the_table_does_not_know_gets_a_page_and_an_unknown_slug_a_404(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    shutil.copy(RELEASES_DIR / "cr_only_crc.txt", folder / "cr_only_crc.txt")
    # A PDU release whose notes say PDUs replaced CRCs, sharing "Durham" with the CRC.
    norfolk = (SEEDS_DIR / f"{NORFOLK}.txt").read_text(encoding="utf-8")
    (folder / "durham_pdu.txt").write_text(norfolk.replace("Norfolk", "Durham"), encoding="utf-8")
    build_index(release_paths(folder), tmp_path / "ix")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")})
    client = app.test_client()
    crc = client.get("/api/units/durham-tees-valley-crc").get_json()
    assert [(s["name"], s["url"]) for s in crc["successors"]] == [("Durham PDU", "/units/durham-pdu")]
    assert crc["successors"][0]["source"] == "a release on Durham PDU says PDUs replaced the CRCs"
    assert [p["name"] for p in client.get("/api/units/durham-pdu").get_json()["predecessors"]] == [
        "Durham Tees Valley CRC"
    ]
    missing = client.get("/units/nowhere-pdu")
    assert missing.status_code == 404 and "nowhere-pdu" in missing.get_data(as_text=True)
    assert client.get("/api/units/nowhere-pdu").get_json()["code"] == "not_found"
    app.extensions["searchsvc"].close()


def test_release_json_gains_its_unit_page_and_related_releases(client: FlaskClient) -> None:
    data = client.get(f"/api/releases/{NORFOLK}").get_json()
    validate(client, "Release", data)
    assert data["unit_url"] == "/units/norfolk-pdu"
    related = [(r["id"], r["why"]) for r in data["related"]]
    assert related[:2] == [(CRC, "earlier body"), (TRUST, "earlier body")]
    assert NORFOLK not in {r["id"] for r in data["related"]} and len(related) <= 5
    assert all(r["url"] == f"/releases/{r['id']}" for r in data["related"])
    essex = client.get(f"/api/releases/{ESSEX}").get_json()
    assert {r["why"] for r in essex["related"]} == {"similar words"}
    assert ESSEX not in {r["id"] for r in essex["related"]}


def test_release_pages_and_results_link_the_unit_page(client: FlaskClient) -> None:
    page = client.get(f"/releases/{NORFOLK}").get_data(as_text=True)
    assert '<a href="/units/norfolk-pdu">Norfolk PDU</a>' in page
    assert "Related releases" in page and f'href="/releases/{CRC}"' in page
    results = client.get("/search?q=safeguarding").get_data(as_text=True)
    assert '<a class="unit" href="/units/norfolk-pdu">Norfolk PDU</a>' in results


def test_markup_in_release_titles_is_escaped_on_unit_and_release_pages(hostile_client: FlaskClient) -> None:
    unit = hostile_client.get("/units/leeds-youth-justice-service").get_data(as_text=True)
    assert "<script>" not in unit and "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in unit
    release = hostile_client.get("/releases/900_script_release").get_data(as_text=True)
    assert "<script>" not in release
    assert hostile_client.get("/units/%3Cscript%3E").status_code == 404
    assert "<script>" not in hostile_client.get("/units/%3Cscript%3E").get_data(as_text=True)
