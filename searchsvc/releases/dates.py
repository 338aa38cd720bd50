"""The publication date and fieldwork period a release states."""

from __future__ import annotations

import datetime
import itertools
import re

from searchsvc.releases.text import NEAR
from searchsvc.releases.text import YEAR
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences

_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"(?=[\djfmasond])(?:(?<!\d)(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_NAME})\b\.?,?\s+"
    rf"(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH_NAME})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|(?<![\d/.])(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d\d)\b"
    r"|\b(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)\b)",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "This statement was issued on 20 March 2020", "This announcement was made on 27 June 2011": a statement's own date.
_AVAILABLE = re.compile(
    # "The Inspectorate publishes its report on X on 17 June 2025", "The report will go live on ... on 27 June 2023"
    r"\b(?:available|published|publish(?:es)?|publication|released?|embargo(?:ed)?|go(?:es)?\s+live"
    # "This announcement was issued on 4 November 2014", "this notice was issued on ..."
    r"|(?:statement|release|announcement|notice)\s+(?:was\s+|is\s+)?issued|announcement\s+(?:was|is)\s+made\s+on"
    # "A copy of the full report can be found on the website from 10.00am on 4 March 2014"
    r"|(?:can|will|may)\s+be\s+(?:found|read|viewed|downloaded))\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
_AVAILABLE_HINTS = (
    "availab",
    "publi",
    "releas",
    "embargo",
    "issued",
    "made on",
    "be found",
    "be read",
    "be viewed",
    "be download",
    "live",
)
_RANGE_START = re.compile(r"\b(?P<word>between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|–|—|-)\s*", re.IGNORECASE)
_THE_REPORT = re.compile(r"\b(?:the|this|our)\s+(?:full\s+|inspection\s+|thematic\s+)*report\b", re.I)
# "Fieldwork took place in June 2019", "The inspection took place in June 2019" (a note says when the fieldwork
# was, in other words; not "the last inspection ...").
_FIELDWORK = re.compile(
    r"\bfield\s?work\b|\b(?<![\w’'])(?i:the)\s+inspection\s+(?:took\s+place|was\s+(?:carried\s+out|conducted|undertaken))\b",
    re.IGNORECASE,
)
_FIELDWORK_HINTS = ("field", "inspection took", "inspection was")
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_PERIOD_TOKEN = rf"(?:(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?(?!\d)|{_MONTH_WORD}|\b(?:19|20)\d\d\b)"
_PERIOD = re.compile(
    rf"(?=[eml\dJFMASOND])(?:(?:early|mid|late)[\s-]+)?{_PERIOD_TOKEN}"
    rf"(?:\s*(?:,|and|to|until|till|through|&|–|-|—)?\s*{_PERIOD_TOKEN}){{0,8}}"
)
_PERIOD_END = re.compile(rf"(?:{_MONTH_WORD}|(?:19|20)\d\d)$")
_PERIOD_TAIL = re.compile(r"[\s,]*(?:and|to|until|till|through|&|–|-|—)?\s*\d{1,2}(?:st|nd|rd|th)?$")


def _date(match: re.Match[str]) -> datetime.date | None:
    """The date a _DATE match spells, or None for an impossible one (31 February)."""
    for day, month, year in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if match[year]:
            name = match[month]
            # re's IGNORECASE matches a long s ("ſeptember") where str.lower() leaves it be.
            number = int(name) if name.isdigit() else _MONTHS.index(name[:3].lower().replace("\u017f", "s")) + 1
            try:
                return datetime.date(int(match[year]), number, int(match[day]))
            except ValueError:
                return None
    return None


def published_date(texts: tuple[str, ...]) -> datetime.date | None:
    """The publication date: a date in the sentence saying the report is (or will be) available."""
    # Only a higher score replaces the date found, and none is higher than 2, so dates that cannot win
    # go unread and the first dated sentence naming the report ends the search (most releases have it in
    # their first note).
    best: tuple[int, datetime.date] | None = None
    for sentence in (s for text in texts if may_contain(text, _AVAILABLE_HINTS) for s in split_sentences(text)):
        if not _AVAILABLE.search(sentence):
            continue
        score = 2 if _THE_REPORT.search(sentence) else 1  # "The role of the SPO ... was published" scores 1
        if best is not None and score <= best[0]:
            continue
        # Every form of date has a digit; most sentences have none.
        dates = _single_dates(sentence) if _DIGIT.search(sentence) else []
        if dates:
            best = (score, dates[0])
            if score == 2:
                break
    return best[1] if best else None


def _single_dates(sentence: str) -> list[datetime.date]:
    """The dates a sentence states, less the ends of a range.

    "Recalls between 01 January 2019 and 21 March 2023" dates what was looked at, not when the report came out;
    "available from 4 March 2014" is no range.
    """
    matches = list(_DATE.finditer(sentence))
    gaps = [sentence[a.end() : b.start()] for a, b in itertools.pairwise(matches)]
    ranged: set[int] = set()
    for index, match in enumerate(matches):
        opens = _RANGE_START.search(sentence[max(0, match.start() - NEAR) : match.start()])
        joined = index < len(gaps) and _RANGE_JOIN.fullmatch(gaps[index])
        if opens and (joined or opens["word"].lower() == "between"):
            ranged.update({index, index + 1} if joined else {index})
    return [date for index, match in enumerate(matches) if index not in ranged and (date := _date(match))]


def fieldwork_period(texts: tuple[str, ...]) -> str | None:
    """The fieldwork period as stated, without its preposition: "May and June 2019"."""
    for sentence in (s for text in texts if may_contain(text, _FIELDWORK_HINTS) for s in split_sentences(text)):
        keyword = _FIELDWORK.search(sentence)
        if not keyword:
            continue
        for match in _PERIOD.finditer(sentence, keyword.end()):
            period = match.group().strip(" ,-–—&")
            while period and not _PERIOD_END.search(period) and _PERIOD_TAIL.search(period):
                period = _PERIOD_TAIL.sub("", period).strip(" ,-–—&")
            if period and _PERIOD_END.search(period):
                return period
    return None


def reference_year(fieldwork: str | None, published: datetime.date | None) -> int | None:
    """The year of this inspection, to date earlier ratings: fieldwork's, else the year before publication."""
    years = YEAR.findall(fieldwork or "")
    if years:
        return int(years[-1])
    # Reports come out months after fieldwork, often in the next year, so only earlier years are stale.
    return published.year - 1 if published else None


# "today (3 May)", "today (27 February 2024)": a year in the brackets is the release's own.
# "today (3 May)", "today (Tuesday 3 May 2024)", and in American order "today (May 3, 2024)"; set off by commas as
# well: "The consultation opens today, 6 March 2018, and closes ...".
_TODAY = re.compile(
    rf"\btoday\s*[(,]\s*(?:\w+day,?\s+)?(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_NAME})\b"
    rf"|(?P<m_first>{_MONTH_NAME})\s+(?P<d_after>\d{{1,2}})(?:st|nd|rd|th)?\b)\.?"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?:\s*\)|(?=\s*[,.;]|\s*$))",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are)\s+due\s+to|plans?\s+to)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH_NAME})\b\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)


