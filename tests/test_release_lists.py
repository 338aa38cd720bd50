"""searchsvc.releases on lists: runs of bullet, numbered and lettered items kept as lists beside the paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchsvc.releases import Release
from searchsvc.releases import parse_page
from searchsvc.releases import parse_release
from searchsvc.releases import read_release
from searchsvc.releases.model import ListSpan

FIXTURES_DIR = Path(__file__).parent / "data" / "releases"


@pytest.fixture(scope="module")
def lists_release() -> Release:
    """The fixture release with lists of every kind in its body and one inside a note."""
    return read_release((FIXTURES_DIR / "lists_in_body_and_notes.txt").read_bytes(), "lists")


def test_each_run_of_items_is_a_list_after_its_lead_in_paragraph(lists_release: Release) -> None:
    assert lists_release.body == (
        "Probation work in Kestrel Vale PDU has been rated ‘Requires improvement’ by HM Inspectorate of Probation.",
        "Inspectors found that:",
        "staff knew the people they supervised well;",
        "checks with children’s services were made in most cases, as the guidance at "
        "https://example.org/checks.html asks; and",
        "managers held regular supervision with every member of staff.",
        "They also found gaps:",
        "home visits were made in fewer than one case in ten (<10%) where children lived in the household;",
        "plans to keep victims safe were often missing.",
        "Good practice included:",
        "joint visits with the police;",
        "clear records of each contact.",
        "In the cases inspectors read:",
        "court reports were thorough",
        "reviews came late in a third of cases",
        "The inspectors asked the PDU to:",
        "recruit more probation officers;",
        "check the quality of risk assessments every month.",
        "Each plan should set out:",
        "who is at risk;",
        "what will be done to protect them.",
        "Martin Jones, Chief Inspector of Probation, said: “Kestrel Vale has committed people, and with more of "
        "them it could do far better.”",
    )
    assert lists_release.body_lists == (
        ListSpan(2, 5, "bullet"),
        ListSpan(6, 8, "bullet"),
        ListSpan(9, 11, "bullet"),
        ListSpan(12, 14, "bullet"),
        ListSpan(15, 17, "number", 3),
        ListSpan(18, 20, "letter"),
    )


def test_a_bullet_list_inside_a_numbered_note_belongs_to_that_note(lists_release: Release) -> None:
    assert lists_release.notes == (
        "The report was published on 3 March 2025 at https://hmiprobation.example.gov.uk/kestrel-vale/.",
        "The inspection looked at:",
        "40 cases of people serving community sentences;",
        "12 cases of people released from prison on licence.",
        "Fieldwork took place in November 2024.",
    )
    assert lists_release.notes_lists == (ListSpan(2, 4, "bullet"),)


WORDS = ("one", "two", "three")


@pytest.mark.parametrize(
    ("items", "span"),
    [
        ("• one\n• two", ListSpan(1, 3, "bullet")),
        ("- one\n* two\n▪ three", ListSpan(1, 4, "bullet")),
        ("o one\no two", ListSpan(1, 3, "bullet")),
        ("•\n  one\n•\n  two", ListSpan(1, 3, "bullet")),  # the marker alone on its line, as pages copy
        ("• one\n\n• two\n\n• three", ListSpan(1, 4, "bullet")),  # blank lines between the items
        ("1) one\n2) two", ListSpan(1, 3, "number")),
        ("(3) one\n(4) two", ListSpan(1, 3, "number", 3)),
        ("b. one\nc. two", ListSpan(1, 3, "letter", 2)),
        ("(i) one\n(ii) two\n(iii) three", ListSpan(1, 4, "roman")),
        ("iv) one\nv) two", ListSpan(1, 3, "roman", 4)),
    ],
)
def test_list_markers_are_removed_and_say_how_the_list_counts(items: str, span: ListSpan) -> None:
    parsed = parse_release(f"Title\n\nLead-in:\n{items}\n\nAfter.", "t")
    assert parsed.body == ("Lead-in:", *WORDS[: span.end - 1], "After.")
    assert parsed.body_lists == (span,)


@pytest.mark.parametrize(
    "line",
    [
        "A. Smith, who led the team.",
        "e.g. by telephone.",
        "i.e. weekly.",
        "2024. Staff said so.",
        "oversight was thin.",
        "(PDU) staff said so.",
        "*Probation Delivery Unit.",
    ],
)
def test_a_wrapped_line_that_only_looks_like_an_item_stays_in_its_paragraph(line: str) -> None:
    parsed = parse_release(f"Title\n\nThe work was described by\n{line}", "t")
    assert (parsed.body, parsed.body_lists) == ((f"The work was described by {line}",), ())


def test_two_kinds_of_marker_next_to_each_other_are_two_lists() -> None:
    parsed = parse_release("Title\n\nWe asked for:\n• one\n• two\n1. three", "t")
    assert parsed.body_lists == (ListSpan(1, 3, "bullet"), ListSpan(3, 4, "number"))


@pytest.mark.parametrize(
    ("notes", "expected", "lists"),
    [
        # the notes' own numbering stays the notes, even after a colon
        ("1. Ratings are:\n2. Good.", ("Ratings are:", "Good."), ()),
        # notes that are themselves bullets stay notes
        ("• One:\n• Two.\n• Three.", ("One:", "Two.", "Three."), ()),
        # bullets after an unnumbered note that leads into nothing are notes of their own
        ("The Inspectorate inspects.\n• One.\n• Two.", ("The Inspectorate inspects.", "One.", "Two."), ()),
        # ... and after one ending in a colon, its list
        ("The inspection read:\n• One.\n• Two.", ("The inspection read:", "One.", "Two."), (ListSpan(1, 3, "bullet"),)),
        # letters inside a numbered note, then the next note
        (
            "1. Ratings cover\n(a) leadership;\n(b) casework.\n2. Next.",
            ("Ratings cover", "leadership;", "casework.", "Next."),
            (ListSpan(1, 3, "letter"),),
        ),
    ],
)
def test_lists_inside_notes_leave_the_notes_own_numbering_alone(
    notes: str, expected: tuple[str, ...], lists: tuple[ListSpan, ...]
) -> None:
    parsed = parse_release(f"Title\n\nBody.\n\nNotes to editors\n{notes}", "t")
    assert (parsed.notes, parsed.notes_lists) == (expected, lists)


def test_a_page_keeps_its_ul_and_ol_items_as_lists() -> None:
    page = (
        "<html><head><title>x</title></head><body><main><h1>Westholm PDU rated ‘Good’</h1>"
        "<p>Inspectors found:</p><ul><li>strong <a href='https://example.org/a'>leadership</a>;</li>"
        "<li>clear records.</li></ul><p>They asked for:</p><ol start='2'><li>more staff;</li><li>training.</li></ol>"
        "<h2>Notes to editors</h2><ol><li>Fieldwork took place in May 2024.</li><li>More.</li></ol>"
        "</main></body></html>"
    )
    parsed = parse_page(page, "page")
    assert parsed.body == (
        "Inspectors found:",
        "strong leadership (https://example.org/a);",
        "clear records.",
        "They asked for:",
        "more staff;",
        "training.",
    )
    assert parsed.body_lists == (ListSpan(1, 3, "bullet"), ListSpan(4, 6, "number", 2))
    assert (parsed.notes, parsed.notes_lists) == (("Fieldwork took place in May 2024.", "More."), ())


def test_a_saved_page_s_bullet_list_is_a_list() -> None:
    parsed = read_release((FIXTURES_DIR / "html_time_region.html").read_bytes(), "page")
    assert parsed.body_lists == (ListSpan(2, 5, "bullet"),)
