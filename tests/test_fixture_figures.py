"""The fixture figures: every fixture release through ``searchsvc index`` and ``/api/releases/<id>``.

The parser is checked through the interfaces users touch: each release's kind,
units (with their ratings and regions), overall rating, Chief Inspector,
published date, previous ratings and report address, as whole structures.
"""

from __future__ import annotations

from typing import Any
from typing import NamedTuple

import pytest
from flask.testing import FlaskClient

from tests.conftest import RELEASES_DIR


class Figures(NamedTuple):
    """What one fixture release states, as the API must give it back."""

    id: str
    kind: str
    rating: str | None
    units: tuple[tuple[str, str, str | None, str | None], ...]
    chief_inspector: str | None
    published: str | None
    previous_ratings: tuple[tuple[str, int | None], ...]
    source_url: str | None

    def as_json(self) -> dict[str, Any]:
        """The fields of ``/api/releases/<id>`` these figures pin; pdu, unit_type and rating are the first unit's."""
        first = self.units[0] if self.units else (None, None, None, None)
        return {
            "id": self.id,
            "kind": self.kind,
            "rating": self.rating,
            "pdu": first[0],
            "unit_type": first[1],
            "units": [{"name": n, "type": t, "rating": r, "region": g} for n, t, r, g in self.units],
            "chief_inspector": self.chief_inspector,
            "published": self.published,
            "previous_ratings": [{"rating": r, "year": y} for r, y in self.previous_ratings],
            "source_url": self.source_url,
        }


FIGURES = (
    Figures("annual_report_aggregates", "annual report", None, (), "Martin Jones", "2024-06-20", (), None),
    Figures("annual_report_chief_next_sentence", "annual report", None, (), "Helena Varga", "2019-03-28", (), None),
    Figures(
        "approved_premises",
        "inspection",
        "Good",
        (("Elm Lodge Approved Premises", "approved premises", "Good", None),),
        "Martin Jones",
        "2025-10-30",
        (),
        None,
    ),
    Figures("area_inspection_unnamed", "inspection", None, (), "Glenys Stacey", "2017-03-15", (), None),
    Figures(
        "bom_crlf_pdu",
        "inspection",
        "Good",
        (("Barking, Dagenham and Havering PDU", "PDU", "Good", "London"),),
        "Martin Jones",
        "2023-11-14",
        (),
        None,
    ),
    Figures("corporate_reappointment", "corporate news", None, (), "Alex Mercer", "2025-06-02", (), None),
    Figures(
        "cp1252_trust",
        "inspection",
        None,
        (("Derbyshire Probation Trust", "Probation Trust", None, None),),
        "Liz Calderbank",
        "2013-06-04",
        (),
        None,
    ),
    Figures(
        "cr_only_crc",
        "inspection",
        "Inadequate",
        (("Durham Tees Valley CRC", "CRC", "Inadequate", None),),
        "Glenys Stacey",
        "2018-08-01",
        (),
        None,
    ),
    Figures(
        "crc_and_nps_area",
        "inspection",
        "Inadequate",
        (("Dales CRC", "CRC", "Inadequate", None), ("NPS North Midlands", "NPS division", "Good", None)),
        "Glenys Stacey",
        "2019-03-07",
        (),
        None,
    ),
    Figures(
        "crc_straight_quotes",
        "inspection",
        "Requires improvement",
        (("Kent, Surrey and Sussex CRC", "CRC", "Requires improvement", None),),
        "Glenys Stacey",
        "2019-10-03",
        (),
        None,
    ),
    Figures(
        "html_govuk_yjs",
        "inspection",
        "Outstanding",
        (("Southmere Youth Justice Service", "youth justice service", "Outstanding", None),),
        "Justin Russell",
        "2024-06-04",
        (),
        "https://www.example.gov.uk/southmere-yjs",
    ),
    Figures(
        "html_inspectorate_pdu",
        "inspection",
        "Good",
        (("Norbridge PDU", "PDU", "Good", "North West"),),
        "Martin Jones",
        "2025-02-11",
        (),
        "https://hmiprobation.example.gov.uk/inspections/norbridge/",
    ),
    Figures("html_meta_annual", "annual report", None, (), "Martin Jones", "2023-10-05", (), None),
    Figures(
        "html_time_region",
        "inspection",
        "Requires improvement",
        (("North West", "region", "Requires improvement", "North West"),),
        "Martin Jones",
        "2024-11-20",
        (),
        None,
    ),
    Figures(
        "national_hmpps",
        "inspection",
        "Inadequate",
        (("HM Prison and Probation Service", "national", "Inadequate", None),),
        "Justin Russell",
        "2022-10-11",
        (),
        None,
    ),
    Figures(
        "no_quotes_rating",
        "inspection",
        "Requires improvement",
        (("Nottingham City PDU", "PDU", "Requires improvement", "East Midlands"),),
        "Martin Jones",
        "2025-01-15",
        (),
        None,
    ),
    Figures(
        "nps_division",
        "inspection",
        "Good",
        (("NPS South West South Central", "NPS division", "Good", None),),
        "Glenys Stacey",
        "2019-05-16",
        (),
        None,
    ),
    Figures(
        "pdu_requiring_improvement",
        "inspection",
        "Requires improvement",
        (("Riverton PDU", "PDU", "Requires improvement", None),),
        "Glenys Stacey",
        "2019-07-09",
        (("Inadequate", 2018),),
        None,
    ),
    Figures("programme_update_news", "corporate news", None, (), None, None, (), None),
    Figures(
        "rating_after_previous",
        "inspection",
        "Requires improvement",
        (("Bradford and Calderdale PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        "2024-09-05",
        (("Inadequate", 2022),),
        None,
    ),
    Figures(
        "rating_before_previous",
        "inspection",
        "Good",
        (("Hull and East Riding PDU", "PDU", "Good", "Yorkshire and the Humber"),),
        "Martin Jones",
        "2024-10-03",
        (("Inadequate", 2021),),
        None,
    ),
    Figures(
        "region_north_east",
        "inspection",
        "Requires improvement",
        (("North East", "region", "Requires improvement", "North East"),),
        "Martin Jones",
        "2024-03-07",
        (),
        None,
    ),
    Figures(
        "region_oxford_comma",
        "inspection",
        "Requires improvement",
        (("Kent Surrey and Sussex", "region", "Requires improvement", "Kent Surrey and Sussex"),),
        "Martin Jones",
        "2024-05-09",
        (),
        None,
    ),
    Figures(
        "region_public_protection",
        "inspection",
        None,
        (("South Central", "region", None, "South Central"),),
        "Martin Jones",
        "2025-12-03",
        (),
        None,
    ),
    Figures("thematic_follow_up", "thematic inspection", None, (), "Justin Russell", "2023-07-12", (), None),
    Figures("thematic_no_rating", "thematic inspection", None, (), "Martin Jones", "2024-03-07", (), None),
    Figures("title_only", "annual report", None, (), None, None, (), None),
    Figures(
        "two_pdus_glued",
        "inspection",
        "Inadequate",
        (("Harbour City PDU", "PDU", "Inadequate", None), ("Westmoor PDU", "PDU", "Requires improvement", None)),
        "Martin Jones",
        "2024-08-14",
        (),
        None,
    ),
    Figures(
        "utf16_yot",
        "inspection",
        "Requires improvement",
        (("Cardiff Youth Offending Team", "youth justice service", "Requires improvement", None),),
        "Justin Russell",
        "2020-11-12",
        (),
        None,
    ),
    Figures(
        "web_pdu_also_known_as",
        "inspection",
        "Inadequate",
        (("Ashby, Coalville and Melton PDU", "PDU", "Inadequate", "East Midlands"),),
        "Martin Jones",
        "2024-03-12",
        (),
        "https://hmiprobation.example.gov.uk/inspections/ashby-coalville-melton/",
    ),
    Figures(
        "yjs_follows_earlier",
        "inspection",
        "Requires improvement",
        (("Millbrook Youth Justice Service", "youth justice service", "Requires improvement", None),),
        "Justin Russell",
        "2023-06-13",
        (("Inadequate", 2019),),
        None,
    ),
    Figures(
        "yjs_leeds",
        "inspection",
        "Outstanding",
        (("Leeds Youth Justice Service", "youth justice service", "Outstanding", "Yorkshire and the Humber"),),
        "Justin Russell",
        "2022-03-22",
        (),
        None,
    ),
    Figures(
        "lists_in_body_and_notes",
        "inspection",
        "Requires improvement",
        (("Kestrel Vale PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        "2025-03-03",
        (),
        "https://hmiprobation.example.gov.uk/kestrel-vale/",
    ),
    Figures(
        "annual_report_third_sentence",
        "annual report",
        None,
        (),
        "Priya Raman",
        "2020-12-03",
        (),
        None,
    ),
    Figures(
        "blog_dated_title",
        "corporate news",
        None,
        (),
        None,
        None,
        (),
        None,
    ),
    Figures(
        "corporate_plan_news",
        "corporate news",
        None,
        (),
        None,
        None,
        (),
        None,
    ),
    Figures(
        "crc_in_a_named_region",
        "inspection",
        "Requires improvement",
        (("Tamar and Exe CRC", "CRC", "Requires improvement", None),),
        "Justin Russell",
        "2019-07-30",
        (),
        None,
    ),
    Figures(
        "dynamic_public_protection",
        "inspection",
        None,
        (("East Midlands", "region", None, "East Midlands"),),
        "Martin Jones",
        "2026-02-04",
        (),
        None,
    ),
    Figures(
        "interim_chief_appointed",
        "corporate news",
        None,
        (),
        "Sam Okafor",
        None,
        (),
        None,
    ),
    Figures(
        "nps_retained_after_last_inspected",
        "inspection",
        "Good",
        (("NPS North East", "NPS division", "Good", None),),
        "Justin Russell",
        "2020-05-12",
        (("Good", 2018),),
        None,
    ),
    Figures(
        "pdu_last_inspected_when",
        "inspection",
        "Inadequate",
        (("Kestrel Bay PDU", "PDU", "Inadequate", None),),
        "Martin Jones",
        "2025-06-03",
        (("Requires improvement", 2022),),
        None,
    ),
    Figures(
        "region_named_by_its_region",
        "inspection",
        "Inadequate",
        (("Yorkshire and the Humber", "region", "Inadequate", "Yorkshire and the Humber"),),
        "Martin Jones",
        "2024-11-21",
        (),
        None,
    ),
    Figures(
        "two_pdus_in_turn",
        "inspection",
        "Good",
        (
            ("Fenmarsh PDU", "PDU", "Good", "East of England"),
            ("Brackley Vale PDU", "PDU", "Inadequate", "East of England"),
        ),
        "Justin Russell",
        "2022-12-06",
        (),
        None,
    ),
    Figures(
        "yjs_joint_inspection",
        "inspection",
        "Good",
        (("Westholm Youth Justice Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2023-01-17",
        (),
        None,
    ),
    Figures(
        "yjs_prevention_council_page",
        "inspection",
        "Requires improvement",
        (("Larkmoor Youth Justice and Prevention Service", "youth justice service", "Requires improvement", None),),
        "Martin Jones",
        "2024-06-04",
        (),
        None,
    ),
    Figures(
        "yjs_retained",
        "inspection",
        "Good",
        (("Eastvale Youth Offending Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2022-04-04",
        (("Good", None),),
        None,
    ),
    Figures(
        "youth_justice_services_plural",
        "inspection",
        None,
        (("Brackenshire Youth Justice Services", "youth justice service", None, None),),
        "Liz Calderbank",
        "2013-10-22",
        (),
        None,
    ),
    Figures(
        "nps_final_division",
        "inspection",
        "Good",
        (("NPS Wales", "NPS division", "Good", "Wales"),),
        "Justin Russell",
        "2021-07-20",
        (),
        None,
    ),
    Figures(
        "pdu_sibling_list_rated",
        "inspection",
        "Requires improvement",
        (("Oldcastle Vale PDU", "PDU", "Requires improvement", "North West"),),
        "Justin Russell",
        "2023-04-06",
        (),
        None,
    ),
    Figures(
        "press_crc_pictured",
        "inspection",
        "Requires improvement",
        (("West Dale CRC", "CRC", "Requires improvement", None),),
        "Ann Lee",
        None,
        (),
        None,
    ),
    Figures(
        "press_region_compass",
        "inspection",
        "Requires improvement",
        (("South West", "region", "Requires improvement", "South West"),),
        "Robin Tate",
        None,
        (),
        None,
    ),
    Figures(
        "press_sibling_earlier_rating",
        "inspection",
        "Inadequate",
        (("Eastholm PDU", "PDU", "Inadequate", None),),
        "Sam Rowe",
        "2025-03-04",
        (),
        None,
    ),
    Figures(
        "press_three_pdus_listed",
        "inspection",
        "Requires improvement",
        # three PDUs named in one list, one rating and one region for all
        tuple(
            (f"{place} PDU", "PDU", "Requires improvement", "Greater Manchester")
            for place in ("Ashgrove", "Tollbridge", "Wenlow")
        ),
        "Jo Bright",
        None,
        (),
        None,
    ),
    Figures("statement_from_chief", "corporate news", None, (), "Kim Hale", None, (), None),
    Figures(
        "yos_overall_by_place_name",
        "inspection",
        "Good",
        (("Fernvale Youth Offending Service", "youth justice service", "Good", None),),
        "Helen Marsh",
        "2018-09-18",
        (),
        None,
    ),
    Figures("yot_core_case_area", "inspection", None, (), None, "2012-05-03", (), None),
)


def test_every_readable_fixture_has_its_figures() -> None:
    readable = {
        p.stem for p in RELEASES_DIR.iterdir() if p.suffix in (".txt", ".html") and not p.stem.startswith("broken_")
    }
    assert {f.id for f in FIGURES} == readable


@pytest.mark.parametrize("figures", FIGURES, ids=[f.id for f in FIGURES])
def test_the_api_gives_back_what_the_fixture_states(fixture_client: FlaskClient, figures: Figures) -> None:
    response = fixture_client.get(f"/api/releases/{figures.id}")
    assert response.status_code == 200
    data = response.get_json()
    assert {key: data[key] for key in figures.as_json()} == figures.as_json()


def test_no_release_without_an_overall_rating_is_given_one(fixture_client: FlaskClient) -> None:
    unrated = sorted(f.id for f in FIGURES if f.rating is None)
    response = fixture_client.get("/api/search?q=&rating=Not+rated&per_page=100").get_json()
    assert sorted(hit["id"] for hit in response["results"]) == unrated
