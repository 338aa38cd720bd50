"""Parsing a release: bytes or text in, a ``Release`` out, each fact read by its own module."""

from __future__ import annotations

from searchsvc.releases.acronyms import defined_acronyms
from searchsvc.releases.dates import fieldwork_period
from searchsvc.releases.dates import published_date
from searchsvc.releases.dates import reference_year
from searchsvc.releases.decode import decode
from searchsvc.releases.model import Release
from searchsvc.releases.model import SubRating
from searchsvc.releases.people import attributed_quotes
from searchsvc.releases.people import chief_inspector
from searchsvc.releases.ratings import body_mentions
from searchsvc.releases.ratings import overall_rating
from searchsvc.releases.ratings import previous_ratings
from searchsvc.releases.ratings import rating_mentions
from searchsvc.releases.structure import split_release
from searchsvc.releases.text import WINDOW
from searchsvc.releases.units import inspected_unit
from searchsvc.releases.units import unit_region


def parse_release(text: str, release_id: str) -> Release:
    """Parse decoded release text. :raise ReleaseError: nothing that looks like a release."""
    title, body, notes = split_release(text)
    published = published_date(notes + body)
    fieldwork = fieldwork_period(notes + body)
    ref_year = reference_year(fieldwork, published)
    mentions = body_mentions(body, ref_year)
    title_mentions = rating_mentions(title[:WINDOW], ref_year)
    pdu, unit_type = inspected_unit(title, body)
    chief = chief_inspector(body + notes)
    return Release(
        id=release_id,
        title=title,
        body=body,
        quotes=attributed_quotes(body, chief),
        notes=notes,
        rating=overall_rating(mentions, title_mentions),
        previous_ratings=previous_ratings(mentions + title_mentions),
        sub_ratings=tuple(dict.fromkeys(SubRating(m.aspect, m.rating) for m in mentions if m.kind == "sub")),
        pdu=pdu,
        unit_type=unit_type,
        region=unit_region(unit_type, pdu, notes, body),
        chief_inspector=chief,
        published=published,
        fieldwork=fieldwork,
        acronyms=defined_acronyms(body + notes),
    )


def read_release(data: bytes, release_id: str) -> Release:
    """Decode and parse in one step."""
    return parse_release(decode(data), release_id)
