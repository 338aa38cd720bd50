"""The units a release inspects (PDU, CRC, trust, NPS division, youth justice service, region, approved
premises, national) and the region they are in."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from searchsvc.releases.placenames import NOT_PLACE
from searchsvc.releases.placenames import place_name
from searchsvc.releases.regions import ENGLAND_AND_WALES
from searchsvc.releases.regions import canonical_region
from searchsvc.releases.text import NEAR
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import folds_unlike_lower
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import opening_paragraphs
from searchsvc.releases.text import split_sentences
from searchsvc.releases.unitnames import HINT_WORDS
from searchsvc.releases.unitnames import KIND_OF
from searchsvc.releases.unitnames import LISTED_PDUS
from searchsvc.releases.unitnames import PDU_SERVING
from searchsvc.releases.unitnames import PLACE
from searchsvc.releases.unitnames import PLACE_AFTER_PREPOSITION
from searchsvc.releases.unitnames import PLACE_SERVICES
from searchsvc.releases.unitnames import UNIT_HINTS
from searchsvc.releases.unitnames import UNIT_KEYWORDS
from searchsvc.releases.unitnames import UNIT_PATTERNS
from searchsvc.releases.unitnames import YOUTH_SERVICE

_YOUTH_NAMES = {
    "yjs": "Youth Justice Service",
    "yot": "Youth Offending Team",
    "yos": "Youth Offending Service",
}
# "Inspection of Youth Offending work in X": a core case inspection names the area it inspected, and names the
# service, if at all, only in its closing words ("implemented by X YOS"), past the opening
# sentences the unit finder reads.
_AREA_WORK = re.compile(rf"(?i:youth\s+offending\s+work\s+in)\s+{PLACE_AFTER_PREPOSITION}")
_SERVICES_IN_PLACES = re.compile(rf"(?i:probation\s+services)\s+(?i:in)\s+{PLACE_AFTER_PREPOSITION}")
_PLACE_UNIT = re.compile(rf"\bthe\s+{PLACE}\s+unit\b")
_PLACE_UNIT_OPENING = re.compile(rf"\b(?i:the)\s+{PLACE}\s+unit\b")
_AREA_PROVIDERS = ("CRC", "Community Rehabilitation", "NPS", "National Probation Service")
_AREA_SERVICE = r"(?<![\w’'])({place})\s+(?P<kind>(?i:{service})|YJS|YOT|YOS)\b"

_LIST_SPLIT = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
# "Calderdale PDU was found to be 'Good'", "Beacon Road AP has been judged to be ...": a judgement or a quoted
# rating is an inspection's.
_INSPECTION = re.compile(
    r"(?=[irj‘'“\"])(?:\b(?:inspect\w*|rated|rating|report\w*|review\w*|judged)\b"
    r"|[‘'“\"](?:outstanding|good|requir\w*\s+improvement|inadequate)\b)",
    re.IGNORECASE,
)
_THEMATIC = re.compile(r"(?=t)\bthematic\b", re.IGNORECASE)
# What a text about an inspection says somewhere besides "inspect": "HMIP", "HMI Probation", "rated", "ratings".
_INSPECTING = re.compile(r"\b(?:HMIP?|rated|ratings?)\b", re.IGNORECASE)
_PLURAL_UNITS = re.compile(
    r"(?=[pcdyr])\b(?:PDUs|CRCs|Probation\s+Trusts|divisions|youth\s+(?:justice|offending)\s+(?:services|teams)|YOTs|regions)\b",
    re.IGNORECASE,
)
# A page copied from a blog may open with short lines ("Share This Post") before the release itself.
_OPENING_PARAGRAPHS = 6
_UNITS_IN = re.compile(
    r"\b(?:(?i:probation\s+(?:delivery\s+)?units)|PDUs)(?:\s+\(PDUs\))?\s+(?:in|(?i:are|were)\s+(?i:all\s+)?part\s+of)"
    r"\s+(?:the\s+)?(?:Probation\s+Service[’']s\s+)?[A-Z]"
)
# "on two East Midlands approved premises": a count before a name makes it the kind of several, no one unit.
_COUNTED_BEFORE = re.compile(r"\b(?:two|three|four|both)\s+$", re.IGNORECASE)
_AND_IN = re.compile(rf"\s+and\s+in\s+{PLACE_AFTER_PREPOSITION}")
_SERVICES_IN = re.compile(r"\s+in\s+(?:the\s+)?", re.IGNORECASE)
_SIBLING_REACH = 40
_SIBLING_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,\s*which\s+(?:\w+\s+){0,2}?(?:received|was|were|has|had|got)\b", re.I
)
# "Lindley YJS, which was rated 'Requires improvement' when last inspected in 2020, has improved": the aside tells
# an earlier rating, then the unit's own verb in the present follows, so the unit is the sentence's subject, not a
# sibling only mentioned ("X PDU, which received an overall rating of 'Good', was inspected beside Y PDU" is one).
_ASIDE_THEN_VERB = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,\s*which\b(?=[^,.;:]*\b(?:(?:19|20)\d\d|last|previously|earlier)\b)[^,.;:]*,"
    r"\s*(?:has|have|is|now)\b",
    re.I,
)
_SIBLING_BEFORE = re.compile(
    r"\b(?:(?:second|other|another|first)\s+(?:one\s+)?(?:is|was)|like|unlike|than|as\s+with|compared\s+(?:with|to)"
    # "the neighbouring X PDU": a unit beside the one inspected, never the one itself.
    # "Its neighbours Bolton and Wigan PDUs were both rated ...": (one neighbour may be inspected beside it)
    r"|neighbou?ring|(?:its|their)\s+neighbou?rs"
    # "only the second approved premises rated 'Outstanding', after X Approved Premises last year"
    r"|after"
    # "when the former Lowmoor PDU was merged into it": a unit that no longer exists is not inspected
    r"|former"
    r"|also\s+published\s+(?:on|for|about)"
    # "Congratulations to the Midlands Division of the NPS" tops a league table, no inspection of its own.
    r"|congratulations\s+to"
    # "X probation services managed by Y Community Rehabilitation Company": Y ran X's services, X was inspected.
    r"|managed\s+by"
    # "fieldwork took place in each X Probation Delivery Unit": every unit of a kind, none of them by name.
    r"|each|every)\s+(?:the\s+)?(?:(?:neighbouring|neighboring|nearby|fellow)\s+)?$",
    re.IGNORECASE,
)
_OPENING_SENTENCES = 12
# "A probation delivery unit in X", never "also known as a Probation Delivery Unit (PDU), for X".
_DESCRIBED = re.compile(r"(?<!\bas\s)\b[Aa]n?\s+$")
# "a PDU in Manchester North": a place that ends on its compass point is a unit's name, as a county's opens on one.
_SUBDIVISION = re.compile(r"\s(?:North|South|East|West|Central)$")
# "By contrast, Kentmere Youth Justice Service ... was rated 'Inadequate'", once the opening has named its own unit:
# a unit set against the one already named is compared with it, not inspected.
_COMPARING_OPENER = re.compile(r"\s*(?:by|in)\s+(?:comparison|contrast)\b", re.IGNORECASE)
_LISTED = 3
_COUNT = re.compile(
    r"(?=[tfbp])\b(?P<n>two|three|four|both|pair|trio)\b(?:\s+(?:of\s+)?[\w’'-]+){0,3}?\s+"
    r"(?:areas|PDUs|(?:probation\s+)?delivery\s+units|(?:probation\s+)?services|units|divisions|CRCs|teams|regions"
    # "inspection reports on both probation providers in the north east": the CRC and the NPS division
    r"|(?:probation\s+)?providers|(?:approved\s+)?premises)\b",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "both": 2, "pair": 2, "three": 3, "trio": 3, "four": 4}
# "the X Community Rehabilitation Company (X CRC)": what a unit's long name ends with, before its short name.
# The short name may open with letters the place pattern skips: "(B&P YOS)" matches from its "P".
_RESTATED_BEFORE = re.compile(
    r"(?:(?i:company|unit|service|team|trust|premises|division)|PDU|CRC|YOT|YOS|YJS)\s*\([^()\s]{0,12}$"
)
# "all 21 CRCs and seven NPS divisions have now been inspected": every unit of a kind, so no one of them.
_ALL_BEFORE = re.compile(r"\ball\s+(?:the\s+)?(?:\d+\s+|[a-z]+\s+)?$", re.IGNORECASE)
# "A consultation on standards for a national inspection of the Probation Service": a consultation proposes an
# inspection; the unit it names is inspected by none yet.
_CONSULTATION = re.compile(r"\bconsultations?\b", re.IGNORECASE)
# "West Berkshire Council’s Youth Offending Team": the council running a unit is no part of its place's name.
# "An inspection of probation services in , Leicestershire, and Rutland Community Rehabilitation Company" (a word
# lost from a report's cover): the last place of a list whose head the name patterns could not read is no unit.
_LIST_TAIL = re.compile(
    r"(?<![\w’'])(?!(?:PDU|CRC|YOT|YJS|YOS|NPS|Company|Service|Team|Trust|Unit|Division|Premises|Region)\b)"
    # A word closed by a quote is a quoted rating ("rated ‘REQUIRES IMPROVEMENT’, and Y ..."), not a place.
    r"[A-Z][\w’']*(?<![’']),\s+(?:and|&)\s+$"
)
# Words of a unit's name that tell what it is, not where: "Reading Youth Justice and Prevention Service".
_NOT_PLACE_KEYS = frozenset(
    "and & of the pdu crc nps yjs yos yot youth justice offending prevention targeted support service services team "
    "partnership approved premises probation trust region division hm prison".split()
)
#: The unit types named by their place and a word after it: "Norfolk PDU", "Derbyshire Probation Trust".
_SUFFIXED = {"PDU": "PDU", "CRC": "CRC", "Probation Trust": "Probation Trust"}
_POSSESSIVE = re.compile(r"[’']s\s")


def _unit_name(match: re.Match[str], place: str, unit_type: str) -> str | None:
    """The normalised name of a unit: "Norfolk PDU", "NPS Wales", "Leeds Youth Justice Service"; None if no unit."""
    if unit_type != "national" and ENGLAND_AND_WALES.search(place):
        return None  # "the fifth PDU in England and Wales to be rated 'Good'": the whole service is no local unit
    if unit_type in _SUFFIXED:
        return f"{place} {_SUFFIXED[unit_type]}"
    if unit_type == PDU_SERVING:
        # "The probation delivery unit for the Fens": a unit serves a town or district, never a whole region ("The
        # PDU, in the Probation Service's North East region, ...").
        return None if canonical_region(place) or _POSSESSIVE.search(place) else f"{place} PDU"
    if unit_type == "approved premises":
        # "two East Midlands approved premises": premises are named for their house or street, never a region.
        return None if canonical_region(place) else f"{place} Approved Premises"
    if unit_type == "NPS division":
        return f"NPS {place}"
    if unit_type == "youth justice service":
        return _youth_service_name(match["kind"], place)
    if unit_type == PLACE_SERVICES:
        return _place_services_name(match["kind"], place)
    if unit_type == "national":
        # "a national inspection of the Probation Service": HMPPS runs it, and is the one national unit.
        return "HM Prison and Probation Service"
    # "Probation services in X" names a region only when X is one of the twelve: Nottinghamshire is not.
    return canonical_region(place) or (place if unit_type == "region" else None)


def _youth_service_name(kind: str, place: str) -> str | None:
    """ "Leeds Youth Justice Service" from "Leeds YJS" or "Leeds youth justice service"; None for services in general.

    "Smaller youth offending services are ...": a plural in lower case is services in general, while one local
    service named in the plural is capitalised ("Warwickshire Youth Justice Services").
    """
    if kind[0].islower() and kind.endswith("s"):
        return None
    words = (word if word.lower() == "and" else word.capitalize() for word in kind.split())
    return f"{place} {_YOUTH_NAMES.get(kind.lower()) or ' '.join(words)}"


def _place_services_name(kind: str, place: str) -> str | None:
    """ "X Youth Justice Service" from "youth justice services in X", "X Youth Offending Team" from "the youth
    offending team in X"; None for a country, a region or a unit's name."""
    if place.split()[0] in {"England", "Wales"} or "Youth" in place or canonical_region(place):
        return None
    noun = "Team" if kind.lower().endswith("team") else "Service"
    return f"{place} Youth {'Offending' if 'offending' in kind.lower() else 'Justice'} {noun}"


