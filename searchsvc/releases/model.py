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
    "approved premises",
    "national",
)

#: What a release is about. Only an inspection carries an overall rating.
KINDS: tuple[str, ...] = ("inspection", "thematic inspection", "annual report", "corporate news")

#: The twelve probation regions of England and Wales, in their one canonical spelling.
REGIONS: tuple[str, ...] = (
    "North East",
    "North West",
    "Greater Manchester",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "Kent Surrey and Sussex",
    "South Central",
    "South West",
    "Wales",
)


@dataclass(frozen=True)
class Unit:
    """One unit a release inspects, with its own overall rating and region when stated."""

    name: str
    type: str
    rating: str | None
    region: str | None


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
    #: One of ``KINDS``.
    kind: str = "inspection"
    #: The units inspected, first one first; ``pdu``, ``unit_type`` and ``rating`` repeat its values.
    units: tuple[Unit, ...] = ()
    #: The report's address from the notes (http or https only).
    source_url: str | None = None
