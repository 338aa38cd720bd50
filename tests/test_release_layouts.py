"""searchsvc.releases on layouts: hard-wrapped text, one line a paragraph, browser copies and Markdown headings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from searchsvc.releases import parse_release
from searchsvc.releases import read_release

FIXTURES_DIR = Path(__file__).parent / "data" / "releases"


def test_a_hard_wrapped_title_and_paragraphs_are_joined() -> None:
    parsed = read_release((FIXTURES_DIR / "pdu_hard_wrapped_title.txt").read_bytes(), "wrapped")
    assert parsed.title == "Inspectors find staffing gaps and weak risk work at Fenbridge and Holmwood PDU"
    assert len(parsed.body) == 4
    assert parsed.body[1].startswith("Martin Jones, Chief Inspector of Probation, said: ")
    assert parsed.body[1].endswith('people pose to others."')


def test_one_line_a_paragraph_keeps_each_paragraph_apart() -> None:
    parsed = read_release((FIXTURES_DIR / "pdu_one_line_paragraphs.txt").read_bytes(), "lines")
    assert parsed.title == "Probation service in Lowmarsh rated 'Good'"
    assert parsed.body[0] == "Lowmarsh News Desk By our reporter"  # a page's short lines stay together
    assert parsed.body[3] == "Chief Inspector of Probation Martin Jones"
    # A sentence broken across lines is one paragraph again.
    assert parsed.body[5] == "Leaders were praised for a service that knew its cases well and kept its staff."
    assert len(parsed.body) == 7
    assert parsed.notes == (
        "The report is available on the Inspectorate's website.",
        "Lowmarsh PDU is one of eleven PDUs in the region.",
    )


WRAPPED_BODY = (
    "Kestrel Vale Probation Delivery Unit has been rated 'Good' by His Majesty's\n"
    "Inspectorate of Probation, whose inspectors read a hundred cases there\n"
    "during the spring.\n"
)


def test_a_wrapped_text_keeps_a_short_title_to_its_own_line() -> None:
    parsed = parse_release(f"Kestrel Vale PDU rated 'Good'\nPublished 3 May 2024\n\n{WRAPPED_BODY}", "t")
    assert parsed.title == "Kestrel Vale PDU rated 'Good'"
    assert parsed.published is not None and parsed.published.isoformat() == "2024-05-03"


def test_a_title_run_into_a_wrapped_paragraph_is_its_first_line() -> None:
    parsed = parse_release(f"Kestrel Vale probation unit rated 'Good' by the Inspectorate today\n{WRAPPED_BODY}", "t")
    assert parsed.title == "Kestrel Vale probation unit rated 'Good' by the Inspectorate today"
    assert parsed.body[0].startswith("Kestrel Vale Probation Delivery Unit has been rated 'Good'")


def test_long_lines_are_never_read_as_wrapped() -> None:
    long_title = "Kestrel Vale probation unit rated 'Good' " + "after a long and careful inspection " * 3
    parsed = parse_release(f"{long_title.strip()}\nthe second line of a page\n\nBody.", "t")
    assert parsed.title == long_title.strip()


def test_a_browser_copy_of_govuk_keeps_the_release_and_drops_the_page() -> None:
    parsed = read_release((FIXTURES_DIR / "govuk_browser_copy.txt").read_bytes(), "govuk")
    assert parsed.title == "Probation service in the East Midlands region rated 'Requires improvement'"
    assert parsed.body == (
        "Inspectors found committed staff but too few of them across the region's five units.",
        "The East Midlands region of the Probation Service has been given an overall rating of 'Requires improvement' "
        "by His Majesty's Inspectorate of Probation.",
        'Martin Jones, HM Chief Inspector of Probation, said: "Regional leaders know where the gaps are. They now need '
        'to close them."',
    )


def test_markdown_heading_marks_are_not_part_of_the_text() -> None:
    parsed = read_release((FIXTURES_DIR / "markdown_saved_release.txt").read_bytes(), "markdown")
    assert parsed.title == "Probation unit in Ashcombe rated 'Good' by inspectors"
    assert parsed.body[1] == "What inspectors found"
    assert parsed.notes == ("The report is available on the Inspectorate's website.",)
    assert (parsed.pdu, parsed.rating, parsed.chief_inspector) == ("Ashcombe PDU", "Good", "Martin Jones")


def test_a_hash_inside_a_line_is_kept() -> None:
    parsed = parse_release("Case #12 reviewed\n\nInspectors read case #12 twice.", "t")
    assert (parsed.title, parsed.body) == ("Case #12 reviewed", ("Inspectors read case #12 twice.",))


def test_a_breadcrumb_trail_and_menus_above_the_title_are_dropped() -> None:
    parsed = read_release((FIXTURES_DIR / "council_breadcrumb_copy.txt").read_bytes(), "council")
    assert parsed.title == "Youth justice service rated 'Good' by inspectors"
    assert parsed.body[0].startswith("Elmbridge Youth Justice Service has been rated 'Good'")
    assert parsed.body[-1].startswith("Martin Jones, HM Chief Inspector of Probation, said:")


# A site's head as browsers copy it: its name, skip link and cookie banner, a menu run together on one line, a
# breadcrumb trail, then the headline, the date and a share line, above the release.
_SITE_HEADS = {
    "menu on one line, trail with '>'": (
        "Skip to content\n\nCookies on the Inspectorate's site\n\nWe use some essential cookies to make this "
        "website work, and we would like to set others to see how you use it.\n\nAccept cookies   Reject cookies\n\n"
        "Menu\nHome   About us   Our work   Media   Contact us\n\nHome > Media > Press releases > 2024\n\n"
    ),
    "site name and tagline, trail with '|' holding the headline": (
        "Home | News | Dunholm probation service rated 'Requires improvement'\nHM Inspectorate of Probation - "
        "independent inspection of probation and youth justice services in England and Wales\nMenu  Search\n"
    ),
    "long trail after 'You are here'": (
        "Skip to main content\nHM Inspectorate of Probation\nAbout  Inspections  Reports  Research  Media\n"
        "You are here: Home » Media » Press releases » Dunholm probation service rated 'Requires improvement'\n"
    ),
    "a council's page, trail with '/'": (
        "Dunholm Borough Council - News\nAccept cookies | Reject cookies\nHome / Council news / Probation\n\n"
    ),
}


@pytest.mark.parametrize("head", sorted(_SITE_HEADS))
def test_a_site_head_above_the_title_is_dropped(head: str) -> None:
    release_text = (
        "Dunholm probation service rated 'Requires improvement'\n\nPublished: 4 June 2024\n\n"
        "Share this page: Twitter  Facebook  LinkedIn  Email\n\n"
        "Dunholm Probation Delivery Unit has been rated 'Requires improvement' by His Majesty's Inspectorate of "
        "Probation.\n\nManagers knew where the gaps were, inspectors found, and had begun to close them."
    )
    parsed = read_release((_SITE_HEADS[head] + release_text).encode(), "dunholm")
    assert parsed.title == "Dunholm probation service rated 'Requires improvement'"
    assert parsed.body[0].startswith("Dunholm Probation Delivery Unit has been rated")
    assert (parsed.pdu, parsed.rating, str(parsed.published)) == ("Dunholm PDU", "Requires improvement", "2024-06-04")


def test_a_papers_short_trail_above_a_long_headline_is_dropped() -> None:
    headline = "Probation in Dunholm still 'requires improvement' as inspectors find its officers stretched too thin"
    text = (
        f"The Dunholm Gazette\nSign in   Subscribe\nNews  Sport  Business  Opinion\nNews › Crime\n{headline}\n\n"
        "Dunholm's probation service still requires improvement, inspectors have said."
    )
    parsed = read_release(text.encode(), "t")
    assert (parsed.title, parsed.body[0][:24]) == (headline, "Dunholm's probation serv")


def test_a_menu_line_under_a_title_on_the_first_line_leaves_the_title() -> None:
    text = "Dunholm probation service rated 'Good'\n\nHome   Region   News\n\n" + "Inspectors found a unit. " * 6
    assert parse_release(text, "t").title == "Dunholm probation service rated 'Good'"


_BODY = "Dunholm Probation Delivery Unit has been rated 'Good' by His Majesty's Inspectorate of Probation."


@pytest.mark.parametrize(
    "text",
    [
        f"March 11, 2025\n\nDunholm PDU rated 'Good'\n\n{_BODY}",
        f"Dunholm PDU rated 'Good'\n\nMarch 11, 2025\n\n{_BODY}",
        f"Dunholm PDU rated 'Good'\n\nPublished\nMarch 11, 2025\n\n{_BODY}",
        f"Dunholm PDU rated 'Good'\n\n{_BODY} The report was published today (March 11, 2025).",
        f"Dunholm PDU rated 'Good'\n\n{_BODY} It is out today (March 11).\n\nFieldwork took place in January 2025.",
    ],
)
def test_a_date_in_american_order_dates_the_release_wherever_a_british_one_would(text: str) -> None:
    parsed = parse_release(text, "t")
    assert (parsed.title, str(parsed.published)) == ("Dunholm PDU rated 'Good'", "2025-03-11")


@pytest.mark.parametrize("date_line", ["4 March 2025 Adult inspections | Press releases", "04/03/2025"])
def test_a_date_line_under_a_browser_copys_title_dates_it(date_line: str) -> None:
    text = f"Skip to content\nMenu\nHome > Media > Press releases\nDunholm PDU rated 'Good'\n{date_line}\n\n{_BODY}"
    parsed = read_release(text.encode(), "t")
    assert (parsed.title, str(parsed.published)) == ("Dunholm PDU rated 'Good'", "2025-03-04")


def test_a_home_line_in_the_body_keeps_the_paragraph_after_it() -> None:
    text = "Title rated 'Good'\n\nHome\nvisits were made in every case, inspectors found, and managers checked them."
    assert parse_release(text, "t").body[-1].startswith("visits were made in every case")


def test_a_title_in_capitals_is_shown_as_written() -> None:
    parsed = read_release((FIXTURES_DIR / "title_in_capitals.txt").read_bytes(), "capitals")
    assert parsed.title == "INSPECTORS RATE MARSHBY YOUTH JUSTICE SERVICE 'OUTSTANDING'"
    assert parsed.pdu == "Marshby Youth Justice Service"


def test_a_sentence_case_title_is_read_as_written() -> None:
    parsed = parse_release("Norfolk PDU rated 'Good' by Inspectors\n\nThe unit was inspected in May.", "t")
    assert (parsed.pdu, parsed.rating) == ("Norfolk PDU", "Good")


def _curly(text: str) -> str:
    text = re.sub(r"(^|[\s(])'", r"\1‘", text).replace("'", "’")
    return re.sub(r'(^|[\s(])"', r"\1“", text).replace('"', "”")


#: Ways the same release reaches us laid out differently, none of which may change what it states.
RELAYOUTS: dict[str, Callable[[str], str]] = {
    "CRLF and a byte order mark": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "no-break spaces": lambda text: text.replace(" ", "\u00a0"),
    "curly quotes": _curly,
    "hyphens for dashes": lambda text: text.replace("–", "-").replace("—", "-"),
    "trailing spaces": lambda text: text.replace("\n", "  \n"),
    "indented lines": lambda text: re.sub(r"(?m)^(?=\S)", "  ", text),
    "tab-indented lines": lambda text: re.sub(r"(?m)^(?=\S)", "\t", text),
    "ratings in double quotes": lambda text: re.sub(
        r"[‘']((?:Requires?|Requiring) improvement|Good|Outstanding|Inadequate)[’']", r"“\1”", text, flags=re.I
    ),
    "notes heading in capitals": lambda text: re.sub(
        r"(?im)^\s*notes? (?:to|for) editors?:?\s*$", "NOTES TO EDITORS", text
    ),
    "editor's notes": lambda text: re.sub(r"(?im)^\s*notes? (?:to|for) editors?:?\s*$", "Editor's notes:", text),
    "-ends-": lambda text: re.sub(r"(?m)^\s*ENDS\s*$", "-ends-", text),
}


def _facts(text: str) -> tuple[object, ...]:
    parsed = read_release(text.encode("utf-8"), "t")
    return (parsed.kind, parsed.units, parsed.chief_inspector, parsed.published, parsed.previous_ratings)


@pytest.mark.parametrize("relayout", sorted(RELAYOUTS))
def test_every_fixture_states_the_same_facts_however_it_is_laid_out(relayout: str) -> None:
    changed = []
    for path in sorted(FIXTURES_DIR.glob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # a cp1252 fixture, whose encoding is its point
        if text.strip() and not path.stem.startswith("broken_") and _facts(RELAYOUTS[relayout](text)) != _facts(text):
            changed.append(path.stem)
    assert changed == []


@pytest.mark.parametrize("text", ["Skip to content\n\nPress release", "GOV.UK\nMenu\nPress release"])
def test_a_page_head_ending_on_its_caption_is_read_without_a_crash(text: str) -> None:
    # The caption is taken as the title only for want of one: nothing follows it.
    assert parse_release(text, "t").title == "Press release"