def _is_sibling(sentence: str, match: re.Match[str]) -> bool:
    """A unit only mentioned: "X PDU, which received ...", "The second is X PDU", "like X PDU"."""
    before, after = sentence[max(0, match.start() - _SIBLING_REACH) : match.start()], sentence[match.end() :]
    return bool(_SIBLING_AFTER.match(after) and not _ASIDE_THEN_VERB.match(after) or _SIBLING_BEFORE.search(before))


def _list_tail(sentence: str, match: re.Match[str]) -> bool:
    """Whether a unit's place is only the last of a list of places ("X, and Y CRC") the name did not take in."""
    start = match.start("place")
    return "," in sentence[max(0, start - 8) : start] and bool(
        _LIST_TAIL.search(sentence[max(0, start - _SIBLING_REACH) : start])
    )


def _restated(sentence: str, match: re.Match[str]) -> bool:
    """Whether a unit is the one just named, again in brackets by its short name: "X Company (X CRC)"."""
    before = sentence[max(0, match.start() - 32) : match.start()]
    return "(" in before and bool(_RESTATED_BEFORE.search(before))


# Remembered: several rules read the opening sentences in turn, and a sentence with a rating is read for siblings too.
@functools.lru_cache(maxsize=128)
def _units_in(sentence: str, regional: bool) -> tuple[tuple[tuple[bool, int, str, str], bool], ...]:
    """(is a region, position, name, unit type) of every unit a sentence names, regions last, each with whether it is
    only a sibling mentioned (``_is_sibling``).

    ``regional``: the release speaks of a region elsewhere, so "probation services across Greater Manchester" names
    that region though the sentence never says "region".
    """
    units: list[tuple[tuple[bool, int, str, str], bool]] = []
    present = _hint_words_in(sentence)
    present = present | {"region"} if regional else present
    for (pattern, unit_type), needed, hints in zip(UNIT_PATTERNS, UNIT_KEYWORDS, UNIT_HINTS, strict=True):
        if present.isdisjoint(hints):
            continue
        for match in _matches(pattern, needed, sentence):
            place, sibling = place_name(match["place"]), _is_sibling(sentence, match)
            if unit_type == LISTED_PDUS:
                units.extend((pdu, sibling) for pdu in _listed_pdus(sentence, match, place))
                continue
            # "Ribblesdale Probation Delivery Unit in Lancashire": the unit named before is placed, not another.
            # "A probation delivery unit in Essex has been rated": where an unnamed unit is, its name still to come.
            named_before = unit_type == PDU_SERVING and (
                _name_ends(sentence[: match.start()]) or _described(sentence, match, place)
            )
            name = _unit_name(match, place, unit_type) if place and not named_before else None
            if name and _names_this_unit(sentence, match):
                kind = KIND_OF.get(unit_type, unit_type)
                units.append(((kind == "region", match.start(), name, kind), sibling))
                others = _and_in_another(sentence, match, unit_type)
                units.extend(((False, match.end(), other, kind), sibling) for other in others)
    return tuple(sorted(units, key=lambda named: named[0]))


def _described(sentence: str, match: re.Match[str], place: str | None) -> bool:
    """Whether "a probation delivery unit in X" says where a unit yet unnamed is, not that X is its name."""
    return bool(_DESCRIBED.search(sentence, 0, match.start())) and not (place and _SUBDIVISION.search(place))


def _listed_pdus(sentence: str, match: re.Match[str], place: str | None) -> list[tuple[bool, int, str, str]]:
    """The PDUs of "units in North Manchester, Tameside and Wigan": one a place. Units in one place ("the two
    probation delivery units in Cheshire") are the area holding them, no unit of its own."""
    places = _LIST_SPLIT.split(place) if place else []
    # "the probation delivery units in Belmont and in Stanwick": each place has its own.
    more = _AND_IN.match(sentence, match.end()) if places else None
    places = [*places, place_name(more["place"]) or ""] if more else places
    places = places if len(places) > 1 and all(places) else []
    return [(False, match.start() + index, f"{one} PDU", "PDU") for index, one in enumerate(places)]


def _name_ends(text: str) -> bool:
    """Whether ``text`` ends with a word of a place's name: capitalised, and no word opening a sentence."""
    words = text[-_SIBLING_REACH:].split()
    return bool(words) and words[-1][:1].isupper() and words[-1] not in NOT_PLACE


def _and_in_another(sentence: str, match: re.Match[str], unit_type: str) -> list[str]:
    """The second place's service of "the youth justice services in X and in Y": each place has its own."""
    more = _AND_IN.match(sentence, match.end()) if unit_type == PLACE_SERVICES else None
    place = place_name(more["place"]) if more else None
    name = _place_services_name(match["kind"], place) if place else None
    return [name] if name else []


def _names_this_unit(sentence: str, match: re.Match[str]) -> bool:
    """Whether a unit's name is a unit's, inspected or a sibling (``_is_sibling`` tells which): not counted ("two X
    approved premises"), not the last unit's short name in brackets, not the tail of a list of places."""
    return not (
        _COUNTED_BEFORE.search(sentence, max(0, match.start() - 8), match.start())
        or _restated(sentence, match)
        or _list_tail(sentence, match)
    )


def _hint_words_in(sentence: str) -> frozenset[str] | set[str]:
    """The words of ``UNIT_HINTS`` that ``sentence`` may hold, in any case."""
    if folds_unlike_lower(sentence):
        return HINT_WORDS
    lowered = sentence.lower()
    return {word for word in HINT_WORDS if word in lowered}


def _matches(pattern: re.Pattern[str], needed: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """Each match of ``pattern``, looked for only while the word it cannot match without is still ahead.

    Trying a place at every capital letter was a fifth of parsing; most sentences hold no unit or one.
    """
    position = 0
    while (keyword := needed.search(sentence, position)) is not None:
        match = pattern.search(sentence, position)
        if match is None:
            return
        yield match
        position = max(match.end(), keyword.start() + 1)


def _subject_units(sentence: str, regional: bool = False) -> list[tuple[str, str]]:
    """The units a sentence is about, unless it names them among many ("six PDUs, including Norfolk PDU")."""
    units = tuple(unit for unit, sibling in _units_in(sentence, regional) if not sibling)
    if not units or (may_contain(sentence, ("consultation",)) and _CONSULTATION.search(sentence)):
        return []
    if _among_many(sentence, units[0][1]):
        return []
    # "reports on three probation delivery units in X, part of the Y region": the region holds the units.
    # "The three probation delivery units are part of the North East region": so too the region they are part of.
    if all(unit[0] for unit in units) and may_contain(sentence, ("units", "PDUs")) and _UNITS_IN.search(sentence):
        return []
    # A region beside a unit is where the unit is, not a second unit.
    kept = [unit for unit in units if not unit[0]] or units[:1]
    return list(dict.fromkeys((name, unit_type) for _, _, name, unit_type in kept))


def _among_many(sentence: str, first: int) -> bool:
    """Whether a sentence names its units among many: after a plural of them, or as "all 21 CRCs"."""
    plural = _PLURAL_UNITS.search(sentence)
    if plural is None:
        return False
    if _ALL_BEFORE.search(sentence[max(0, plural.start() - NEAR) : plural.start()]):
        return True
    # "An Inspection of Youth Offending Services in X Youth Offending Team": the services of the one place named
    # next, the inspection's own title, not a list.
    return plural.start() < first and not _SERVICES_IN.fullmatch(sentence, plural.end(), first)


def opening_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The opening sentences, each cut to a window: where a release says what it is about."""
    sentences: list[str] = []
    # Split no paragraph past the last sentence kept: a third of the opening paragraphs lie beyond it.
    for paragraph in opening_paragraphs(paragraphs, _OPENING_PARAGRAPHS):
        sentences.extend(split_sentences(paragraph))
        if len(sentences) >= _OPENING_SENTENCES:
            break
    return [sentence[:WINDOW] for sentence in sentences[:_OPENING_SENTENCES]]


def inspected_units(title: str, body: tuple[str, ...]) -> list[tuple[str, str]]:
    """The inspected units (name, type): the subjects of the first inspection sentence; none for thematic work."""
    if _THEMATIC.search(title) or not _speaks_of_inspecting(title, body):
        return []
    fallback: list[tuple[str, str]] = []
    sentences = opening_sentences(body)
    # "Kent, Surrey, and Sussex probation region requires improvement", then "Probation services across Kent, Surrey,
    # and Sussex have been given ...": a release speaking of a region names it by its place alone.
    regional = any(may_contain(text, ("region",)) for text in (title, *sentences))
    for index, sentence in enumerate(sentences):
        if not _inspecting(sentence, bool(fallback)):
            # Many units and no inspection is a list (of visits to come, say), not what the release is about. Only
            # the first such sentence naming units is kept, so the rest are not read for units.
            units = [] if fallback else _subject_units(sentence)
            fallback = fallback or (units if len(units) < _LISTED else [])
        elif _THEMATIC.search(sentence):
            return []
        elif (units := _subject_units(sentence, regional)) and not _untitled(
            units, title, fallback, sentences[index + 1 :]
        ):
            following = sentences[index + 1 :]
            units = _spelled_out(_named_by_place(_service_named(units, sentence, following), following), following)
            # "X and Y probation units reinspected": a title naming units counts them too.
            count = max(_stated_count([title, *sentences[: index + 1]]), len(_subject_units(title[:WINDOW])))
            found = _more_units(units, following, count)
            return _as_titled(found, title)
    return (
        fallback if fallback and not _regions_of_titled(fallback, title) else _named_elsewhere(title, body, sentences)
    )


def _named_elsewhere(title: str, body: tuple[str, ...], sentences: list[str]) -> list[tuple[str, str]]:
    """The units of a release whose opening has no inspection sentence naming them: by its title, an area's
    service, places called units."""
    return (
        _subject_units(title[:WINDOW])
        or _area_service(title, body)
        or _places_called_units(sentences)
        or _place_unit_inspected(sentences)
    )


def _untitled(units: list[tuple[str, str]], title: str, before: list[tuple[str, str]], following: list[str]) -> bool:
    """Whether an inspection sentence names only units the title does not, and a sentence before or after it a
    titled unit: "Walsall PDU, inspected last month, was rated X. Dudley PDU has now been rated Y" under "Dudley PDU
    rated Y" is Dudley's, and so is "Dudley PDU supervises 2,000 people. The NPS division ... was rated 'Good'"."""
    if _regions_of_titled(units, title):
        return True
    titled = _place_keys(_subject_units(title[:WINDOW]))
    if not titled or titled & _place_keys(units):
        return False
    return bool(titled & _place_keys(before)) or any(titled & _place_keys(_subject_units(s)) for s in following)


def _inspecting(sentence: str, named: bool) -> bool:
    """Whether a sentence speaks of an inspection, and (once the opening has ``named`` its unit) is not set against
    that unit: "By contrast, X ... was rated 'Inadequate'" compares another with it."""
    return bool(_INSPECTION.search(sentence)) and not (named and _COMPARING_OPENER.match(sentence))


def _regions_of_titled(units: list[tuple[str, str]], title: str) -> bool:
    """Whether ``units`` are only regions while the title names units and no region: "Aberwen: probation delivery unit
    rated 'Good'" over "Probation work in Aberwen, in the Wales probation region, is good" is the PDU's; the region
    only holds it."""
    if any(unit_type != "region" for _, unit_type in units):
        return False
    titled = _subject_units(title[:WINDOW])
    return bool(titled) and all(unit_type != "region" for _, unit_type in titled)


def _place_keys(units: list[tuple[str, str]]) -> set[str]:
    """The words of units' names that tell their places, in lower case, however spelt ("Conwy & Denbighshire YJS")."""
    return {word for name, _ in units for word in name.lower().split()} - _NOT_PLACE_KEYS


def named_units(sentence: str) -> list[tuple[str, str]]:
    """(name, unit type) of every unit a sentence names, siblings included."""
    # "False" as _subject_units passes it, positional: the same cache entry.
    return [(name, unit_type) for (_, _, name, unit_type), _ in _units_in(sentence, False)]


def _speaks_of_inspecting(title: str, body: tuple[str, ...]) -> bool:
    """Whether a text speaks of inspecting, inspectors or ratings anywhere: a page that never does (a company's own
    "about us" page, news of a ministry's audit) inspects no unit it names."""
    # Nearly every release says "inspect" in its first lines, so the plain test settles it; the pattern is the rest.
    return any("nspect" in text for text in (title, *body)) or any(_INSPECTING.search(text) for text in (title, *body))


def _places_called_units(sentences: list[str]) -> list[tuple[str, str]]:
    """PDUs the press names by their places alone: "Probation services in X and Y ...", then "at the Y unit" (or
    "the two probation delivery units").

    "Probation services in X" was also how 2014-2021 releases named the area of a CRC and an NPS division, so the
    places are units only when the opening calls one of them a unit and names no CRC or NPS.
    """
    text = " ".join(sentences)
    if " unit" not in text or any(provider in text for provider in _AREA_PROVIDERS):
        return []
    called = {place_name(match["place"]) for match in _PLACE_UNIT.finditer(text)}
    # "Probation services in X, Y and Z each require improvement", then "The three probation delivery units ...".
    count = _stated_count(sentences)
    for match in _SERVICES_IN_PLACES.finditer(text):
        places = _LIST_SPLIT.split(place_name(match["place"]) or "")
        if called.intersection(places) or 1 < len(places) == count:
            return [(f"{place} PDU", "PDU") for place in places]
    return []


def _place_unit_inspected(sentences: list[str]) -> list[tuple[str, str]]:
    """The PDU an opening sentence calls "the X unit" and says was inspected ("The Carnbrook unit, which sits within
    the North West region, was inspected in May"), when a probation delivery unit is what the opening speaks of."""
    text = " ".join(sentences)
    if "delivery unit" not in text.lower() or any(provider in text for provider in _AREA_PROVIDERS):
        return []
    for sentence in sentences:
        match = _PLACE_UNIT_OPENING.search(sentence) if "nspect" in sentence else None
        place = place_name(match["place"]) if match else None
        if place:
            return [(f"{place} PDU", "PDU")]
    return []


def _area_service(title: str, body: tuple[str, ...]) -> list[tuple[str, str]]:
    """The youth service of the area whose youth offending work was inspected, where the release names it."""
    for text in (title, *body[:_OPENING_PARAGRAPHS]):
        if not may_contain(text, ("offending work in",)):
            continue
        for match in _AREA_WORK.finditer(text[:WINDOW]):
            place = place_name(match["place"])
            name = _service_of(place, body) if place else None
            if name:
                return [(name, "youth justice service")]
    return []


def _service_of(place: str, body: tuple[str, ...]) -> str | None:
    """The first youth service of ``place`` the body names: only that area's, not "neighbouring Ferncliff YOT"."""
    pattern = re.compile(_AREA_SERVICE.format(place=re.escape(place), service=YOUTH_SERVICE))
    for paragraph in body:
        found = pattern.search(paragraph) if place in paragraph else None
        if found:
            return _youth_service_name(found["kind"], place)
    return None


def _as_titled(units: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """``units``, each youth service by the title's name for it when the title names it otherwise.

    "North Tyneside’s Youth Justice Service has been rated 'outstanding'" heads a council page that quotes "North
    Tyneside YOS" further down: one service, by the name the release gives it first. A headline's plural ("Derby Youth
    Offending Services good overall") or a description in lower case ("at 'Inadequate' Reading youth justice
    service") is loose wording, not another name.
    """
    youth = "youth justice service"
    # A title naming a youth service otherwise spells it with a capital after the place: most titles have none.
    if " Youth " not in title or all(unit_type != youth for _, unit_type in units):
        return units
    titled = {
        name.split(" Youth ")[0]: name
        for name, unit_type in _subject_units(title[:WINDOW])
        if unit_type == youth and not name.endswith("s") and name[len(name.split(" Youth ")[0]) :] in title
    }
    renamed = [(titled.get(name.split(" Youth ")[0], name) if t == youth else name, t) for name, t in units]
    return list(dict.fromkeys(renamed))


def _named_by_place(units: list[tuple[str, str]], following: list[str]) -> list[tuple[str, str]]:
    """``units``, unless each is a CRC or PDU named by its region and the next sentences name one by its own place.

    "East Midlands CRC not protecting the public" on a blog, then "inspected the Derbyshire, Leicestershire,
    Nottinghamshire and Rutland CRC": the region described the company the release goes on to name ("London CRC"
    stays, as nothing names it otherwise).
    """
    kinds = {unit_type for _, unit_type in units}
    if not kinds <= {"PDU", "CRC"} or not all(canonical_region(name.rsplit(" ", 1)[0]) for name, _ in units):
        return units
    for sentence in following:
        named = [
            (name, t)
            for name, t in _subject_units(sentence)
            if t in kinds and not canonical_region(name.rsplit(" ", 1)[0])
        ]
        if named and _INSPECTION.search(sentence):
            return named
    return units


def _service_named(units: list[tuple[str, str]], sentence: str, following: list[str]) -> list[tuple[str, str]]:
    """``units``, each youth service read from "youth offending services in X" by the name the next sentences give
    X's own service: "published its inspection of youth offending services in X", then "X Youth Offending Team
    (YOT) received an overall rating": one team, by its name, not a "Youth Offending Service" of our making."""
    named = []
    for name, unit_type in units:
        place = name.split(" Youth ")[0]
        if unit_type == "youth justice service" and re.search(rf"(?i:services\s+in)\s+{re.escape(place)}\b", sentence):
            later = (n for text in following for n, t in _subject_units(text) if t == unit_type and n != name)
            name = next((n for n in later if n.split(" Youth ")[0] == place), name)
        named.append((name, unit_type))
    return list(dict.fromkeys(named))


def _spelled_out(units: list[tuple[str, str]], following: list[str]) -> list[tuple[str, str]]:
    """``units``, each by the fuller name the next inspection sentence gives it: "Lincs" in a blog's headline,
    "Lincolnshire" in its first sentence, are one company, not two."""
    spelled = []
    for name, unit_type in units:
        words = name.split()
        # Only a sentence holding the name's first word but not all its words can spell it out: a cheap test first.
        for sentence in following:
            if words[0] in sentence and not all(word in sentence for word in words) and _INSPECTION.search(sentence):
                longer = [n for n, t in _subject_units(sentence) if t == unit_type and _shortens(words, n.split())]
                if longer:
                    name = longer[0]
                    break
        spelled.append((name, unit_type))
    return list(dict.fromkeys(spelled))


def _shortens(short: list[str], full: list[str]) -> bool:
    """Whether each word of a name is the word of a fuller name or its clipped form ("Lincs", "Notts", "Glos")."""
    clipped = [word[:-1] if word.endswith("s") and len(word) > 3 else word for word in short]
    return (
        len(short) == len(full)
        and short != full
        and all(s == f or (len(c) >= 3 and f.startswith(c)) for s, c, f in zip(short, clipped, full, strict=True))
    )


def counts_units(text: str, count: int) -> bool:
    """Whether ``text`` counts as many units as ``count`` (two or more): "Two X probation units rated ..."."""
    return count > 1 and _stated_count([text]) == count


def _stated_count(texts: list[str]) -> int:
    """How many units the opening says were inspected ("in two areas of", "trio of"); 1 when it says none."""
    return max((_COUNTS[match["n"].lower()] for text in texts for match in _COUNT.finditer(text)), default=1)


def _more_units(units: list[tuple[str, str]], following: list[str], count: int) -> list[tuple[str, str]]:
    """``units`` and, while fewer than ``count``, the units the next inspection sentences are about.

    "Services in two areas were rated ... X PDU has been rated 'Good' ... Y PDU has been rated ...".
    """
    found = list(units)
    for sentence in following:
        if len(found) >= count:
            break
        if _INSPECTION.search(sentence):
            found.extend(unit for unit in _subject_units(sentence) if unit not in found)
    return found[: max(count, len(units))]
