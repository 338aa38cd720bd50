"""Parsing a release: bytes or text in, a ``Release`` out, each fact read by its own module."""

from __future__ import annotations

import datetime

from searchsvc.releases.acronyms import defined_acronyms
from searchsvc.releases.chrome import strip_page_chrome
from searchsvc.releases.dates import date_in
from searchsvc.releases.dates import dated_below_title
from searchsvc.releases.dates import dated_in_byline
from searchsvc.releases.dates import dated_in_signature
from searchsvc.releases.dates import fieldwork_period
from searchsvc.releases.dates import published_date
from searchsvc.releases.dates import published_today
from searchsvc.releases.dates import reference_year
from searchsvc.releases.decode import decode
from searchsvc.releases.kinds import is_joint_work
from searchsvc.releases.kinds import release_kind
from searchsvc.releases.kinds import source_url
from searchsvc.releases.model import Release
from searchsvc.releases.model import SubRating
from searchsvc.releases.model import Unit
from searchsvc.releases.others import names_only_other_units
from searchsvc.releases.people import attributed_quotes
from searchsvc.releases.people import chief_inspector
from searchsvc.releases.ratings import Mention
from searchsvc.releases.ratings import rating_mentions
from searchsvc.releases.structure import split_release
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import cased_like_body
from searchsvc.releases.unitratings import unit_ratings
from searchsvc.releases.unitregions import title_region
from searchsvc.releases.unitregions import unit_region
from searchsvc.releases.units import counts_units
from searchsvc.releases.units import inspected_units
from searchsvc.releases.unitwording import as_named_alone
from searchsvc.releases.unnamedunits import counted_and_noted
from searchsvc.releases.unnamedunits import noted_rating
from searchsvc.releases.unnamedunits import placed_and_noted
from searchsvc.releases.unnamedunits import rated_national
from searchsvc.releases.unnamedunits import run_by_council
from searchsvc.releases.verdicts import before_ratings
from searchsvc.releases.verdicts import body_mentions
from searchsvc.releases.verdicts import overall_rating
from searchsvc.releases.verdicts import previous_ratings
from searchsvc.releases.verdicts import says_it_rates_nothing
from searchsvc.releases.webpage import looks_like_html
from searchsvc.releases.webpage import page_release_text

#: The kinds of mention that rate a unit now.
_RATED_NOW = frozenset({"overall", "plain", "weak"})


def parse_release(text: str, release_id: str) -> Release:
    """Parse decoded release text. :raise ReleaseError: nothing that looks like a release."""
    return _parse(text, release_id, None)


def parse_page(page: str, release_id: str) -> Release:
    """Parse a release saved as a web page: its main content, dated by the page's metadata when it has a date.

    :raise ReleaseError: the page holds no release.
    """
    text, published = page_release_text(page)
    return _parse(text, release_id, published)


def _parse(text: str, release_id: str, page_date: datetime.date | None) -> Release:
    """Parse release text; ``page_date`` is the date a web page's metadata gives, surest of all."""
    text, stated_date = strip_page_chrome(text)
    title, body, notes, body_lists, notes_lists = split_release(text)
    published, fieldwork, ref_year = _dates(page_date, stated_date, body, notes)
    shown_title, title = title, cased_like_body(title, body)  # facts are read from the title as the body cases it
    found, mentions, noted = _units_and_mentions(title, body, notes, ref_year)
    title_mentions = rating_mentions(title[:WINDOW], ref_year)
    rating = _rating_now(mentions, title, title_mentions, found, (body, notes), ref_year)
    earlier = mentions + title_mentions + noted
    # An earlier rating is a unit's too: "the PDU was rated 'Inadequate' at its last inspection".
    rated = rating is not None or any(mention.kind == "previous" for mention in earlier)
    kind = release_kind(title, body, bool(found), rated, rated_now=rating is not None)
    rated_body = body
    if kind != "inspection":
        found = []  # An annual report's "five 'Outstanding'" rates no unit, now or before.
    elif rating and not found:
        found = rated_national(body, rating, ref_year)
    if _rates_nothing(kind, published, fieldwork):
        rating, earlier, rated_body = None, [], ()
    pdu, unit_type = found[0] if found else (None, None)
    region = unit_region(unit_type, pdu, notes, body) or title_region(title)
    chief = chief_inspector((*body, *notes, title))  # a title may be all that names them ("X appointed ...")
    units = _units(found, rating, region, title, rated_body, ref_year)
    # The release's rating and region are its first unit's, as its pdu is: "X, rated 'Inadequate' in 2022, is now
    # 'Good'. Y has been rated 'Requires improvement'" rates the release 'Good'.
    rating, region = (units[0].rating, units[0].region) if units else (rating, region)
    return Release(
        id=release_id,
        title=shown_title,
        body=body,
        quotes=attributed_quotes(body, chief),
        notes=notes,
        rating=rating,
        previous_ratings=previous_ratings(earlier, rating, rated_body, one_unit=len(found) < 2, ref_year=ref_year),
        sub_ratings=tuple(dict.fromkeys(SubRating(m.aspect, m.rating) for m in mentions if m.kind == "sub")),
        pdu=pdu,
        unit_type=unit_type,
        region=region,
        chief_inspector=chief,
        published=published,
        fieldwork=fieldwork,
        acronyms=defined_acronyms(body + notes),
        kind=kind,
        units=units,
        source_url=source_url(notes, body),
        body_lists=body_lists,
        notes_lists=notes_lists,
    )


