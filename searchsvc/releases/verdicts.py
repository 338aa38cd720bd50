"""From a release's rating mentions to its verdicts: the overall rating, the earlier ones, each unit's own."""

from __future__ import annotations

import datetime
import re

from searchsvc.releases.model import PreviousRating
from searchsvc.releases.ratings import Mention
from searchsvc.releases.ratings import rating_mentions
from searchsvc.releases.ratings import tells_of_earlier
from searchsvc.releases.text import YEAR
from searchsvc.releases.text import first_year
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import split_sentences

# "retained its 'Good' rating", "the overall rating has stayed the same", "'Inadequate' – the same mark as last year",
# "despite the rating remaining the same as at the last inspection" (a press copy's gerund).
_RETAINED = re.compile(
    r"\bretain(?:ed|s)\s+(?:its|the)\b"
    # "kept its rating of 'Good'", "has kept its 'Outstanding' rating", never "kept its focus on ..."
    r"|\b(?:kept|keeps)\s+(?:its|the)\s+(?:overall\s+)?"
    r"(?:rating|grade|mark|[‘'“\"]|(?:outstanding|good|requires\s+improvement|inadequate)\b)"
    r"|\b(?:overall\s+)?rating\s+(?:(?:has|have)\s+)?(?:stays|stayed|remains|remained|remaining)\s+the\s+same\b"
    # "Despite the action taken, the overall rating has not changed"
    r"|\b(?:overall\s+)?rating\s+(?:has|have)\s+not\s+changed\b"
    r"|\bthe\s+same\s+(?:rating|mark|grade)\s+as\s+(?:last\s+year|before|previously|(?:at\s+)?(?:the|our)\s+last\b)"
    # "Although we have given the CRC the same rating again"
    r"|\bthe\s+same\s+(?:overall\s+)?(?:rating|mark|grade)\s+again\b"
    # "'Requires improvement', the same as in 2022", "the same as at its last inspection"
    r"|\bthe\s+same\s+as\s+(?:in\s+(?:19|20)\d\d|at\s+(?:its|our|the)\s+(?:last|previous|first)\b|last\s+time)",
    re.I,
)
# "... 'Outstanding' rating, first awarded in 2021", "the 'Good' rating it was given in 2020": when a kept rating
# was first given.
_FIRST_GIVEN = re.compile(
    r"\b(?:first\s+)?(?:given|awarded|received|achieved|earned)\s+in\s+(?:\w+\s+)?(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# What may stand between a unit sharing the next unit's rating and that unit: its own type word and "and".
_JOINED = re.compile(
    r"^\s*(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|division|Youth\s+\w+\s+\w+)?[\s,]*(?:and|&)?[\s,]*"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# A unit's name (its type word, if any) followed straight by a quoted rating.
_RATING_NEXT = re.compile(r"\s*(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|division)?\s*[:–—-]?\s*[‘'“\"]")
_UNIT_SUFFIX = re.compile(r"\s+(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|Youth\s+\w+\s+\w+)$|^NPS\s+")


#: The year the Inspectorate began rating units on the four-point scale: before it, "good" judged work, not a unit.
RATINGS_BEGAN = 2018


def before_ratings(published: datetime.date | None, fieldwork: str | None) -> bool:
    """Whether a release is dated (published, else by its fieldwork) before the four-point ratings began: "Overall,
    the Trust's work was judged to be good" (2013) gives no rating, nor does any earlier rating of such a year."""
    years = YEAR.findall(fieldwork or "")
    year = published.year if published else int(years[-1]) if years else None
    return year is not None and year < RATINGS_BEGAN


def overall_rating(body: list[Mention], title: list[Mention]) -> str | None:
    """The overall rating: stated with "overall", else with a rating verb, else from the title."""
    for candidates, kinds in ((body, {"overall"}), (body, {"plain"}), (title, {"overall", "plain", "weak"})):
        for mention in candidates:
            if mention.kind in kinds:
                return mention.rating
    return next((m.rating for kind in ("weak", "aside") for m in body if m.kind == kind), None)


def previous_ratings(
    mentions: list[Mention],
    rating: str | None,
    body: tuple[str, ...],
    *,
    one_unit: bool = True,
    ref_year: int | None = None,
) -> tuple[PreviousRating, ...]:
    """Earlier ratings in order, without repeats; an undated one goes when a dated one says the same.

    "Retained its 'Good' rating" and "the overall rating stays the same" make the current rating an earlier one too.
    Of one unit's release, an earlier rating beside another rating now is someone else's: "services in the west
    were graded 'Requires improvement', up from a previous 'Inadequate'" in a release rating its unit 'Inadequate'.
    """
    earlier = [
        m for m in mentions if m.kind == "previous" and not (one_unit and rating and m.now not in {None, rating})
    ]
    dated = {m.rating for m in earlier if m.year}
    kept = [PreviousRating(m.rating, m.year) for m in earlier if m.year or m.rating not in dated]
    if rating and not any(p.rating == rating for p in kept):
        retained, year = _retained(body, ref_year)
        if retained:
            kept.append(PreviousRating(rating, year))
    return tuple(dict.fromkeys(kept))


def _retained(body: tuple[str, ...], ref_year: int | None) -> tuple[bool, int | None]:
    """Whether the body says the rating was kept, and the year of the earlier inspection when it says so.

    "We last inspected the division in October 2018. On our return, it has retained its 'Good' rating."
    """
    for number, paragraph in enumerate(body):
        if not may_contain(paragraph, ("retain", "same", "changed", "kept", "keeps")):
            continue
        sentences = split_sentences(paragraph)
        for index, sentence in enumerate(sentences):
            if _RETAINED.search(sentence):
                given = _FIRST_GIVEN.search(sentence)
                if given:
                    return True, int(given["year"])
                dating = [text for text in (sentence, *sentences[index - 1 : index]) if tells_of_earlier(text)]
                # the sentence after, which may open the next paragraph (a quote often runs on into one)
                following = body[number + 1] if number + 1 < len(body) else ""
                after = sentences[index + 1 : index + 2] or split_sentences(following)[:1]
                return True, _earlier_year(dating, list(after), ref_year) or _received_year(sentence, ref_year)
    return False, None


def _received_year(sentence: str, ref_year: int | None) -> int | None:
    """The one year before this inspection (any year, when the release dates nothing) a sentence keeping a rating
    names: "has retained the 'X' rating it received in 2022"."""
    years = {int(year) for year in YEAR.findall(sentence) if ref_year is None or int(year) < ref_year}
    return years.pop() if len(years) == 1 else None


def _earlier_year(dating: list[str], following: list[str], ref_year: int | None) -> int | None:
    """The year a kept rating was first given: where the release says it inspected before, else in the next
    sentence when that year is before this inspection's ("We returned ... after our last inspection. ... the same
    rating again ... The concerns we raised with them in 2018 ...")."""
    if not dating:
        return None
    year = first_year(dating[0])
    if year is None and following:
        year = first_year(following[0])
        return year if year is not None and (ref_year is None or year < ref_year) else None
    return year


def unit_ratings(names: list[str], body: tuple[str, ...], ref_year: int | None) -> dict[str, str]:
    """Each unit's own overall rating: the one stated after its name and before the next unit's.

    "X PDU was rated 'Inadequate', with Y PDU and Z PDU both rated 'Good'": a unit followed only by
    "and" shares the rating of the unit after it. The first sentence that rates a unit wins.
    """
    places = {name: re.compile(rf"\b{re.escape(_place_of(name))}\b") for name in names}
    ratings: dict[str, str] = {}
    for sentence in (s for paragraph in body for s in split_sentences(paragraph)):
        found = sorted((m.start(), name) for name, place in places.items() if (m := place.search(sentence)))
        carry: str | None = None
        for index in reversed(range(len(found))):
            start, name = found[index]
            segment = sentence[start : found[index + 1][0] if index + 1 < len(found) else len(sentence)]
            stated = _segment_rating(segment, _place_of(name), ref_year)
            joined = _JOINED.match(segment[len(_place_of(name)) :])
            carry = stated[0] if stated else (carry if joined else None)
            if carry:
                ratings.setdefault(name, carry)
    return ratings


def _segment_rating(segment: str, place: str, ref_year: int | None) -> list[str]:
    """The ratings a unit's piece of a sentence gives it: stated with a verb or "overall"; or by its place alone
    ("Fenwold was rated 'Good'"); or, the verb left out, straight after its name ("and Kelby PDU 'Inadequate'")."""
    mentions = rating_mentions(segment, ref_year)
    stated = [m.rating for m in mentions if m.kind in {"overall", "plain"} or m.aspect.lower() == place.lower()]
    if not stated and _RATING_NEXT.match(segment, len(place)):
        stated = [m.rating for m in mentions if m.kind == "weak"][:1]
    return stated


def _place_of(name: str) -> str:
    """The place in a unit's name: "Tameside PDU" → "Tameside"."""
    return _UNIT_SUFFIX.sub("", name)
