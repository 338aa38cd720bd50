"""searchsvc.releases on releases saved as web pages: main content only, date from the page's metadata."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from searchsvc.errors import ReleaseError
from searchsvc.releases import Release
from searchsvc.releases import Unit
from searchsvc.releases import parse_page
from searchsvc.releases import read_release

FIXTURES_DIR = Path(__file__).parent / "data" / "releases"

# stem: (title, kind, units, chief_inspector, published, source_url); pages written in our own words with the
# chrome real sites have: cookie banners, skip links, navigation, breadcrumbs, sidebars, feedback, footers
HTML_FIXTURES: dict[str, tuple[object, ...]] = {
    # the date from <meta property="article:published_time">; a notes list with a link
    "html_inspectorate_pdu": (
        "Norbridge PDU rated ‘Good’",
        "inspection",
        (Unit("Norbridge PDU", "PDU", "Good", "North West"),),
        "Martin Jones",
        "2025-02-11",
        "https://hmiprobation.example.gov.uk/inspections/norbridge/",
    ),
    # GOV.UK: <meta name="govuk:first-published-at">, a metadata block and a feedback widget in <main>
    "html_govuk_yjs": (
        "Southmere youth justice service rated ‘Outstanding’",
        "inspection",
        (Unit("Southmere Youth Justice Service", "youth justice service", "Outstanding", None),),
        "Justin Russell",
        "2024-06-04",
        "https://www.example.gov.uk/southmere-yjs",
    ),
    # no <article> or <main>: the date from <time datetime>, a bullet list, a left sidebar, share links
    "html_time_region": (
        "North West region probation services rated ‘Requires improvement’",
        "inspection",
        (Unit("North West", "region", "Requires improvement", "North West"),),
        "Martin Jones",
        "2024-11-20",
        None,
    ),
    # <meta name="dcterms.published">; counts of ratings in an annual report
    "html_meta_annual": (
        "Probation annual report 2023 published",
        "annual report",
        (),
        "Martin Jones",
        "2023-10-05",
        None,
    ),
    # a council's news page dated by Dublin Core's <meta name="DC.date.issued">; "X Borough Council’s Youth Justice
    # Service" is X's
    "html_council_dc_issued": (
        "Youth justice team praised by inspectors",
        "inspection",
        (Unit("Haverleigh Youth Justice Service", "youth justice service", "Good", None),),
        "Justin Russell",
        "2022-09-14",
        None,
    ),
    # no date in the metadata: the page shows "Published:" in a <span> and the date in a <time> without a datetime,
    # inside a <div> (no block of the release's text); a related post's rating stays out
    "html_published_shown_in_span": (
        "Wyrebrook probation unit rated 'Requires improvement'",
        "inspection",
        (Unit("Wyrebrook PDU", "PDU", "Requires improvement", "South West"),),
        "Orla Benning",
        "2025-04-03",
        None,
    ),
}
CHROME = (
    "cookie",
    "skip to",
    "related",
    "licence",
    "crown copyright",
    "share this",
    "in this section",
    "latest reports",
    "is this page useful",
    "benefits",
    "sitemap",
    "about us",
    "accessibility",
)


def read_page(stem: str) -> Release:
    return read_release((FIXTURES_DIR / f"{stem}.html").read_bytes(), stem)


@pytest.mark.parametrize("stem", sorted(HTML_FIXTURES))
def test_page_facts(stem: str) -> None:
    parsed = read_page(stem)
    published = parsed.published.isoformat() if parsed.published else None
    facts = (parsed.title, parsed.kind, parsed.units, parsed.chief_inspector, published, parsed.source_url)
    assert facts == HTML_FIXTURES[stem]


@pytest.mark.parametrize("stem", sorted(HTML_FIXTURES))
def test_page_chrome_reaches_neither_title_nor_body(stem: str) -> None:
    parsed = read_page(stem)
    text = " ".join((parsed.title, *parsed.body, *parsed.notes)).lower()
    assert [chrome for chrome in CHROME if chrome in text] == []


def test_a_page_keeps_its_paragraphs_bullets_and_notes_apart() -> None:
    parsed = read_page("html_time_region")
    assert parsed.body[2:5] == (
        "Court work was prompt and thorough.",
        "Work with victims was delivered to a high standard.",
        "Public protection work fell short in half the cases.",
    )
    assert parsed.notes == ("Fieldwork took place in June 2024.",)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ((FIXTURES_DIR / "broken_html_no_content.html").read_text(), "not a release page (no main content)"),
        (
            "<html><body><main><p>Text without a heading or a title.</p></main></body></html>",
            "not a release page (no title)",
        ),
    ],
)
def test_a_broken_page_is_an_error_with_a_reason(page: str, reason: str) -> None:
    with pytest.raises(ReleaseError) as caught:
        parse_page(page, "broken")
    assert caught.value.reason == reason


def test_read_release_tells_a_page_from_text_by_its_opening_or_when_told() -> None:
    page = b"\xef\xbb\xbf<!-- saved --><!DOCTYPE html><html><head><title>T - Site</title></head>"
    page += b"<body><p>Hi.</p></body></html>"
    assert read_release(page, "p").title == "T"
    assert read_release(page, "p", is_html=False).title.startswith("<!-- saved -->")
    with pytest.raises(ReleaseError):  # told it is a page: a page with no title
        read_release(b"<p>Title</p>\n\nBody.", "t", is_html=True)


def test_the_metadata_date_wins_over_a_date_in_the_text() -> None:
    page = (
        '<html><head><meta name="article:published_time" content="2024-01-02T09:00:00Z"></head><body><main>'
        "<h1>Title</h1><p>The report was published on 5 March 2024.</p></main></body></html>"
    )
    assert parse_page(page, "p").published == datetime.date(2024, 1, 2)
