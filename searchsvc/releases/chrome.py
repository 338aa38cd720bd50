"""Web-page leftovers in a release copied from a browser: skip links, cookie notices, the licence footer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from searchsvc.releases.dates import SPELT_DATE
from searchsvc.releases.dates import TRAIL_STEP
from searchsvc.releases.text import may_contain

_CHROME_OPENINGS = (
    r"skip\s+to\s+(?:main\s+)?content|back\s+to\s+top"
    r"|all\s+content\s+is\s+available\s+under\s+the\s+open\s+government\s+licence.*"
    r"|to\s+view\s+this\s+licence.*|or\s+write\s+to:?|information\s+policy\s+team,?|the\s+national\s+archives,?"
    r"|kew,?|london\s+tw9\s+4du|or\s+email:?.*|this\s+publication\s+is\s+available\s+at:?.*"
    r"|are\s+you\s+ok\s+with\s+cookies\??|cookies\s+on\s+[\w .,'’&-]{1,60}"
    # "Share this page: Twitter  Facebook  Email", "Share: X | LinkedIn | Email"
    r"|share(?:\s+this\s+(?:page|article|story|release))?\s*:?"
    r"(?:\s*[|/,]?\s*(?:x|twitter|facebook|linkedin|email|e-mail|whatsapp|bluesky|threads|print|copy\s+link))*"
)
_COOKIE_NOTICES = (
    r".*\bcookies?\b.*\b(?:we\s+use|accept|turn\s+off|happy\s+for\s+us|settings)\b.*"
    r"|.*\b(?:accept|reject|we\s+use)\b.*\bcookies?\b.*"
)
_CHROME_LINE = re.compile(rf"^\s*(?:{_CHROME_OPENINGS}|{_COOKIE_NOTICES})\s*$", re.IGNORECASE)
#: ``_CHROME_LINE`` for a line that cannot mention cookies: a cookie notice's ``.*`` scans a whole paragraph's
#: line twice over, where the openings turn it down at its first word (a fifth of stripping a page's chrome).
_CHROME_OPENING_LINE = re.compile(rf"^\s*(?:{_CHROME_OPENINGS})\s*$", re.IGNORECASE)
#: Whole lines a browser copy of GOV.UK or a council's page carries around a release: its menus, its feedback
#: question and its footer's headings. None is ever a paragraph of a release, so each goes wherever it stands.
_NAV_LINES = frozenset(
    (
        "gov.uk|menu|navigation menu|search|search gov.uk|home|view cookies|hide this message|cookie settings"
        "|cookies on gov.uk|share this page|print this page|related content|explore the topic|contents"
        "|is this page useful?|yes this page is useful|no this page is not useful|maybe|thank you for your feedback"
        "|report a problem with this page|help us improve gov.uk|topics|government activity|support links"
        "|© crown copyright|facebook|twitter|linkedin|whatsapp|email|print|accessibility|accessibility statement"
        "|sign in|log in|my account|contact us|contact|help|privacy|cookies|terms and conditions|search this site"
    ).split("|")
)
#: A site's menu items besides ``_NAV_LINES``: "Home  About us  Our work  Inspections  Media".
_MENU_ITEMS = frozenset("about|about us|our work|inspections|research|media|news|jobs|reports".split("|"))
#: The lines between a page's head and its first prose a title may take, when no "Published" line follows it.
_TITLE_ROOM = 4
#: The kind of page GOV.UK writes above a release's title; what comes before it is the page's head.
_DOCUMENT_TYPES = frozenset(("press release", "news story", "statement", "speech", "corporate report"))
#: How far down a page's head runs (lines), and how long its lines are: a longer line is a release's prose.
_HEAD_LINES = 60
_HEAD_LINE_LENGTH = 80
_NAV_LINE_LENGTH = 40
_BREADCRUMB_LENGTH = 60
# "11 March 2025", or in American order "March 11, 2025".
_DATE_LINE = re.compile(r"^\s*(?:\d{1,2}\s+[A-Za-z]{3,9}|[A-Za-z]{3,9}\s+\d{1,2},)\s+(?:19|20)\d\d\s*$")
_ADDRESS_LINE = re.compile(r"^\s*(?:https?://\S+|psi@\S+)\s*$", re.IGNORECASE)
# "Published: 17 September 2025"; a council page republishing a release: "Date: 12/03/2024", "Date: March 5, 2024".
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:published:?\s*(?P<date>[^:]{0,40}?)|date(?:\s+published)?:\s*(?P<dated>(?:\d|[A-Z][a-z]{2,8}\s+\d)[^:]{0,30}?))\s*$",
    re.IGNORECASE,
)
# A news page saved with its metadata first: " date 2025-06-12 East and West PDU has been rated ...".
# A release's own date line above its title: "12 July 2018" alone on the first line (a blog's "Friday, 15 January
# 2016" dates a post on someone else's site, not a release).
_LEADING_DATE = re.compile(
    r"\A\s*(?:date\s+(?P<date>(?:19|20)\d\d-\d\d-\d\d)\b[ \t]*"
    rf"|(?P<line>{SPELT_DATE})"
    r"[ \t]*\n)"
)
# A page saved as Markdown marks its title and headings: "# Norfolk PDU rated 'Good'", "## Notes to editors".
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_SEE_NOTES = re.compile(r"\s*\[\s*see\s+notes?\s+to\s+(?:the\s+)?editors?\s*\]", re.IGNORECASE)
#: Words every piece of chrome this module removes contains, as pages spell them: most releases hold none, and
#: looking for them as they are spelt costs a tenth of lower-casing the whole text first.
_HINTS = (
    "kip to",
    "ookie",
    "icence",
    "ublished:",
    "UBLISHED:",
    "ee notes",
    "ack to top",
    "Date",
    # A browser copy of GOV.UK without its cookie banner or its licence line still names the site.
    "GOV.UK",
    "\nHome\n",
    # A breadcrumb trail or a menu run together on one line, above a title: "Home > Media", "Home  About us".
    "Home >",
    "Home /",
    "Home |",
    "Home  ",
    "Home »",
    "Menu",
    # A trail starting below "Home", as a paper's does: "News › Crime".
    "›",
    "»",
)
# "Home > Media > Press releases", "You are here: Home » Media", "Home / News / X", "Home  >  Media".
# A trail may start below "Home", at the site's media pages: "News > Press releases", "Media › Blog" (a
# newspaper's "News › Crime" heads its own section, the headline's kicker).
_HEADLINE_LENGTH = 150
_TRAIL_LINE = re.compile(
    r"^\s*(?:you\s+are\s+here:?\s*)?(?:home\s*(?:[>»›|/]|\s\s)"
    r"|(?:news|media)\s*[>»›]\s*(?:press\s+releases|news|blogs?)\b)",
    re.IGNORECASE,
)
# The gaps between a menu's items run together on one line: two spaces or more, a bar, a tab.
_MENU_GAP = re.compile(r"\s*\|\s*|\s{2,}")
_MENU_ITEM_LENGTH = 30
# "Tags: National Probation Service", "Categories: News", or unlabelled: "Youth inspections, Press releases" (never
# the date line they may follow: "4 March 2025 Adult inspections | Press releases").
_LABEL_LINE = re.compile(
    r"^\s*(?:(?:tags|categories|filed\s+under):\s|(?!\d)(?:[\w ]{2,30}\s*[,|]\s*)+(?:press\s+releases|news|blog)\s*$)",
    re.IGNORECASE,
)
# A blog's label above its title, "Posted on 29 August 2019 in Press releases", "Posted: 5 March 2019": the page's
# date, and part of its head.
_FROM_LINE = re.compile(r"^From:\s+[A-Z][^.:]{0,70}$")
_POSTED_LINE = re.compile(
    rf"^\s*posted(?:\s+on:?|:)\s+(?P<date>{SPELT_DATE})(?:\s+in\s+[\w ,&-]{{1,60}})?\s*$",
    re.IGNORECASE,
)


def strip_page_chrome(text: str) -> tuple[str, str | None]:
    """``text`` without page chrome, and what a "Published: 17 September 2025" line states (None without one)."""
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    leading = _LEADING_DATE.match(text)
    if leading:
        text = text[leading.end() :]
    text, stated = _strip_lines(text)
    return text, stated or (leading["date"] or leading["line"] if leading else None)


def _strip_lines(text: str) -> tuple[str, str | None]:
    """``text`` without its lines of chrome, and the date a "Published:" line states."""
    if not any(hint in text for hint in _HINTS):
        return text, None
    kept: list[str] = []
    stated: str | None = None
    published_at: int | None = None
    after_chrome = False
    lines = _without_breadcrumbs(_without_publisher(_without_see_notes(text).split("\n")))
    for index, line in enumerate(lines):
        published = _PUBLISHED_LINE.match(line)
        if published and stated is None:
            stated, after_chrome = published["date"] or published["dated"] or _date_below(lines, index), True
            published_at = len(kept)
        elif _is_chrome_line(line) or (after_chrome and _follows_chrome(line)):
            after_chrome = True
        elif stated is None and (posted := _posted_date(line)):
            stated, after_chrome = posted, True
        else:
            # The licence's address follows its own line: "visit:" then the address; GOV.UK's date, "Published".
            after_chrome = after_chrome and not line.strip()
            kept.append(line)
    below, stated = _below_head(kept, published_at, stated)
    return "\n".join(below), stated or None


def _below_head(kept: list[str], published_at: int | None, stated: str | None) -> tuple[list[str], str | None]:
    """``kept`` from the release's title on, and the page's date: the one stated, else one alone under the title."""
    below = _below_page_head(_below_site_head(kept, published_at))
    if stated is None and len(below) < len(kept):
        return _dated_below_headline(below)
    return below, stated


def _dated_below_headline(lines: list[str]) -> tuple[list[str], str | None]:
    """``lines`` (a page's, from its headline on) without a date alone on the line under the headline, and that
    date: "Dunmere YJS rated Good" / "2 April 2024" / the first paragraph, with no gap to set the date apart."""
    if len(lines) > 1 and _DATE_LINE.match(lines[1]):
        return [lines[0], *lines[2:]], lines[1].strip()
    return lines, None


def _below_page_head(lines: list[str]) -> list[str]:
    """``lines`` after GOV.UK's "Press release" line right above the title, when only a page's short lines (its
    menus and breadcrumbs) come before it."""
    # The caption needs a title after it: a text that ends on "Press release" has none.
    for index in _page_head(lines[: min(_HEAD_LINES, len(lines)) - 1]):
        if lines[index].strip().lower() in _DOCUMENT_TYPES and lines[index + 1].strip():
            return lines[index + 1 :]
    return lines


def _below_site_head(lines: list[str], published_at: int | None) -> list[str]:
    """``lines`` from the release's title on, when a site's head stands above it: its name, its menus and the
    breadcrumb trail that ends the head, then the title (and the "Published" line, when the page has one).

    Every line above the head's last menu or trail goes, whatever it is (a site's name, a tagline), so long as a
    headline is left between that line and the "Published" line or the first line of prose.
    """
    head = range(published_at) if published_at is not None and published_at < _HEAD_LINES else _page_head(lines)
    marks = [index for index in head if _is_site_head_line(lines[index])]
    if not marks:
        return lines
    title = _title_index(lines, marks[-1], published_at)
    # A headline, not prose: "Home   Region   News" under a title already on the first line is followed by prose.
    if title is None or not _is_headline(lines[title]):
        return lines
    return [line for line in lines[title:] if not (len(line) <= _HEAD_LINE_LENGTH and _LABEL_LINE.match(line))]


def _title_index(lines: list[str], last_mark: int, published_at: int | None) -> int | None:
    """Where the title stands: the first line after the site's head, before the "Published" line (or within a few
    lines when there is none), else the first line after the "Published" line."""
    end = published_at if published_at is not None else last_mark + 1 + _TITLE_ROOM
    title = next((index for index in range(last_mark + 1, min(end, len(lines))) if lines[index].strip()), None)
    if title is None and published_at is not None:
        # "Home > Media > Press releases", "Published: 11 February 2020", then the headline: the date above the title.
        below = range(published_at, min(published_at + _TITLE_ROOM, len(lines)))
        title = next((index for index in below if lines[index].strip()), None)
    return title


def _is_headline(line: str) -> bool:
    """Whether ``line`` may be a headline: short enough, and no sentence ended with a full stop."""
    return len(line) <= _HEADLINE_LENGTH and not line.rstrip().endswith(".")


def _is_site_head_line(line: str) -> bool:
    """Whether ``line`` is a breadcrumb trail or a site's menu run together on one line ("Menu  Search")."""
    if _TRAIL_LINE.match(line) or _is_short_trail(line):
        return True
    if line.strip().lower() in _MENU_ITEMS:
        # The section a page files the release under, alone above its headline: "News".
        return True
    items = [item for item in _MENU_GAP.split(line.strip()) if item]
    return (
        len(items) > 1
        and all(len(item) <= _MENU_ITEM_LENGTH and not item.endswith(".") for item in items[1:])
        and any(item.lower() in _NAV_LINES or item.lower() in _MENU_ITEMS for item in items)
    )


