"""searchsvc.releases on the shapes real releases take: kinds, several units, regions, web-page leftovers."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from searchsvc.releases import REGIONS
from searchsvc.releases import PreviousRating
from searchsvc.releases import Release
from searchsvc.releases import Unit
from searchsvc.releases import parse_release
from searchsvc.releases import read_release
from searchsvc.releases.regions import canonical_region
from searchsvc.schema import release_from_json
from searchsvc.schema import release_to_json

FIXTURES_DIR = Path(__file__).parent / "data" / "releases"

EM, EOE, KSS, SC = "East Midlands", "East of England", "Kent Surrey and Sussex", "South Central"
RI = "Requires improvement"

YH = "Yorkshire and the Humber"
GM = "Greater Manchester"


def inspected(
    units: tuple[Unit, ...], chief: str | None, published: str | None, previous: tuple[PreviousRating, ...] = ()
) -> tuple[object, ...]:
    """The facts of an inspection release whose notes give no report address."""
    return ("inspection", units, chief, published, previous, None)


# stem: (kind, units, chief_inspector, published, previous_ratings, source_url); each written in our own words
SHAPE_FIXTURES: dict[str, tuple[object, ...]] = {
    # cookie notice, "Skip to content", licence footer before the title, "Published:" line, en-dash
    # region, "also known as a Probation Delivery Unit (PDU*), for X", a sibling PDU and its rating
    "web_pdu_also_known_as": (
        "inspection",
        (Unit("Ashby, Coalville and Melton PDU", "PDU", "Inadequate", EM),),
        "Martin Jones",
        "2024-03-12",
        (),
        "https://hmiprobation.example.gov.uk/inspections/ashby-coalville-melton/",
    ),
    # "or PDU*, in X", passive "assessed by probation inspectors as", "'Requiring improvement.'",
    # "in 2018 and we gave ...", "Dame Glenys said", speaker "She"
    "pdu_requiring_improvement": (
        "inspection",
        (Unit("Riverton PDU", "PDU", RI, None),),
        "Glenys Stacey",
        "2019-07-09",
        (PreviousRating("Inadequate", 2018),),
        None,
    ),
    # "Probation services in Kent, Surrey, and Sussex (KSS) have received an overall regional rating"
    "region_oxford_comma": ("inspection", (Unit(KSS, "region", RI, KSS),), "Martin Jones", "2024-05-09", (), None),
    # "across the X region of the Probation Service", "[see notes to editor]", " Notes to editor",
    # a first note without a number, "today (03 December)" with the year from the fieldwork, a bullet list
    "region_public_protection": ("inspection", (Unit(SC, "region", None, SC),), "Martin Jones", "2025-12-03", (), None),
    # "X PDU and Y PDU were inspected", each with its own rating in its own sentence
    "two_pdus_glued": (
        "inspection",
        (Unit("Harbour City PDU", "PDU", "Inadequate", None), Unit("Westmoor PDU", "PDU", RI, None)),
        "Martin Jones",
        "2024-08-14",
        (),
        None,
    ),
    # aggregates and negations: "five 'Outstanding'", "No services rated 'Inadequate'", "75 per cent ... either"
    "annual_report_aggregates": ("annual report", (), "Martin Jones", "2024-06-20", (), None),
    # "the re-appointment of X as Her Majesty's Chief Inspector of Probation"
    "corporate_reappointment": ("corporate news", (), "Alex Mercer", "2025-06-02", (), None),
    "approved_premises": (
        "inspection",
        (Unit("Elm Lodge Approved Premises", "approved premises", "Good", None),),
        "Martin Jones",
        "2025-10-30",
        (),
        None,
    ),
    # "This follows an inspection in 2019, when the service was given an overall rating of 'Inadequate'"
    "yjs_follows_earlier": (
        "inspection",
        (Unit("Millbrook Youth Justice Service", "youth justice service", RI, None),),
        "Justin Russell",
        "2023-06-13",
        (PreviousRating("Inadequate", 2019),),
        None,
    ),
    # "retained its 'Good' rating", "the overall rating stays the same"
    "yjs_retained": (
        "inspection",
        (Unit("Eastvale Youth Offending Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2022-04-04",
        (PreviousRating("Good", None),),
        None,
    ),
    "national_hmpps": (
        "inspection",
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),),
        "Justin Russell",
        "2022-10-11",
        (),
        None,
    ),
    # bullet, dash, middle-dot (alone on its line), "o", numbered and lettered lists after lead-ins; a bullet
    # list inside a numbered note (tests/test_release_lists.py reads its structure)
    "lists_in_body_and_notes": (
        "inspection",
        (Unit("Kestrel Vale PDU", "PDU", RI, None),),
        "Martin Jones",
        "2025-03-03",
        (),
        "https://hmiprobation.example.gov.uk/kestrel-vale/",
    ),
    # an area inspection of a CRC and the NPS division together
    "crc_and_nps_area": (
        "inspection",
        (Unit("Dales CRC", "CRC", "Inadequate", None), Unit("NPS North Midlands", "NPS division", "Good", None)),
        "Glenys Stacey",
        "2019-03-07",
        (),
        None,
    ),
    # "Probation services – X region" and "the X probation region ... The region was rated": a region as subject
    "region_named_by_its_region": inspected((Unit(YH, "region", "Inadequate", YH),), "Martin Jones", "2024-11-21"),
    # "in two areas of the X have been rated", then one unit a sentence; a sibling that "joins" them left out
    "two_pdus_in_turn": inspected(
        (Unit("Fenmarsh PDU", "PDU", "Good", EOE), Unit("Brackley Vale PDU", "PDU", "Inadequate", EOE)),
        "Justin Russell",
        "2022-12-06",
    ),
    # a copied blog page's short lines first; "the X division of the National Probation Service (NPS)";
    # "We last inspected ... in March 2018. On our return, the division has retained its 'Good' rating"
    "nps_retained_after_last_inspected": inspected(
        (Unit("NPS North East", "NPS division", "Good", None),),
        "Justin Russell",
        "2020-05-12",
        (PreviousRating("Good", 2018),),
    ),
    # "We last inspected X CRC in May 2018. ... the overall rating has stayed the same"
    "crc_rating_stayed_same": inspected(
        (Unit("Moorland CRC", "CRC", RI, None),), "Justin Russell", "2020-03-18", (PreviousRating(RI, 2018),)
    ),
    # "an overall rating of 'Inadequate' – the same mark as last year": an earlier rating with no year
    "crc_same_mark_as_last_year": inspected(
        (Unit("Riverside CRC", "CRC", "Inadequate", None),),
        "Justin Russell",
        "2020-06-02",
        (PreviousRating("Inadequate", None),),
    ),
    # the headline twice, "found at 'Inadequate' X PDU": the quoted rating is no part of the unit's name
    "pdu_rating_before_name_in_title": inspected(
        (Unit("Harrowfield and Lyne PDU", "PDU", "Inadequate", None),), "Martin Jones", "2025-01-14"
    ),
    # a blog listing page: "the services we judge 'Outstanding'" is services in general, no unit's rating
    "blog_services_we_judge": ("corporate news", (), None, "2021-01-05", (), None),
    # "Inspection of Offender Management in X": a Probation Trust's area inspected, though no unit is named
    "trust_offender_management_area": inspected((), None, "2012-09-19"),
    # "fieldwork took place in each X Probation Delivery Unit": every PDU of the region, none named; the region rated
    "region_fieldwork_in_each_pdu": inspected(
        (Unit("South West", "region", RI, "South West"),), "Martin Jones", "2024-10-08"
    ),
    # "it was last inspected in 2022, when it was rated as 'Requires improvement' overall"
    "pdu_last_inspected_when": inspected(
        (Unit("Kestrel Bay PDU", "PDU", "Inadequate", None),), "Martin Jones", "2025-06-03", (PreviousRating(RI, 2022),)
    ),
    # a joint inspection of one named service that rates it is an inspection, not thematic work
    "yjs_joint_inspection": inspected(
        (Unit("Westholm Youth Justice Service", "youth justice service", "Good", None),), "Justin Russell", "2023-01-17"
    ),
    # a blog post, titled with its date, that recalls a unit's rating rates nothing itself
    "blog_dated_title": ("corporate news", (), None, None, (), None),
    # a title about the Inspectorate's own plans outweighs the thematic work its opening mentions
    "corporate_plan_news": ("corporate news", (), None, None, (), None),
    # "X has been appointed interim Chief Inspector of Probation" as the title; a trust in his career is no unit
    "interim_chief_appointed": ("corporate news", (), "Sam Okafor", None, (), None),
    # "annual report" in the third sentence; "none as 'Outstanding'"; "today (03 December)" dated by the past
    # ("since September 2019", "in March 2020"), not by what "will" happen in June 2021
    "annual_report_third_sentence": ("annual report", (), "Priya Raman", "2020-12-03", (), None),
    # "Dynamic Inspection of Public Protection in the X": the region is the unit, with no overall rating
    "dynamic_public_protection": inspected((Unit(EM, "region", None, EM),), "Martin Jones", "2026-02-04"),
    # "A probation service in the South West" is somewhere in a region, not the region inspected
    "crc_in_a_named_region": inspected((Unit("Tamar and Exe CRC", "CRC", RI, None),), "Justin Russell", "2019-07-30"),
    # a council page republishing a release: "Date: 04/06/2024"; "X Youth Justice and Prevention Service (YJPS)";
    # honours after the Chief Inspector's name ("Martin Jones CBE"); resettlement "separately rated" is no overall
    "yjs_prevention_council_page": inspected(
        (Unit("Larkmoor Youth Justice and Prevention Service", "youth justice service", RI, None),),
        "Martin Jones",
        "2024-06-04",
    ),
    # "the work of X Youth Justice Services": one local service named in the plural, given no overall rating
    "youth_justice_services_plural": inspected(
        (Unit("Brackenshire Youth Justice Services", "youth justice service", None, None),),
        "Liz Calderbank",
        "2013-10-22",
    ),
    # "an update on our youth inspection programme": news about how the Inspectorate inspects, not thematic work
    "programme_update_news": ("corporate news", (), None, None, (), None),
    # "a report reinspecting the work ...": a follow-up of thematic work is thematic work
    "thematic_follow_up": ("thematic inspection", (), "Justin Russell", "2023-07-12", (), None),
    # "a recent inspection of probation work in the south of X": an area inspected, its units unnamed
    "area_inspection_unnamed": inspected((), "Glenys Stacey", "2017-03-15"),
    # "according to the Chief Inspector of Probation." then "In her last annual report, Dame X Y ..." names her;
    # "nine of the twelve companies ... were rated 'Inadequate'" is an aggregate, no overall rating
    "annual_report_chief_next_sentence": ("annual report", (), "Helena Varga", "2019-03-28", (), None),
    # "The other three are X PDU (rated 'Inadequate'), ...": a list of siblings with their ratings; the unit
    # only as "the probation service ... in X has been rated"
    "pdu_sibling_list_rated": inspected(
        (Unit("Oldcastle Vale PDU", "PDU", RI, "North West"),), "Justin Russell", "2023-04-06"
    ),
    # a newspaper page: "the probation units in X, Y and Z", "all three units 'require improvement.'", "A probation
    # unit in <region>", "Chief probation inspector X said"
    "press_three_pdus_listed": inspected(
        (
            Unit("Ashgrove PDU", "PDU", RI, GM),
            Unit("Tollbridge PDU", "PDU", RI, GM),
            Unit("Wenlow PDU", "PDU", RI, GM),
        ),
        "Jo Bright",
        None,
    ),
    # "The probation service for the south-west of England 'requires improvement'"; the region "rated
    # 'outstanding' for its work with victims" is one aspect's rating
    "press_region_compass": inspected((Unit("South West", "region", RI, "South West"),), "Robin Tate", None),
    # "an inspection in March of X Youth Offending Service"; "Overall, X was assessed as 'Good'"
    "yos_overall_by_place_name": inspected(
        (Unit("Fernvale Youth Offending Service", "youth justice service", "Good", None),),
        "Helen Marsh",
        "2018-09-18",
    ),
    # "the final NPS inspection ... was an assessment of the X division", now "the Probation Service – X region"
    "nps_final_division": inspected(
        (Unit("NPS Wales", "NPS division", "Good", "Wales"),), "Justin Russell", "2021-07-20"
    ),
    # a news page's leading " date 2025-03-04"; "X, chief inspector of probation, said"; a neighbour's
    # "improvement from a previous 'inadequate' rating in 2022" is not this unit's earlier rating
    "press_sibling_earlier_rating": inspected(
        (Unit("Eastholm PDU", "PDU", "Inadequate", None),), "Sam Rowe", "2025-03-04"
    ),
    # "Dame X Y, pictured, HM Chief Inspector of Probation"
    "press_crc_pictured": inspected((Unit("West Dale CRC", "CRC", RI, None),), "Ann Lee", None),
    # "Inspection of Youth Offending work in X": an area inspected, no unit named, no rating; an Assistant Chief
    # Inspector is not the Chief Inspector
    "yot_core_case_area": inspected((), None, "2012-05-03"),
    # the same shape naming its service only in its closing words ("we expect X YOS to act on ..."), past the
    # opening: that area's service is the unit; a neighbouring area's ("Ferncliff YOT") is not
    "yot_core_case_named_late": inspected(
        (Unit("Saltmarsh Youth Offending Service", "youth justice service", None, None),), None, "2012-06-14"
    ),
    # "A statement from Chief Inspector of Probation, X": news from the Inspectorate, not thematic work
    "statement_from_chief": ("corporate news", (), "Kim Hale", None, (), None),
    # "The YOS was assessed as 'Requiring improvement'": the unit by its abbreviation is the unit, not an aspect
    "yos_assessed_as_abbreviation": inspected(
        (Unit("Hollinbrook Youth Offending Service", "youth justice service", RI, None),), "Edith Carrow", "2019-06-11"
    ),
    # "Smaller youth offending services are less likely ...": services in general, in lower case, name no unit
    "small_services_page": ("corporate news", (), None, None, (), None),
    # a photo caption run into the foreword: "Chief Inspector of Probation Nadia PrenticeOur inspection of ..."
    "pdu_caption_glued_to_foreword": inspected(
        (Unit("Copperfield PDU", "PDU", "Good", None),), "Nadia Prentice", "2025-04-24"
    ),
    # "X Youth and Justice Service (Y&JS)": a youth service merged into the youth justice service is the unit; the
    # rating of one strand of its work ("For that work alone, X Y&JS was rated 'Inadequate'") is not the overall one
    "youth_and_justice_service": inspected(
        (Unit("Fernbrook Youth and Justice Service", "youth justice service", RI, None),), "Rhona Fairley", "2021-12-09"
    ),
    # "were found by HM Inspectorate of Probation to be good overall": an unquoted rating word with "overall" after
    # it and a judging verb before it is the overall rating ("some outstanding pieces of work" is not)
    "yos_good_overall_unquoted": inspected(
        (Unit("Marwick Youth Offending Service", "youth justice service", "Good", None),), "Ada Quell", "2018-08-21"
    ),
    # "X Youth Justice and Early Intervention Service was inspected ...", the unit named only in the second sentence
    # and given no overall rating: an inspection of that service, not thematic work
    "youth_justice_early_intervention": inspected(
        (Unit("Glasmoor Youth Justice and Early Intervention Service", "youth justice service", None, None),),
        "Ada Quell",
        "2019-03-14",
    ),
    # "a service that is dealing with previous weaknesses": "previous" that qualifies no inspection, rating or time
    # dates nothing, so the rating beside it is the one given now
    "yjs_previous_issues": inspected(
        (Unit("Kestrel Vale Youth Justice Service", "youth justice service", RI, None),), "Ada Quell", "2022-02-17"
    ),
    # "after our last inspection. Although we have given the CRC the same rating again": an unchanged rating,
    # dated by the next sentence, which opens the next paragraph ("the problems we pointed out to them in 2018")
    "crc_same_rating_again": inspected(
        (Unit("Heathgate CRC", "CRC", RI, None),), "Edith Carrow", "2020-02-12", (PreviousRating(RI, 2018),)
    ),
    # "X Council’s Youth Offending Team", "X’s Youth Offending Team": the possessive and the council running the unit
    # are no part of the place's name
    "yot_council_possessive": inspected(
        (Unit("Harlow Vale Youth Offending Team", "youth justice service", "Good", None),), "Ada Quell", "2019-05-14"
    ),
    # "found X to be 'good' or 'outstanding' in nine of the twelve aspects": two ratings joined by "or" are no one
    # rating; a Director of Operations is not the Chief Inspector
    "yjs_either_or_aspects": inspected(
        (Unit("Hollow Bridge Youth Justice Service", "youth justice service", "Outstanding", None),), None, "2019-10-09"
    ),
    # "We last inspected X CRC in October 2018. ..., the overall rating has not changed": an unchanged rating, dated
    "crc_rating_not_changed": inspected(
        (Unit("Fellside CRC", "CRC", RI, None),), "Justin Russell", "2020-02-11", (PreviousRating(RI, 2018),)
    ),
    # a copied blog page: "West Midlands CRC falls short" among its short lines, then "inspected the X Community
    # Rehabilitation Company (X CRC)": the company by its own place, once, not by its region and not twice
    "blog_crc_named_by_region": inspected(
        (Unit("Ambridge, Borsetshire and Felpersham CRC", "CRC", RI, None),), "Justin Russell", None
    ),
    # a council page led by "X’s Youth Justice Service has been rated ..." that quotes "X YOS" further down: one
    # service, by the release's own first name for it; a Director of Operations is not the Chief Inspector
    "yjs_title_names_it_first": inspected(
        (Unit("Brookmere Youth Justice Service", "youth justice service", "Outstanding", None),), None, None
    ),
    # a council agenda: a dozen headings before the first sentence; "the X & Y Youth Offending Service (X&Y YOS)"
    # is one service, its short name no second unit
    "council_agenda_headings": inspected(
        (Unit("Keston & Mardle Youth Offending Service", "youth justice service", None, None),), None, "2013-02-26"
    ),
    # a cabinet report: headings, then "the report of its inspection of youth offending work in X": an inspection
    "council_cabinet_area_report": inspected((), None, None),
    # "With today's report on X PDU, all eight PDUs in the region have now been inspected": every PDU, no one of them;
    # "Congratulations to X PDU" only mentions it; the region is the unit
    "region_all_pdus_inspected": inspected((Unit(SC, "region", RI, SC),), "Martin Jones", "2025-04-02"),
    # a written statement: "X has been appointed as Her Majesty’s chief inspector of probation", in lower case, beside
    # the chief inspector of prisons appointed the same day
    "chief_appointed_written_statement": ("corporate news", (), "Ruth Calloway", None, (), None),
    # the press: "Her Majesty’s Inspectorate of Probation (HMIP) chief Dame X Y"
    "press_watchdog_chief_crc": inspected((Unit("Tamar Vale CRC", "CRC", "Inadequate", None),), "Ruth Calloway", None),
    # "Dame X Y, new HM Chief Inspector of Probation"
    "thematic_new_chief": ("thematic inspection", (), "Ruth Calloway", "2016-05-24", (), None),
    # a report's foreword: "Overall, X and Y YJS was rated as ...": the sentence's opening word and its comma are no
    # part of the place, although "X, Y and Z" is how a place of several names is written
    "yjs_overall_comma_joined_places": inspected(
        (Unit("Ashcombe and Lynmouth Youth Justice Service", "youth justice service", "Good", None),),
        None,
        "2026-02-04",
    ),
    # "X Youth Justice and Targeted Prevention Service (YJTPS)": a youth service's name, its resettlement rated apart
    "yjs_targeted_prevention": inspected(
        (Unit("Kelby Youth Justice and Targeted Prevention Service", "youth justice service", RI, None),),
        "Martin Jones",
        "2024-05-21",
    ),
    # "X Young People’s Engagement and Justice Service (YPE&JS)", then "Overall, X YPE&JS was rated as ...": a youth
    # service's name, and its short name with an ampersand is the name the overall verdict is about
    "young_people_engagement_justice": inspected(
        (Unit("Tolworth Young People’s Engagement and Justice Service", "youth justice service", RI, None),),
        None,
        "2025-09-10",
    ),
    # a report's foreword whose footnote marker follows a full stop ("in England and Wales.[1] In this inspection we
    # ... rated work ... in X YJS"): two sentences, so the services in general before the marker hide no unit
    "yjs_foreword_footnote_marker": inspected(
        (Unit("Pellworth Youth Justice Service", "youth justice service", "Good", None),), None, "2026-01-15"
    ),
    # "has found that the service, overall, 'Requires improvement'", then "parts of that work ... were rated as
    # 'Inadequate'": "overall" between commas marks the overall verdict; a Director of Operations is no Chief Inspector
    "yot_overall_between_commas": inspected(
        (Unit("Hartmoor Youth Offending Team", "youth justice service", RI, None),), None, "2020-12-10"
    ),
    # "X Prevention and Youth Justice Service (PYJS)", "X Prevention & Youth Justice Service" in the title: a youth
    # service's name; "since we last looked at its work" with no rating gives no earlier rating
    "prevention_and_youth_justice": inspected(
        (Unit("Ferrybridge Prevention and Youth Justice Service", "youth justice service", "Good", None),),
        "Martin Jones",
        "2024-09-24",
    ),
    # the press: "X and Y probation services rated inadequate", "Probation services in X and Y have been rated ...",
    # then "at the Y unit": the places are PDUs, each with the rating the headline gives both
    "press_places_called_units": inspected(
        (Unit("Hollybank PDU", "PDU", "Inadequate", None), Unit("Wexcombe PDU", "PDU", "Inadequate", None)),
        "Martin Jones",
        None,
    ),
    # a screening letter "To: Chair of X Youth Offending Team Management Board": a role held in the unit is no part
    # of its place; an Assistant Chief Inspector is not the Chief Inspector
    "yot_screening_letter_to_chair": inspected(
        (Unit("Ferncliff Youth Offending Team", "youth justice service", None, None),), None, "2016-03-09"
    ),
    # a report's cover flattened to one line, "Overall rating for the YOS Good X Youth Offending Service": the
    # rating is the overall one and opens no place
    "yos_report_cover_rating": inspected(
        (Unit("Marlow Heath Youth Offending Service", "youth justice service", "Good", None),), None, None
    ),
    # a blog's copy of "A consultation on how we will rate a national inspection of HMPPS": a consultation proposes
    # an inspection and inspects nothing yet, so it names no unit and is news, though it speaks of inspecting
    "consultation_national_blog": ("corporate news", (), "Cara Lindqvist", None, (), None),
    # cabinet minutes: "the ‘An Inspection of Youth Offending Services in X Youth Offending Team (YOT)’ report": the
    # plural titles the inspection of one place's services, no list of many; the domains' ratings, set out as
    # labels ("Governance and leadership: inadequate", "Outstanding: ..."), are no overall rating
    "council_minutes_services_in": inspected(
        (Unit("Kelby Youth Offending Team", "youth justice service", None, None),), None, None
    ),
    # a blog's copy of a 2017 area inspection: share buttons and a byline between the headline and the first
    # sentences, then "the NPS and the CRC providing probation services in X": an inspection of an area, no unit
    # named, not thematic work
    "blog_area_inspection_short_lines": inspected((), None, "2017-03-09"),
    # a council's page: "The Royal Borough of X’s Youth Justice Service" is X's service, the council's title no part
    # of its name; "Chief Inspector of Probation of His Majesty’s Inspectorate of Probation" is still the Chief
    "council_borough_possessive_long_title": inspected(
        (Unit("Harrowfield Youth Justice Service", "youth justice service", "Good", None),), "Alex Morrow", None
    ),
    # a report's cover: "X probation services managed by Y Community Rehabilitation Company" inspects X's services
    # as X's CRC; Y, the company running them, is not inspected
    "report_cover_managed_by_crc": inspected(
        (Unit("Eastvale, Northwold and Ridgemoor CRC", "CRC", None, None),), None, None
    ),
    # a report's cover with a word lost, "in , X, and Y Community Rehabilitation Company": Y alone is the tail of a
    # list, no unit; the running header names the CRC whole
    "report_cover_list_lost_word": inspected(
        (Unit("Dunmere, Brackenshire, Tollford and Lowmoor CRC", "CRC", None, None),), None, None
    ),
    # "X Youth Justice Partnership": the one youth justice service several councils run together
    "youth_justice_partnership": inspected(
        (Unit("Hollins Vale Youth Justice Partnership", "youth justice service", "Good", None),), "Rhona Pryce", None
    ),
    # a council's page in capitals, "YOUTH Justice services in X have been rated as 'Good'": X's own service; the
    # police and probation partners it lists are not inspected
    "youth_services_in_place": inspected(
        (Unit("Ashmere Youth Justice Service", "youth justice service", "Good", None),), None, None
    ),
    # a council's news: "rated it 'Good' overall, with four aspects judged to be 'Outstanding', seven 'Good' and
    # one ...": three ratings in one sentence, but the overall one stands apart from the counts; resettlement
    # "looked at on its own and rated as 'Outstanding'" is not the overall rating
    "yot_overall_beside_aspect_counts": inspected(
        (Unit("Brookmere Youth Offending Team", "youth justice service", "Good", None),), "Orla Penhallow", None
    ),
    # a company's own "who we are" page naming its CRC, with not a word of inspecting, inspectors or ratings: it
    # inspects nothing, so it names no unit (nor does news of a ministry's audit of one)
    "crc_about_page_no_inspection": ("corporate news", (), None, None, (), None),
    # a debate's transcript: "every probation trust ... was assessed as 'good' or 'excellent'" under another body's
    # measures: a rating word joined by "or" to a quoted grade of another scale is no overall rating
    "debate_good_or_excellent_other_scale": ("thematic inspection", (), None, None, (), None),
    # "despite the rating remaining the same as at our last inspection in 2021": the current rating, given before too
    "yos_rating_remaining_same": inspected(
        (Unit("Harrowfield Youth Offending Service", "youth justice service", RI, None),),
        "Martin Jones",
        None,
        (PreviousRating(RI, 2021),),
    ),
    # a blog's copy: its headline clips a county ("Glos"), its first sentence spells the company out with "(CRC)"
    # after it; one company, by the full name, and "rated the X Company (CRC) as" rates the unit, not an aspect
    "crc_blog_clipped_headline_name": inspected(
        (Unit("Northmere, Gloucestershire & Westdale CRC", "CRC", RI, None),), "Glenys Stacey", "2019-03-14"
    ),
    # "have rated the X Community Rehabilitation Company (CRC) as requiring improvement": an unquoted rating of
    # the unit itself; "rated its work with victims as good" rates part of its work, not the unit
    "crc_rated_full_name_unquoted": inspected((Unit("Fenwold CRC", "CRC", RI, None),), "Justin Russell", None),
    # council minutes: "X, Head of Service YOT, summarised the findings": a post's title names no unit ("Service
    # Youth Offending Team"); the team the next sentence names by its place is the one inspected
    "yot_minutes_head_of_service": inspected(
        (Unit("Harrowgate Youth Offending Team", "youth justice service", None, None),), None, None
    ),
    # a consultation: "a service rated 'Inadequate' ... could not be rated 'Good' overall", "Services rated ... and
    # those rated ...", "that services rated", "in every service we rated": any service, or one that might be, is
    # no unit's rating
    "youth_rating_rules_consultation": ("corporate news", (), "Orla Penhallow", None, (), None),
    # an effective practice guide citing "X Youth Justice Service, rated 'Outstanding' in 2022" as an example
    "practice_guide_rated_example": ("corporate news", (), "Orla Penhallow", None, (), None),
    # news of the Inspectorate's own programme: "Inspections paused ...", "a new round of youth justice inspections"
    "inspections_paused_news": ("corporate news", (), "Orla Penhallow", None, (), None),
    "youth_inspection_round_launch": ("corporate news", (), "Orla Penhallow", None, (), None),
    # "its inspection of youth offending services in X", then "X Youth Offending Team (YOT) has been given an overall
    # rating": the team by the name the release gives it, not a "Youth Offending Service" made from the place
    "yot_services_in_place_named_next": inspected(
        (Unit("Brindlecombe Youth Offending Team", "youth justice service", RI, None),), "Orla Penhallow", None
    ),
    # "Partnership work at X YJS was judged 'Outstanding' ..., while the service as a whole has been rated 'Requires
    # improvement'": the unit taken whole is its overall rating, the part before it an aspect's
    "yjs_part_then_service_as_whole": inspected(
        (Unit("Cobbleford Youth Justice Service", "youth justice service", RI, None),), "Orla Penhallow", None
    ),
    # "X Youth Support Service" (youth justice work run with youth clubs and early help) is a youth justice service
    "youth_support_service": inspected(
        (Unit("Lindenmoor Youth Support Service", "youth justice service", "Good", None),), "Orla Penhallow", None
    ),
    # "When inspectors last visited the service, in 2020, it was rated X": an earlier rating, its year in the clause
    # between
    "yjs_when_inspectors_last_visited": inspected(
        (Unit("Stoneleigh Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Inadequate", 2020),),
    ),
    # "Four years ago, in 2019, the service was rated X": "years ago" dates a rating as an earlier one
    "yos_years_ago_previous": inspected(
        (Unit("Hollowbrook Youth Offending Service", "youth justice service", RI, None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Good", 2019),),
    ),
    # "has kept its X rating, first awarded in 2019": the rating now, and the earlier one with the year it was first
    # given
    "yjs_kept_rating_first_awarded": inspected(
        (Unit("Millbrook Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Good", 2019),),
    ),
    # "has retained the X rating it was given in 2021" (fieldwork 2024): the rating now, not only an earlier one
    "yjs_retained_rating_given_in": inspected(
        (Unit("Ravensford Youth Justice Service", "youth justice service", RI, None),),
        "Orla Penhallow",
        None,
        (PreviousRating(RI, 2021),),
    ),
    # "risen from X (2020) to Y": the year in brackets after the earlier rating
    "yjt_rating_from_bracketed_year": inspected(
        (Unit("Aberhafren Youth Justice Team", "youth justice service", "Outstanding", None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Good", 2020),),
    ),
    # a numbered note: "The service was last inspected in 2021, when it was rated X": an earlier rating told only in
    # the notes
    "yjs_previous_rating_in_notes": inspected(
        (Unit("Quarrybank Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Penhallow",
        None,
        (PreviousRating(RI, 2021),),
    ),
    # "This statement was issued on 4 November 2025" in the notes dates a statement; a title "Statement on ..." is news
    "statement_issued_date": ("corporate news", (), "Orla Penhallow", "2025-11-04", (), None),
    # "At our last inspection, in 2021, the service was found to be inadequate": unquoted, an earlier rating of the unit
    # itself; "Work with victims was found to require improvement" is no rating
    "yjs_earlier_unquoted_found_to": inspected(
        (Unit("Penrose Vale Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Inadequate", 2021),),
    ),
    # a blog: "is not rated X overall just because", "will not be rated higher than X": a rating denied or capped is
    # no unit's rating
    "rating_rules_negated_blog": ("corporate news", (), None, None, (), None),
    # "X has improved since 2021, when we rated it A, and is now rated B": "and" opening the clause names no aspect, so
    # B is the rating now
    "yot_improved_since_and_now_rated": inspected(
        (Unit("Carrowmore Youth Offending Team", "youth justice service", RI, None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Inadequate", 2021),),
    ),
    # "Mr X, the Chief Inspector, said", then the note "Orin X is HM Chief Inspector of Probation": the full name
    "chief_surname_then_full_in_notes": inspected(
        (Unit("Gleddoch Youth Justice Service", "youth justice service", "Good", None),), "Orin Penhallow", None
    ),
    # "X has announced that she will step down as HM Chief Inspector of Probation": the Chief, named before the post
    "chief_step_down_announced": ("corporate news", (), "Orla Penhallow", None, (), None),
    # "In 2019, inspectors had judged the service X": the pluperfect of the inspectors' own verb dates an earlier rating
    "yjs_inspectors_had_judged": inspected(
        (Unit("Tarnside Youth Justice Service", "youth justice service", "Inadequate", None),),
        "Orla Penhallow",
        None,
        (PreviousRating("Good", 2019),),
    ),
    # hard-wrapped at 72 columns with the title wrapped onto a second line (the unit's name split across it); "the
    # probation service there has been rated"; "the neighbouring X PDU", whose report comes later, is not inspected
    "pdu_hard_wrapped_title": inspected(
        (Unit("Fenbridge and Holmwood PDU", "PDU", RI, None),),
        "Martin Jones",
        "2024-05-14",
        (PreviousRating("Inadequate", 2022),),
    ),
    # a page copied one line a paragraph, no blank lines: a caption line naming the Chief Inspector before a
    # paragraph, a byline, a sentence broken across two lines
    "pdu_one_line_paragraphs": inspected(
        (Unit("Lowmarsh PDU", "PDU", "Good", None),),
        "Martin Jones",
        "2025-10-09",
        (PreviousRating("Requires improvement", 2023),),
    ),
    # a browser copy of GOV.UK: cookie banner, menus and breadcrumbs above "Press release" and the title, the
    # summary line, "From:" the publisher, "Published" with its date on the next line, the feedback footer
    "govuk_browser_copy": inspected((Unit(EM, "region", RI, EM),), "Martin Jones", "2025-03-11"),
    # "Date: April 8, 2025" with the month first; two units rated in capitals, "X has been rated 'REQUIRES
    # IMPROVEMENT', and Y has been rated 'GOOD'" (the quoted rating before ", and" is no place of a list)
    "two_aps_capital_ratings": inspected(
        (
            Unit("Millbrook House Approved Premises", "approved premises", RI, None),
            Unit("Riverside Lodge Approved Premises", "approved premises", "Good", None),
        ),
        "Martin Jones",
        "2025-04-08",
    ),
    # saved as Markdown: "# " before the title, "## " before a heading and the notes heading
    "markdown_saved_release": inspected((Unit("Ashcombe PDU", "PDU", "Good", None),), "Martin Jones", "2025-07-02"),
    # the press writing ratings unquoted, by their names: "have rated X Youth Justice Service Inadequate", the scale
    # written out, a neighbour "was rated Good"; "the Good Lives Model" and "Getting out for Good" rate nothing
    "press_unquoted_rating_names": inspected(
        (Unit("Greyhaven Youth Justice Service", "youth justice service", "Inadequate", None),), "Martin Jones", None
    ),
    # "Neighbouring X PDU, which shares a court team with Y, was rated ..." (its place opens with "Neighbouring"):
    # a sentence naming only units the release does not inspect rates none of them; "has been judged" rates the unit
    "pdu_neighbour_rated_beside": inspected(
        (Unit("Thornbury PDU", "PDU", "Inadequate", "South West"),), "Martin Jones", None
    ),
    # "The X and Y Company, inspected at the same time, received an overall rating of ...", "Earlier that year,
    # Z CRC had been rated ...": another unit's overall and earlier ratings, even one whose place begins with this one's
    "nps_division_beside_crc_rating": inspected(
        (Unit("NPS Marchland", "NPS division", "Requires improvement", None),), "Glenys Stacey", None
    ),
    # "three probation delivery units in X" names the area the units are in, not a unit "X PDU"; the three
    # named next, one of them "North X PDU", each with its own rating
    "pdus_three_in_one_county": inspected(
        (
            Unit("Ashcombe PDU", "PDU", "Requires improvement", "North West"),
            Unit("Tidemouth PDU", "PDU", "Requires improvement", "North West"),
            Unit("North Wealdshire PDU", "PDU", "Inadequate", "North West"),
        ),
        "Justin Russell",
        None,
    ),
    # "X, an approved premises in Y, has been rated ...": the premises by its own name, not its town's (the
    # title's "Y approved premises"); another premises "became the first we have rated 'Outstanding'" earlier is no
    # earlier rating of this one
    "ap_named_before_what_it_is": inspected(
        (Unit("Larchmont House Approved Premises", "approved premises", "Good", None),), "Martin Jones", None
    ),
    # "moved from 'X' to 'Y' since it was last inspected in 2023": the year after the new rating dates the earlier
    # one; "We first inspected the unit in 2021. At that time it was rated 'Z'": the sentence before dates it
    "pdu_earlier_years_told_apart": inspected(
        (Unit("Brackenford PDU", "PDU", "Good", "South West"),),
        "Martin Jones",
        None,
        (PreviousRating("Requires improvement", 2023), PreviousRating("Inadequate", 2021)),
    ),
    # "Mr X, HM Chief Inspector of Probation, said" names him by surname only; the note "HM Chief Inspector of
    # Probation is Y X" gives his full name
    "pdu_chief_named_in_notes": inspected(
        (Unit("Wendlebury PDU", "PDU", "Inadequate", "East of England"),), "Idris Penrose", None
    ),
    # "X Community Rehabilitation Company (X CRC) still requires improvement, according to ...": the unquoted
    # verb rates the unit; "its work with people leaving prison requires improvement in several respects" rates
    # part of it
    "crc_requires_improvement_as_verb": inspected(
        (Unit("Hartwell and Dene CRC", "CRC", "Requires improvement", None),), "Glenys Stacey", None
    ),
    # "has retained the 'X' rating it received in 2022": the rating now, and the same rating before, dated by
    # the year of its own sentence
    "pdu_retained_the_rating_received": inspected(
        (Unit("Copperton PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        None,
        (PreviousRating("Requires improvement", 2022),),
    ),
    # "X PDU, previously judged to require improvement (2022), is now rated 'Good'": the unquoted verb after
    # "judged to" is the earlier rating, dated by the year in brackets; "its court work was judged to require
    # improvement" rates part of the work
    "pdu_previously_judged_to_require": inspected(
        (Unit("Fellbridge PDU", "PDU", "Good", "North East"),),
        "Martin Jones",
        None,
        (PreviousRating("Requires improvement", 2022),),
    ),
    # a note tells the earlier rating ("X PDU was previously inspected in 2022, when it received an overall rating
    # of ..."); the scale in the next note rates nothing
    "pdu_earlier_rating_in_notes": inspected(
        (Unit("Marlow Vale PDU", "PDU", "Requires improvement", "East of England"),),
        "Martin Jones",
        None,
        (PreviousRating("Inadequate", 2022),),
    ),
    # "His Majesty's Prison and Probation Service has been judged 'X'": HMPPS as the subject of a rating is the
    # national unit; "England and Wales" in the title places it in no region
    "national_hmpps_judged_subject": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),), "Martin Jones", "2026-05-21"
    ),
    # the title's "Two X probation units rated 'Inadequate'" counts the two units inspected, so its rating is each
    # one's when the body only calls it "the lowest possible rating"; the sibling rated in the body is not one of them
    "pdus_two_counted_in_title": inspected(
        (
            Unit("Northgate PDU", "PDU", "Inadequate", "Yorkshire and the Humber"),
            Unit("Southgate PDU", "PDU", "Inadequate", "Yorkshire and the Humber"),
        ),
        "Justin Russell",
        None,
    ),
    # "Like neighbouring X PDU, Y PDU has received ...": X is only compared, not inspected; "'Requires
    # improvement', the same as in 2022": the rating now was given before too, in that year
    "pdu_like_neighbouring_same_as_before": inspected(
        (Unit("Ravensholme PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        None,
        (PreviousRating("Requires improvement", 2022),),
    ),
    # "two grades higher than at its 2022 inspection, when it was 'Inadequate'": an inspection of an earlier year
    # before "when" dates the rating after it
    "pdu_earlier_inspection_year_when": inspected(
        (Unit("Ormsby PDU", "PDU", "Good", None),), "Martin Jones", None, (PreviousRating("Inadequate", 2022),)
    ),
    # "The North East probation region has been rated ...": a region named by itself, with no "of the" before it
    "region_named_by_itself": inspected(
        (Unit("North East", "region", "Requires improvement", "North East"),), "Martin Jones", None
    ),
    # "Ashby was rated 'Good'": a unit rated by its place alone; "Fennick PDU was rated 'X' and Kelsey PDU
    # 'Inadequate'": the verb left out, the rating straight after the name; the release's rating is the first unit's
    "pdus_rated_by_place_and_in_passing": inspected(
        (
            Unit("Ashby PDU", "PDU", "Good", "East Midlands"),
            Unit("Fennick PDU", "PDU", "Requires improvement", "East Midlands"),
            Unit("Kelsey PDU", "PDU", "Inadequate", "East Midlands"),
        ),
        "Justin Russell",
        None,
    ),
    # "Inspectors last visited X in 2022 and found it to be 'Inadequate'": an earlier visit's finding, dated
    "pdu_last_visited_and_found": inspected(
        (Unit("Gorsey Bank PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        None,
        (PreviousRating("Inadequate", 2022),),
    ),
    # "Two years ago the company was rated 'X'": an earlier rating with no year stated; "two" counts no units
    "crc_rated_years_ago": inspected(
        (Unit("Wyvern CRC", "CRC", "Good", None),),
        "Justin Russell",
        None,
        (PreviousRating("Requires improvement", None),),
    ),
    # "was not rated 'Inadequate' ... but 'Requires improvement'", "the first unit not to be rated 'Inadequate'": a
    # rating denied is none
    "pdu_not_rated_but": inspected((Unit("Ashworth PDU", "PDU", "Requires improvement", None),), "Martin Jones", None),
    # "has kept its rating of 'Good'": the rating now and before (no year told); "kept their focus", "keeps the
    # needs of victims in view" keep nothing rated
    "crc_kept_its_rating": inspected(
        (Unit("Hollinbrook CRC", "CRC", "Good", None),), "Justin Russell", None, (PreviousRating("Good", None),)
    ),
    # "the NPS X Division and Y CRC": "Division" ends a unit's name, so the list of places after it is the CRC's
    # alone (not one CRC named "X Division and Y")
    "area_nps_division_then_crc": inspected(
        (
            Unit("NPS South West South Central", "NPS division", None, None),
            Unit("Dorset, Devon and Cornwall CRC", "CRC", None, None),
        ),
        "Glenys Stacey",
        None,
    ),
    # "The approved premises at X in Y has been rated ...": the premises is X; "X AP's work" is the same premises
    "ap_named_at_and_abbreviated": inspected(
        (Unit("Thornfield Court Approved Premises", "approved premises", "Good", None),), "Martin Jones", None
    ),
    # "Probation services across the X region have been rated ...": the plural "probation services" of a region
    # is the unit itself, so its rating is the region's (not a part of its work)
    "region_services_across_rated": inspected(
        (Unit("South West", "region", "Requires improvement", "South West"),), "Martin Jones", None
    ),
    # "part of the Probation Service's South West region": the region is the one its name ends with, not
    # "Service's South West"
    "pdu_region_after_possessive": inspected(
        (Unit("Kestwick PDU", "PDU", "Good", "South West"),), "Martin Jones", None
    ),
    # "Mr X is HM Chief Inspector of Probation": the Chief by surname only, his full name the one the quote
    # before gives ("..., Y X said")
    "crc_chief_by_surname_then_title": inspected((Unit("Tamberley CRC", "CRC", "Good", None),), "Rowan Ashcroft", None),
    # two PDUs by their long names, "X Probation Delivery Unit and Y Probation Delivery Unit", rated in turn
    "two_pdus_long_names": inspected(
        (Unit("Kingsmere PDU", "PDU", "Good", None), Unit("Ashlow PDU", "PDU", RI, None)), "Martin Jones", "2025-01-21"
    ),
    # a council page's browser copy: menus, a breadcrumb trail under "Home", "Published:", share links
    "council_breadcrumb_copy": inspected(
        (Unit("Elmbridge Youth Justice Service", "youth justice service", "Good", None),), "Martin Jones", "2024-07-09"
    ),
    # "New inspection standards and ratings for ..." is news about how the Inspectorate will inspect; "A service
    # rated 'Inadequate' will ..., and one rated 'Outstanding' will ..." rates no unit ("one" stands for any service)
    "new_standards_one_rated_news": ("corporate news", (), "Martin Jones", None, (), None),
    # "X AP, one of eight approved premises for women": the premises by their short name; a title's "Women's approved
    # premises" names no place (main named "Women Approved Premises")
    "ap_short_name_women_title": inspected(
        (Unit("Larkfield House Approved Premises", "approved premises", RI, None),), "Martin Jones", None
    ),
    # "The Probation Delivery Unit covering X and the nearby towns has been rated ...": the unit itself, not an aspect
    # of its work (main gave no rating)
    "pdu_covering_place_rated": inspected((Unit("Ferncombe PDU", "PDU", "Inadequate", None),), "Martin Jones", None),
    # "A copy of the full report can be found on the website from 10.00am on <date>" dates the release
    "trust_report_found_from_date": inspected(
        (Unit("Wrenfield Probation Trust", "Probation Trust", None, None),), "Liz Calderbank", "2013-06-19"
    ),
    # the Chief named only as "X has been HM Chief Inspector of Probation since 2016" in a note; the body's "HM Chief
    # Inspector ... has published her annual report" names nobody
    "annual_chief_has_been_in_notes": ("annual report", (), "Helena Marsh", "2019-03-12", (), None),
    # "has appointed X CB as interim HM Chief Inspector of Probation" ("interim" before "HM")
    "interim_chief_appointed_as": ("corporate news", (), "Orla Brennan", "2023-10-04", (), None),
    # "in the Probation Service's North West region": the region is the one the name ends with (main gave
    # "Service's North West")
    "ap_region_after_possessive": inspected(
        (Unit("Thornley House Approved Premises", "approved premises", "Good", "North West"),), "Martin Jones", None
    ),
    # a note's "X is managed by the Probation Service's South Central region" places the premises
    "ap_managed_by_region": inspected(
        (Unit("Ashgrove Lodge Approved Premises", "approved premises", RI, SC),), "Martin Jones", None
    ),
    # "rated X for a second time" is the rating (not an aspect "a second time"); "The overall rating remains the same
    # as when inspectors last looked at ... in 2023" dates the kept rating
    "pdu_rating_same_as_when_inspected": inspected(
        (Unit("Brookvale PDU", "PDU", RI, None),), "Martin Jones", "2025-10-02", (PreviousRating(RI, 2023),)
    ),
    # a note's "previously inspected X's services in 2019 and rated them as 'Requires improvement'": an earlier rating,
    # its verb's subject left out
    "yjs_previously_inspected_and_rated_them": inspected(
        (Unit("Oakhurst Youth Justice Service", "youth justice service", "Good", None),),
        "Justin Russell",
        None,
        (PreviousRating(RI, 2019),),
    ),
    # "The Probation Delivery Unit serving X and Y has been judged ..." names X and Y's PDU (main named no unit)
    "pdu_serving_place_judged": inspected(
        (Unit("Kelby and Marrow PDU", "PDU", "Inadequate", EM),), "Martin Jones", None
    ),
    # "X Youth Offending Team (YOT) has moved up a grade and is now rated 'Good'" rates X (the bracketed short name
    # cut the subject off its verb); "In 2019 the YOT was found to require improvement" with "The inspection took
    # place in April 2021" is an earlier rating
    "yot_elided_subject_and_found_in_year": inspected(
        (Unit("Ravensby Youth Offending Team", "youth justice service", "Good", None),),
        "Justin Russell",
        None,
        (PreviousRating(RI, 2019),),
    ),
    # units in one place are an area ("the two probation delivery units in X"); "X PDU and Y PDU have been rated
    # 'Good' and 'Requires improvement' respectively": each its own rating, in turn
    "pdus_rated_in_turn": inspected(
        (
            Unit("Ashvale PDU", "PDU", "Good", "East Midlands"),
            Unit("Corsham Moor PDU", "PDU", "Requires improvement", "East Midlands"),
        ),
        "Martin Jones",
        "2025-07-09",
    ),
    # "X PDU, rated 'Inadequate' in 2022, is now 'Good'": the rating now, read with the earlier rating's verb;
    # the release's rating is its first unit's
    "pdu_now_rated_after_earlier": inspected(
        (
            Unit("Fellgate PDU", "PDU", "Good", "North West"),
            Unit("Hollins Cross PDU", "PDU", "Requires improvement", "North West"),
        ),
        "Martin Jones",
        None,
        (PreviousRating("Inadequate", 2022),),
    ),
    # a release speaking of a region names it by its place alone: "Probation services across the North East have been
    # given ..." (no "region" in the sentence); another region rated beside it is no unit
    "region_named_by_place_alone": inspected(
        (Unit("North East", "region", "Requires improvement", "North East"),),
        "Martin Jones",
        None,
    ),
    # "The South Central region of the Probation Service has been given a 'Good' rating": the region as subject
    "region_of_the_probation_service": inspected(
        (Unit("South Central", "region", "Good", "South Central"),),
        "Martin Jones",
        "2025-08-20",
    ),
    # a count before a name is several of a kind ("two South West approved premises"), and premises are never named
    # for a region; "X, an approved premises in Y" and "X AP" name premises X; "has been judged to be" rates X AP
    "aps_two_named_apart": inspected(
        (
            Unit("Larkspur House Approved Premises", "approved premises", "Good", None),
            Unit("Quarry Lane Approved Premises", "approved premises", "Inadequate", None),
        ),
        "Martin Jones",
        None,
    ),
    # units named and rated only in the title, with no verb, as headlines do
    "aps_rated_in_title": inspected(
        (
            Unit("Larch Court Approved Premises", "approved premises", "Good", None),
            Unit("Mill Lane Approved Premises", "approved premises", "Inadequate", None),
        ),
        "Martin Jones",
        "2025-11-05",
    ),
    # "the Probation Service, run by HMPPS": the national unit is HMPPS however the release names it
    "national_probation_service_named": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),),
        "Martin Jones",
        "2026-03-03",
    ),
    # "only the second ..., after Y Approved Premises last year": Y is a comparison, not a unit
    "ap_second_after_another": inspected(
        (Unit("Hazel Bank Approved Premises", "approved premises", "Outstanding", None),),
        "Martin Jones",
        None,
    ),
    # "X and Y probation delivery units both rated ..." in the title: one PDU a place, "London PDUs" none;
    # "interim HM Chief Inspector"
    "pdus_named_in_title_plural": inspected(
        (
            Unit("Ashbrook PDU", "PDU", "Good", "London"),
            Unit("Northholt PDU", "PDU", "Good", "London"),
        ),
        "Sue McAllister",
        None,
    ),
    # "both probation providers" counts two units: the NPS division, then the CRC a later sentence rates
    "nps_crc_both_providers": inspected(
        (
            Unit("NPS Midlands", "NPS division", "Good", None),
            Unit("Wrexford CRC", "CRC", "Inadequate", None),
        ),
        "Glenys Stacey",
        "2019-03-14",
    ),
    # "X PDU was found to be 'Good'" and "judged Y PDU to ..." are inspection sentences; the PDUs of "three probation
    # delivery units in Z" are the ones named next
    "pdus_three_found_judged": inspected(
        (
            Unit("Marshby PDU", "PDU", "Good", "East of England"),
            Unit("Dykeham PDU", "PDU", "Requires improvement", "East of England"),
            Unit("Fenwold PDU", "PDU", "Inadequate", "East of England"),
        ),
        "Martin Jones",
        None,
    ),
    # "was rated 'X' when inspectors last came, in 2021, and ...": the year in the clause after the dating words
    "yjs_earlier_year_after_when": inspected(
        (Unit("Larchfield Youth Justice Service", "youth justice service", "Good", None),),
        "Martin Jones",
        None,
        (PreviousRating("Requires improvement", 2021),),
    ),
    # of two units, "Y PDU has stayed at 'Inadequate', the same rating it received in 2023" keeps Y's rating, not the
    # release's first unit's
    "pdus_one_kept_same_rating": inspected(
        (
            Unit("Brookhampton PDU", "PDU", "Good", "South West"),
            Unit("Tarnside PDU", "PDU", "Inadequate", "South West"),
        ),
        "Martin Jones",
        None,
        (PreviousRating("Inadequate", 2023),),
    ),
    # a sentence naming only units the release does not inspect ("Riverton PDU, for example, was rated 'Good' in
    # 2023" in a region's release) rates none of its units, now or before
    "region_names_a_pdu_rated_before": inspected(
        (Unit("North West", "region", "Inadequate", "North West"),),
        "Martin Jones",
        None,
    ),
    # "rated the Sodexo-owned CRC as ...": who owns a unit describes it and names no other unit
    "crc_owner_described": inspected(
        (Unit("Tyneham CRC", "CRC", "Requires improvement", None),),
        "Glenys Stacey",
        "2019-07-11",
    ),
    # "the youth justice services in X and in Y": a service in each place, rated in turn ("respectively")
    "yjs_in_two_places": inspected(
        (
            Unit("Oakhurst Youth Justice Service", "youth justice service", "Outstanding", None),
            Unit("Pellbridge Youth Justice Service", "youth justice service", "Good", None),
        ),
        "Martin Jones",
        "2025-05-21",
    ),
    # "X PDU was rated 'A'; Y PDU, 'B'; and Z PDU, 'C'": each unit its own rating after the one verb; "sit within
    # the X region"
    "pdus_semicolon_list": inspected(
        (
            Unit("Harnford PDU", "PDU", "Outstanding", "South Central"),
            Unit("Lydcombe PDU", "PDU", "Good", "South Central"),
            Unit("Pewsham and Ashdown PDU", "PDU", "Inadequate", "South Central"),
        ),
        "Martin Jones",
        "2025-10-08",
    ),
    # "the south-west region of the Probation Service" in lower case by its compass point
    "region_compass_lower_case": inspected(
        (Unit("South West", "region", "Good", "South West"),),
        "Martin Jones",
        "2026-01-15",
    ),
    # "HM Prison and Probation Service has been rated ...": HMPPS as the subject; a national unit has no region
    # ("England and Wales" in the title); a region rated beside it is another unit
    "national_hmpps_subject_rated": inspected(
        (Unit("HM Prison and Probation Service", "national", "Good", None),),
        "Martin Jones",
        "2026-11-12",
    ),
    # "X Probation Delivery Unit (PDU) requires improvement" unquoted as the verb of the unit's name, not
    # "Leadership at X PDU requires improvement in ..."; "neighbouring Y PDU, rated 'Outstanding'" names a sibling
    # whose rating is none of X's
    "pdu_requires_verb_sibling_alongside": inspected(
        (Unit("Ravenmoor PDU", "PDU", "Requires improvement", "North West"),),
        "Martin Jones",
        None,
    ),
    # "X and Y probation units reinspected" counts two units, the second named by a later sentence
    # ("Y PDU has fallen from 'Good' in 2022 to 'Inadequate'")
    "pdus_counted_by_title_names": inspected(
        (
            Unit("Kelby PDU", "PDU", "Good", "East Midlands"),
            Unit("Winthorpe PDU", "PDU", "Inadequate", "East Midlands"),
        ),
        "Martin Jones",
        None,
        (
            PreviousRating("Requires improvement", 2022),
            PreviousRating("Good", 2022),
        ),
    ),
    # "X Youth Justice Service and Y Youth Justice Service" is two services: "Service" is no word of a place
    "yjs_two_full_names_joined": inspected(
        (
            Unit("Alderholt Youth Justice Service", "youth justice service", "Good", None),
            Unit("Pennick Youth Justice Service", "youth justice service", "Good", None),
        ),
        "Martin Jones",
        "2025-12-04",
    ),
    # "Its neighbours X and Y PDUs were both rated ... earlier this year" names siblings: no unit, no earlier rating
    "pdu_neighbours_rated_plural": inspected(
        (Unit("Holmfirth Vale PDU", "PDU", "Good", "North East"),),
        "Martin Jones",
        None,
    ),
    # "X PDU and Y PDU were inspected ... The first was rated 'Inadequate'; the second, 'Good'": the units in turn
    "pdus_first_and_second": inspected(
        (
            Unit("Upper Weald PDU", "PDU", "Inadequate", "Kent Surrey and Sussex"),
            Unit("Saltings Levels PDU", "PDU", "Good", "Kent Surrey and Sussex"),
        ),
        "Martin Jones",
        "2025-06-11",
    ),
    # "The CRC has been rated 'Inadequate' and the NPS division 'Good'": each unit by its type, the only one of it
    "crc_nps_named_by_type": inspected(
        (
            Unit("Wessex Downs CRC", "CRC", "Inadequate", None),
            Unit("NPS South East and Eastern", "NPS division", "Good", None),
        ),
        "Glenys Stacey",
        None,
    ),
    # "The youth offending team in X knows its children well": one place's own service, by the place it serves
    # (before 2018, with no rating: work "judged good", "required substantial improvement")
    "yot_named_as_the_team_in_place": inspected(
        (Unit("Radleigh Youth Offending Team", "youth justice service", None, None),), "Paul McDowell", "2014-09-09"
    ),
    # "The Probation Trust in X has raised the quality of its work": the trust by its place (an Offender
    # Management Inspection: scores as percentages, "Work with victims was good", no rating)
    "trust_named_as_the_trust_in_place": inspected(
        (Unit("Easterholme Probation Trust", "Probation Trust", None, None),), "Liz Calderbank", "2011-10-04"
    ),
    # "following the resignation of X as Chief Inspector": the post's last holder, not the Chief; "Mr Y, <an aside>,
    # will be interim HM Chief Inspector": the Chief, by the full name the text gives him
    "chief_interim_after_resignation": ("corporate news", (), "Daniel Okafor", None, (), None),
    # "Dame X today (2 April) becomes Her Majesty's Chief Inspector of Probation, succeeding Y, who has been
    # interim Chief Inspector": the Chief is X; a title saying someone "takes up post" is news
    "chief_takes_up_post_today": ("corporate news", (), "Miriam Holt", None, (), None),
    # "X YOT has been judged by HM Inspectorate of Probation to require improvement overall": the unit's rating,
    # the judging verb's agent between it and "to"; an earlier screening "gave it none"
    "yot_judged_by_inspectorate_to_require": inspected(
        (Unit("Pelham Moor Youth Offending Team", "youth justice service", RI, None),), "Justin Russell", "2019-10-08"
    ),
    # "its Short Quality Screening of X Youth Offending Service": the programme's name is no part of the unit's;
    # "Case planning was judged by inspectors to require improvement" rates a part of the work, not the unit (no rating)
    "sqs_part_judged_to_require": inspected(
        (Unit("Wrenford Youth Offending Service", "youth justice service", None, None),), "Paul McDowell", "2014-06-17"
    ),
    # "today published its report on probation services in X": an area inspected (a CRC and the NPS together,
    # 2017), named in the notes only, so no unit; the CRC's work "poor", the NPS's "good": no rating
    "area_report_on_services_in": inspected((), "Glenys Stacey", "2017-07-06"),
    # "This announcement was made on <date>": the date of news of an appointment
    "chief_announcement_made_on": ("corporate news", (), "Rosalind Vane", "2011-06-14", (), None),
    # "judged the work of the NPS division to be 'good' and that of the CRC to be 'poor'": a grade no four-point
    # rating has, quoted beside "good", puts it on the older scale of 2017 quality and impact inspections: no rating
    "area_good_beside_poor": inspected(
        (
            Unit("NPS South East and Eastern", "NPS division", None, None),
            Unit("Fenland and Marsh CRC", "CRC", None, None),
        ),
        "Glenys Stacey",
        "2017-05-11",
    ),
    # "Dame X, who became Chief Inspector in March after taking over from Y, who had been interim Chief
    # Inspector, said": the Chief is X; counts of teams "good", "outstanding", "inadequate" rate none
    "annual_report_chief_who_became": ("annual report", (), "Miriam Holt", "2016-07-21", (), None),
    # "The work of X Probation Trust was judged to be good overall" in 2013: before the four-point ratings began
    # (2018), "good" judged the work on the older scales, so no rating ("rated 'outstanding'" for victim work none)
    "trust_good_overall_before_ratings": inspected(
        (Unit("Harrowdale Probation Trust", "Probation Trust", None, None),), "Liz Calderbank", "2013-07-16"
    ),
    # "X, rated 'Inadequate' when inspectors visited in 2018, has improved and is now rated 'Requires improvement'":
    # "has improved and" goes on from the unit before the commas; "The inspection took place in May 2019" dates this
    # inspection, so 2018's rating is an earlier one
    "crc_rated_when_visited_then_improved": inspected(
        (Unit("Dunmoor CRC", "CRC", RI, None),), "Justin Russell", "2019-09-17", (PreviousRating("Inadequate", 2018),)
    ),
    # "said X in her first annual report as HM Chief Inspector of Probation": the Chief, named before an aside;
    # "much of it outstanding", "73% of cases", "required drastic improvement": no rating
    "annual_report_chief_in_her_first": ("annual report", (), "Rosalind Vane", "2012-07-10", (), None),
    # "rated the overall performance of X CRC as 'Requires Improvement'": the overall performance is the CRC's
    # overall rating, not an aspect "the overall performance"
    "crc_overall_performance_rated_as": inspected(
        (Unit("Fenwold and Marsh CRC", "CRC", RI, None),), "Miriam Holt", "2018-11-15"
    ),
    # "X has resigned as HM Chief Inspector of Probation": a statement on the Chief's own resignation names
    # the Chief, as "X has announced she will step down as ..." does
    "chief_resigned_statement": ("corporate news", (), "Harriet Moss", "2015-09-30", (), None),
    # a headline in Title Case naming the unit only there ("Inspectors Rate X Probation Delivery Unit As ..."), and
    # one in capitals: the title's words are cased as the body writes them before a unit's name is read
    "title_case_headline": inspected((Unit("Wealdon PDU", "PDU", RI, None),), "Martin Jones", "2025-05-06"),
    "title_in_capitals": inspected(
        (Unit("Marshby Youth Justice Service", "youth justice service", "Outstanding", None),),
        "Martin Jones",
        "2024-11-14",
    ),
    # "Consultation on ..." in the title of a release naming no unit is news, whatever ratings its proposals
    # suppose ("a region in which ... is found to be X"); "could not be given an overall rating above X" is a cap,
    # no rating
    "consultation_supposes_ratings": ("corporate news", (), "Harriet Moss", None, (), None),
    # "the sixth PDU in England and Wales to achieve it": the whole service a unit is compared with names no unit
    "pdu_compared_with_england_and_wales": inspected(
        (Unit("Hexley PDU", "PDU", "Good", "South Central"),),
        "Orla Benning",
        "2025-10-09",
    ),
    # "examined the work of X in ten areas and awarded an overall rating of": the count is of the areas, the
    # rating the unit's; a sibling NPS division's rating after it is not
    "crc_areas_counted_then_overall": inspected(
        (Unit("Severn Reach CRC", "CRC", "Requires improvement", None),),
        "Harriet Moss",
        "2019-06-18",
    ),
    # "Y YJS, which was judged X when inspectors last visited in 2021, has made real progress and is now rated Z":
    # the aside closes and the unit's own verb follows, so Y is inspected (not a sibling) and rated Z, X being its
    # earlier rating
    "yjs_second_rated_before_in_aside": inspected(
        (
            Unit("Brookhurst Youth Justice Service", "youth justice service", "Good", None),
            Unit("Millbeck Youth Justice Service", "youth justice service", "Requires improvement", None),
        ),
        "Orla Benning",
        "2024-10-02",
        (PreviousRating("Inadequate", 2021),),
    ),
    # "When inspectors first looked at X PDU in 2023, they rated it Y": a first visit told is an earlier
    # inspection, so Y is the earlier rating and the title's the rating now
    "pdu_first_looked_at_then_rated": inspected(
        (Unit("Ravenscar PDU", "PDU", "Inadequate", "North East"),),
        "Orla Benning",
        "2025-05-20",
        (PreviousRating("Requires improvement", 2023),),
    ),
    # "It is the same rating the unit was given at its first inspection in 2023" keeps the rating, dated 2023;
    # "The region it belongs to was itself rated X" in a PDU's release rates the region, no inspected unit
    "pdu_same_rating_the_unit_was_given": inspected(
        (Unit("Ashby Wolds PDU", "PDU", "Requires improvement", "East Midlands"),),
        "Orla Benning",
        "2025-07-08",
        (PreviousRating("Requires improvement", 2023),),
    ),
    # "HM Chief Inspector of Probation: X Y" in a note names the Chief that "said Ms Y" speaks for
    "pdu_chief_after_colon_in_notes": inspected(
        (Unit("Castlebridge PDU", "PDU", "Good", "West Midlands"),),
        "Orla Benning",
        "2025-09-17",
    ),
    # "In this consultation ..." in the opening of a release naming no unit is news, whatever its title; "would be
    # rated no higher than X overall" is a cap, no rating
    "consultation_named_in_opening": ("corporate news", (), "Orla Benning", None, (), None),
    # "The CRC in the same area, which was rated X in 2018, ...": an unnamed unit of a type the release inspects
    # none of is another unit, its earlier rating not the division's
    "nps_division_beside_unnamed_crc": inspected(
        (Unit("NPS Wessex", "NPS division", "Good", None),),
        "Harriet Moss",
        "2019-10-03",
    ),
    # "Kestle Moor PDU, inspected in the autumn, was rated X. Its neighbour, Haldon Vale PDU, has now been rated
    # Y" under a title naming Haldon Vale PDU: the first inspection sentence names only a unit the title does not,
    # while the next names the titled one, so the release is about the titled unit
    "pdu_neighbour_first_title_names_unit": inspected(
        (Unit("Haldon Vale PDU", "PDU", "Good", "South West"),),
        "Orla Benning",
        "2025-02-26",
    ),
    # a rule a consultation proposes, "a unit whose ... is rated 'Inadequate' could not receive an overall rating
    # better than 'Requires improvement'", "at least one 'Outstanding' standard": ratings allowed, never given (news)
    "consultation_rule_could_not_receive": ("corporate news", (), "Orla Pennant", "2025-01-09", (), None),
    # "The National Probation Service division for the same counties ... received an overall rating of
    # 'Outstanding'" in a release on a CRC: a unit of a type the release inspects none of, named by its type alone,
    # rates no inspected unit
    "crc_nps_by_type_alone_beside": inspected(
        (Unit("Wealdmoor and Trent CRC", "CRC", "Inadequate", None),), "Imelda Brook", "2019-08-20"
    ),
    # "The probation delivery unit for the Saltings has been rated": the unit by the place it serves, "the" before it;
    # "The PDU, in the Probation Service's East of England region" names the region, no second unit
    "pdu_for_the_place_named": inspected(
        (Unit("Saltings PDU", "PDU", "Good", "East of England"),), "Martin Jones", "2025-06-03"
    ),
    # "Tarnside Probation Delivery Unit in Cumberland has received": the unit named before "in" is placed there,
    # the county is no second unit
    "pdu_named_then_county": inspected((Unit("Tarnside PDU", "PDU", RI, "North West"),), "Martin Jones", "2024-10-08"),
    # "the probation delivery units in Ashbury and in Kelling": one PDU a place; "Kelling, on the other hand, was
    # found to be 'Good'": a unit by its place alone, an aside before the verb, "found to be" a verdict's verb
    "pdus_in_one_and_in_other": inspected(
        (
            Unit("Ashbury PDU", "PDU", RI, "West Midlands"),
            Unit("Kelling PDU", "PDU", "Good", "West Midlands"),
        ),
        "Martin Jones",
        "2025-03-11",
    ),
    # "Three probation delivery units in the north of the county, Brackmoor, Denholt and Yarrow Bank, have each been
    # rated": units counted, then named between commas, one PDU a place
    "pdus_counted_then_named": inspected(
        (
            Unit("Brackmoor PDU", "PDU", RI, "North East"),
            Unit("Denholt PDU", "PDU", RI, "North East"),
            Unit("Yarrow Bank PDU", "PDU", RI, "North East"),
        ),
        "Martin Jones",
        "2026-01-27",
    ),
    # "The Probation Service in England and Wales has been judged 'Inadequate'": the whole service the subject of a
    # rating, the national unit (HMPPS)
    "national_service_as_a_whole": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),), "Martin Jones", "2026-05-19"
    ),
    # "The Probation Service in England and Wales must do far more ..., inspectors have found": thematic work on the
    # whole service, which rates it nothing, names no unit
    "thematic_service_must_do_more": ("thematic inspection", (), "Martin Jones", "2025-12-02", (), None),
    # "The probation delivery unit covering Lowther Dale, in the East Midlands, has been rated": a unit placed, past
    # its name, in one of the twelve regions
    "pdu_then_comma_in_region": inspected(
        (Unit("Lowther Dale PDU", "PDU", "Good", "East Midlands"),), "Martin Jones", "2025-07-15"
    ),
    # "one of the PDUs that make up the Probation Service in Wales": the region the unit belongs to
    "pdu_among_those_making_up_region": inspected(
        (Unit("Aberwen PDU", "PDU", RI, "Wales"),), "Martin Jones", "2024-10-22"
    ),
    # "its rating is unchanged from our 2023 inspection": the rating now was the rating then, dated by the sentence
    "pdu_rating_unchanged_from_year": inspected(
        (Unit("Marrow Vale PDU", "PDU", "Good", None),), "Martin Jones", "2026-06-30", (PreviousRating("Good", 2023),)
    ),
    # draft rules: "could not achieve an overall rating above 'Requires improvement'", "would also need two
    # 'Outstanding' domains to be rated 'Outstanding' overall": ratings a rule allows or requires, none given (news)
    "consultation_would_need_to_be_rated": ("corporate news", (), "Orla Pennant", "2025-05-12", (), None),
    # "Four probation units in the Probation Service's East of England region, W, X, Y and Z, have": counted, placed in
    # a region, then named between commas; each then rated in its own words
    "pdus_counted_in_region_then_named": inspected(
        (
            Unit("Wisbeck PDU", "PDU", "Good", "East of England"),
            Unit("Holme Fen PDU", "PDU", RI, "East of England"),
            Unit("Chatteris Wash PDU", "PDU", "Good", "East of England"),
            Unit("Ramsey Levels PDU", "PDU", "Inadequate", "East of England"),
        ),
        "Martin Jones",
        "2025-09-02",
    ),
    # "By comparison, the National Probation Service in the same area was judged 'Good'": a unit by its type
    # alone after a comparing opener, of a type the release inspects none of; "rates the CRC as" is the CRC's
    "crc_nps_compared_by_comparison": inspected(
        (Unit("Thornmere CRC", "CRC", "Requires improvement", None),),
        "Glenys Stacey",
        "2018-12-04",
    ),
    # "has held on to the grade it was awarded in 2018": the rating now, and in 2018
    "crc_held_on_to_grade": inspected(
        (Unit("Larchfield CRC", "CRC", "Good", None),),
        "Justin Russell",
        "2020-02-18",
        (PreviousRating("Good", 2018),),
    ),
    # "When we first looked at the CRC, in the summer of 2018, the rating we gave was": dated by the
    # year between the dating words and the rating, though no fieldwork puts this inspection after 2018
    "crc_first_looked_year_between_commas": inspected(
        (Unit("Brackwater CRC", "CRC", "Requires improvement", None),),
        "Justin Russell",
        "2019-07-02",
        (PreviousRating("Inadequate", 2018),),
    ),
    # "given an overall grade of requires improvement" unquoted; the division's victim work 'Outstanding'
    "nps_overall_grade_unquoted": inspected(
        (Unit("NPS Northmarch", "NPS division", "Requires improvement", None),),
        "Justin Russell",
        "2020-03-10",
    ),
    # "we have rated NPS Marches 'Good'": a division named after "NPS" is the unit rated
    "nps_rated_by_name": inspected(
        (Unit("NPS Marches", "NPS division", "Good", None),),
        "Justin Russell",
        "2019-08-13",
    ),
    # "A youth justice service run by two councils has been rated": a count after "by" counts nothing
    # rated, and the participle describes the unit; "At that point inspectors judged it" after "last inspected in 2021"
    "yjs_shared_by_councils_rated": inspected(
        (Unit("Ashgrove and Pellham Youth Justice Service", "youth justice service", "Good", None),),
        "Martin Jones",
        "2025-04-29",
        (PreviousRating("Requires improvement", 2021),),
    ),
    # "Youth Justice and Targeted Support Service"; "a service which, when it was last inspected in 2021,
    # was told it 'Inadequate'"
    "yjtss_told_when_last_inspected": inspected(
        (Unit("Orchard Vale Youth Justice and Targeted Support Service", "youth justice service", "Good", None),),
        "Martin Jones",
        "2024-08-06",
        (PreviousRating("Inadequate", 2021),),
    ),
    # "The Inspectorate publishes its report on X PDU on 24 June 2025": the present tense dates it too
    "pdu_inspectorate_publishes_on": inspected(
        (Unit("Holmebridge PDU", "PDU", "Requires improvement", None),),
        "Martin Jones",
        "2025-06-24",
    ),
    # "The report will go live on the Inspectorate's website on 4 July 2023"
    "pdu_report_goes_live_on": inspected(
        (Unit("Afon Teg PDU", "PDU", "Good", None),),
        "Justin Russell",
        "2023-07-04",
    ),
    # "today (11 February)" after fieldwork in September and October 2024: a release is not dated
    # before what it reports, so February is 2025's
    "pdus_today_after_autumn_fieldwork": inspected(
        (
            Unit("Hartsbury PDU", "PDU", "Good", "London"),
            Unit("Millfield PDU", "PDU", "Requires improvement", "London"),
        ),
        "Martin Jones",
        "2025-02-11",
    ),
    # "The third national inspection of probation has found that HM Prison and Probation Service ...";
    # "Their verdict, 'Inadequate', matches the one given at the second national inspection in 2026": kept, and earlier
    "national_inspection_found_that_hmpps": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),),
        "Martin Jones",
        "2027-06-15",
        (PreviousRating("Inadequate", 2026),),
    ),
    # "The Saltgate unit, ..., was inspected in February" under an opening about "A probation delivery
    # unit": the PDU, named by its place; "its work overall is 'Inadequate'" the overall rating
    "pdu_the_place_unit_inspected": inspected(
        (Unit("Saltgate PDU", "PDU", "Inadequate", "Yorkshire and the Humber"),),
        "Martin Jones",
        "2025-06-03",
    ),
    # "The unit, which belongs to the East Midlands region": the region after "belongs to"
    "pdu_region_belongs_to": inspected(
        (Unit("Coldwater PDU", "PDU", "Requires improvement", "East Midlands"),),
        "Martin Jones",
        "2025-09-09",
    ),
    # "one of the units making up the Probation Service's South West region"; "When the Inspectorate first
    # reported on X, in the spring of 2022, it settled on 'Requires improvement'": an earlier rating
    "pdu_inspectorate_first_reported": inspected(
        (Unit("Brightwell PDU", "PDU", "Good", "South West"),),
        "Martin Jones",
        "2024-03-12",
        (PreviousRating("Requires improvement", 2022),),
    ),
    # a blog's "units rated 'Outstanding' and units rated 'Inadequate'", "One service that had been rated
    # 'Good' at an earlier inspection": units in general, rated by no one sentence of this release (news)
    "blog_units_rated_in_general": ("corporate news", (), "Orla Pennant", "2025-01-16", (), None),
    # "services in the north were more likely to be rated 'Inadequate'", "the largest share of services rated
    # 'Good'": a likelihood and a share compare services, they rate none; "has launched an online tool" is news
    "ratings_tool_more_likely_rated": ("corporate news", (), "Orla Pennant", "2024-03-21", (), None),
    # "Inspection of X PDU postponed": news of an inspection not yet done; "Its rating will stay 'Inadequate'
    # until we have inspected again" is the rating given before, no new one
    "pdu_inspection_postponed": ("corporate news", (), "Orla Pennant", "2025-09-26", (), None),
    # "X PDU: update on its action plan": the rating its report gave ("was rated ... when our report came
    # out in the spring") was given by that report's release; this one is news
    "pdu_action_plan_update": ("corporate news", (), "Orla Pennant", "2025-08-14", (), None),
    # "Statement on the re-inspection of X YJS" (announced, not done): "When we inspected X last year we
    # rated the service 'Inadequate'" is an earlier rating, and a news title with no rating now is news
    "yjs_reinspection_statement": ("corporate news", (), "Orla Pennant", "2025-03-03", (), None),
    # "This review does not give the unit a new rating": a progress review of a unit rated 'Inadequate' in
    # 2023 gives none now, so the rating it recalls, with its sentence's year, is an earlier one; the notes' "visits
    # to units rated 'Inadequate'" are units in general
    "pdu_progress_review_no_new_rating": inspected(
        (Unit("Dunmore Cross PDU", "PDU", None, None),),
        "Orla Pennant",
        "2024-11-19",
        (PreviousRating("Inadequate", 2023),),
    ),
    # "Ratings explained: a short guide" is news, however it speaks of rating; "By X Y, HM Chief Inspector of
    # Probation" (a byline) names the Chief without its "By"
    "guide_by_chief_byline": ("corporate news", (), "Orin Haskett", "2020-02-12", (), None),
    # "X Y's second annual report as HM Chief Inspector of Probation": the Chief named by a possessive
    "annual_report_chief_possessive": ("annual report", (), "Helena Varga", "2025-11-06", (), None),
    # "The Inspectorate is consulting on changes to the way it rates ...": a consultation told with the verb is
    # news, and the rule it proposes ("a service rated 'Inadequate' for ... should be rated") rates nothing
    "consultation_consulting_on": ("corporate news", (), "Orla Pennant", "2026-04-07", (), None),
    # a bare date alone on the line above the title ("3 October 2018") is the release's date, and the title is the
    # line after it
    "yos_date_line_above_title": inspected(
        (Unit("Pendlebury Youth Offending Service", "youth justice service", RI, None),), "Helena Varga", "2018-10-03"
    ),
    # "The only other approved premises in the town, X, was rated 'Good' when we inspected it in 2023": a unit
    # beside the one a single-unit release inspects; its rating is no earlier rating of this one
    "ap_only_other_in_town": inspected(
        (Unit("Ferncliffe Lodge Approved Premises", "approved premises", RI, None),), "Orla Pennant", "2025-07-22"
    ),
    # "The North East region, of which the unit is part, was itself rated 'Inadequate' when we inspected the region
    # in 2023": the region a PDU is in, named as its own clause's subject; its rating is the region's, no earlier
    # rating of the PDU
    "pdu_beside_named_region_rated": inspected(
        (Unit("Holloway Fields PDU", "PDU", "Good", "North East"),), "Orla Pennant", "2025-06-10"
    ),
    # "Inspectors have judged the work of X Probation Delivery Unit (PDU) to require improvement": a unit's work
    # taken whole, the object of the verb, is the unit
    "pdu_work_of_judged_to_require": inspected(
        (Unit("Kestle Vale PDU", "PDU", RI, None),), "Orla Pennant", "2025-02-04"
    ),
    # "has inspected X Youth Justice Service for the first time and rated its work 'Outstanding'": its work,
    # with nothing after it to say which part, is the service
    "yjs_rated_its_work": inspected(
        (Unit("Ashmere Youth Justice Service", "youth justice service", "Outstanding", None),),
        "Orla Pennant",
        "2025-09-17",
    ),
    # "A youth justice service run jointly by two district councils has been judged 'Good'", then "By contrast,
    # X Youth Justice Service ... was rated 'Inadequate'": the participle describes the unit, and a unit set against
    # the one the opening named is compared with it, not inspected
    "yjs_run_jointly_neighbour_by_contrast": inspected(
        (Unit("Fellbeck and Orrin Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Pennant",
        "2025-03-18",
    ),
    # "Carrowmore: probation delivery unit rated 'X'" over "Probation work in Carrowmore, in the North West
    # probation region, requires improvement": the headline names the PDU; the region in the body only holds it
    "pdu_title_colon_region_in_body": inspected(
        (Unit("Carrowmore PDU", "PDU", RI, "North West"),), "Orla Pennant", "2025-08-12"
    ),
    # "Reports on X and Y probation delivery units", an opening that counts them in a county, and "Both units
    # belong to the North West probation region": the titled PDUs, not the region beside them
    "pdus_titled_region_beside": inspected(
        (
            Unit("Wetherdale PDU", "PDU", "Good", "North West"),
            Unit("Ashby Moor PDU", "PDU", "Inadequate", "North West"),
        ),
        "Orla Pennant",
        "2025-06-03",
    ),
    # "reports on three probation delivery units in the West Midlands: X, Y and Z.": counted, then listed
    # after a colon, one PDU a place
    "pdus_counted_listed_after_colon": inspected(
        (
            Unit("Tamebridge PDU", "PDU", RI, "West Midlands"),
            Unit("Oldcastle Heath PDU", "PDU", RI, "West Midlands"),
            Unit("Brindley Cross PDU", "PDU", "Inadequate", "West Midlands"),
        ),
        "Orla Pennant",
        "2022-11-09",
    ),
    # "The probation service in X, one of the Probation Delivery Units in the ... region, has been given a
    # rating": a place's service, then what it is
    "pdu_service_in_place_one_of_pdus": inspected(
        (Unit("Kelderby PDU", "PDU", RI, "Yorkshire and the Humber"),), "Orla Pennant", "2023-03-15"
    ),
    # "has been rated 'Good' ..., three years after it was judged 'Inadequate' at its previous inspection in
    # 2021": a span of time counts nothing rated, and the earlier rating keeps its year
    "yjs_years_after_judged_previous": inspected(
        (Unit("Brackwater Youth Justice Service", "youth justice service", "Good", None),),
        "Orla Pennant",
        "2024-05-22",
        (PreviousRating("Inadequate", 2021),),
    ),
    # "The national inspection examined how HM Prison and Probation Service plans its workforce": the
    # national unit, named by what the inspection examined
    "national_inspection_examined_how": inspected(
        (Unit("HM Prison and Probation Service", "national", RI, None),), "Orla Pennant", "2026-10-14"
    ),
    # "Overall: Good." on a line of its own, then "rated the service's leadership 'Outstanding' and its
    # partnerships 'Requires improvement'": the summary line is the overall rating, the second part an aspect
    "yjs_overall_colon_line": inspected(
        (Unit("Penhurst Youth Justice Service", "youth justice service", "Good", None),), "Orla Pennant", "2025-07-30"
    ),
    # "..., the Chief Inspector of Probation has said in the Inspectorate's annual report for 2017/18." then
    # "In her annual report, Dame X Y describes ...": the post unnamed, then the person the next sentence opens with
    "annual_chief_has_said_then_named": ("annual report", (), "Imelda Forsyth", "2018-07-12", (), None),
    # the CRC named first (not as inspected) under a title naming it; the NPS division rated after is another unit
    "crc_named_then_division_rated": inspected(
        (Unit("Fenland Marches CRC", "CRC", "Inadequate", None),), "Glenys Stacey", "2018-11-20"
    ),
    # "A probation delivery unit in Suffolk" says where an unnamed unit is; its name comes next
    "pdu_a_unit_in_county_named_later": inspected(
        (Unit("Orwell Reach PDU", "PDU", "Good", "East of England"),), "Martin Jones", "2025-03-04"
    ),
    # "Only three other PDUs ... have been rated": other units counted, no earlier rating of this one
    "pdu_only_others_counted_top_rating": inspected(
        (Unit("Glasmere PDU", "PDU", "Outstanding", "North West"),), "Martin Jones", "2025-10-14"
    ),
    # "Probation services in X, Y and Z", then "The three probation delivery units are part of the X region"
    "pdus_services_in_places_counted": inspected(
        (
            Unit("Wallsend Quay PDU", "PDU", RI, "North East"),
            Unit("Jarrow Bank PDU", "PDU", RI, "North East"),
            Unit("Felling PDU", "PDU", RI, "North East"),
        ),
        "Justin Russell",
        "2023-04-18",
    ),
    # "HMPPS's delivery of probation in England and Wales has been given a rating of ...": the national unit's work
    "national_delivery_of_probation_given": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),), "Martin Jones", "2026-06-09"
    ),
    # "said today (12 March 2024)": a year inside the brackets is the release's own
    "region_today_with_year": inspected(
        (Unit("North West", "region", "Good", "North West"),), "Justin Russell", "2024-03-12"
    ),
    # "5 June 2025" alone under the title dates the release
    "pdu_date_line_under_title": inspected(
        (Unit("Brackwater PDU", "PDU", "Inadequate", "South West"),), "Martin Jones", "2025-06-05"
    ),
    # a browser copy's "Posted: 3rd March 2026 | Categories: ..." line among its menus dates the release
    "pdu_posted_line_browser_copy": inspected(
        (Unit("Lowfield PDU", "PDU", RI, "East Midlands"),), "Martin Jones", "2026-03-03"
    ),
    # "Just two other youth justice services ... have been rated": others counted, no earlier rating of this one
    "yjs_just_others_counted": inspected(
        (Unit("Millbourne Youth Justice Service", "youth justice service", "Outstanding", None),),
        "Martin Jones",
        "2025-10-21",
    ),
    # "HMPPS's provision of probation services has been rated": the unit's whole work, not an aspect of it
    "national_provision_rated": inspected(
        (Unit("HM Prison and Probation Service", "national", RI, None),), "Martin Jones", "2026-11-10"
    ),
    # a newspaper's "the probation units in East Harbury, Colnford and Pellow", then "At the PDU in Harbury East":
    # one unit, by the order of words it is given when named alone
    "press_listed_places_named_alone": inspected(
        (
            Unit("Harbury East PDU", "PDU", RI, None),
            Unit("Colnford PDU", "PDU", RI, None),
            Unit("Pellow PDU", "PDU", RI, None),
        ),
        "Martin Jones",
        None,
    ),
    # "set up in 2020 when Dunmoor Valley YOS, which we rated as 'Inadequate' in 2019, was divided": a rating the
    # Inspectorate gave the unit a relative clause follows is that unit's, and the Chief's undated "from 'Inadequate' to
    # 'Good'" goes with it, since the service's own earlier rating is dated ('Requires improvement', 2022)
    "yjs_predecessor_rated_in_which_clause": inspected(
        (Unit("Kestrel Bay Youth Justice Service", "youth justice service", "Good", None),),
        "Martin Jones",
        "2025-05-14",
        (PreviousRating("Requires improvement", 2022),),
    ),
    # a council page: "Youth justice services in X have been rated as 'Good'": the services of a place, in the
    # plural, are the unit rated, not a part of its work
    "yjs_services_plural_rated_as": inspected(
        (Unit("Thornbury Vale Youth Justice Service", "youth justice service", "Good", None),), None, None
    ),
    # "reports on two probation delivery units in the East of England region", the places then rated alone
    # ("gave Wexmoor an overall rating of 'Good'", "Halstow's overall rating ... is 'Inadequate'"), and a note naming
    # "Wexmoor PDU and Halstow PDU": the units the opening counts are the notes' as many
    "pdus_counted_named_in_notes": inspected(
        (
            Unit("Wexmoor PDU", "PDU", "Good", "East of England"),
            Unit("Halstow PDU", "PDU", "Inadequate", "East of England"),
        ),
        "Martin Jones",
        "2025-03-03",
    ),
    # "findings on the probation service in X" and a note "1. X Probation Delivery Unit received an overall
    # rating of 'Requires improvement'": the unit the notes name at that place, and the rating a note gives it alone
    "pdu_service_in_place_rated_in_notes": inspected(
        (Unit("Corrow Heath PDU", "PDU", RI, "Yorkshire and the Humber"),),
        "Martin Jones",
        "2025-05-21",
        (PreviousRating("Inadequate", 2022),),
    ),
    # "the Youth Offending Team run by Larchfield City Council" is Larchfield Youth Offending Team; "When
    # inspectors last looked at X in 2020, they judged its work inadequate": the unit's work taken whole, unquoted,
    # an earlier rating
    "yjs_run_by_council_work_judged": inspected(
        (Unit("Larchfield Youth Offending Team", "youth justice service", "Good", None),),
        "Martin Jones",
        "2024-11-05",
        (PreviousRating("Inadequate", 2020),),
    ),
    # "announced today (12 March)" with no full date anywhere: "This statement was issued in 2025" gives the
    # release's own year ("The Inspectorate's last annual report was published in 2024" is another document's)
    "news_today_year_of_this_statement": ("corporate news", (), "Martin Jones", "2025-03-12", (), None),
    # "In 2021 Brackley was among the few units across England and Wales to earn the 'Good' grade": "England and
    # Wales" is one place, not two clauses, so the opening year still dates the rating
    "pdu_earlier_year_across_england_and_wales": inspected(
        (Unit("Brackley PDU", "PDU", RI, "East Midlands"),),
        "Martin Jones",
        "2025-07-08",
        (PreviousRating("Good", 2021),),
    ),
    # a local paper's "HM Inspectorate of Probation, which found the service to require improvement": the unit the
    # object of "found", as of a rating verb; "six were found to be good, five to require improvement" still counts
    "yjs_found_the_service_to_require": inspected(
        (Unit("Dunmore Valley Youth Justice Partnership", "youth justice service", RI, None),), None, None
    ),
    # a charity's response: "A new report ... examining how well HM Prison and Probation Service (HMPPS) is leading
    # probation ... has found that it 'requires improvement'": the sentence giving an inspection's rating names HMPPS
    # and no unit, so HMPPS is the unit rated
    "national_charity_response_report_found_it": inspected(
        (Unit("HM Prison and Probation Service", "national", RI, None),), None, None
    ),
    # a blog's "In her second annual report since taking over the role of Chief Inspector of Probation in May 2019,
    # Dame X Y set out ...": the post taken up, then its holder
    "annual_chief_since_taking_over": ("annual report", (), "Helena Varga", None, (), None),
    # a progress review: "which was rated 'Requires improvement' in our full inspection in 2023" and "This review does
    # not give the unit a new rating": the rating recalled is an earlier one, of its sentence's year
    "pdu_progress_review_recalls_rating": inspected(
        (Unit("Ribbleton PDU", "PDU", None, None),),
        "Martin Jones",
        "2024-12-12",
        (PreviousRating("Requires improvement", 2023),),
    ),
    # a local paper's "It is one of nine in the North West": a unit counted among one of the twelve regions' is in it
    "pdu_one_of_n_in_region": inspected(
        (Unit("Kirkholme and Dale PDU", "PDU", RI, "North West"),), "Martin Jones", None
    ),
    # "It is one of ten in the West Midlands" in the eighth paragraph, after the quotes: past the opening, the
    # unit itself ("It", "The unit") counted among a region's units places it
    "pdu_counted_in_region_late": inspected(
        (Unit("Ashburn and Welby PDU", "PDU", "Inadequate", "West Midlands"),), "Martin Jones", None
    ),
    # a public-protection inspection giving no rating: the Chief's quote opens "When we inspected the X region in
    # 2024, we rated it 'Inadequate'": a visit of an earlier year, in the clause before the rating's own, dates it
    "region_when_we_inspected_rated_it": inspected(
        (Unit("North East", "region", None, "North East"),),
        "Martin Jones",
        "2026-03-03",
        (PreviousRating("Inadequate", 2024),),
    ),
    # "HM Inspectorate of Probation rates the service 'Inadequate'": the unit the object of "rates" as of "rated"; "the
    # youth justice service in neighbouring X was rated 'Good'" is a neighbour's, no part of this unit's work
    "yjs_rates_the_service_neighbour_nearby": inspected(
        (Unit("Dunsford Youth Justice Service", "youth justice service", "Inadequate", None),),
        "Martin Jones",
        "2025-09-09",
    ),
    # a paper's three PDUs: "X, the most rural of the three, did better and was rated 'good'" rates X, the name
    # opening the sentence, past the clause between commas; "Chief inspector of probation X Y said", the title
    # opening a sentence
    "pdus_one_fared_better_rated": inspected(
        (
            Unit("Harrowfield PDU", "PDU", RI, "East Midlands"),
            Unit("Lingmere PDU", "PDU", RI, "East Midlands"),
            Unit("Oxlow Vale PDU", "PDU", "Good", "East Midlands"),
        ),
        "Justin Russell",
        "2022-10-04",
    ),
    # "Of the three areas of its organisation that we rated, one – leadership – was rated 'Good'": a sentence opening by
    # counting the parts of the work rates no unit; the unit's own rating is "found to 'require improvement'"
    "pdu_of_parts_counted_one_rated": inspected(
        (Unit("Glynteg PDU", "PDU", RI, "Wales"),), "Justin Russell", "2022-03-01"
    ),
    # a paper's national inspection: the verdict quoted first, then "gave the rating to HM Prison and Probation Service
    # in a report"; "only a few have been rated 'good'" since 2021 counts units; "the training programme ..., which they
    # rated 'outstanding'" rates a part of the work
    "national_gave_the_rating_to_hmpps": inspected(
        (Unit("HM Prison and Probation Service", "national", "Inadequate", None),), "Martin Jones", "2026-04-14"
    ),
    # a consultation told without the word ("is asking for views on its plans to inspect ..."), dated by a note's "This
    # announcement was issued on 11 January 2022"
    "news_announcement_issued_on": ("corporate news", (), "Justin Russell", "2022-01-11", (), None),
    # a browser copy whose head lines run together: "Home › News › ... › X rated Good X rated Good 19 August 2025 PDU
    # inspections | News": the date after the trail and the headline, with only labels after it
    "pdu_date_after_trail_browser_copy": inspected(
        (Unit("Fennick PDU", "PDU", "Good", "South West"),), "Martin Jones", "2025-08-19"
    ),
    # a paper's byline "By X Y / Courts Reporter / Friday 7 March 2025 7:30 am" dates its piece, a weekday's too
    "press_byline_weekday_date": inspected(
        (Unit("Marlbeck PDU", "PDU", RI, "North West"),), "Martin Jones", "2025-03-07"
    ),
    # "according to a joint inspection by HM Inspectorate of Probation and HM Inspectorate of Constabulary",
    # a title naming no unit: a PDU cited later "which we rated 'Good' in 2022" is an example, not inspected
    "joint_work_cites_rated_pdu": ("thematic inspection", (), "Martin Jones", "2024-05-14", (), None),
    # a browser copy whose menus, trail, title, "Published:" line and "Youth inspections, Press releases" labels
    # run together with no gap: the headline is the title
    "browser_menus_run_into_title": inspected(
        (Unit("Thistlecombe Youth Justice Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2023-06-06",
    ),
    # "Posted on 3 October 2019 in Press releases" above the title of a browser copy: the page's date, not its title
    "browser_posted_on_above_title": inspected(
        (Unit("Wealdbridge CRC", "CRC", RI, None),), "Justin Russell", "2019-10-03"
    ),
    # a trail starting below Home, "News > Press releases", then the title and a date line above share links
    "browser_trail_below_home": inspected(
        (Unit("Pellow Cross PDU", "PDU", RI, "South West"),), "Justin Russell", "2022-10-11"
    ),
    # "Taken as a whole, however, the service's work was judged to require improvement" after an aspect rated
    # 'Outstanding': the service's work, whole, is the unit
    "yos_service_work_judged_overall": inspected(
        (Unit("Penhallow Youth Offending Service", "youth justice service", RI, None),), "Glenys Stacey", "2019-03-05"
    ),
    # "has been rated 'Requires improvement'. At the first national inspection, in 2025, inspectors gave the same
    # rating": the rating kept, dated by the inspection it names
    "national_same_rating_at_first_inspection": inspected(
        (Unit("HM Prison and Probation Service", "national", RI, None),),
        "Martin Jones",
        "2026-11-10",
        (PreviousRating("Requires improvement", 2025),),
    ),
    # "Inspectors found X PDU Requires Improvement, while Y PDU was found to be Inadequate": the scale's name
    # capitalised and unquoted straight after a unit's name is that unit's rating, not the next unit's
    "pdus_rating_unquoted_after_name": inspected(
        (Unit("Kestle PDU", "PDU", RI, "South West"), Unit("Morrow Fields PDU", "PDU", "Inadequate", "South West")),
        "Martin Jones",
        "2024-05-14",
    ),
    # "which inspectors told to improve four years ago has now been rated 'Good'": "now" on the rating's verb makes it
    # the rating now; the earlier one comes with its year from the next sentence
    "pdu_now_rated_after_years_ago": inspected(
        (Unit("Brackenholt PDU", "PDU", "Good", "East of England"),),
        "Martin Jones",
        "2025-07-08",
        (PreviousRating("Requires improvement", 2021),),
    ),
    # a browser copy with the section's name, "News", alone between the menu and the headline, and the date alone on
    # the line under the headline with no gap before the first paragraph
    "browser_section_label_above_title": inspected(
        (Unit("Dunmere Youth Justice Service", "youth justice service", "Good", None),), "Martin Jones", "2024-04-02"
    ),
    # a browser copy whose "Published:" line stands between the breadcrumb trail and the headline
    "browser_published_above_title": inspected(
        (Unit("Calder and Ribble CRC", "CRC", RI, None),), "Justin Russell", "2020-03-03"
    ),
    # "The service that supports children who offend in X has been rated 'Good'": a relative clause says what the unit
    # does, so the subject is the unit, not a part of its work (the aspects after it are rated as parts)
    "yjs_service_that_works_rated": inspected(
        (Unit("Hartsmoor Youth Justice Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2022-06-21",
    ),
    # the region told only in a note: "X PDU is part of the Probation Service in Wales"
    "pdu_part_of_service_in_region_note": inspected(
        (Unit("Afon Dyfi PDU", "PDU", "Good", "Wales"),), "Martin Jones", "2025-09-02"
    ),
    # an appointment: "X confirmed as HM Chief Inspector of Probation" (the title), "X OBE will serve as HM Chief
    # Inspector of Probation": the post taken up names its holder
    "news_chief_will_serve_as": ("corporate news", (), "Thea Marchbank", "2025-01-09", (), None),
    # a title saying the Inspectorate's own words or plans ("Chief Inspector's speech at ...", "a blog by X",
    # "New guide shares ...", "Research bulletin: ...", "Our adult inspection programme ..."): the units it cites, and
    # their ratings, are examples; it inspects none
    "speech_cites_rated_pdu": ("corporate news", (), "Rhian Calloway", None, (), None),
    # ... and a blog signed at its foot, "Rhian Calloway HM Chief Inspector of Probation 4 March 2025" (its lines run
    # together), is the Chief's and of that date
    "blog_by_chief_on_a_rating": ("corporate news", (), "Rhian Calloway", "2025-03-04", (), None),
    "new_guide_cites_rated_service": ("corporate news", (), "Rhian Calloway", "2025-04-09", (), None),
    "research_bulletin_rated_services": ("corporate news", (), "Rhian Calloway", "2025-07-15", (), None),
    "own_inspection_programme_names_units": ("corporate news", (), "Rhian Calloway", "2025-05-02", (), None),
    # "was created in 2023, when the former Brackwater PDU was folded into it": a unit that no longer exists is not
    # inspected
    "pdu_former_unit_merged_in": inspected(
        (Unit("Saltholme PDU", "PDU", RI, "North East"),), "Rhian Calloway", "2025-10-21"
    ),
    # "was rated 'Outstanding' by Ofsted earlier in the year": another inspectorate's grade of the council's services
    # is no rating of the unit, now or before
    "yjs_council_rated_by_ofsted": inspected(
        (Unit("Fellbridge Youth Justice Service", "youth justice service", "Good", None),),
        "Rhian Calloway",
        "2025-11-11",
    ),
    # "Probation work in Mardale requires improvement", unquoted, before an aspect rated 'Inadequate': an area's
    # probation work, whole, is its unit's
    "pdu_area_probation_work_requires_improvement": inspected(
        (Unit("Mardale PDU", "PDU", RI, "North West"),), "Rhian Calloway", "2025-06-17"
    ),
    # "to find out what had changed since it was judged 'Inadequate' in our inspection in 2024" (published 2025, no
    # fieldwork date): what has changed since a rating tells an earlier one, of its year
    "pdu_changed_since_it_was_rated": inspected(
        (Unit("Tarnside PDU", "PDU", RI, "Wales"),),
        "Rhian Calloway",
        "2025-10-14",
        (PreviousRating("Inadequate", 2024),),
    ),
    # "Posted: 12 February 2019" above a browser copy's title: the page's date line, not its title
    "browser_posted_colon_above_title": inspected(
        (Unit("Ravensworth Youth Offending Team", "youth justice service", RI, None),), "Glenys Stacey", "2019-02-12"
    ),
    # "The probation delivery unit serving Kirkwold and the Lune valley": a river's valley beside the place is no
    # part of the unit's name
    "pdu_serving_place_and_river_valley": inspected(
        (Unit("Kirkwold PDU", "PDU", "Good", "North West"),), "Rhian Calloway", "2024-05-14"
    ),
    # "visited X, Y and Z PDUs ... Each unit has been rated 'Inadequate'": the units just named, each rated
    "pdus_each_unit_has_been_rated": inspected(
        (
            Unit("Ledwyche PDU", "PDU", "Inadequate", "West Midlands"),
            Unit("Corvedale PDU", "PDU", "Inadequate", "West Midlands"),
            Unit("Teme Valley PDU", "PDU", "Inadequate", "West Midlands"),
        ),
        "Rhian Calloway",
        "2024-03-05",
    ),
    # "The consultation opens today, 9 April 2019, and runs for eight weeks": "today" set off by commas dates it
    "consultation_opens_today_commas": ("corporate news", (), "Rhian Calloway", "2019-04-09", (), None),
    # a joint inspection whose opening cites "among others, X PDU, which was rated 'Good' ..., and Y PDU, rated ...":
    # examples of the work looked at, no unit inspected and no earlier rating
    "joint_thematic_cites_units_among_others": ("thematic inspection", (), "Rhian Calloway", "2022-10-12", (), None),
    # a GOV.UK browser copy keeping "From: HM Inspectorate of Probation" on one line between title and date
    "browser_from_line_above_body": inspected(
        (Unit("Orrisdale PDU", "PDU", RI, "North West"),), "Rhian Calloway", "2024-10-08"
    ),
}


def read_fixture(stem: str) -> Release:
    return read_release((FIXTURES_DIR / f"{stem}.txt").read_bytes(), stem)


def facts(parsed: Release) -> tuple[object, ...]:
    published = parsed.published.isoformat() if parsed.published else None
    return (parsed.kind, parsed.units, parsed.chief_inspector, published, parsed.previous_ratings, parsed.source_url)


@pytest.mark.parametrize("stem", sorted(SHAPE_FIXTURES))
def test_shape_fixture_facts(stem: str) -> None:
    assert facts(read_fixture(stem)) == SHAPE_FIXTURES[stem]


@pytest.mark.parametrize("stem", sorted(SHAPE_FIXTURES))
def test_the_first_unit_fills_the_single_unit_fields(stem: str) -> None:
    parsed = read_fixture(stem)
    first = parsed.units[0] if parsed.units else Unit("", "", None, None)
    assert (parsed.pdu or "", parsed.unit_type or "", parsed.rating) == (first.name, first.type, first.rating)
    if parsed.units:
        assert parsed.region == first.region


def test_page_chrome_reaches_neither_title_nor_body() -> None:
    parsed = read_fixture("web_pdu_also_known_as")
    assert parsed.title == "Probation service for Ashby, Coalville and Melton found ‘Inadequate’"
    text = " ".join((parsed.title, *parsed.body)).lower()
    for chrome in ("cookie", "skip to content", "licence", "national archives", "published:", "tw9"):
        assert chrome not in text


@pytest.mark.parametrize(
    ("stem", "title", "opening"),
    [
        # menus, trail, title, "Published:" and its labels run together: no breadcrumb block takes the title
        (
            "browser_menus_run_into_title",
            "Inspectors praise youth justice work in Thistlecombe",
            "Thistlecombe Youth Justice Service has been rated",
        ),
        # "Posted on <date> in Press releases" above the title is the page's date line
        (
            "browser_posted_on_above_title",
            "Probation in Wealdbridge must improve, inspectors say",
            "Wealdbridge Community Rehabilitation Company",
        ),
        # "News > Press releases" ends the site's head as "Home > ..." does; the date under the title is no prose
        # (the date alone under the headline is the page's date, so the body opens with the first paragraph)
        ("browser_trail_below_home", "Pellow Cross probation unit told to improve", "The probation service in Pellow"),
        # a section's name ("News") alone between the menu and the headline is the site's head too
        ("browser_section_label_above_title", "Dunmere Youth Justice Service rated Good", "Inspectors have rated"),
        # "Published:" between the trail and the headline: the headline is below the date
        ("browser_published_above_title", "Calder and Ribble CRC must improve, inspectors say", "HM Inspectorate of"),
        # "Posted: <date>" above the title is the page's date line as "Posted on <date>" is
        (
            "browser_posted_colon_above_title",
            "Ravensworth Youth Offending Team must improve its court work",
            "Ravensworth Youth Offending Team has been rated",
        ),
        # "From: HM Inspectorate of Probation" on one line is GOV.UK's publisher line, not the first paragraph
        ("browser_from_line_above_body", "Orrisdale probation unit told to improve its risk work", "Orrisdale PDU has"),
    ],
)
def test_a_browser_copy_is_titled_by_its_headline(stem: str, title: str, opening: str) -> None:
    parsed = read_fixture(stem)
    assert (parsed.title, parsed.body[0][: len(opening)]) == (title, opening)


def test_see_notes_marker_and_bullets_leave_clean_paragraphs() -> None:
    parsed = read_fixture("region_public_protection")
    assert parsed.body[0].startswith("HM Inspectorate of Probation has looked at public protection work across")
    assert "risk assessments that were too often out of date" in parsed.body
    assert parsed.notes == (
        "This is the second review in the Inspectorate’s public protection programme.",
        "Reviews of this kind give no overall rating.",
    )


@pytest.mark.parametrize(
    ("body", "published"),
    [
        ("The report is published today (03 December). Fieldwork took place in May 2021.", datetime.date(2021, 12, 3)),
        ("The report is published today (03 December).", None),
        ("The report is published today (31 February). Fieldwork took place in May 2021.", None),
        # what "will" happen dates nothing: the release comes after its fieldwork, before the change
        (
            "The report is published today (03 December). Fieldwork took place in May 2020. The service will "
            "change in June 2021.",
            datetime.date(2020, 12, 3),
        ),
    ],
)
def test_today_without_a_year_takes_the_year_from_the_release(body: str, published: datetime.date | None) -> None:
    assert parse_release(f"Title\n\n{body}", "t").published == published


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published: 17 September 2025", datetime.date(2025, 9, 17)),
        ("Published:", datetime.date(2024, 1, 5)),  # empty: the notes' date stands
        ("Date: 12/03/2024", datetime.date(2024, 3, 12)),  # a council page's date line, day first
        ("Date: to be confirmed", datetime.date(2024, 1, 5)),  # no date in it: the notes' date stands
    ],
)
def test_a_published_line_is_the_date(line: str, published: datetime.date) -> None:
    text = f"Title\n{line}\n\nBody.\n\nNotes to editors\n1. The report was published on 5 January 2024."
    assert parse_release(text, "t").published == published


@pytest.mark.parametrize(
    ("body", "rating"),
    [
        ("No services were rated ‘Inadequate’ this year. Norfolk PDU was rated ‘Good’.", "Good"),
        ("Norfolk PDU was rated ‘Good’. Five PDUs in the region were rated ‘Inadequate’ overall.", "Good"),
        ("Norfolk PDU was rated ‘Good’. In 75 per cent of cases work was rated ‘Inadequate’ overall.", "Good"),
        (
            "Norfolk PDU has been rated ‘Good’. The second is Diss PDU, which received an overall rating of "
            "‘Inadequate’.",
            "Good",
        ),
        ("Inspectors rated Norfolk PDU as either ‘Good’ or ‘Outstanding’ in every standard.", None),
        # two ratings joined by "or" are no one rating, with or without "either"
        (
            "Inspectors found Norfolk PDU ‘good’ or ‘outstanding’ in ten aspects. It was rated ‘Outstanding’.",
            "Outstanding",
        ),
        # siblings listed with their ratings after "The other three are" / "The others are"
        (
            "The probation service, or PDU*, in Norfolk has been rated ‘Good’. The others are Diss PDU (rated "
            "‘Inadequate’) and Holt PDU (rated ‘Inadequate’).",
            "Good",
        ),
        ("Overall, Norfolk was assessed as ‘Good’. Its leadership was rated ‘Inadequate’.", "Good"),
        ("Inspectors concluded that all three units ‘require improvement’.", RI),
        ("This year the Inspectorate rated:\n\n• none as ‘Outstanding’\n• two as ‘Good’", None),
        ("Norfolk YOS was assessed by probation inspectors as good overall.", "Good"),
        ("Staff at Norfolk YOS described a good overall picture of their work.", None),
        # three ratings in a sentence: the scale or counts, unless one stands apart as the overall rating
        (
            "They rated Norfolk YOT ‘Good’ overall, with four aspects ‘Outstanding’, six ‘Good’ and one ‘Inadequate’.",
            "Good",
        ),
        ("Services are rated overall as ‘Outstanding’, ‘Good’, ‘Requires improvement’ or ‘Inadequate’.", None),
        ("Every probation trust was assessed as ‘good’ or ‘excellent’ by the ministry.", None),
        # a cap told with the noun: a rating that may not be given, never one given
        ("Norfolk PDU could not be given an overall rating above ‘Requires improvement’.", None),
        ("Norfolk PDU will not be given an overall rating higher than ‘Good’.", None),
        ("A PDU with no risk plans would be rated no higher than ‘Requires improvement’ overall.", None),
        # what was counted ends where the giving starts
        ("Inspectors rated Norfolk PDU’s work in nine areas and gave an overall rating of ‘Inadequate’.", "Inadequate"),
        # the region a PDU belongs to, as a sentence's subject, is no inspected unit
        (
            "The region it belongs to was itself rated ‘Inadequate’. Norfolk Probation Delivery Unit requires "
            "improvement.",
            RI,
        ),
    ],
)
def test_aggregates_negations_and_siblings_are_not_the_overall_rating(body: str, rating: str | None) -> None:
    assert parse_release(f"Probation inspection\n\n{body}", "t").rating == rating


@pytest.mark.parametrize(
    ("body", "ratings"),
    [
        # a unit followed only by "and" shares the next unit's rating
        (
            "Lewisham PDU has been rated ‘Inadequate’, with inspections of Newham PDU and Havering PDU both rated "
            "‘Requires improvement’.",
            {"Lewisham PDU": "Inadequate", "Newham PDU": RI, "Havering PDU": RI},
        ),
        # three units in one subject, one rating for all
        (
            "Camden PDU, Lambeth PDU and Brent PDU were inspected. Each was rated ‘Inadequate’.",
            {"Camden PDU": "Inadequate", "Lambeth PDU": "Inadequate", "Brent PDU": "Inadequate"},
        ),
    ],
)
def test_each_unit_gets_its_own_rating(body: str, ratings: dict[str, str]) -> None:
    parsed = parse_release(f"Probation inspections in London\n\n{body}", "t")
    assert {unit.name: unit.rating for unit in parsed.units} == ratings


@pytest.mark.parametrize(
    ("body", "units"),
    [
        ("Tameside PDU and Wigan PDU were inspected in May.", ("Tameside PDU", "Wigan PDU")),
        ("Bolton PDU was inspected, like Wigan PDU before it.", ("Bolton PDU",)),
        (
            "Derby PDU, which received an overall rating of ‘Good’, was inspected beside Leicester PDU.",
            ("Leicester PDU",),
        ),
        ("Probation services in Nottinghamshire were inspected.", ()),
        # places listed after "Probation services in" are PDUs once the opening calls one of them a unit, unless it
        # names a CRC or the NPS (2014-2021 areas were inspected that way)
        (
            "Probation services in Ashby and Dene were rated inadequate. Staff were short at the Dene unit.",
            ("Ashby PDU", "Dene PDU"),
        ),
        ("Probation services in Ashby were inspected. The Ashby unit of the CRC was short of staff.", ()),
        ("Probation services in the North West region were inspected.", ("North West",)),
        # after "in", "with" joins a place's words; before a unit's name it does not
        (
            "The probation service, or Probation Delivery Unit (PDU*), in Ashton with Marsh has been rated ‘Good’.",
            ("Ashton with Marsh PDU",),
        ),
        ("Staff with Norfolk PDU were inspected.", ("Norfolk PDU",)),
        # a possessive, and a council running the unit, are no part of the place
        ("Ashford’s Youth Offending Team was inspected.", ("Ashford Youth Offending Team",)),
        ("Kelby County Council's Youth Offending Service was inspected.", ("Kelby Youth Offending Service",)),
        # a unit's short name in brackets after its long one is the same unit
        (
            "Inspectors visited the Ambridge and Felpersham Community Rehabilitation Company (AF CRC) in May.",
            ("Ambridge and Felpersham CRC",),
        ),
        ("Inspectors visited Hexley Youth Justice Service (Hexley YJS) in May.", ("Hexley Youth Justice Service",)),
        (
            "Inspectors visited the Keston & Mardle Youth Offending Service (K&M YOS).",
            ("Keston & Mardle Youth Offending Service",),
        ),
        # every unit of a kind is no one of them; a unit congratulated is only mentioned
        ("Now that the report on Wessex CRC is out, all 21 CRCs have been inspected.", ()),
        ("Congratulations to the Northern Division of the National Probation Service.", ()),
        # a month opens no place; plural "units in" lists one PDU a place
        ("Inspectors visited in June of Surrey Youth Offending Service.", ("Surrey Youth Offending Service",)),
        (
            "Inspectors reported on the probation units in Ashby, Coalton and Dene.",
            ("Ashby PDU", "Coalton PDU", "Dene PDU"),
        ),
        ("The final NPS inspection was an assessment of the North East division.", ("NPS North East",)),
        ("The probation service for the north-west of England was inspected.", ("North West",)),
        ("Dorset PDU, a probation service in the south-west of England, was inspected.", ("Dorset PDU",)),
        # a place starts at a word's start; many units and no inspection word are a list, not the subject
        ("Midlands NPS Northumbria CRC was inspected.", ("Northumbria CRC",)),
        ("June to August: Essex CRC, Merseyside CRC and Northumbria CRC.", ()),
        # without "region" in the sentence, probation services in a region's name are not the region
        ("Probation services in London were inspected in 2014 and have long struggled.", ()),
        ("Inspectors rate North West Division of NPS as ‘good’.", ("NPS North West",)),
        ("Inspectors find the Midlands NPS division has done well.", ("NPS Midlands",)),
        ("Inspectors found the National Probation Service (NPS) in Wales to be well led.", ("NPS Wales",)),
        (
            "The Inspectorate published its national inspection of how HM Prison and Probation Service supports "
            "probation.",
            ("HM Prison and Probation Service",),
        ),
        (
            "This inspection examined the sufficiency of national arrangements across HM Prison and Probation "
            "Service (HMPPS).",
            ("HM Prison and Probation Service",),
        ),
        # youth services in a country or a region are services in general, not one place's service
        ("Youth justice services in England and Wales were inspected and rated in 2023.", ()),
        ("Youth offending services in the North East were inspected in 2019.", ()),
        # the whole service compared with is no local unit
        ("Hexley PDU has been rated ‘Good’, the third PDU in England and Wales to reach that mark.", ("Hexley PDU",)),
        ("Hexley CRC is the first CRC in England and Wales to be rated ‘Good’.", ("Hexley CRC",)),
    ],
)
def test_inspected_units_leave_out_siblings(body: str, units: tuple[str, ...]) -> None:
    assert tuple(u.name for u in parse_release(f"Probation inspection\n\n{body}", "t").units) == units


@pytest.mark.parametrize(
    ("title", "body", "name"),
    [
        # the body's abbreviation is the service the title names in full
        (
            "Brookmere’s Youth Justice Service rated ‘Good’",
            "Inspectors found Brookmere YOS to be ‘Good’.",
            "Brookmere Youth Justice Service",
        ),
        # a headline in lower case, or in the plural, describes the service rather than naming it
        (
            "‘Inadequate’ Brookmere youth justice service",
            "Brookmere Youth Justice and Prevention Service was rated ‘Inadequate’ by inspectors.",
            "Brookmere Youth Justice and Prevention Service",
        ),
        (
            "Brookmere Youth Offending Services good overall",
            "Inspectors rated Brookmere Youth Offending Service (YOS) as ‘Good’.",
            "Brookmere Youth Offending Service",
        ),
    ],
)
def test_a_youth_service_goes_by_the_name_the_title_gives_it(title: str, body: str, name: str) -> None:
    assert [unit.name for unit in parse_release(f"{title}\n\n{body}", "t").units] == [name]


@pytest.mark.parametrize(
    ("spelling", "region"),
    [
        ("Kent, Surrey, and Sussex", KSS),
        ("Kent, Surrey and Sussex", KSS),
        ("kent surrey & sussex region", KSS),
        ("KSS", KSS),
        ("Yorkshire and Humber", "Yorkshire and the Humber"),
        ("the East of England", "East of England"),
        ("Nottinghamshire", None),
    ],
)
def test_regions_have_one_spelling(spelling: str, region: str | None) -> None:
    assert canonical_region(spelling) == region


def test_every_region_is_its_own_canonical_spelling() -> None:
    assert [canonical_region(region) for region in REGIONS] == list(REGIONS)


def test_region_comes_from_the_title_when_the_body_names_none() -> None:
    parsed = parse_release("London probation unit rated ‘Good’\n\nCamden PDU was rated ‘Good’.", "t")
    assert (parsed.region, parsed.units) == ("London", (Unit("Camden PDU", "PDU", "Good", "London"),))


@pytest.mark.parametrize(
    ("note", "url"),
    [
        ("1. Read the report at http://example.org/report.pdf.", "http://example.org/report.pdf"),
        ("1. Read the report at ftp://example.org/report.pdf or javascript:alert(1).", None),
    ],
)
def test_source_url_is_http_or_https_only(note: str, url: str | None) -> None:
    assert parse_release(f"Title\n\nBody.\n\nNotes to editors\n{note}", "t").source_url == url


@pytest.mark.parametrize("stem", sorted(SHAPE_FIXTURES))
def test_new_fields_survive_the_stored_json(stem: str) -> None:
    parsed = read_fixture(stem)
    assert release_from_json(release_to_json(parsed)) == parsed


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Probation firm fails audit\n\nThe ministry found that Fenmoor CRC was not monitoring offenders.", ()),
        (
            "Probation firm rated poorly\n\nHMI Probation found that Fenmoor CRC was not monitoring offenders.",
            ("Fenmoor CRC",),
        ),
    ],
)
def test_a_text_that_never_speaks_of_inspecting_names_no_unit(text: str, units: tuple[str, ...]) -> None:
    assert tuple(u.name for u in parse_release(text, "t").units) == units


@pytest.mark.parametrize("dated", ["14 March 2024", "14th March 2024", "March 14, 2024", "March 14th 2024"])
def test_a_blog_post_titled_with_its_date_is_news_however_the_date_is_spelt(dated: str) -> None:
    text = (FIXTURES_DIR / "blog_dated_title.txt").read_text(encoding="utf-8").replace("14 March 2024", dated, 1)
    parsed = parse_release(text, "t")
    assert (parsed.kind, parsed.units, parsed.rating) == ("corporate news", (), None)


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ("Inspectors found that the service, overall, Requires improvement.", RI),
        ("The unit is now Outstanding, the first in the region.", "Outstanding"),
        ("It went from Inadequate to Good in two years.", "Good"),
        ("Staff have been trained in the Good Lives Model.", None),
        ("A project called Getting out for Good runs in schools.", None),
        ("Services are rated as either Outstanding, Good, Requires improvement or Inadequate.", None),
    ],
)
def test_an_unquoted_rating_is_read_by_its_name_and_its_place(sentence: str, rating: str | None) -> None:
    assert parse_release(f"Kestrel Vale PDU\n\nKestrel Vale PDU was inspected. {sentence}", "t").rating == rating


@pytest.mark.parametrize(
    ("sentence", "ratings"),
    [
        # the verb before the first unit rates the second too
        (
            "Inspectors have rated Ashvale PDU ‘Good’ and its neighbour, Corsham Moor PDU, ‘Inadequate’.",
            ("Good", "Inadequate"),
        ),
        ("Inspectors judged Ashvale PDU to be ‘Good’ and Corsham Moor PDU to ‘Require improvement’.", ("Good", RI)),
        (
            "Ashvale Probation Delivery Unit (PDU) has been rated as ‘Good’. "
            "Corsham Moor PDU, inspected in the same month, has stayed at ‘Inadequate’.",
            ("Good", "Inadequate"),
        ),
        ("Ashvale PDU and Corsham Moor PDU were rated ‘Inadequate’ and ‘Good’ respectively.", ("Inadequate", "Good")),
        # the second unit's earlier rating in an aside, its own verb after it
        (
            "Ashvale PDU has been rated ‘Good’. Corsham Moor PDU, which was rated ‘Inadequate’ in 2021, has "
            "improved and is now rated ‘Requires improvement’.",
            ("Good", RI),
        ),
    ],
)
def test_each_of_two_units_gets_the_rating_its_words_give_it(sentence: str, ratings: tuple[str, str]) -> None:
    text = f"Two probation units inspected\n\nHM Inspectorate of Probation has inspected two PDUs. {sentence}"
    assert tuple(u.rating for u in parse_release(text, "t").units) == ratings


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("Marlow Heath PDU is part of the Probation Service’s South Central region.", SC),
        ("Marlow Heath PDU is one of the PDUs in the Probation Service's Kent, Surrey and Sussex region.", KSS),
    ],
)
def test_a_region_named_after_a_possessive_is_the_region(sentence: str, region: str) -> None:
    text = f"Marlow Heath PDU inspected\n\nMarlow Heath PDU has been rated ‘Good’. {sentence}"
    assert parse_release(text, "t").units[0].region == region


@pytest.mark.parametrize(
    ("title", "sentence", "rating"),
    [
        # a title about something the inspection found cancelled or put off is no postponed inspection
        ("Inspection finds cancelled appointments", "Redwater PDU has been rated ‘Inadequate’.", "Inadequate"),
        ("Redwater PDU rated ‘Good’", "Redwater PDU was inspected in November last year and rated ‘Good’.", "Good"),
        # news of the inspection itself: no rating, no unit
        ("Inspection of Redwater PDU postponed", "Redwater PDU was rated ‘Inadequate’ in 2023.", None),
        ("Inspectorate postpones its inspection of Redwater PDU", "Its rating will remain ‘Good’.", None),
    ],
)
def test_news_of_an_inspection_put_off_rates_nothing(title: str, sentence: str, rating: str | None) -> None:
    parsed = parse_release(f"{title}\n\n{sentence}\n\nThe release was published on 2 June 2025.", "t")
    assert (parsed.rating, parsed.kind == "inspection") == (rating, rating is not None)


@pytest.mark.parametrize(
    ("paragraphs", "names"),
    [
        # a list of places, then one of them named alone in another order: the order given alone
        (
            "HM Inspectorate of Probation inspected the probation units in East Harbury and Colnford. Both units "
            "'require improvement'.\n\nAt the PDU in Harbury East, risk work was late.",
            ("Harbury East PDU", "Colnford PDU"),
        ),
        # no sentence names it alone: the list's order
        (
            "HM Inspectorate of Probation inspected the probation units in East Harbury and Colnford. Both units "
            "'require improvement'.\n\nIn both units, risk work was late.",
            ("East Harbury PDU", "Colnford PDU"),
        ),
        # named alone first, never in a list: the name it was first given stays
        (
            "Harbury East PDU has been rated 'Good' by HM Inspectorate of Probation. Colnford PDU has been rated "
            "'Inadequate'.\n\nAt the PDU in East Harbury, risk work was prompt.",
            ("Harbury East PDU", "Colnford PDU"),
        ),
    ],
)
def test_a_listed_unit_takes_the_order_of_words_it_is_given_alone(paragraphs: str, names: tuple[str, ...]) -> None:
    text = f"Two probation units inspected\n\n{paragraphs}"
    assert tuple(u.name for u in parse_release(text, "t").units) == names


@pytest.mark.parametrize(
    ("sentence", "previous"),
    [
        # the unit before ", which we rated" is another service: its rating is that service's
        (
            "Kestrel Bay YJS was formed when Dunmoor Valley YOS, which we rated as ‘Inadequate’ in 2019, was split.",
            (),
        ),
        # the unit before it is this one: its own earlier rating
        (
            "Kestrel Bay YJS, which we rated as ‘Inadequate’ in 2019, has improved.",
            (PreviousRating("Inadequate", 2019),),
        ),
    ],
)
def test_a_rating_in_a_which_clause_is_the_rating_of_the_unit_it_follows(
    sentence: str, previous: tuple[PreviousRating, ...]
) -> None:
    text = (
        "Kestrel Bay YJS inspected\n\nKestrel Bay Youth Justice Service (YJS) has been rated ‘Good’ by HM Inspectorate "
        f"of Probation. {sentence}\n\nNotes to editors\n\n1. The report was published on 14 May 2025."
    )
    assert parse_release(text, "t").previous_ratings == previous


@pytest.mark.parametrize(
    ("opening", "note", "names"),
    [
        (
            "Inspectors have reported on two probation delivery units.",
            "Wexmoor PDU and Halstow PDU are in the east.",
            2,
        ),
        # the notes name three units, the opening counts two: which two is not said
        (
            "Inspectors have reported on two probation delivery units.",
            "Wexmoor PDU, Halstow PDU and Brindle PDU are in the east.",
            0,
        ),
        # a thematic inspection visits units, it inspects none of them
        (
            "A thematic inspection visited two probation delivery units.",
            "Wexmoor PDU and Halstow PDU took part.",
            0,
        ),
    ],
)
def test_units_an_opening_counts_are_named_by_the_notes_only_as_many(opening: str, note: str, names: int) -> None:
    text = (
        f"Probation units reported on\n\n{opening} Inspectors gave Wexmoor an overall rating of ‘Good’.\n\n"
        f"Notes to editors\n\n1. {note}\n2. The reports are published on 3 March 2025."
    )
    assert len(parse_release(text, "t").units) == names


@pytest.mark.parametrize(
    ("notes", "units"),
    [
        (
            "1. Corrow Heath Probation Delivery Unit received an overall rating of ‘Good’.",
            (Unit("Corrow Heath PDU", "PDU", "Good", None),),
        ),
        # a note rating another unit as well rates neither
        (
            "1. Corrow Heath PDU and Brinkley PDU received an overall rating of ‘Good’.",
            (Unit("Corrow Heath PDU", "PDU", None, None),),
        ),
        # two units of that place: which one is not said
        ("1. Corrow Heath North PDU and Corrow Heath South PDU were inspected together.", ()),
        # a note recalling the rating of an inspection ("when it was inspected") gives none now
        (
            "1. Corrow Heath Probation Delivery Unit received an overall rating of ‘Good’ when it was inspected.",
            (Unit("Corrow Heath PDU", "PDU", None, None),),
        ),
    ],
)
def test_the_unit_at_the_place_an_opening_names_is_the_one_the_notes_name(notes: str, units: tuple[Unit, ...]) -> None:
    text = (
        "Inspection of probation services: Corrow Heath\n\nHM Inspectorate of Probation has published its findings "
        f"on the probation service in Corrow Heath.\n\nNotes to editors\n\n{notes}\n2. Published on 21 May 2025."
    )
    assert parse_release(text, "t").units == units


@pytest.mark.parametrize(
    ("sentence", "previous"),
    [
        ("In 2020 inspectors judged its work inadequate.", (PreviousRating("Inadequate", 2020),)),
        # "their work" may be the staff's: no rating of the unit
        ("In 2020 inspectors judged their work inadequate.", ()),
    ],
)
def test_its_work_judged_unquoted_is_the_unit_rated(sentence: str, previous: tuple[PreviousRating, ...]) -> None:
    text = (
        "Larchfield YOT inspected\n\nHM Inspectorate of Probation has rated Larchfield Youth Offending Team ‘Good’. "
        f"{sentence}\n\nNotes to editors\n\n1. This press release was issued on 5 November 2024."
    )
    assert parse_release(text, "t").previous_ratings == previous


@pytest.mark.parametrize(
    ("opening", "names"),
    [
        ("HM Inspectorate of Probation visited the Youth Justice Service run by Larchfield Borough Council.", 1),
        # run by a company, or a person: no council, so no place
        ("HM Inspectorate of Probation visited the Youth Justice Service run by Larchfield Partners.", 0),
    ],
)
def test_a_youth_service_run_by_a_council_is_named_by_its_place(opening: str, names: int) -> None:
    text = f"Youth justice praised\n\n{opening} It was rated ‘Good’.\n\nNotes\n\n1. Issued on 5 November 2024."
    assert len(parse_release(text, "t").units) == names


@pytest.mark.parametrize(
    ("note", "published"),
    [
        ("This announcement was published in 2024.", "2024-10-08"),
        # another document's year is no year of this release
        ("The annual report was published in 2024.", None),
    ],
)
def test_today_takes_the_year_the_release_says_it_was_issued_in(note: str, published: str | None) -> None:
    text = (
        f"Plans announced\n\nThe Inspectorate announced today (8 October) its plans.\n\nNotes to editors\n\n1. {note}"
    )
    parsed = parse_release(text, "t")
    assert (parsed.published.isoformat() if parsed.published else None) == published


@pytest.mark.parametrize(
    ("sentence", "rating", "previous"),
    [
        # "England and Wales" joins no clauses: the opening year dates the rating
        ("In 2021 the unit was one of few in England and Wales rated ‘Good’.", None, (PreviousRating("Good", 2021),)),
        # a real "and" still ends the dated clause: the rating is now
        ("In 2021 the unit moved offices and inspectors have now rated it ‘Good’.", "Good", ()),
    ],
)
def test_england_and_wales_joins_no_clauses(
    sentence: str, rating: str | None, previous: tuple[PreviousRating, ...]
) -> None:
    text = (
        "Brackley PDU inspected\n\nBrackley Probation Delivery Unit was inspected by HM Inspectorate of Probation. "
        f"{sentence}\n\nNotes to editors\n\n1. Published on 8 July 2025.\n2. Fieldwork took place in March 2025."
    )
    parsed = parse_release(text, "t")
    assert (parsed.rating, parsed.previous_ratings) == (rating, previous)


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ("Inspectors found the service to require improvement.", RI),
        # a part of its work found so rates the part
        ("Inspectors found its case planning to require improvement.", None),
        ("Inspectors found work with victims to require improvement.", None),
    ],
)
def test_found_the_unit_to_require_improvement_rates_it(sentence: str, rating: str | None) -> None:
    text = f"Dunmore YOT inspected\n\nDunmore Youth Offending Team was inspected by HM Inspectorate. {sentence}"
    assert parse_release(text, "t").rating == rating


@pytest.mark.parametrize(
    ("sentence", "units"),
    [
        (
            "A report on how HMPPS runs probation has found that it ‘requires improvement’.",
            (Unit("HM Prison and Probation Service", "national", RI, None),),
        ),
        # HMPPS named only in a sentence that gives no rating: no unit
        ("Probation work across the country was rated ‘Inadequate’. HMPPS said it would respond.", ()),
        # news mentioning a rating HMPPS was given, no report or inspection of it: no unit
        ("Figures show HMPPS, rated ‘Requires improvement’, is short of staff.", ()),
    ],
)
def test_hmpps_named_where_an_inspection_is_rated_is_the_unit(sentence: str, units: tuple[Unit, ...]) -> None:
    text = f"Response to the national inspection\n\n{sentence} The charity welcomed the report."
    assert parse_release(text, "t").units == units


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("It is one of nine in the North West.", "North West"),
        ("It is one of 11 PDUs in Yorkshire and the Humber.", "Yorkshire and the Humber"),
        # a county holds units, it is no region; the whole service neither
        ("It is one of five units in West Yorkshire.", None),
        ("It is one of only a handful of units in England and Wales rated so.", None),
        # a neighbour counted so places the neighbour
        ("Brindle PDU, its neighbour, is one of nine in the North West.", None),
    ],
)
def test_a_unit_counted_among_a_regions_is_in_that_region(sentence: str, region: str | None) -> None:
    text = f"Kirkholme PDU inspected\n\nKirkholme PDU has been rated ‘Good’ by HM Inspectorate of Probation. {sentence}"
    assert parse_release(text, "t").units[0].region == region


@pytest.mark.parametrize(
    ("late", "region"),
    [
        # past the opening, the unit itself counted among a region's units
        ("It is one of nine in the North West.", "North West"),
        # a neighbour counted so places the neighbour, not this unit
        ("Harwood PDU is one of nine in the North West.", None),
    ],
)
def test_a_later_paragraph_counting_the_unit_itself_places_it(late: str, region: str | None) -> None:
    filler = "\n\n".join(f"Inspectors also looked at case number {n}." for n in range(7))
    text = f"Kirkholme PDU inspected\n\nKirkholme PDU has been rated ‘Good’ by HM Inspectorate.\n\n{filler}\n\n{late}"
    assert parse_release(text, "t").units[0].region == region


@pytest.mark.parametrize(
    "text",
    [
        # a review visiting units the notes name (and a count of them) inspects none
        (
            "Work with women falls short, review finds\n\nA review by HM Inspectorate of Probation of how probation "
            "supports women found gaps. Inspectors visited two probation delivery units.\n\nNotes to editors\n\n"
            "1. Fieldwork took place in Ashvale PDU and Brindle PDU.\n2. The report is published on 2 July 2025."
        ),
        # a joint review visiting a service named by its council, rated before, inspects it no more
        (
            "Exploitation: joint review published\n\nA joint review by HM Inspectorate of Probation and others of how "
            "children are protected from exploitation found gaps. Inspectors visited the Youth Justice Service run by "
            "Larchfield City Council, which was rated ‘Good’ in 2023.\n\nNotes to editors\n\n1. Published on 2 July "
            "2025."
        ),
    ],
)
def test_units_named_otherwise_are_looked_for_only_in_an_inspection(text: str) -> None:
    parsed = parse_release(text, "t")
    assert (parsed.kind, parsed.units) == ("thematic inspection", ())


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ("Youth justice services in Ashvale have been rated ‘Good’.", "Good"),
        # services across a region, or a neighbour's, are not the unit's
        ("Youth justice services across the North West were rated ‘Inadequate’.", None),
        ("Youth justice services in neighbouring Brindle were rated ‘Inadequate’.", None),
        ("Youth justice services in Brindle were rated ‘Inadequate’.", None),
    ],
)
def test_one_places_youth_services_rated_are_its_unit(sentence: str, rating: str | None) -> None:
    text = f"Ashvale youth justice inspected\n\nHM Inspectorate of Probation inspected Ashvale YOT. {sentence}"
    assert parse_release(text, "t").rating == rating


@pytest.mark.parametrize(
    ("sentence", "rating", "previous"),
    [
        # the Inspectorate's visit of an earlier year, in the clause before, dates the rating its own clause gives
        (
            "Martin Jones said: “When we inspected the unit in 2023, we rated it ‘Inadequate’, and much has changed.",
            None,
            ("Inadequate",),
        ),
        # this year's visit dates nothing earlier
        ("When we inspected the unit in 2025, we rated it ‘Good’.", "Good", ()),
        # a clause going on from the subject before the dating clause gives the rating now
        (
            "Ashvale PDU, rated ‘Inadequate’ when inspectors visited in 2023, has improved and is now rated ‘Good’.",
            "Good",
            ("Inadequate",),
        ),
    ],
)
def test_a_visit_of_an_earlier_year_dates_the_rating_after_it(
    sentence: str, rating: str | None, previous: tuple[str, ...]
) -> None:
    opening = "HM Inspectorate of Probation published its report on Ashvale PDU on 2 June 2025."
    text = f"Ashvale PDU inspection\n\n{opening}\n\n{sentence}"
    parsed = parse_release(text, "t")
    assert (parsed.rating, tuple(p.rating for p in parsed.previous_ratings)) == (rating, previous)


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        # a service in a place beside the unit's own is a neighbour, its rating none of the unit's
        ("The youth justice service in neighbouring Brindle was rated ‘Good’ last year.", RI),
        ("Probation work in nearby Brindle was judged ‘Outstanding’.", RI),
        # the unit's own place is no neighbour's
        ("The youth offending team in Pellham was rated ‘Good’.", "Good"),
    ],
)
def test_a_service_in_a_neighbouring_place_is_another_units(sentence: str, rating: str) -> None:
    opening = "HM Inspectorate of Probation has published its report on Pellham Youth Offending Team."
    text = f"Pellham YOT ‘Requires improvement’\n\n{opening}\n\n{sentence}"
    assert parse_release(text, "t").rating == rating


@pytest.mark.parametrize(
    ("sentence", "ratings"),
    [
        # a clause opening on a past verb after "X, ...," rates X
        ("Brindle, the larger of the two, fared worse and was rated ‘Inadequate’.", ("Good", "Inadequate")),
        # a part of the work opening the sentence stays a part
        ("Brindle’s leadership, once weak, improved and was rated ‘Outstanding’.", ("Good", None)),
    ],
)
def test_a_name_then_a_past_verb_and_a_rating_rates_the_named_unit(sentence: str, ratings: tuple[str, ...]) -> None:
    opening = "Inspectors have published reports on Ashvale PDU and Brindle PDU. Ashvale was rated ‘Good’."
    text = f"Two PDUs inspected\n\n{opening}\n\n{sentence}"
    assert tuple(u.rating for u in parse_release(text, "t").units) == ratings


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        # the parts of the work counted: none of their ratings is the unit's
        ("Of the four standards we inspect, two were rated ‘Good’.", RI),
        ("Of the PDU’s three organisational domains, one – staffing – was rated ‘Outstanding’.", RI),
        ("Of the four standards we inspect, the first (governance) was rated ‘Good’.", RI),
        # units counted are no parts of the work
        ("Of the two PDUs inspected, Ashvale was rated ‘Good’.", RI),
    ],
)
def test_a_sentence_counting_parts_of_the_work_rates_no_unit(sentence: str, rating: str) -> None:
    opening = "HM Inspectorate of Probation has found that Ashvale PDU requires improvement."
    text = f"Ashvale probation inspected\n\n{sentence}\n\n{opening}"
    assert parse_release(text, "t").rating == rating


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        # ", which they rated 'X'" rates what the words before the comma name
        ("Inspectors praised the unit’s new case recording system, which they rated ‘Outstanding’.", RI),
        ("Inspectors went back to the work of Ashvale PDU, which they rated ‘Good’.", "Good"),
        # a count with no number counts units
        ("Of the units inspected since 2021, only a handful have been rated ‘Good’.", RI),
    ],
)
def test_what_a_which_clause_rates_and_counts_without_numbers(sentence: str, rating: str) -> None:
    text = f"Ashvale PDU ‘Requires improvement’\n\n{sentence}\n\nNotes to editors\n\n1. Published on 3 June 2025."
    parsed = parse_release(text, "t")
    assert (parsed.rating, parsed.previous_ratings) == (rating, ())


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("HM Inspectorate of Probation seeks views on how it should inspect youth justice services.", "corporate news"),
        # the views of those a thematic inspection met are no consultation
        ("Inspectors sought the views of children on how youth justice services support them.", "thematic inspection"),
    ],
)
def test_asking_for_views_on_plans_is_a_consultation(opening: str, kind: str) -> None:
    text = f"Youth justice: what we will look at\n\n{opening} The inspection of youth work is changing."
    assert parse_release(text, "t").kind == kind


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("By Priya Lomax\nFriday 7 March 2025", "2025-03-07"),
        # a byline too long to be one, and a line not opening on a name, date nothing
        (
            "By the time inspectors arrived on 7 March 2025, the unit had lost its manager and many staff had left it.",
            None,
        ),
        ("Reported by our staff on 7 March 2025", None),
    ],
)
def test_a_byline_dates_a_press_piece(head: str, published: str | None) -> None:
    text = f"Ashvale probation must improve\n\n{head}\n\nAshvale PDU has been rated ‘Requires improvement’."
    parsed = parse_release(text, "t")
    assert (parsed.published.isoformat() if parsed.published else None) == published
