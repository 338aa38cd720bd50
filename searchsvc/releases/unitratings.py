"""Each unit's own rating, when a release inspects several: the words after its name, before the next unit's."""

from __future__ import annotations

import re

from searchsvc.releases.ratings import Mention
from searchsvc.releases.ratings import rating_mentions
from searchsvc.releases.text import split_sentences

# What may stand between a unit sharing the next unit's rating and that unit: its own type word and "and".
_JOINED = re.compile(
    r"^\s*(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|division|Youth\s+\w+\s+\w+)?[\s,]*(?:and|&)?[\s,]*"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\b[Tt]he\s+(?P<word>first|second|third)\b(?!\s+(?:time|inspection|of)\b)")
_ORDINAL_INDEX = {"first": 0, "second": 1, "third": 2}
# How a sentence names the only unit of a type (the words after "the"), by what the unit's name ends or begins with.
_CRC_WORDS = r"CRC"
_NPS_WORDS = r"(?:NPS|National\s+Probation\s+Service)(?:\s+[Dd]ivision)?|[Dd]ivision"
# A unit's name (its type word, if any) followed straight by a quoted rating, or by one capitalised as the scale's
# name without quotes ("Inspectors found X PDU Requires Improvement, while ...").
_RATING_NEXT = re.compile(
    r"\s*(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|division)?\s*"
    r"(?:[:–—-]?\s*[‘'“\"]|(?:Requires|Requiring)\s+Improvement\b|(?:Inadequate|Outstanding|Good)\b)"
)
# "Halstow’s overall rating, by contrast, is 'Inadequate'": the unit's own rating, told after its possessive.
_POSSESSIVE_RATING = re.compile(r"[’']s\s+(?:overall\s+)?(?:rating|grade)\b", re.IGNORECASE)
_VERB = re.compile(r"\b(?:rated|judged|graded|assessed)\b", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"\s+(?:PDU|CRC|Probation\s+Trust|Approved\s+Premises|Youth\s+\w+\s+\w+)$|^NPS\s+")


def unit_ratings(names: list[str], body: tuple[str, ...], title: str, ref_year: int | None) -> dict[str, str]:
    """Each unit's own overall rating: the one stated after its name and before the next unit's.

    "X PDU was rated 'Inadequate', with Y PDU and Z PDU both rated 'Good'": a unit followed only by
    "and" shares the rating of the unit after it. The first sentence that rates a unit wins, the title last: "Ford
    House AP 'Good' and Elm Bank AP 'Requires improvement'" may be all that rates each, with no verb, as headlines do.
    """
    references = {name: _reference(name, names) for name in names}
    ratings: dict[str, str] = {}
    order: list[str] = []  # the units as the last sentence naming several gave them, for "the first", "the second"
    for sentence in [*(s for paragraph in body for s in split_sentences(paragraph)), title]:
        found = sorted((m.start(), m.end(), name) for name, ref in references.items() if (m := ref.search(sentence)))
        found = found or _ordinals(sentence, order)
        order = [name for _, _, name in found] if len(found) > 1 else order
        for name, rating in _sentence_ratings(sentence, found, ref_year, headline=sentence is title).items():
            ratings.setdefault(name, rating)
    return ratings


def _sentence_ratings(
    sentence: str, found: list[tuple[int, int, str]], ref_year: int | None, *, headline: bool
) -> dict[str, str]:
    """The rating a sentence gives each unit it names (``found``: where each name starts and ends)."""
    in_turn = _respectively(sentence, [(start, name) for start, _, name in found], ref_year)
    ratings: dict[str, str] = {}
    carry: str | None = None
    for index in reversed(range(len(found))):
        start, named_to, name = found[index]
        end = found[index + 1][0] if index + 1 < len(found) else len(sentence)
        stated = _stated_for(sentence, (start, named_to, end), _place_of(name), ref_year, headline=headline)
        joined = _JOINED.match(sentence[named_to:end])
        carry = in_turn.get(name) or (stated[0] if stated else (carry if joined else None))
        if carry:
            ratings[name] = carry
    return ratings


def _reference(name: str, names: list[str]) -> re.Pattern[str]:
    """How a sentence names a unit: by its place, or by its type when no other unit has that type ("The CRC has
    been rated 'Requires improvement' and the NPS division 'Good'")."""
    place = re.escape(_place_of(name))
    kind = _type_word(name)
    if kind is None or sum(1 for other in names if _type_word(other) == kind) > 1:
        return re.compile(rf"\b{place}\b")
    return re.compile(rf"\b{place}\b|\b[Tt]he\s+{kind}\b")


def _type_word(name: str) -> str | None:
    """The words a sentence names a unit's type by, from its name: "X CRC" → "CRC"; None for most types."""
    if name.endswith(" CRC"):
        return _CRC_WORDS
    return _NPS_WORDS if name.startswith("NPS ") else None


def _ordinals(sentence: str, order: list[str]) -> list[tuple[int, int, str]]:
    """The units of the sentence before, named in turn: "The first was rated 'Good'; the second, 'Requires
    improvement'" after "X PDU and Y PDU were inspected". Two ordinals at least: "the first" alone is no list."""
    if len(order) < 2 or "first" not in sentence.lower():
        return []
    found = [(m.start(), m.end(), _ORDINAL_INDEX[m["word"].lower()]) for m in _ORDINAL.finditer(sentence)]
    if len(found) < 2 or any(index >= len(order) for _, _, index in found):
        return []
    return [(start, end, order[index]) for start, end, index in found]


def _stated_for(
    sentence: str, span: tuple[int, int, int], place: str, ref_year: int | None, *, headline: bool
) -> list[str]:
    """The ratings a sentence gives the unit named from ``span``'s start to its end (its name ends at its middle),
    read alone, else with the words before.

    Read alone, a rating with a verb or "overall" is the unit's, or one of its place alone ("Fenwold was rated
    'Good'"), or, the verb left out, one straight after its name ("and Kelby PDU 'Inadequate'"). Else "Inspectors
    have rated X 'Good' and its neighbour, Y YJS, 'Requires improvement'": the verb before the first unit rates the
    second too, so a rating without a verb of its own counts once the sentence has one ("X, rated 'Inadequate' in
    2022, is now 'Good'": an earlier rating's verb). Read alone first: a list of units each rated in brackets reads
    as the scale when read whole.
    """
    start, named_to, end = span
    alone = rating_mentions(sentence[start:end], ref_year)
    rating_next = _RATING_NEXT.match(sentence, named_to) or _POSSESSIVE_RATING.match(sentence, named_to)
    stated = _stated_alone(alone, place, bool(rating_next))
    if stated:
        return stated
    context = rating_mentions(sentence[:end], ref_year) if start else alone
    # "X PDU was rated 'Good'; Y PDU, 'Requires improvement'; and Z PDU, 'Inadequate'": three ratings read whole are
    # the scale, so none come back; each unit's own, after the verb, is its rating.
    mentions = context[len(rating_mentions(sentence[:start], ref_year)) :] if start and context else alone
    verb = any(m.kind in {"overall", "plain", "previous"} for m in context) or bool(_VERB.search(sentence[:start]))
    return [m.rating for m in mentions if m.kind in {"overall", "plain", "weak"}] if verb or headline else []


def _stated_alone(alone: list[Mention], place: str, rating_next: bool) -> list[str]:
    """The ratings a unit's own words give it: with a verb or "overall", of its place alone, or (``rating_next``)
    the one quoted straight after its name, the verb left out."""
    stated = [m.rating for m in alone if m.kind in {"overall", "plain"} or m.aspect.lower() == place.lower()]
    return stated or ([m.rating for m in alone if m.kind == "weak"][:1] if rating_next else [])


def _respectively(sentence: str, found: list[tuple[int, str]], ref_year: int | None) -> dict[str, str]:
    """Units named in turn, then as many ratings and "respectively": "X PDU and Y PDU have been rated 'Good' and
    'Requires improvement' respectively" gives X 'Good' and Y 'Requires improvement'."""
    if len(found) < 2 or "respectively" not in sentence:
        return {}
    tail = sentence[found[-1][0] : sentence.index("respectively")]
    stated = [m.rating for m in rating_mentions(tail, ref_year) if m.kind not in {"previous", "aggregate"}]
    return {name: rating for (_, name), rating in zip(found, stated, strict=True)} if len(stated) == len(found) else {}


def _place_of(name: str) -> str:
    """The place in a unit's name: "Tameside PDU" → "Tameside"."""
    return _UNIT_SUFFIX.sub("", name)