def _rating_now(
    mentions: list[Mention],
    title: str,
    title_mentions: list[Mention],
    found: list[tuple[str, str]],
    texts: tuple[tuple[str, ...], tuple[str, ...]],
    ref_year: int | None,
) -> str | None:
    """The overall rating: the body's, a title's shared by the units it counts, else one a note gives the unit."""
    body, notes = texts
    if says_it_rates_nothing(body + notes):
        return None  # a progress review recalls the rating of the inspection before it
    return (
        overall_rating(mentions, title_mentions)
        or _shared_title_rating(title, title_mentions, len(found))
        or noted_rating(notes, found, ref_year)  # "1. X PDU received an overall rating of 'Y'": the notes tell it
    )


def _units_and_mentions(
    title: str, body: tuple[str, ...], notes: tuple[str, ...], ref_year: int | None
) -> tuple[list[tuple[str, str]], list[Mention], list[Mention]]:
    """The inspected units, the body's rating mentions, and the earlier ratings the notes tell.

    Units the body never names outright are looked for only in a release read, without them, as an inspection that
    rates something, now or before: a thematic review "visited two probation delivery units", named in a note,
    inspected neither.
    """
    # Joint work of two inspectorates cites units as examples: it inspects none of them.
    found = [] if is_joint_work(title, body) else as_named_alone(inspected_units(title, body), body)
    mentions, noted = _mentions(body, notes, found, ref_year)
    if found:
        return found, mentions, noted
    # "1. X Probation Delivery Unit received an overall rating of 'Y'": a note may give the only rating now.
    rated_now = any(m.kind in _RATED_NOW for m in mentions) or any(
        m.kind == "overall" for m in body_mentions(notes, ref_year)
    )
    rated = rated_now or any(m.kind == "previous" for m in mentions + noted)
    if not rated or release_kind(title, body, False, rated, rated_now=rated_now) != "inspection":
        return found, mentions, noted
    found = _named_otherwise(title, body, notes)
    return (found, *_mentions(body, notes, found, ref_year)) if found else (found, mentions, noted)


def _named_otherwise(title: str, body: tuple[str, ...], notes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The units of a release whose body never names them outright: by the names its notes give the units the
    opening speaks of ("two probation delivery units", "the probation service in X"), or by the council running one."""
    return counted_and_noted(title, body, notes) or placed_and_noted(title, body, notes) or run_by_council(body)


def _rates_nothing(kind: str, published: datetime.date | None, fieldwork: str | None) -> bool:
    """Whether a release rates no unit, now or before: only an inspection does, and only from the years of the
    four-point ratings ("Overall, the Trust's work was judged to be good" in 2013 judged work on older scales)."""
    return kind != "inspection" or before_ratings(published, fieldwork)


def _dates(
    page_date: datetime.date | None, stated_date: str | None, body: tuple[str, ...], notes: tuple[str, ...]
) -> tuple[datetime.date | None, str | None, int | None]:
    """The published date, the fieldwork period, and the year the release's ratings are "now" in."""
    # A page's own "Published:" line is surer than a date in a sentence.
    published = (
        page_date
        or date_in(stated_date)
        or published_date(notes + body)
        or published_today(body + notes)
        or dated_below_title(body)
        or dated_in_byline(body)
        or dated_in_signature(body)
    )
    fieldwork = fieldwork_period(notes + body)
    return published, fieldwork, reference_year(fieldwork, published)


def _shared_title_rating(title: str, title_mentions: list[Mention], count: int) -> str | None:
    """The one rating of a title that counts the inspected units ("Two X probation units rated 'Inadequate'"),
    when nothing else rates them: a count of the very units inspected rates each of them."""
    ratings = {m.rating for m in title_mentions}
    return ratings.pop() if len(ratings) == 1 and counts_units(title[:WINDOW], count) else None


def _mentions(
    body: tuple[str, ...], notes: tuple[str, ...], found: list[tuple[str, str]], ref_year: int | None
) -> tuple[list[Mention], list[Mention]]:
    """The body's ratings, and the earlier ratings the notes tell; a sentence naming only units the release does
    not inspect rates none of its own."""

    def about_others(sentence: str) -> bool:
        return names_only_other_units(sentence, found)

    # A note may tell the earlier rating ("X PDU was previously inspected in 2022, when it received ..."); the
    # notes' other ratings (the scale, the national picture) are no one unit's.
    noted = [m for m in body_mentions(notes, ref_year, about_others, earlier_only=True) if m.kind == "previous"]
    return body_mentions(body, ref_year, about_others), noted


def _units(
    found: list[tuple[str, str]],
    rating: str | None,
    region: str | None,
    title: str,
    body: tuple[str, ...],
    ref_year: int | None,
) -> tuple[Unit, ...]:
    """The inspected units, each with its own rating when the release gives them different ones."""
    ratings = unit_ratings([name for name, _ in found], body, title, ref_year) if len(found) > 1 else {}
    return tuple(
        # A national unit has no region: "in England and Wales" in its title names none.
        Unit(name, unit_type, ratings.get(name) or rating, _region_of(name, unit_type, region))
        for name, unit_type in found
    )


def _region_of(name: str, unit_type: str, region: str | None) -> str | None:
    """A unit's region: a region's is itself, the national unit's none, any other's the one the release places it in."""
    return name if unit_type == "region" else None if unit_type == "national" else region


def read_release(data: bytes, release_id: str, *, is_html: bool | None = None) -> Release:
    """Decode and parse in one step; a web page (``is_html``, or when None, bytes that open as HTML) by its content."""
    text = decode(data)
    if looks_like_html(data) if is_html is None else is_html:
        return parse_page(text, release_id)
    return parse_release(text, release_id)