def date_in(text: str | None) -> datetime.date | None:
    """The first full date ``text`` spells, e.g. a page's "Published: 17 September 2025" line."""
    for match in _DATE.finditer(text or ""):
        date = _date(match)
        if date:
            return date
    return None


def _past_months(texts: tuple[str, ...]) -> list[tuple[int, int]]:
    """The (year, month) of the full dates ``texts`` state, else of their months; none from what they say will
    happen.

    A release is not dated before what it reports, nor by what is still to come ("In June 2021 ... will").
    """
    stated = [s for text in texts if _DIGIT.search(text) for s in split_sentences(text) if not _FUTURE.search(s)]
    months = [(date.year, date.month) for text in stated for date in map(_date, _DATE.finditer(text)) if date]
    return months or [
        (int(m["y"]), _MONTHS.index(m["m"][:3].lower().replace("\u017f", "s")) + 1)
        for text in stated
        for m in _MONTH_YEAR.finditer(text)
    ]


#: A date spelt out, in British or American order, an ordinal allowed: "8 October 2024", "3rd March 2026",
#: "March 11, 2025". A pattern's fragment, for the page lines that date a release.
SPELT_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2}(?:st|nd|rd|th)?,)\s+(?:19|20)\d\d"
# "8 October 2024" alone under a release's title, or below a saved page's menus before any prose, maybe with the
# page's labels after it: "Posted: 22nd July 2025 | Categories: News", "13 December 2018 Tags: NPS". A weekday's
# line ("Thursday 8 June 2023") is left: a council's or a blog's news page dates its own post so.
_DATE_ALONE = re.compile(
    r"(?:Posted(?:\s+on)?:?\s+)?"
    rf"(?:{SPELT_DATE}|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d\d)"
    # the page's labels after it: "Tags: NPS", "Adult inspections | Press releases"
    r"(?:\s*\|?\s+[A-Z][a-z]+:.*|\s+[A-Z][^.]{0,60})?"
)
# A page's "Posted: 3rd March 2026" label dates it wherever its head's lines were run together.
_POSTED = re.compile(r"\bPosted(?:\s+on)?:\s+(?=\d)")
_HEAD_PARAGRAPHS = 6
_PROSE_LENGTH = 80
#: One step of a breadcrumb trail: "Home » Media", "News › Crime". A trail, however long ("You are here: Home »
#: Media » ..."), is no prose.
TRAIL_STEP = re.compile(r"\s[»›>]\s")
#: How long the labels after a page's date may run ("Adult inspections | Press releases").
_LABELS_LENGTH = 60


def dated_below_title(body: tuple[str, ...]) -> datetime.date | None:
    """The date a paragraph of its own states at the head of the body, before the release's first long paragraph."""
    for paragraph in body[:_HEAD_PARAGRAPHS]:
        trail = TRAIL_STEP.search(paragraph)
        if len(paragraph) > _PROSE_LENGTH and not trail:
            return None
        if _DATE_ALONE.fullmatch(paragraph.strip()):
            return date_in(paragraph)
        posted = _POSTED.search(paragraph) if "Posted" in paragraph else None
        if posted:
            return date_in(paragraph[posted.end() :])
        dated = _dated_after_trail(paragraph) if trail else None
        if dated:
            return dated
    return None


def _dated_after_trail(paragraph: str) -> datetime.date | None:
    """The date of a page's head lines run together, after the breadcrumb trail and the headline, with at most
    labels after it: "Home › Media › X rated Inadequate X rated Inadequate 4 March 2025 Adult inspections | Press"."""
    last = [match.end() for match in TRAIL_STEP.finditer(paragraph)][-1]
    dates = list(_DATE.finditer(paragraph, last))
    tail = paragraph[dates[-1].end() :] if dates else ""
    return _date(dates[-1]) if dates and len(tail) <= _LABELS_LENGTH and "." not in tail else None


# "By Tom Ashworth, Local Democracy Reporter, Wednesday 13 November 2024 6:00 am": a press piece's byline, dated.
_BYLINE = re.compile(r"By\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}\b")
_BYLINE_LENGTH = 200


def dated_in_byline(body: tuple[str, ...]) -> datetime.date | None:
    """The date a byline at the head of a press piece gives, a weekday's too (a paper dates its own piece so)."""
    for paragraph in body[:_HEAD_PARAGRAPHS]:
        if paragraph.startswith("By ") and len(paragraph) <= _BYLINE_LENGTH and _BYLINE.match(paragraph):
            return date_in(paragraph)
    return None


# A blog's signature at its foot, its lines run together: "Justin Russell Chief Inspector of Probation 21 June 2022".
_SIGNED = re.compile(
    r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}\s+(?:(?:HM|H[ie][sr]\s+Majesty[’']s)\s+)?(?:(?i:interim|acting)\s+)?"
    r"Chief\s+Inspector(?:\s+of\s+Probation)?\s+(?P<date>\d{1,2}\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d)\s*$"
)
_SIGNATURE_LENGTH = 120


def dated_in_signature(body: tuple[str, ...]) -> datetime.date | None:
    """The date under the author's name and title that closes a blog post."""
    last = body[-1] if body else ""
    signed = _SIGNED.match(last) if len(last) <= _SIGNATURE_LENGTH and "Chief" in last else None
    return date_in(signed["date"]) if signed else None


# "This announcement was published in 2024", "this notice was issued in 2016": the release's own year, when it gives
# no full date (a bare year beside "published" elsewhere may be an earlier report's).
_OWN_YEAR = re.compile(
    r"\bthis\s+(?:press\s+release|news\s+release|release|announcement|notice|statement)\s+was\s+"
    r"(?:published|issued|released|made)\s+in\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def published_today(texts: tuple[str, ...]) -> datetime.date | None:
    """The date of "today (03 December)", its year taken from the release's other dates; None without one."""
    today = next((m for text in texts if "today" in text.lower() for m in _TODAY.finditer(text)), None)
    if today is None:
        return None
    month = _MONTHS.index((today["m"] or today["m_first"])[:3].lower()) + 1
    day = int(today["d"] or today["d_after"])
    if today["y"]:
        return _valid_date(int(today["y"]), month, day)
    months = _past_months(texts)
    if months:
        latest = max(months)
        # "today (4 February)" after fieldwork "in October and November 2024": the next year's February.
        year = latest[0] + 1 if month < latest[1] else latest[0]
    else:
        own = next((m for text in texts if "this" in text.lower() for m in _OWN_YEAR.finditer(text)), None)
        if own is None:
            return None
        year = int(own["y"])
    return _valid_date(year, month, day)


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None for an impossible one (31 February)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