def _is_short_trail(line: str) -> bool:
    """Whether ``line`` is a trail of a few short items however it starts: "News › Crime", "Media > Press releases"."""
    if len(line) > _BREADCRUMB_LENGTH or not TRAIL_STEP.search(line):
        return False
    return all(len(item) <= _MENU_ITEM_LENGTH and "." not in item for item in TRAIL_STEP.split(line.strip()))


def _page_head(lines: list[str]) -> Iterator[int]:
    """The indexes of a page's head: its first lines (at most ``_HEAD_LINES``), up to the first long enough to be
    prose that is no cookie banner or breadcrumb trail."""
    for index, line in enumerate(lines[:_HEAD_LINES]):
        # A cookie banner's sentences and a long breadcrumb trail are the head's too.
        if len(line) > _HEAD_LINE_LENGTH and not (_TRAIL_LINE.match(line) or _is_chrome_line(line)):
            return
        yield index


def _without_publisher(lines: list[str]) -> list[str]:
    """``lines`` without GOV.UK's "From:" line and the publisher it names on the next ("HM Inspectorate of
    Probation", which would make a page that never speaks of inspecting seem to)."""
    dropped = {
        index + step
        for index, line in enumerate(lines[:-1])
        if line.strip().lower() == "from:" and 0 < len(lines[index + 1].strip()) < _HEAD_LINE_LENGTH
        for step in (0, 1)
    }
    # A browser copy may keep both on one line: "From: HM Inspectorate of Probation".
    dropped |= {index for index, line in enumerate(lines) if line[:6].lower() == "from: " and _FROM_LINE.match(line)}
    return [line for index, line in enumerate(lines) if index not in dropped] if dropped else lines


