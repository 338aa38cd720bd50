"""The values a parsed release is made of: ``Release`` and its parts, and the rating scale."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

#: The four-point scale, in its canonical spelling, best first.
RATINGS: tuple[str, ...] = ("Outstanding", "Good", "Requires improvement", "Inadequate")

#: The kinds of unit an inspection can look at.
UNIT_TYPES: tuple[str, ...] = (
    "PDU",
    "CRC",
    "Probation Trust",
    "NPS division",
    "youth justice service",
    "region",
)


@dataclass(frozen=True)
class Quote:
    """Words a named person is quoted as saying."""

    speaker: str | None
    text: str


@dataclass(frozen=True)
class PreviousRating:
    """An overall rating the unit was given at an earlier inspection."""

    rating: str
    year: int | None


@dataclass(frozen=True)
class SubRating:
    """A rating given to one aspect of the work, not the overall one."""

    aspect: str
    rating: str


@dataclass(frozen=True)
class Acronym:
    """An abbreviation the release defines, e.g. SPO for Senior Probation Officer."""

    short: str
    expansion: str


@dataclass(frozen=True)
class Release:
    """One parsed press release. Every metadata field is None when the release does not state it."""

    id: str
    title: str
    body: tuple[str, ...]
    quotes: tuple[Quote, ...]
    notes: tuple[str, ...]
    rating: str | None
    previous_ratings: tuple[PreviousRating, ...]
    sub_ratings: tuple[SubRating, ...]
    pdu: str | None
    unit_type: str | None
    region: str | None
    chief_inspector: str | None
    published: datetime.date | None
    fieldwork: str | None
    acronyms: tuple[Acronym, ...]
