"""A synthetic corpus shaped like a big one: many releases, over a hundred units, a dozen regions and years."""

from __future__ import annotations

from pathlib import Path

REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
    "Greater Manchester",
    "Kent, Surrey and Sussex",
)
RATINGS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
MONTHS = ("January", "March", "May", "July", "September", "November")
_PRE = ("Ash", "Brook", "Cole", "Dun", "Elm", "Fen", "Glen", "Holm", "Ivy", "Kirk")
_SUF = ("ford", "wick", "ham", "ton", "bury", "field", "ley", "mouth", "stead", "worth", "by", "port", "bridge", "dale")


def unit_name(u: int) -> str:
    """The ``u``th unit's name as releases write it (before the parser adds "PDU")."""
    return f"{_PRE[u % len(_PRE)]}{_SUF[u // len(_PRE) % len(_SUF)]} North"


def write_many_units(folder: Path, count: int = 1000, units: int = 140) -> Path:
    """Write ``count`` releases about ``units`` PDUs (years 2014-2025, twelve regions) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        unit, rating, year = unit_name(n % units), RATINGS[n % 4], 2014 + n % 12
        text = (
            f"{unit} probation service rated ‘{rating}’\n\n"
            f"{unit} Probation Delivery Unit (PDU) has received an overall rating of ‘{rating}’ "
            "following an inspection by His Majesty’s Inspectorate of Probation.\n\n"
            f"Martin Jones, Chief Inspector of Probation, said: “The staff of {unit} PDU work hard.”\n\n"
            "ENDS\n\nNotes to editor\n\n"
            f"  1. {unit} PDU is one of eight PDUs in the {REGIONS[n % len(REGIONS)]} region.\n"
            f"  2. The report is available at https://example.org/reports/{n}?a=1&b=2 "
            f"on 01 {MONTHS[n % len(MONTHS)]} {year}.\n"
        )
        (folder / f"syn_{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder
