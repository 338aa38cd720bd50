"""A release's rating mentions, sentence by sentence, and the verdicts drawn from them: overall and earlier."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import replace

from searchsvc.releases.model import PreviousRating
from searchsvc.releases.ratings import MENTION_HINTS
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
    # "has held on to the grade it was awarded in 2018"
    r"|\b(?:kept|keeps|(?:held|holds|hung)\s+on\s+to)\s+(?:its|the)\s+(?:overall\s+)?"
    r"(?:rating|grade|mark|[‘'“\"]|(?:outstanding|good|requires\s+improvement|inadequate)\b)"
    r"|\b(?:overall\s+)?rating\s+(?:(?:has|have)\s+)?(?:stays|stayed|remains|remained|remaining)\s+the\s+same\b"
    # "Despite the action taken, the overall rating has not changed"
    r"|\b(?:overall\s+)?rating\s+(?:has|have)\s+not\s+changed\b"
    # "its rating is unchanged from our 2022 inspection"
    r"|\brating\s+(?:is|was|remains|remained)\s+unchanged\b"
    r"|\bthe\s+same\s+(?:rating|mark|grade)\s+as\s+(?:last\s+year|before|previously|(?:at\s+)?(?:the|our)\s+last\b)"
    # "Their verdict, 'Requires improvement', matches the one given at the first national inspection in 2025"
    r"|\bmatch(?:es|ed)\s+the\s+(?:one|rating|grade|verdict)\s+(?:it\s+)?(?:was\s+)?(?:given|awarded|received)\b"
    # "Although we have given the CRC the same rating again"
    r"|\bthe\s+same\s+(?:overall\s+)?(?:rating|mark|grade)\s+again\b"
    # "At the first national inspection, in 2025, inspectors gave the same rating" (not "... the same rating to both")
    r"|\b(?:gave|awarded)\s+(?:it\s+|the\s+\w+\s+)?the\s+same\s+(?:overall\s+)?(?:rating|mark|grade)\b(?!\s+to\b)"
    # "'Requires improvement', the same as in 2022", "the same as at its last inspection"
    r"|\bthe\s+same\s+as\s+(?:in\s+(?:19|20)\d\d|at\s+(?:its|our|the)\s+(?:last|previous|first)\b|last\s+time)"
    # "has stayed at 'Requires improvement', the same rating it received in 2022"
    # "It is the same rating the unit was given at its first inspection in 2022"
    r"|\bthe\s+same\s+(?:overall\s+)?(?:rating|mark|grade)\s+(?:it|they|the\s+\w+)\s+(?:received|was\s+given|got|had)\b",
    re.I,
)
#: What every ``_RETAINED`` holds, lower-cased: tested on a paragraph, then on each of its sentences, for most sentences
#: of a paragraph that says "the same" or "match" are not the one that says it.
_RETAINED_HINTS = ("retain", "same", "changed", "kept", "keeps", "on to", "match")
# "... 'Outstanding' rating, first awarded in 2021", "the 'Good' rating it was given in 2020": when a kept rating
# was first given.
# "the same as when we inspected the PDU in 2023", "at the first inspection, in 2025": what the kept rating is
# compared with dates it too.
_FIRST_GIVEN = re.compile(
    r"\b(?:(?:first\s+)?(?:given|awarded|received|achieved|earned)\s+in\s+(?:\w+\s+)?"
    r"|the\s+same\s+as\s+(?:when|at|in)\b[^.;]{0,60}?\b"
    # "At the first national inspection, in 2025, inspectors gave the same rating"
    r"|\bat\s+(?:the|its|our)\s+(?:first|last|previous)\s+(?:\w+\s+)?inspection,?\s+in\s+(?:\w+\s+)?)(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


#: The year the Inspectorate began rating units on the four-point scale: before it, "good" judged work, not a unit.
RATINGS_BEGAN = 2018


def before_ratings(published: datetime.date | None, fieldwork: str | None) -> bool:
    """Whether a release is dated (published, else by its fieldwork) before the four-point ratings began: "Overall,
    the Trust's work was judged to be good" (2013) gives no rating, nor does any earlier rating of such a year."""
    years = YEAR.findall(fieldwork or "")
    year = published.year if published else int(years[-1]) if years else None
    return year is not None and year < RATINGS_BEGAN


# "This review does not give the unit a new rating", "This thematic inspection does not rate the units visited": a
# release that says it rates nothing now gives no overall rating, whatever ratings it recalls.
_RATES_NOTHING_NOW = re.compile(
    r"\b(?:this|the|our)\s+(?:[\w-]+\s+){0,2}?(?:review|report|inspection|visit|update)\s+(?:does|did|will)\s+not\s+"
    r"(?:give|award|change|re-?rate|rate)\b",
    re.IGNORECASE,
)


_DENIALS = ("does not", "did not", "will not")


def says_it_rates_nothing(texts: tuple[str, ...]) -> bool:
    """Whether a release says that it gives no unit a rating now ("This review does not give the unit a new
    rating")."""
    # "not" is in most releases; "does not", "did not" or "will not" in lower case (never a sentence's first words
    # here: "This review does not ...") in few, and squashed text has single spaces. Looked for in the whole release
    # at once first: a test of each paragraph in turn cost as much as the rest of this rule.
    joined = "\n".join(texts)
    if not any(denial in joined for denial in _DENIALS):
        return False
    return any(any(denial in text for denial in _DENIALS) and _RATES_NOTHING_NOW.search(text) for text in texts)


# ", which we rated as 'Inadequate' in 2019": the Inspectorate's own verb on the unit named just before.
_RATED_BY_US = re.compile(
    r",\s*which\s+(?:we|inspectors|the\s+inspectorate)\s+(?:had\s+|have\s+)?(?:rated|judged|graded|assessed)\b[^,;]*",
    re.IGNORECASE,
)
# The name just before the clause, its words capitalised: "Western Bay YJS", "Dunmoor Valley Youth Offending Service".
_ANTECEDENT = re.compile(r"(?:[A-Z][\w’'&-]*\s+(?:(?:and|of|&)\s+)?)*[A-Z][\w’'&-]*\Z")
#: How far back from ", which" the unit it speaks of is named.
_ANTECEDENT_REACH = 60
_AT_THAT_TIME = re.compile(r"\s*(?:at\s+(?:that|the)\s+(?:time|point)|then|on\s+that\s+occasion)\b", re.IGNORECASE)
#: The kinds of mention that rate the unit a sentence is about, now or before.
_OWN_KINDS = frozenset({"overall", "plain", "weak", "previous"})


def body_mentions(
    body: tuple[str, ...],
    ref_year: int | None,
    about_others: Callable[[str], bool] | None = None,
    *,
    earlier_only: bool = False,
) -> list[Mention]:
    """Every rating in the body, sentence by sentence; those of a sentence ``about_others`` (naming only units
    the release does not inspect) are other units', never this release's: "Neighbouring X PDU ... was rated
    'Requires improvement'". ``earlier_only``: read only the sentences that may tell an earlier rating."""
    # A sentence with a rating word lies in a paragraph with one, and seven paragraphs
    # in eight have none: testing them first saves splitting those into sentences.
    paragraphs = (paragraph for paragraph in body if may_contain(paragraph, MENTION_HINTS))
    mentions = []
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        for index, sentence in enumerate(sentences):
            if earlier_only and not (YEAR.search(sentence) or tells_of_earlier(sentence)):
                continue  # an earlier rating is dated, or told as earlier: the notes' scale is neither
            before = sentences[index - 1] if index else ""
            mentions.extend(_sentence_mentions(sentence, before, ref_year, about_others))
    return mentions


def _sentence_mentions(
    sentence: str, before: str, ref_year: int | None, about_others: Callable[[str], bool] | None
) -> list[Mention]:
    """A sentence's ratings, other units' when it names only them, earlier ones dated by the sentence before."""
    found = rating_mentions(sentence, ref_year)
    if found and about_others is not None and about_others(sentence):
        found = [replace(m, kind="other") if m.kind in _OWN_KINDS else m for m in found]
    elif found and about_others is not None and ", which" in sentence:
        found = _rated_in_relative_clause(found, sentence, ref_year, about_others)
    if any(m.kind == "previous" and m.year is None for m in found):
        found = _dated_by_context(found, sentence, before, ref_year)
    return found


def _rated_in_relative_clause(
    mentions: list[Mention], sentence: str, ref_year: int | None, about_others: Callable[[str], bool]
) -> list[Mention]:
    """A sentence's mentions, those of a clause in which the Inspectorate rates a unit the release does not inspect
    that unit's: "X YJS began operating in 2019 when Y YJS, which we rated as 'Inadequate' in 2019, was split"."""
    clause = _RATED_BY_US.search(sentence)
    named = _ANTECEDENT.search(sentence, max(0, clause.start() - _ANTECEDENT_REACH), clause.start()) if clause else None
    if clause is None or named is None or not about_others(named[0]):
        return mentions
    # The clause's mentions by their places among the sentence's: those before it, then its own.
    start = len(rating_mentions(sentence[: clause.start()], ref_year))
    end = len(rating_mentions(sentence[: clause.end()], ref_year))
    return [
        replace(m, kind="other") if start <= index < end and m.kind in _OWN_KINDS else m
        for index, m in enumerate(mentions)
    ]


def _dated_by_context(mentions: list[Mention], sentence: str, before: str, ref_year: int | None) -> list[Mention]:
    """Undated earlier ratings given the one year before this inspection that their sentence names elsewhere
    ("moved from 'X' to 'Y' since it was first inspected in 2022"), or, when the sentence opens with "At that
    time", that the sentence before names ("We first inspected the PDU in 2022. At that time it was rated 'X'")."""
    if ref_year is None:
        return mentions
    years = {int(year) for year in YEAR.findall(sentence) if int(year) < ref_year}
    if not years and _AT_THAT_TIME.match(sentence):
        years = {int(year) for year in YEAR.findall(before) if int(year) < ref_year}
    if len(years) != 1:
        return mentions
    year = years.pop()
    return [replace(m, year=year) if m.kind == "previous" and m.year is None else m for m in mentions]


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
    told = _told_elsewhere(mentions, earlier)
    kept = [PreviousRating(m.rating, m.year) for m in earlier if m.year or m.rating not in told]
    still = _kept_rating(body, rating, one_unit, ref_year)
    if still and not any(p.rating == still.rating for p in kept):
        kept.append(still)
    if rating is None and says_it_rates_nothing(body):
        kept.extend(_recalled(body, ref_year))
    return tuple(dict.fromkeys(kept))


def _recalled(body: tuple[str, ...], ref_year: int | None) -> list[PreviousRating]:
    """The ratings a release giving none now recalls, each with the one year its sentence names: "a short review of
    progress at X PDU, which was rated 'Inadequate' in our full inspection in 2023" (its review gives no new one)."""
    recalled: list[PreviousRating] = []
    for paragraph in body:
        if not may_contain(paragraph, MENTION_HINTS):
            continue
        for sentence in split_sentences(paragraph):
            years = set(YEAR.findall(sentence))
            if len(years) == 1:
                year = int(years.pop())
                recalled.extend(
                    PreviousRating(m.rating, m.year or year)
                    for m in rating_mentions(sentence, ref_year)
                    if m.kind in _OWN_KINDS | {"aside"}
                )
    return recalled


def _told_elsewhere(mentions: list[Mention], earlier: list[Mention]) -> set[str]:
    """The ratings an undated earlier rating of the same word stands for: a dated earlier one's, and, when the unit's
    own earlier rating is dated, another unit's ("... Western Bay YJS, which we rated as 'Inadequate' in 2019. Bridgend
    YJS last inspected in 2022 where it received 'Requires improvement'. ... Bridgend YJS' progress from 'Inadequate'
    to 'Outstanding'": the 'Inadequate' is Western Bay's)."""
    dated = {m.rating for m in earlier if m.year}
    return dated | {m.rating for m in mentions if m.kind in {"aside", "other"}} if dated else dated


def _kept_rating(
    body: tuple[str, ...], rating: str | None, one_unit: bool, ref_year: int | None
) -> PreviousRating | None:
    """The rating now as an earlier one too, when the body says it was kept; of several units, the one its own
    sentence gives: "Y PDU has stayed at 'Requires improvement', the same rating it received in 2022"."""
    if one_unit and rating is None:
        return None  # no rating now, so none kept, whatever the body says: not read (two releases in five)
    retained, year, said = _retained(body, ref_year)
    kept = rating if one_unit else said or rating
    return PreviousRating(kept, year) if retained and kept else None


def _retained(body: tuple[str, ...], ref_year: int | None) -> tuple[bool, int | None, str | None]:
    """Whether the body says the rating was kept, the year of the earlier inspection when it says so, and the rating
    the sentence saying so gives, if any.

    "We last inspected the division in October 2018. On our return, it has retained its 'Good' rating."
    """
    for number, paragraph in enumerate(body):
        if not may_contain(paragraph, _RETAINED_HINTS):
            continue
        sentences = split_sentences(paragraph)
        for index, sentence in enumerate(sentences):
            if may_contain(sentence, _RETAINED_HINTS) and _RETAINED.search(sentence):
                said = next((m.rating for m in rating_mentions(sentence, ref_year) if m.kind != "aggregate"), None)
                given = _FIRST_GIVEN.search(sentence)
                if given:
                    return True, int(given["year"]), said
                dating = [text for text in (sentence, *sentences[index - 1 : index]) if tells_of_earlier(text)]
                # the sentence after, which may open the next paragraph (a quote often runs on into one)
                following = body[number + 1] if number + 1 < len(body) else ""
                after = sentences[index + 1 : index + 2] or split_sentences(following)[:1]
                earlier = _earlier_year(dating, list(after), ref_year) or _received_year(sentence, ref_year)
                return True, earlier, said
    return False, None, None


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