def _without_breadcrumbs(lines: list[str]) -> list[str]:
    """``lines`` without a page's breadcrumb trail at its head: a "Home" line and the short lines of its block
    ("Home", "Crime, justice and the law", "Prisons and probation"), before any line of prose."""
    for index in _page_head(lines):
        if lines[index].strip().lower() == "home":
            end = next((after for after in range(index + 1, len(lines)) if not lines[after].strip()), len(lines))
            # A block holding the page's date holds its title too: menus and the release's head with no gap between.
            if all(len(trail) <= _BREADCRUMB_LENGTH and not _dated(trail) for trail in lines[index:end]):
                return lines[:index] + lines[end:]
    return lines


def _without_see_notes(text: str) -> str:
    """``text`` without "[see notes to editor]" markers."""
    # The pattern opens with white space, so re tries it at every position: only text with a "[" can hold one.
    return _SEE_NOTES.sub("", text) if "[" in text else text


def _follows_chrome(line: str) -> bool:
    """Whether ``line`` is the licence's address or GOV.UK's date, which follow a line of chrome."""
    return bool(_ADDRESS_LINE.match(line) or _DATE_LINE.match(line))


def _posted_date(line: str) -> str | None:
    """The date of a "Posted on 29 August 2019 in Press releases" line above a title; None for any other line."""
    posted = _POSTED_LINE.match(line) if "osted" in line else None
    return posted["date"] if posted else None


def _dated(line: str) -> bool:
    """Whether ``line`` is a page's date: "Published: 14 February 2023", "Posted on 3 October 2019 in News", or a
    date alone."""
    return bool(_PUBLISHED_LINE.match(line) or _DATE_LINE.match(line) or _POSTED_LINE.match(line))


def _date_below(lines: list[str], index: int) -> str | None:
    """The date on the line after an empty "Published" line, as GOV.UK sets it out."""
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return below.strip() if _DATE_LINE.match(below) else None


def _is_chrome_line(line: str) -> bool:
    """Whether ``line`` is a piece of chrome: ``_CHROME_LINE``, its cookie notices tried only where "cookie" may be."""
    if len(line) < _NAV_LINE_LENGTH and line.strip().lower() in _NAV_LINES:
        return True
    if may_contain(line, ("cookie",)):
        return _CHROME_LINE.match(line) is not None
    return _CHROME_OPENING_LINE.match(line) is not None
