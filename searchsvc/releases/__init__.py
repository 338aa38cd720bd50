"""Turning the bytes of a press release into a ``Release``: pure functions, no I/O.

``decode`` turns bytes into clean text or raises ``ReleaseError``. ``parse_release``
splits the text into title, body and notes (``structure``), then reads each fact
out of them in its own module (``ratings``, ``aspects``, ``verdicts``, ``unitratings``,
``units``, ``others``, ``people``, ``dates``, ``acronyms``) with regular expressions
applied one sentence (often one clause)
at a time, so a rating, a date or a unit is judged by the words around it
rather than by where it happens to sit in the file.
"""

from typing import TYPE_CHECKING
from typing import Any

from searchsvc.releases.decode import decode
from searchsvc.releases.model import KINDS
from searchsvc.releases.model import RATINGS
from searchsvc.releases.model import REGIONS
from searchsvc.releases.model import UNIT_TYPES
from searchsvc.releases.model import Acronym
from searchsvc.releases.model import PreviousRating
from searchsvc.releases.model import Quote
from searchsvc.releases.model import Release
from searchsvc.releases.model import SubRating
from searchsvc.releases.model import Unit

if TYPE_CHECKING:
    from searchsvc.releases.parse import parse_page
    from searchsvc.releases.parse import parse_release
    from searchsvc.releases.parse import read_release

#: The parsers, imported when first asked for: compiling their patterns is
#: most of importing the package, and a search process only needs the model.
_PARSERS = ("parse_page", "parse_release", "read_release")


def __getattr__(name: str) -> Any:
    if name not in _PARSERS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from searchsvc.releases import parse

    return getattr(parse, name)


__all__ = [
    "KINDS",
    "RATINGS",
    "REGIONS",
    "UNIT_TYPES",
    "Acronym",
    "PreviousRating",
    "Quote",
    "Release",
    "SubRating",
    "Unit",
    "decode",
    "parse_page",
    "parse_release",
    "read_release",
]
