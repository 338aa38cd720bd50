"""Query-string arguments of a search, read into a ``SearchRequest``: strictly for the API, forgivingly for pages.

Both readers drop tracking parameters that links pick up on the way (``utm_*``,
``fbclid`` ...). The API answers any other unknown parameter with a 400;
pages ignore it, and show an unreadable date next to its box instead of failing.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from dataclasses import field

from werkzeug.datastructures import MultiDict

from searchsvc import schema
from searchsvc.errors import QueryError
from searchsvc.search import SearchRequest

#: Parameters a search accepts besides the facet names (which may repeat).
SINGLE_PARAMS = ("q", "page", "per_page", "sort", "match", "expand", "published_from", "published_to", "typos")
#: Parameters that newsletters, social sites and analytics add to shared links; ignored everywhere.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "twclid",
        "igshid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
    }
)
#: Any parameter starting with one of these is tracking too (utm_source, utm_medium ...).
TRACKING_PREFIXES = ("utm_",)

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMERIC = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
#: The forms a date may take, as the messages name them.
DATE_FORMS = "2021, 2021-06, May 2021, 30 June 2021, 2021-06-30 or 30/06/2021"


@dataclass(frozen=True)
class PageArgs:
    """A page's request, with what it had to leave out: parameter name → message, and the text as typed."""

    request: SearchRequest
    date_notes: dict[str, str] = field(default_factory=dict)
    date_text: dict[str, str] = field(default_factory=dict)


def is_tracking(name: str) -> bool:
    """Whether ``name`` is a tracking parameter that searches ignore."""
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def parse_args(args: MultiDict[str, str], default_per_page: int) -> SearchRequest:
    """Turn the API's query-string arguments into a ``SearchRequest``. :raise QueryError: a bad or unknown argument."""
    for key in args:
        if key not in SINGLE_PARAMS and key not in schema.FACET_NAMES and not is_tracking(key):
            accepted = ", ".join((*SINGLE_PARAMS, *schema.FACET_NAMES))
            raise QueryError(f"unknown parameter {key!r}; accepted: {accepted}", code="unknown_param", param=key)
    return _request(args, default_per_page, _strict_date(args, "published_from"), _strict_date(args, "published_to"))


def parse_page_args(args: MultiDict[str, str], default_per_page: int) -> PageArgs:
    """Read a page's arguments: unknown parameters are ignored and a date that cannot be used is left out.

    :raise QueryError: a bad value of a parameter the page knows, other than a date.
    """
    notes: dict[str, str] = {}
    text: dict[str, str] = {}
    dates: dict[str, datetime.date | None] = {}
    for name in ("published_from", "published_to"):
        text[name] = args.get(name, "").strip()[:40]
        try:
            dates[name] = _strict_date(args, name)
        except QueryError:
            dates[name] = None
            notes[name] = f"“{text[name]}” is not a date we can read, so it was left out. Write {DATE_FORMS}."
    start, end = dates["published_from"], dates["published_to"]
    if start and end and start > end:
        notes["published_from"] = "From is after To, so the dates were left out. Swap them or change one."
        start = end = None
    return PageArgs(_request(args, default_per_page, start, end), notes, text)


def _request(
    args: MultiDict[str, str], default_per_page: int, start: datetime.date | None, end: datetime.date | None
) -> SearchRequest:
    """The request from known arguments and dates already read. :raise QueryError: a bad value."""
    for key in SINGLE_PARAMS:
        if len(args.getlist(key)) > 1:
            raise QueryError(f"{key!r} was given more than once", code="repeated_param", param=key)
    for key, value in args.items(multi=True):
        if "\x00" in value and not is_tracking(key):
            raise QueryError(f"{key!r} contains a NUL character", code="bad_character", param=key)
    filters = {
        name: tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
        for name in schema.FACET_NAMES
        if args.getlist(name)
    }
    return SearchRequest(
        q=args.get("q", ""),
        filters={k: v for k, v in filters.items() if v},
        published_from=start,
        published_to=end,
        sort=args.get("sort") or None,
        page=_int(args.get("page"), "page", 1),
        per_page=_int(args.get("per_page"), "per_page", default_per_page),
        match=args.get("match") or "all",
        expand=_flag(args.get("expand"), "expand"),
        typos=_flag(args.get("typos"), "typos") is not False,
    )


def _flag(value: str | None, name: str) -> bool | None:
    """Read ``true`` or ``false``; absent or empty is None (the default)."""
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    if text not in ("true", "false"):
        raise QueryError(f"{name} must be true or false, not {value[:30]!r}", code=f"bad_{name}", param=name)
    return text == "true"


def _int(value: str | None, name: str, default: int) -> int:
    if value is None or value.strip() == "":
        return default
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise QueryError(f"{name} must be a whole number, not {value[:30]!r}", code=f"bad_{name}", param=name)
    return int(text)


def _strict_date(args: MultiDict[str, str], name: str) -> datetime.date | None:
    """The date in argument ``name``, or None when absent. :raise QueryError: it cannot be read."""
    value = args.get(name)
    if value is None or value.strip() == "":
        return None
    result = read_date(value, end=name == "published_to")
    if result is None:
        raise QueryError(
            f"{name} must be a date written {DATE_FORMS}, not {value.strip()[:30]!r}", code="bad_date", param=name
        )
    return result


def read_date(value: str, *, end: bool) -> datetime.date | None:
    """Read a date as people write one; a year or month stands for its first day, or its last with ``end``.

    Numbers go year first (2021-06-30, 2024/5) or day first (30/06/2021, the
    British order); month names may be whole or short (May 2024, 1 Sept 2024,
    June 30, 2024). None when the text is not such a date.
    """
    text = " ".join(value.strip().lower().split())
    parts = _date_parts(text)
    if parts is None:
        return None
    year, month, day = parts
    try:
        if month is None:
            month = 12 if end else 1
        if day is None:
            day = calendar.monthrange(year, month)[1] if end else 1
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _date_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day as written (month and day may be missing), or None."""
    if not text.isascii():
        return None
    if match := _NUMERIC.fullmatch(text):
        year, month, day = match.groups()
        return int(year), int(month) if month else None, int(day) if day else None
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
        return int(year), int(month), int(day)
    if (match := _WORDS.fullmatch(text)) and match.group(2) in _MONTHS:
        day, month_name, year = match.groups()
        return int(year), _MONTHS[month_name], int(day) if day else None
    if (match := _MONTH_DAY.fullmatch(text)) and match.group(1) in _MONTHS:
        month_name, day, year = match.groups()
        return int(year), _MONTHS[month_name], int(day)
    return None
