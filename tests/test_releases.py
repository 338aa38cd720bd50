"""searchsvc.releases: decoding bytes, each field parse_release reads, then whole releases and fixtures."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from searchsvc.errors import ReleaseError
from searchsvc.releases import RATINGS
from searchsvc.releases import UNIT_TYPES
from searchsvc.releases import Acronym
from searchsvc.releases import PreviousRating
from searchsvc.releases import Quote
from searchsvc.releases import Release
from searchsvc.releases import SubRating
from searchsvc.releases import decode
from searchsvc.releases import parse_release
from searchsvc.releases import read_release
from tests.test_release_shapes import SHAPE_FIXTURES

SEEDS_DIR = Path(__file__).parent.parent / "seeds"
FIXTURES_DIR = Path(__file__).parent / "data" / "releases"


def release(body: str, *, title: str = "Probation inspection report", notes: str = "") -> Release:
    """Parse a release assembled from a title, body paragraphs and (optionally) notes to editors."""
    text = f"{title}\n\n{body}"
    if notes:
        text += f"\n\nNotes to editors\n{notes}"
    return parse_release(text, "test")


def read_fixture(path: Path) -> Release:
    """Parse a release file the way the indexer will: bytes in, file stem as id."""
    return read_release(path.read_bytes(), path.stem)


# ------------------------------------------------------------------------------------------ decode


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Title\nBody", "Title\nBody"),
        (b"\xef\xbb\xbfTitle\r\nBody\r\n", "Title\nBody\n"),
        (b"Title\rBody\r", "Title\nBody\n"),
        (b"Title\r\n\rBody", "Title\n\nBody"),
        # cp1252 curly quotes, en dash and e-acute: not valid UTF-8, so the fallback decodes them
        (b"\x93Hi\x94 \x91x\x92 \x96 caf\xe9", "“Hi” ‘x’ – café"),
        (b"\xef\xbb\xbfcaf\xe9", "café"),
        ("a\u00a0b\u202fc\u2007d".encode(), "a b c d"),
        ("co\u200bordinated\ufeff soft\u00adhyphen".encode(), "coordinated softhyphen"),
        ("cafe\u0301".encode(), "café"),
        ("‘Good’ “quoted”".encode(), "‘Good’ “quoted”"),
        (b"Title\x1a", "Title"),
        ("\ufeffTitle\nBody".encode("utf-16"), "Title\nBody"),
        ("Title\u2028Body".encode(), "Title\nBody"),
        # four-byte UTF-8, Turkish i's and long s are kept; DEL is dropped like any stray control
        ("x\U0001f600 \u0130\u0131\u017f\x7f".encode(), "x\U0001f600 \u0130\u0131\u017f"),
    ],
)
def test_decode_normalises_text(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        ("\u200b\ufeff".encode(), "empty file"),
        (b" \t\r\n\r\n", "whitespace-only file"),
        (b"\n\xc2\xa0\n", "whitespace-only file"),
        (b"Title\x00\x00body", "not a text file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (contains NUL bytes)"),
        (b"\x01\x02\x03\x04\x05abc", "not a text file (contains control characters)"),
        (b"abc \x81", "not a text file (byte 0x81 at offset 4 is not UTF-8 or cp1252)"),
    ],
)
def test_decode_rejects_what_is_not_a_release(data: bytes, reason: str) -> None:
    with pytest.raises(ReleaseError) as caught:
        decode(data)
    assert caught.value.reason == reason


# ------------------------------------------------------------------------- title, body and notes


def test_text_without_a_title_is_an_error() -> None:
    with pytest.raises(ReleaseError, match="no title"):
        parse_release("  \n\t\n", "x")


def test_title_only_release_is_valid_with_empty_body() -> None:
    parsed = parse_release("\n\n  Annual report  of the Inspectorate \n", "x")
    assert (parsed.id, parsed.title, parsed.body, parsed.notes, parsed.quotes) == (
        "x",
        "Annual report of the Inspectorate",
        (),
        (),
        (),
    )


def test_body_paragraphs_join_wrapped_lines_and_split_bullets() -> None:
    text = (
        "Title\n\nFirst paragraph\n  wrapped   here.\n\nInspectors found:\n"
        "  • one thing;\n  - another\n    thing; and\n* a third.\n\nLast.\n\nENDS\n"
    )
    assert parse_release(text, "x").body == (
        "First paragraph wrapped here.",
        "Inspectors found:",
        "one thing;",
        "another thing; and",
        "a third.",
        "Last.",
    )


@pytest.mark.parametrize(
    "heading",
    ["Notes to editor", "Notes to editors:", "NOTES FOR EDITORS", "Notes for editors", "Editor’s notes"],
)
def test_notes_heading_variants_separate_notes_from_body(heading: str) -> None:
    text = f"Title\n\nBody text.\n\n{heading}\n1. First note.\n2) Second\nnote wrapped.\n"
    parsed = parse_release(text, "x")
    assert (parsed.body, parsed.notes) == (("Body text.",), ("First note.", "Second note wrapped."))


def test_notes_keep_trailing_lines_and_drop_ends() -> None:
    text = (
        "Title\n\nBody.\n\nENDS\n\nNotes to editors\n\n  1. One.\n  2. Two.\n\n"
        "For media enquiries, please contact the press office.\nOut of hours: 020 1234 5678\n"
    )
    assert parse_release(text, "x").notes == (
        "One.",
        "Two.",
        "For media enquiries, please contact the press office. Out of hours: 020 1234 5678",
    )


def test_notes_heading_with_text_on_the_same_line() -> None:
    parsed = parse_release("Title\n\nBody.\n\nNotes for editors: 1. The report.\n2. More.", "x")
    assert parsed.notes == ("The report.", "More.")


def test_ends_without_a_heading_still_ends_the_body() -> None:
    parsed = parse_release("Title\n\nBody.\n\n- ENDS -\n\n1. A note.", "x")
    assert (parsed.body, parsed.notes) == (("Body.",), ("A note.",))


# ---------------------------------------------------------------------------------------- ratings


@pytest.mark.parametrize(
    ("body", "rating", "previous"),
    [
        ("Norfolk PDU has received an overall rating of ‘Inadequate’.", "Inadequate", ()),
        (
            "Inspectors have given the CRC an overall rating of ‘Requires improvement’.",
            "Requires improvement",
            (),
        ),
        ("Norfolk PDU was rated ‘Good’ overall.", "Good", ()),
        # "overall" set off by commas before the rating outweighs an aspect rated with a verb afterwards
        (
            "Inspectors found that the PDU, overall, ‘Requires improvement’. Two standards were rated ‘Inadequate’.",
            "Requires improvement",
            (),
        ),
        ("Essex PDU was rated 'Outstanding' overall.", "Outstanding", ()),
        ('Essex PDU was rated "Outstanding" overall.', "Outstanding", ()),
        ("The overall rating for the service is 'Good'.", "Good", ()),
        ("Norfolk PDU has received an overall rating of requires Improvement.", "Requires improvement", ()),
        ("Norfolk PDU was rated REQUIRES IMPROVEMENT overall.", "Requires improvement", ()),
        # A dotless i, which a case-insensitive pattern matches to "i" though lower() keeps it.
        ("Norfolk PDU was rated ‘ınadequate’ overall.", "Inadequate", ()),
        ("Leeds YJS has been judged to be ‘Outstanding’ by inspectors.", "Outstanding", ()),
        ("Leeds YJS was judged to be Outstanding.", "Outstanding", ()),
        ("The PDU has been awarded a ‘Good’ rating.", "Good", ()),
        ("Norfolk PDU has been rated ‘Good’ for the first time.", "Good", ()),
        ("Norfolk PDU was rated ‘Good’, a big improvement since our last inspection.", "Good", ()),
        ("The PDU was rated Inadequate at its last inspection.", None, (PreviousRating("Inadequate", None),)),
        (
            "Norfolk PDU has been rated ‘Good’. This was a reinspection, after it received an ‘Inadequate’ rating "
            "in 2020.",
            "Good",
            (PreviousRating("Inadequate", 2020),),
        ),
        # a comma inside the closing quote
        ("Inspectors assessed the CRC as ‘Requiring Improvement,’ its second lowest mark.", "Requires improvement", ()),
        (
            "This is the second inspection, having previously been rated ‘Inadequate’ in 2022.",
            None,
            (PreviousRating("Inadequate", 2022),),
        ),
        (
            "Norfolk PDU has been rated ‘Good’ overall, having been rated ‘Inadequate’ at its last inspection in 2021.",
            "Good",
            (PreviousRating("Inadequate", 2021),),
        ),
        (
            "Previously rated ‘Inadequate’ in 2022, Norfolk PDU has now been rated ‘Requires improvement’.",
            "Requires improvement",
            (PreviousRating("Inadequate", 2022),),
        ),
        (
            "Norfolk PDU was rated ‘Inadequate’ overall at its last inspection in 2021 and is now rated "
            "‘Good’ overall.",
            "Good",
            (PreviousRating("Inadequate", 2021),),
        ),
        (
            "Norfolk PDU has improved from ‘Inadequate’ to ‘Good’.",
            "Good",
            (PreviousRating("Inadequate", None),),
        ),
        (
            "Norfolk PDU has moved up from ‘Requires improvement’ at its last inspection to ‘Good’.",
            "Good",
            (PreviousRating("Requires improvement", None),),
        ),
        (
            "The Inspectorate uses a four-point scale: ‘Outstanding’, ‘Good’, ‘Requires improvement’ and ‘Inadequate’.",
            None,
            (),
        ),
        (
            "Staff showed good practice and outstanding commitment, but supervision was not good enough.",
            None,
            (),
        ),
        ("We assessed the quality of work as ‘nowhere near good enough’.", None, ()),
    ],
)
def test_overall_and_previous_ratings(body: str, rating: str | None, previous: tuple[PreviousRating, ...]) -> None:
    parsed = release(body)
    assert (parsed.rating, parsed.previous_ratings) == (rating, previous)


def test_a_rating_word_with_a_dotless_i_is_still_found() -> None:
    # Paragraphs without a rating word are skipped before splitting: "ı" is no "i" to str.lower but is to re.
    assert release("Some words first. Inspectors rated the PDU as ‘ınadequate’ overall.").rating == "Inadequate"


def test_a_bare_earlier_year_makes_a_rating_previous() -> None:
    parsed = release(
        "In 2022, the PDU was rated ‘Inadequate’.\n\nThe PDU is now rated ‘Good’.",
        notes="1. Fieldwork took place in May 2024.",
    )
    assert (parsed.rating, parsed.previous_ratings) == ("Good", (PreviousRating("Inadequate", 2022),))


def test_the_year_of_this_inspection_is_not_an_earlier_year() -> None:
    parsed = release(
        "Norfolk PDU was rated ‘Good’ following an inspection in November 2023.",
        notes="1. The report is available on 4 January 2024.",
    )
    assert (parsed.rating, parsed.previous_ratings) == ("Good", ())


@pytest.mark.parametrize(
    ("body", "sub_ratings"),
    [
        (
            "For the first time, inspectors have rated all four of our key case supervision standards – the "
            "assessment, planning, implementation and review of cases – as ‘Inadequate’, the lowest "
            "possible rating.",
            (
                SubRating(
                    "all four of our key case supervision standards – the assessment, planning, "
                    "implementation and review of cases",
                    "Inadequate",
                ),
            ),
        ),
        (
            "Inspectors rated the supervision of individuals who had been sentenced to unpaid work in the "
            "community as ‘Outstanding’.",
            (
                SubRating(
                    "the supervision of individuals who had been sentenced to unpaid work in the community",
                    "Outstanding",
                ),
            ),
        ),
        (
            "Inspectors found casework across all four of the Inspectorate’s delivery standards to "
            "be ‘Inadequate’, despite the strong strategic approach.",
            (SubRating("casework across all four of the Inspectorate’s delivery standards", "Inadequate"),),
        ),
        (
            "Leadership was rated good, but casework was rated inadequate.",
            (SubRating("Leadership", "Good"), SubRating("casework", "Inadequate")),
        ),
        (
            "The overall quality of casework was rated ‘Inadequate’.",
            (SubRating("The overall quality of casework", "Inadequate"),),
        ),
        ("Norfolk PDU received a ‘Good’ rating for its leadership.", (SubRating("leadership", "Good"),)),
        (
            "Inspectors judged the quality of unpaid work to be ‘Good’.",
            (SubRating("the quality of unpaid work", "Good"),),
        ),
        ("Inspectors rated the PDU ‘Good’.", ()),
        ("It was rated 'Good' by inspectors.", ()),
        # the second rating shares the first one's verb, left out: another aspect, not the unit
        (
            "Inspectors rated the national leadership ‘Requires improvement’ and the arrangements for data and "
            "digital systems ‘Inadequate’.",
            (
                SubRating("the national leadership", "Requires improvement"),
                SubRating("the arrangements for data and digital systems", "Inadequate"),
            ),
        ),
    ],
)
def test_sub_ratings_are_not_the_overall_rating(body: str, sub_ratings: tuple[SubRating, ...]) -> None:
    parsed = release(body)
    assert parsed.sub_ratings == sub_ratings
    assert parsed.rating == (None if sub_ratings else "Good")


@pytest.mark.parametrize(
    ("second", "sub_ratings"),
    [
        # "and" shares the clause before's subject, a part of the work: that part is rated, not the unit
        (
            "Work with people released on licence was better, and was rated ‘Requires improvement’.",
            (SubRating("Work with people released on licence", "Requires improvement"),),
        ),
        # the clause before opens on its verb: its subject stands before the commas, and the unit's rating stays
        ("Norfolk PDU, rated ‘Good’ in 2019, has slipped, and is now rated ‘Inadequate’.", ()),
    ],
)
def test_a_predicate_joined_by_and_rates_the_subject_of_the_clause_before(
    second: str, sub_ratings: tuple[SubRating, ...]
) -> None:
    first = "Inspectors found failings at the probation delivery unit in Norfolk, which has been rated ‘Inadequate’."
    parsed = release(f"{first} {second}\n\nPublished 3 May 2024", title="Norfolk PDU rated inadequate")
    assert (parsed.pdu, parsed.rating, parsed.sub_ratings) == ("Norfolk PDU", "Inadequate", sub_ratings)


@pytest.mark.parametrize(
    ("title", "body", "rating"),
    [
        ("Norfolk Probation Service ‘Inadequate’", "No rating is stated here.", "Inadequate"),
        (
            "Essex North probation service delivering change, but rated ‘Requires improvement’",
            "Text.",
            "Requires improvement",
        ),
        ("Nottingham City probation service rated REQUIRES IMPROVEMENT", "Text.", "Requires improvement"),
        ("Norfolk ‘Good’", "Norfolk PDU has received an overall rating of ‘Inadequate’.", "Inadequate"),
        ("Bradford improves from ‘Inadequate’ to ‘Good’", "Text.", "Good"),
        ("Good progress in Norfolk", "Text.", None),
    ],
)
def test_title_is_only_a_fallback_for_the_rating(title: str, body: str, rating: str | None) -> None:
    assert release(body, title=title).rating == rating


def test_ratings_in_the_notes_are_ignored() -> None:
    parsed = release("Nothing rated here.", notes="1. Norfolk PDU was rated ‘Good’ overall.")
    assert (parsed.rating, parsed.previous_ratings, parsed.sub_ratings) == (None, (), ())


# ---------------------------------------------------------------------------------- inspected unit


@pytest.mark.parametrize(
    ("body", "pdu", "unit_type"),
    [
        (
            "Norfolk Probation Delivery Unit (PDU) has received an overall rating of ‘Inadequate’.",
            "Norfolk PDU",
            "PDU",
        ),
        ("Essex North PDU has been inspected.", "Essex North PDU", "PDU"),
        ("At Suffolk PDU, inspectors found staff were stretched.", "Suffolk PDU", "PDU"),
        ("Inspection of Stoke-on-Trent PDU found strong leadership.", "Stoke-on-Trent PDU", "PDU"),
        (
            "The Norfolk PDU was rated ‘Good’ by His Majesty’s Inspectorate of Probation.",
            "Norfolk PDU",
            "PDU",
        ),
        (
            "Barking, Dagenham and Havering Probation Delivery Unit was inspected.",
            "Barking, Dagenham and Havering PDU",
            "PDU",
        ),
        ("In Suffolk, Norfolk PDU was inspected.", "Norfolk PDU", "PDU"),
        (
            "HM Inspectorate of Probation conducted a routine inspection of Norfolk and Suffolk Community "
            "Rehabilitation Company (CRC) in May 2019.",
            "Norfolk and Suffolk CRC",
            "CRC",
        ),
        (
            "Inspectors rated Hampshire and Isle of Wight CRC ‘Good’.",
            "Hampshire and Isle of Wight CRC",
            "CRC",
        ),
        (
            "Norfolk and Suffolk Probation Trust was inspected.",
            "Norfolk and Suffolk Probation Trust",
            "Probation Trust",
        ),
        (
            "Inspectors visited the National Probation Service South West South Central division.",
            "NPS South West South Central",
            "NPS division",
        ),
        ("Inspectors looked at the NPS Wales division.", "NPS Wales", "NPS division"),
        ("The Wales division of the National Probation Service was inspected.", "NPS Wales", "NPS division"),
        (
            "Leeds Youth Justice Service has been judged to be ‘Outstanding’.",
            "Leeds Youth Justice Service",
            "youth justice service",
        ),
        (
            "Inspectors found that Cardiff YOT had improved.",
            "Cardiff Youth Offending Team",
            "youth justice service",
        ),
        (
            "Cardiff Youth Offending Service (YOS) was inspected.",
            "Cardiff Youth Offending Service",
            "youth justice service",
        ),
        (
            "HM Inspectorate of Probation inspected the Probation Service in the North East region.",
            "North East",
            "region",
        ),
        (
            "A probation service in East Anglia is not supervising offenders effectively, say inspectors.\n\n"
            "Inspectors looked at Norfolk and Suffolk CRC.",
            "Norfolk and Suffolk CRC",
            "CRC",
        ),
        # a footnote marker after a full stop ends the sentence, bracketed or not
        (
            "Our programme covers youth justice services in England and Wales.[1] In this inspection we rated work "
            "in Tilby YJS.",
            "Tilby Youth Justice Service",
            "youth justice service",
        ),
        (
            "Our programme covers youth justice services in England and Wales.1 In this inspection we rated work "
            "in Tilby YJS.",
            "Tilby Youth Justice Service",
            "youth justice service",
        ),
        # generic and plural phrases name no unit
        (
            "Probation Delivery Units (PDUs) replaced Community Rehabilitation Companies (CRCs) and "
            "the National Probation Service (NPS) in June 2021.",
            None,
            None,
        ),
        ("HM Inspectorate of Probation inspected the Probation Service.", None, None),
        # a programme's capitalised name before "of" is no part of the place
        (
            "Inspectors published a Short Quality Screening of Tilby YOT.",
            "Tilby Youth Offending Team",
            "youth justice service",
        ),
        (
            "The Offender Management Inspection of Tilby Probation Trust is out.",
            "Tilby Probation Trust",
            "Probation Trust",
        ),
        ("An inspection has found gaps.\n\nInspectors visited six PDUs, including Norfolk PDU.", None, None),
        # "a PDU in X" says where a unit is, unless X ends on its compass point, as a unit's name does and a county's
        # ("North Yorkshire") does not
        ("Inspectors made a visit to a PDU in Carlow West and rated it 'Good'.", "Carlow West PDU", "PDU"),
        ("A probation delivery unit in North Yorkshire has been rated 'Good'.", None, None),
        # thematic work inspects no single unit, even when it names one
        ("A thematic inspection of work with women has found gaps. Norfolk PDU took part.", None, None),
    ],
)
def test_inspected_unit(body: str, pdu: str | None, unit_type: str | None) -> None:
    parsed = release(body)
    assert (parsed.pdu, parsed.unit_type) == (pdu, unit_type)
    assert unit_type is None or unit_type in UNIT_TYPES


def test_unit_comes_from_the_title_when_the_body_names_none() -> None:
    parsed = release("Staff were positive.", title="Inspection of Leeds Youth Justice Service")
    assert (parsed.pdu, parsed.unit_type) == ("Leeds Youth Justice Service", "youth justice service")


def test_thematic_title_means_no_unit() -> None:
    parsed = release("Norfolk PDU was visited.", title="Women on probation: thematic inspection")
    assert (parsed.pdu, parsed.unit_type) == (None, None)


def test_units_named_only_in_the_notes_are_ignored() -> None:
    parsed = release("Staff were positive.", notes="1. Norfolk PDU is one of eight PDUs in the region.")
    assert (parsed.pdu, parsed.unit_type) == (None, None)


@pytest.mark.parametrize(
    ("notes", "region"),
    [
        (
            "1. Norfolk PDU is one of eight PDUs in the East of England (EofE) probation region.",
            "East of England",
        ),
        ("1. Essex North PDU is one of eight PDUs in the East of England region.", "East of England"),
        (
            "1. Hull PDU is one of nine PDUs in the Yorkshire and the Humber probation region.",
            "Yorkshire and the Humber",
        ),
        ("1. Nottingham City PDU is part of the East Midlands region.", "East Midlands"),
        ("1. HM Inspectorate of Probation inspects across England and Wales.", None),
    ],
)
def test_region_from_the_notes(notes: str, region: str | None) -> None:
    assert release("Norfolk PDU was inspected.", notes=notes).region == region


# --------------------------------------------------------------------------------- people, quotes


@pytest.mark.parametrize(
    ("body", "chief"),
    [
        ("Martin Jones, Chief Inspector of Probation, said: “Good.”", "Martin Jones"),
        ("Chief Inspector Justin Russell said: “Good.”", "Justin Russell"),
        (
            "The Trust was well led, said Paul McDowell, Chief Inspector of Probation, publishing the report.",
            "Paul McDowell",
        ),
        ("HM Chief Inspector of Probation, Justin Russell, said: “Good.”", "Justin Russell"),
        ("Dame Glenys Stacey, HM Chief Inspector of Probation, said: “Good.”", "Glenys Stacey"),
        ("Chief Inspector of Probation Martin Jones said it.", "Martin Jones"),
        ("Commenting on the report, Martin Jones, Chief Inspector of Probation, said it.", "Martin Jones"),
        ("Sir Tom Smith, Acting Chief Inspector of Probation, said it.", "Tom Smith"),
        ("Deputy Chief Inspector Helen Davies said it.", None),
        ("Charlie Taylor, HM Chief Inspector of Prisons, said it.", None),
        ("Paul McDowell said: “Good.”", None),
        ("Ada Brook has been appointed interim Chief Inspector of Probation.", "Ada Brook"),
        ("Ada Brook was appointed as the new Chief Inspector of Probation in May.", "Ada Brook"),
        ("Ada Brook has been appointed Chief Inspector of Prisons.", None),
        # in lower case, as Parliament writes it, and only of probation
        ("Ada Brook has been appointed as Her Majesty’s chief inspector of probation for three years.", "Ada Brook"),
        ("Ada Brook has been appointed as Her Majesty’s chief inspector of prisons for three years.", None),
        # a new post-holder; the press's "(HMIP) chief X" and "the probation watchdog's chief X"
        ("That is the verdict of Dame Ada Brook, new HM Chief Inspector of Probation, in her report.", "Ada Brook"),
        ("A report by HM Inspectorate of Probation (HMIP) chief Dame Ada Brook found it poor.", "Ada Brook"),
        ("The probation watchdog’s chief Ada Brook found it poor.", "Ada Brook"),
        # a photo caption run into the next paragraph; a capital inside a surname is no glue
        ("Chief Inspector of Probation Ada BrookOver the past year we found much to praise.", "Ada Brook"),
        ("Chief Inspector of Probation Alan MacDonald said it.", "Alan MacDonald"),
        ("Chief Inspector of Probation Rose FitzGerald said it.", "Rose FitzGerald"),
        # the press's lower case after "HM" or "Her Majesty's", "interim" and "new"
        ("Dame Ada Brook, HM chief inspector of probation, said it.", "Ada Brook"),
        ("Her Majesty's chief inspector of probation, Ada Brook, said it.", "Ada Brook"),
        ("Ada Brook, the new interim chief inspector of probation, said it.", "Ada Brook"),
        ("Ada Brook, HM chief inspector of prisons, said it.", None),
        # the title told as what a person is ("X is HM Chief ...", a note's "HM Chief ... is X"), "interim" before
        # "HM", honours after the name; "Mr X" only until a full name with X turns up
        ("Dame Ada Brook is HM Chief Inspector of Probation.", "Ada Brook"),
        ("The Chief Inspector said it. HM Chief Inspector of Probation is Ada Brook.", "Ada Brook"),
        ("Ada Brook CB, interim HM Chief Inspector of Probation, said it.", "Ada Brook"),
        (
            "Ms Brook, HM Chief Inspector of Probation, said it. HM Chief Inspector of Probation is Ada Brook.",
            "Ada Brook",
        ),
        ("Ms Brook, HM Chief Inspector of Probation, said it.", "Ms Brook"),
        ("The Chief Inspector is clear that it must improve.", None),
        # the title in brackets or between dashes; "Mr X" as the full name the release gives him elsewhere
        ("Ada Brook (HM Chief Inspector of Probation) said it.", "Ada Brook"),
        ("Ada Brook – HM Chief Inspector of Probation – said it.", "Ada Brook"),
        ("“Good,” Ada Brook said. Ms Brook is HM Chief Inspector of Probation.", "Ada Brook"),
        # the post's last holder is not the Chief; the one taking it up, past an aside, is
        ("Ada Brook succeeds Tom Hale as Chief Inspector of Probation.", None),
        ("Ada Brook is replacing Tom Hale as HM Chief Inspector of Probation.", None),
        ("After the retirement of Tom Hale as Chief Inspector in May, the post was advertised.", None),
        ("Ada Brook, who led the exams regulator, will be HM Chief Inspector of Probation.", "Ada Brook"),
        ("Ada Brook today becomes HM Chief Inspector of Probation.", "Ada Brook"),
        ("She takes over from Tom Hale, interim Chief Inspector of Probation since May.", None),
        ("Ada Brook, who became Chief Inspector in March, said it.", "Ada Brook"),
        ("Tom Hale, who was Chief Inspector until 2011, said it.", None),
        ("Ada Brook has resigned as HM Chief Inspector of Probation.", "Ada Brook"),
        (
            "Staff were praised, said Ada Brook in her first annual report as HM Chief Inspector of Probation.",
            "Ada Brook",
        ),
        # the post taken up, then its holder, named (a pronoun names no one)
        ("Since taking over as Chief Inspector of Probation in 2016, Ada Brook has visited every region.", "Ada Brook"),
        ("Since taking over the role of Chief Inspector of Probation in 2016, she has visited every region.", None),
    ],
)
def test_chief_inspector(body: str, chief: str | None) -> None:
    assert release(body).chief_inspector == chief


@pytest.mark.parametrize(
    ("body", "quotes"),
    [
        (
            "Martin Jones, Chief Inspector of Probation, said: “Staff work hard here.”\n\n"
            "Inspectors agreed.\n\nMr Jones added: “Leaders must act now.”",
            (Quote("Martin Jones", "Staff work hard here."), Quote("Martin Jones", "Leaders must act now.")),
        ),
        (
            "Chief Inspector Justin Russell said: “We last inspected in 2017.\n\n“It was disappointing to find this.”",
            (
                Quote("Justin Russell", "We last inspected in 2017."),
                Quote("Justin Russell", "It was disappointing to find this."),
            ),
        ),
        (
            "Paul McDowell said:\n\n‘There are key areas. The Trust’s commitment gives us confidence.’",
            (Quote("Paul McDowell", "There are key areas. The Trust’s commitment gives us confidence."),),
        ),
        (
            "“The quality of work is too variable,” said Paul McDowell, Chief Inspector of Probation. "
            "“Staff need more time.”",
            (
                Quote("Paul McDowell", "The quality of work is too variable"),
                Quote("Paul McDowell", "Staff need more time."),
            ),
        ),
        (
            'Dame Glenys Stacey, HM Chief Inspector of Probation, said: "This is a well-led division."\n\n'
            '"We expect faster progress next time," Dame Glenys added.',
            (
                Quote("Glenys Stacey", "This is a well-led division."),
                Quote("Glenys Stacey", "We expect faster progress next time"),
            ),
        ),
        (
            "Justin Russell, HM Chief Inspector of Probation, said: “Good work here.”\n\nHe added: “More to do.”",
            (Quote("Justin Russell", "Good work here."), Quote("Justin Russell", "More to do.")),
        ),
        (
            "“Leaders know their children well,” Martin Jones said.",
            (Quote("Martin Jones", "Leaders know their children well"),),
        ),
        (
            "Martin Jones, Chief Inspector of Probation, said it.\n\nThe Chief Inspector said: “This is well led.”",
            (Quote("Martin Jones", "This is well led."),),
        ),
        (
            "One person on probation told inspectors: “My officer really listened.”",
            (Quote("One person on probation", "My officer really listened."),),
        ),
        ("Martin Jones said: “Excellent.”", (Quote("Martin Jones", "Excellent."),)),
        (
            "Martin Jones, Chief Inspector of Probation, said: 'We saw excellent work in Norfolk's teams.'",
            (Quote("Martin Jones", "We saw excellent work in Norfolk's teams."),),
        ),
        (
            "Martin Jones said: “First part of it,” adding: “second part of it.”",
            (Quote("Martin Jones", "First part of it"), Quote("Martin Jones", "second part of it.")),
        ),
        # scare quotes, titles and quoted rating words are not speech
        ('Staff described the model as "a big change that is still bedding in".', ()),
        ("‘Inadequate’ practice was found in half the cases.", ()),
        ("“Good” and “Outstanding” are the top ratings.", ()),
        ("Inspectors saw “good practice” in places, rated ‘Good’ overall.", ()),
    ],
)
def test_quotes_and_their_speakers(body: str, quotes: tuple[Quote, ...]) -> None:
    assert release(body).quotes == quotes


# ------------------------------------------------------------------------------ dates, fieldwork


@pytest.mark.parametrize(
    ("notes", "published"),
    [
        ("1. The report is available at gov.uk/hmiprobationon 16 May 2024.", datetime.date(2024, 5, 16)),
        (
            "1. The report is available at http://www.justice.gov.uk from 4 March 2014.",
            datetime.date(2014, 3, 4),
        ),
        (
            "1. The report is available at www.x.gov.uk on 11 September 2019 00.01.",
            datetime.date(2019, 9, 11),
        ),
        ("1. The report will be published on 3rd October 2024.", datetime.date(2024, 10, 3)),
        ("1. The report will be published on Tuesday 14 November 2023.", datetime.date(2023, 11, 14)),
        ("1. The report is available at x on 01 August 2024.", datetime.date(2024, 8, 1)),
        ("1. The report will be published on 16/05/2024.", datetime.date(2024, 5, 16)),
        ("1. The report will be published on May 16, 2024.", datetime.date(2024, 5, 16)),
        ("1. The report will be published on Sept. 3, 2024.", datetime.date(2024, 9, 3)),
        ("1. The report will be published on 2024-05-16.", datetime.date(2024, 5, 16)),
        ("1. Embargoed until 00:01 Tuesday 14 November 2023", datetime.date(2023, 11, 14)),
        # another report's date loses to this report's, whichever comes first
        (
            "1. The role of the SPO was published on 18 January 2024\n2. The report is available at "
            "gov.uk on 16 May 2024.",
            datetime.date(2024, 5, 16),
        ),
        ("1. Fieldwork ended on 3 March 2024.", None),
        ("1. The report will be published on 31 February 2024.", None),
        # the ends of a range date what was looked at, not the report
        ("1. The report, published on 14 December, covers recalls between 1 January 2019 and 21 March 2023.", None),
        ("1. The report is published today and covers work from 4 March 2019 to 9 May 2023.", None),
        # the first dated sentence naming the report wins
        (
            "1. The report is available on 16 May 2024.\n2. The full report will be published on 20 June 2024.",
            datetime.date(2024, 5, 16),
        ),
        (
            "1. The report is available on 16 May 2024.\n2. The full report is published for Meſſrs X on 1 June 2024.",
            datetime.date(2024, 5, 16),
        ),
    ],
)
def test_published_date(notes: str, published: datetime.date | None) -> None:
    assert release("Body.", notes=notes).published == published


def test_a_month_spelt_with_a_long_s_is_read() -> None:
    # re matches "ſ" to "s" without regard to case, where str.lower() does not fold it: this raised ValueError,
    # and the one release stopped the whole build.
    parsed = release(
        "Body.", notes="1. The report is available on 16 May 2024.\n2. It was published on 3 ſeptember 2024."
    )
    assert parsed.published == datetime.date(2024, 5, 16)
    assert release("Body.", notes="1. The report will be published on 3 ſeptember 2024.").published == datetime.date(
        2024, 9, 3
    )


def test_published_date_can_come_from_the_body() -> None:
    assert release("The report is published today, 7 March 2024.").published == datetime.date(2024, 3, 7)


@pytest.mark.parametrize(
    ("note", "fieldwork"),
    [
        ("Fieldwork for this inspection took place in February 2024.", "February 2024"),
        ("Fieldwork took place in May and June 2019.", "May and June 2019"),
        ("Fieldwork took place between March and April 2023.", "March and April 2023"),
        ("Fieldwork was carried out over three weeks in March 2023, and 12 cases were read.", "March 2023"),
        ("Fieldwork took place between 4 and 15 March 2024.", "4 and 15 March 2024"),
        ("Fieldwork took place from 4 March to 15 March 2024.", "4 March to 15 March 2024"),
        ("The fieldwork took place in early September 2022.", "early September 2022"),
        ("Fieldwork took place in June 2024 and 12 cases were inspected.", "June 2024"),
        ("Fieldwork took place in the week of 8 July 2019.", "8 July 2019"),
        ("Inspectors visited in March 2024.", None),
        # "The inspection took place in ..." dates this inspection's fieldwork; an earlier one's date does not
        ("The inspection took place in June 2019.", "June 2019"),
        ("The inspection was carried out in November 2013.", "November 2013"),
        ("The last inspection took place in 2016.", None),
    ],
)
def test_fieldwork_period(note: str, fieldwork: str | None) -> None:
    assert release("Body.", notes=f"1. {note}").fieldwork == fieldwork


# -------------------------------------------------------------------------------------- acronyms


@pytest.mark.parametrize(
    ("body", "acronyms"),
    [
        (
            "Senior Probation Officers (SPOs) and the Multi-Agency Safeguarding Hub (MASH) and Mental Health "
            "Treatment Requirements (MHTRs).",
            (
                Acronym("SPO", "Senior Probation Officer"),
                Acronym("MASH", "Multi-Agency Safeguarding Hub"),
                Acronym("MHTR", "Mental Health Treatment Requirement"),
            ),
        ),
        (
            "The absence of a commissioned rehabilitative services (CRS) contract.",
            (Acronym("CRS", "commissioned rehabilitative services"),),
        ),
        (
            "Norfolk Probation Delivery Unit (PDU) was inspected.",
            (Acronym("PDU", "Probation Delivery Unit"),),
        ),
        ("It is in the East of England (EofE) probation region.", (Acronym("EofE", "East of England"),)),
        (
            "Community Rehabilitation Companies (CRCs) and Community Rehabilitation Company (CRC) "
            "and Probation Services Officers (PSOs).",
            (
                Acronym("CRC", "Community Rehabilitation Company"),
                Acronym("PSO", "Probation Services Officer"),
            ),
        ),
        (
            "Each SPO (Senior Probation Officer) met HM Inspectorate of Probation (HMIP) and Approved Premises (APs).",
            (
                Acronym("SPO", "Senior Probation Officer"),
                Acronym("HMIP", "HM Inspectorate of Probation"),
                Acronym("AP", "Approved Premises"),
            ),
        ),
        (
            "Inspectors found out-of-court disposals (OOCDs) well managed.",
            (Acronym("OOCD", "out-of-court disposal"),),
        ),
        ("Only four in ten (41 per cent) had housing. Contact media (E-mail address) or Norfolk (PDU).", ()),
    ],
)
def test_acronyms_the_release_defines(body: str, acronyms: tuple[Acronym, ...]) -> None:
    assert release(body).acronyms == acronyms


def test_acronyms_come_from_body_and_notes_first_definition_wins() -> None:
    parsed = release(
        "Approved Premises (AP) were visited.",
        notes="1. Accredited Programmes (AP) ran.\n2. Integrated Offender Management (IOM) was strong.",
    )
    assert parsed.acronyms == (
        Acronym("AP", "Approved Premises"),
        Acronym("IOM", "Integrated Offender Management"),
    )


# ------------------------------------------------------------------------------------------ seeds

SEED_METADATA = [
    (
        "000_cdf3a1f2c20930cb",
        "Norfolk PDU",
        "PDU",
        "Inadequate",
        "East of England",
        "Martin Jones",
        "2024-05-16",
        "February 2024",
    ),
    (
        "001_07cb0345052c310f",
        "Suffolk PDU",
        "PDU",
        "Requires improvement",
        "East of England",
        "Martin Jones",
        "2024-05-16",
        "February 2024",
    ),
    (
        "002_672684c15eaa1aea",
        "Norfolk and Suffolk Probation Trust",
        "Probation Trust",
        None,
        None,
        "Paul McDowell",
        "2014-03-04",
        None,
    ),
    (
        "003_b5be92edc6b7fe4f",
        "Norfolk and Suffolk CRC",
        "CRC",
        "Requires improvement",
        None,
        "Justin Russell",
        "2019-09-11",
        "May and June 2019",
    ),
    (
        "004_dd95e6e226415534",
        "Essex North PDU",
        "PDU",
        "Requires improvement",
        "East of England",
        "Martin Jones",
        "2024-08-01",
        "April 2024",
    ),
]


def _metadata(parsed: Release) -> tuple[str | None, ...]:
    """The table columns of a parsed release, with the date as ISO text."""
    published = parsed.published.isoformat() if parsed.published else None
    return (
        parsed.id,
        parsed.pdu,
        parsed.unit_type,
        parsed.rating,
        parsed.region,
        parsed.chief_inspector,
        published,
        parsed.fieldwork,
    )


@pytest.mark.parametrize("expected", SEED_METADATA, ids=[row[0] for row in SEED_METADATA])
def test_seed_metadata(expected: tuple[str | None, ...]) -> None:
    assert _metadata(read_fixture(SEEDS_DIR / f"{expected[0]}.txt")) == expected


@pytest.mark.parametrize(
    ("seed", "previous", "sub_ratings"),
    [
        ("000_cdf3a1f2c20930cb", (), ()),
        ("001_07cb0345052c310f", (), ()),
        ("002_672684c15eaa1aea", (), ()),
        (
            "003_b5be92edc6b7fe4f",
            (),
            (
                SubRating(
                    "all four of our key case supervision standards – the assessment, planning, "
                    "implementation and review of cases",
                    "Inadequate",
                ),
                SubRating(
                    "the supervision of individuals who had been sentenced to unpaid work in the community",
                    "Outstanding",
                ),
            ),
        ),
        (
            "004_dd95e6e226415534",
            (PreviousRating("Inadequate", 2022),),
            (SubRating("casework across all four of the Inspectorate’s delivery standards", "Inadequate"),),
        ),
    ],
)
def test_seed_previous_and_sub_ratings(
    seed: str, previous: tuple[PreviousRating, ...], sub_ratings: tuple[SubRating, ...]
) -> None:
    parsed = read_fixture(SEEDS_DIR / f"{seed}.txt")
    assert (parsed.previous_ratings, parsed.sub_ratings) == (previous, sub_ratings)


def test_seed_003_structure() -> None:
    parsed = read_fixture(SEEDS_DIR / "003_b5be92edc6b7fe4f.txt")
    assert parsed.title == "Norfolk and Suffolk probation service must improve supervision of offenders"
    assert len(parsed.body) == 13 and "ENDS" not in parsed.body
    assert parsed.notes == (
        "The report is available at www.justiceinspectorates.gov.uk/hmiprobation on 11 September 2019 00.01.",
        "HM Inspectorate of Probation is the independent inspector of youth offending and probation services "
        "across England and Wales.",
        "Norfolk and Suffolk CRC is owned by Sodexo Justice Services, a large multinational private company, "
        "which also delivers probation services across five other CRCs.",
        "HM Inspectorate of Probation introduced new ratings in 2018: ‘Outstanding’, ‘Good’, ‘Requires "
        "improvement’ and ‘Inadequate’.",
        "Fieldwork for this inspection took place in May and June 2019.",
        "For media enquiries, please contact Head of Communications Catherine Chan on 07889 405930 or "
        "media@hmiprobation.gov.uk (E-mail address)",
    )
    assert [quote.speaker for quote in parsed.quotes] == ["Justin Russell"] * 4
    assert parsed.quotes[0].text.startswith("We last inspected in Suffolk in 2017")
    assert parsed.quotes[3].text == (
        "We have made six recommendations that we hope will improve the quality of probation services "
        "in Norfolk and Suffolk."
    )
    assert parsed.acronyms == (Acronym("CRC", "Community Rehabilitation Company"),)


def test_seed_002_bullets_and_lead_in_quote() -> None:
    parsed = read_fixture(SEEDS_DIR / "002_672684c15eaa1aea.txt")
    assert parsed.body[3].startswith("almost all reports provided sentencers")
    assert parsed.body[14] == "Paul McDowell said:"
    assert len(parsed.quotes) == 1 and parsed.quotes[0].speaker == "Paul McDowell"
    assert parsed.quotes[0].text.endswith("gives us confidence that it will meet our recommendations.")


def test_seed_001_quotes_notes_and_acronyms() -> None:
    parsed = read_fixture(SEEDS_DIR / "001_07cb0345052c310f.txt")
    assert [quote.speaker for quote in parsed.quotes] == ["Martin Jones", "Martin Jones"]
    assert parsed.quotes[1].text == (
        "While the right foundations and culture are in place at Suffolk PDU, a clear strategy to implement "
        "these necessary changes will be central to supporting future improvements."
    )
    assert len(parsed.notes) == 8 and parsed.notes[-1].startswith("For media enquiries")
    assert parsed.acronyms == (
        Acronym("PDU", "Probation Delivery Unit"),
        Acronym("SPO", "Senior Probation Officer"),
        Acronym("MASH", "Multi-Agency Safeguarding Hub"),
        Acronym("CRC", "Community Rehabilitation Company"),
        Acronym("NPS", "National Probation Service"),
        Acronym("EofE", "East of England"),
    )


def test_seed_004_media_line_after_the_numbered_notes_is_a_note() -> None:
    parsed = read_fixture(SEEDS_DIR / "004_dd95e6e226415534.txt")
    assert len(parsed.notes) == 7
    assert parsed.notes[-1] == (
        "For media enquiries, please contact Louise Cordell, Head of Communications 07523 805224 / "
        "media@hmiprobation.gov.uk (E-mail address)"
    )


def test_every_seed_rating_is_on_the_scale() -> None:
    ratings = {read_fixture(path).rating for path in sorted(SEEDS_DIR.glob("*.txt"))}
    assert ratings <= {*RATINGS, None} and len(ratings) == 3


# --------------------------------------------------------------------------------------- fixtures

# stem: (pdu, unit_type, rating, region, chief_inspector, published, fieldwork, previous, sub_ratings)
FIXTURE_METADATA = {
    "bom_crlf_pdu": (
        "Barking, Dagenham and Havering PDU",
        "PDU",
        "Good",
        "London",
        "Martin Jones",
        "2023-11-14",
        "July and August 2023",
        (),
        (SubRating("the delivery of unpaid work", "Outstanding"),),
    ),
    "cp1252_trust": (
        "Derbyshire Probation Trust",
        "Probation Trust",
        None,
        None,
        "Liz Calderbank",
        "2013-06-04",
        None,
        (),
        (),
    ),
    "cr_only_crc": (
        "Durham Tees Valley CRC",
        "CRC",
        "Inadequate",
        None,
        "Glenys Stacey",
        "2018-08-01",
        "January 2018",
        (),
        (SubRating("the quality of unpaid work delivery", "Good"),),
    ),
    "crc_straight_quotes": (
        "Kent, Surrey and Sussex CRC",
        "CRC",
        "Requires improvement",
        None,
        "Glenys Stacey",
        "2019-10-03",
        "8 July 2019",
        (),
        (SubRating("the CRC's resettlement work", "Good"),),
    ),
    "nps_division": (
        "NPS South West South Central",
        "NPS division",
        "Good",
        None,
        "Glenys Stacey",
        "2019-05-16",
        "February and March 2019",
        (),
        (SubRating("the division’s work with victims", "Outstanding"),),
    ),
    "yjs_leeds": (
        "Leeds Youth Justice Service",
        "youth justice service",
        "Outstanding",
        "Yorkshire and the Humber",
        "Justin Russell",
        "2022-03-22",
        "November and December 2021",
        (),
        (),
    ),
    "utf16_yot": (
        "Cardiff Youth Offending Team",
        "youth justice service",
        "Requires improvement",
        None,
        "Justin Russell",
        "2020-11-12",
        "August 2020",
        (),
        (),
    ),
    "region_north_east": (
        "North East",
        "region",
        "Requires improvement",
        "North East",
        "Martin Jones",
        "2024-03-07",
        "October and November 2023",
        (),
        (),
    ),
    "thematic_no_rating": (
        None,
        None,
        None,
        None,
        "Martin Jones",
        "2024-03-07",
        "March and April 2023",
        (),
        (),
    ),
    "rating_before_previous": (
        "Hull and East Riding PDU",
        "PDU",
        "Good",
        "Yorkshire and the Humber",
        "Martin Jones",
        "2024-10-03",
        "June 2024",
        (PreviousRating("Inadequate", 2021),),
        (),
    ),
    "rating_after_previous": (
        "Bradford and Calderdale PDU",
        "PDU",
        "Requires improvement",
        None,
        "Martin Jones",
        "2024-09-05",
        "May 2024",
        (PreviousRating("Inadequate", 2022),),
        (),
    ),
    "no_quotes_rating": (
        "Nottingham City PDU",
        "PDU",
        "Requires improvement",
        "East Midlands",
        "Martin Jones",
        "2025-01-15",
        "September 2024",
        (),
        (SubRating("Leadership", "Good"), SubRating("casework", "Inadequate")),
    ),
    "title_only": (None, None, None, None, None, None, None, (), ()),
}

BROKEN_FIXTURES = {
    "broken_empty": "empty file",
    "broken_bom_only": "empty file",
    "broken_whitespace": "whitespace-only file",
    "broken_nul": "not a text file (contains NUL bytes)",
}


@pytest.mark.parametrize("stem", sorted(FIXTURE_METADATA))
def test_fixture_metadata(stem: str) -> None:
    parsed = read_fixture(FIXTURES_DIR / f"{stem}.txt")
    pdu, unit_type, rating, region, chief, published, fieldwork, previous, sub_ratings = FIXTURE_METADATA[stem]
    assert _metadata(parsed) == (stem, pdu, unit_type, rating, region, chief, published, fieldwork)
    assert (parsed.previous_ratings, parsed.sub_ratings) == (previous, sub_ratings)


@pytest.mark.parametrize(("stem", "reason"), sorted(BROKEN_FIXTURES.items()))
def test_broken_fixture_is_rejected_with_a_reason(stem: str, reason: str) -> None:
    with pytest.raises(ReleaseError) as caught:
        read_fixture(FIXTURES_DIR / f"{stem}.txt")
    assert caught.value.reason == reason


def test_every_fixture_file_is_listed_here() -> None:
    # The indexer test treats broken_* as the files that must be skipped and every other file as valid.
    stems = {path.stem for path in FIXTURES_DIR.glob("*.txt")}
    assert stems == set(FIXTURE_METADATA) | set(BROKEN_FIXTURES) | set(SHAPE_FIXTURES)
    assert all(stem.startswith("broken_") for stem in BROKEN_FIXTURES)


def test_quirky_encodings_decode_to_the_same_clean_text() -> None:
    bom_crlf = read_fixture(FIXTURES_DIR / "bom_crlf_pdu.txt")
    assert bom_crlf.title == "Barking, Dagenham and Havering probation service rated ‘Good’"
    assert "well coordinated" in bom_crlf.body[2]
    assert bom_crlf.quotes[1] == Quote(
        "Martin Jones",
        "This is a PDU that knows its strengths and is honest about where it needs to improve. "
        "I hope other PDUs in London will learn from its approach.",
    )
    cp1252 = read_fixture(FIXTURES_DIR / "cp1252_trust.txt")
    assert cp1252.body[0].startswith("Derbyshire Probation Trust was a ‘well-run Trust’")
    assert cp1252.body[2:5] == (
        "most assessments of the likelihood of reoffending were of a good quality;",
        "the Trust’s work with victims was strong; and",
        "more than £40,000 had been spent on training in risk of harm work.",
    )
    assert [quote.speaker for quote in cp1252.quotes] == ["Liz Calderbank", "Liz Calderbank"]
    assert cp1252.quotes[0].text.startswith("Derbyshire Probation Trust has much to be proud of. The Trust’s")
    cr_only = read_fixture(FIXTURES_DIR / "cr_only_crc.txt")
    assert cr_only.notes[1] == "Fieldwork was carried out in January 2018."
    assert cr_only.acronyms == (
        Acronym("CRC", "Community Rehabilitation Company"),
        Acronym("TTG", "Through the Gate"),
    )


def test_straight_quote_fixture_attributes_speech_after_the_quote() -> None:
    parsed = read_fixture(FIXTURES_DIR / "crc_straight_quotes.txt")
    assert parsed.quotes == (
        Quote(
            "Glenys Stacey",
            "The CRC's leaders have a clear vision, but the quality of case supervision is still too variable",
        ),
        Quote("Glenys Stacey", "Staff need more time with the people they supervise."),
        Quote("Glenys Stacey", "We expect to see faster progress when we return"),
    )


@pytest.mark.parametrize(
    ("second", "rating"),
    [
        # the inspected unit again, spelt otherwise: its rating
        ("Swansea, Neath & Port Talbot PDU was rated ‘Inadequate’.", "Inadequate"),
        ("Swansea PDU was rated ‘Inadequate’.", "Inadequate"),
        ("The Sodexo-owned CRC was rated ‘Inadequate’.", "Inadequate"),
        # another unit, or a unit of another type with a place of the same words: not this one's
        ("Neighbouring Swansea and Gower PDU was rated ‘Inadequate’.", None),
        ("Swansea Neath Port Talbot Youth Justice Service was rated ‘Inadequate’.", None),
    ],
)
def test_a_rating_belongs_to_the_inspected_unit_only_when_its_sentence_names_that_unit(
    second: str, rating: str | None
) -> None:
    parsed = release(f"Inspectors visited Swansea Neath Port Talbot PDU in May.\n\n{second}")
    assert [u.name for u in parsed.units] == ["Swansea Neath Port Talbot PDU"]
    assert parsed.rating == rating


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        # the unquoted verb of the unit itself, its name or its type word just before it
        ("Fenwold PDU still requires improvement, inspectors found.", "Requires improvement"),
        ("The Fenwold Probation Delivery Unit (PDU) now requires improvement.", "Requires improvement"),
        # part of the unit's work, or the unit after a preposition: no rating of the unit
        ("Leadership at Fenwold PDU requires improvement.", None),
        ("Work with victims requires improvement.", None),
        ("Fenwold PDU requires improvement in its court work.", None),
        # "judged (by whom) to require improvement": the unit's rating when the unit is judged, a part's when it is
        ("Fenwold PDU has been judged by HM Inspectorate of Probation to require improvement.", "Requires improvement"),
        ("Case planning was judged by inspectors to require improvement.", None),
        ("Case planning was judged to require improvement.", None),
    ],
)
def test_an_unquoted_requires_improvement_rates_the_unit_only_as_its_verb(sentence: str, rating: str | None) -> None:
    assert release(f"Inspectors visited Fenwold PDU in May.\n\n{sentence}").rating == rating


@pytest.mark.parametrize(("published", "rating"), [("3 May 2013", None), ("3 May 2019", "Good")])
def test_a_release_from_before_the_four_point_ratings_rates_no_unit(published: str, rating: str | None) -> None:
    text = (
        "Inspection of Kestrel Probation Trust\n\nInspectors found the work of Kestrel Probation Trust to be good "
        f"overall.\n\nNotes to editors\n\n1. The report was published on {published}."
    )
    parsed = parse_release(text, "t")
    assert (parsed.rating, [u.rating for u in parsed.units]) == (rating, [rating])


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        # a grade the four-point scale lacks ('poor', 'satisfactory', 'excellent') puts "good" beside it on another
        ("Inspectors judged Fenwold PDU's work to be 'good' and its records 'poor'.", None),
        ("Fenwold PDU's court work was 'good', its risk work 'satisfactory'.", None),
        ("Fenwold PDU was rated 'Good' by inspectors.", "Good"),
        # a rating said to be overall keeps its own words
        ("Fenwold PDU was rated 'Inadequate' overall, and its records were 'poor'.", "Inadequate"),
    ],
)
def test_a_rating_word_beside_a_grade_of_another_scale_is_no_rating(sentence: str, rating: str | None) -> None:
    assert release(f"Inspectors visited Fenwold PDU in May.\n\n{sentence}").rating == rating


@pytest.mark.parametrize(
    ("sentence", "previous"),
    [
        # a span of time before now dates nothing but makes the rating an earlier one; "two" counts no units
        ("Two years ago the unit was rated ‘Inadequate’.", (PreviousRating("Inadequate", None),)),
        # "last visited ... and found it to be": the verb continues the dated clause
        (
            "Inspectors last visited Fenwold in 2022 and found it to be ‘Inadequate’.",
            (PreviousRating("Inadequate", 2022),),
        ),
        # this inspection, told the same way, is no earlier one
        ("Fenwold PDU was inspected in May and found to be ‘Requires improvement’.", ()),
    ],
)
def test_an_earlier_rating_told_by_a_span_of_time_or_a_last_visit(
    sentence: str, previous: tuple[PreviousRating, ...]
) -> None:
    body = f"Fenwold PDU has been rated ‘Requires improvement’ by HM Inspectorate of Probation.\n\n{sentence}"
    assert release(body, notes="1. Fieldwork took place in May 2024.").previous_ratings == previous


@pytest.mark.parametrize(
    ("body", "rating"),
    [
        ("Fenwold PDU was not rated ‘Inadequate’ but ‘Requires improvement’.", "Requires improvement"),
        ("Fenwold PDU has never been rated ‘Good’.", None),
        # "not only" denies nothing
        ("Fenwold PDU was not only rated ‘Good’ but praised for its work with women.", "Good"),
    ],
)
def test_a_rating_denied_is_no_rating(body: str, rating: str | None) -> None:
    assert release(body).rating == rating


def test_a_kept_rating_is_dated_by_its_own_sentence_when_the_release_dates_nothing() -> None:
    parsed = release("Fenwold PDU has retained the ‘Good’ rating it was given in 2020, inspectors said.")
    assert (parsed.rating, parsed.previous_ratings) == ("Good", (PreviousRating("Good", 2020),))
