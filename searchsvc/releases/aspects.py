"""What a rating is given to: the unit itself, or an aspect of its work ("rated its work with victims as 'Good'")."""

from __future__ import annotations

import re

from searchsvc.releases.text import squash

# One set of characters first, so that re scans for it in C: the same matches as "[,;:()]|\s[–—-]\s", faster.
CLAUSE_BREAK = re.compile(r"[,;:()\s](?:(?<=[,;:()])|(?<=\s)[–—-]\s)")
# "Inspectors rated <aspect> as 'X'" and "found <aspect> to be 'X'": the words in between are what was rated.
# \A: ".*" already reaches every start, so letting search() try each one again only repeats a failure.
RATED_OBJECT = re.compile(
    r"\A.*\b(?:rated|rates|graded|judged|assessed|scored)\s+(?!(?:as|overall|to|an?|by|at|in|on|for|from)\b)"
    # "judged X PDU to 'Require improvement'": the rating a verb after "to".
    r"(?P<aspect>.+?)\s+(?:as|to(?:\s+be)?)?\s*(?:an?\s+)?$",
    re.IGNORECASE | re.DOTALL,
)
_FOUND_OBJECT = re.compile(
    r"\A.*\b(?:found|judged|considered|deemed|assessed)\s+(?!(?:that|to|as|by)\b)(?P<aspect>.+?)\s+(?:to\s+be|as)\s+"
    r"(?:an?\s+)?$",
    re.IGNORECASE | re.DOTALL,
)

# "Inspectors found that ...", "The report said ...": a reported clause's opening words, before the subject.
_REPORTED_THAT = r"(?:.*?\b(?:found|said|showed|concluded|reported)\s+(?:that\s+)?)?"
# "<aspect> was rated 'X'": the subject of a passive clause; "Case planning was judged (by inspectors) to require
# improvement" rates a part of the work as much as "was judged to be".
_RATED_SUBJECT = re.compile(
    r"^\s*(?:(?:and|but|while|whilst|whereas|although|however|overall)\s+)?"
    rf"{_REPORTED_THAT}(?P<aspect>.+?)\s+(?:(?:has|have|had)\s+(?:\w+\s+)?been|was|were|is|are|remains|remained)"
    r"(?:\s+(?:now|also|again|still|consistently))?(?:\s+(?:rated|judged|graded|assessed|found|deemed|considered))?"
    r"(?:\s+by\s+[^,.;]{1,60}?)?(?:\s+(?:as|to\s+be|to))?(?:\s+an?)?\s*$",
    re.IGNORECASE,
)
_RATED_FOR = re.compile(
    # "rated 'X' for the first time", "for a second time": when, not what.
    r"^\s*(?:rating\s+)?for\s+(?!(?:the\s+|its\s+|a\s+)?(?:first|second|third|last)\b)(?:its\s+|their\s+)?"
    r"(?P<aspect>[^,.;:]{3,120})",
    re.IGNORECASE,
)
_UNIT_REFERENCE = re.compile(
    r"^(?:it|which|this|that|they|each(?:\s+(?:one|unit|service))?|both(?:\s+(?:units|services|PDUs))?"
    # "The first was rated 'Good'; the second, ...": units just named, in turn
    r"|the\s+(?:first|second|third)"
    # "we have rated NPS Wales 'Good'": a division named after "NPS"
    r"|(?:the\s+)?NPS(?:\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?:and\s+)?(?-i:[A-Z])[\w’'-]*){0,3})"
    r"|(?:the|this|that|its)\s+(?:pdu|crc|trust|division|service|unit|team|yot|yjs|yos|region|area|organisation"
    r"|company|ap)"
    r"|.*\b(?:pdu|crc|ap|probation\s+trust|division|youth\s+(?:justice|offending)\s+(?:service|team)|yot|yjs|yos|region"
    r"|probation\s+services?|probation\s+delivery\s+unit|approved\s+premises|hmpps|community\s+rehabilitation\s+company))"
    # "the X Community Rehabilitation Company (CRC)": a unit's full name, then its short one in brackets; "the
    # probation service there", "the unit concerned": the unit the title or the sentence before named.
    r"(?:\s*\([A-Z]{2,5}\))?(?:\s+(?:there|here|locally|concerned|in\s+question))?$",
    re.IGNORECASE,
)
# "The probation service, or PDU*, in Cumbria has been rated ...": the clause left after the commas is the place.
_IN_PLACE = re.compile(r"^(?:in|for|covering)\s+(?:the\s+)?[A-Z]")
# "YOUTH Justice services in North East Lincolnshire have been rated as 'Good'": one place's services, the unit (not
# "youth justice services across the region", nor "in neighbouring X").
_SERVICES_OF_PLACE = re.compile(
    r"(?i:youth\s+(?:justice|offending)\s+services\s+in)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*$"
)
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are)\b", re.IGNORECASE)
# "The Probation Delivery Unit covering X and the villages around it": where a unit is ends what it is.
_HEAD_END = re.compile(r"\s+(?:of|in|at|across|for|within|with|by|on|covering|serving)\s+", re.IGNORECASE)
# "overall" after the unit, and "A youth justice service shared (by two councils)", "run jointly (by ...)": a
# participle whose agent _HEAD_END cut off describes the unit, and is no part of its work.
# "The service that works (with ...)", "The service that supports children who offend (in X)": a relative clause
# in the present says what the unit does, and names it no part.
_DESCRIBING_TAIL = re.compile(
    r"\s+(?:overall|(?:jointly\s+)?(?:shared|run|hosted|operated|managed|owned|commissioned)(?:\s+jointly)?"
    r"|(?:that|which|who)\s+[a-z]+s\b.*)$",
    re.IGNORECASE,
)
# A unit's work taken whole, with nothing after it to say which part: "its work", "the work of X PDU", "the
# service's work" (not "the service's work with victims").
_WHOLE_WORK = re.compile(
    r"^(?:(?:its|their)\s+(?:overall\s+)?work|(?:the\s+)?(?:overall\s+)?work\s+of\s+(?P<unit>.+)"
    r"|(?P<owner>[^’']+)[’']s?\s+(?:overall\s+)?work)$",
    re.I,
)
# "HMPPS's provision of probation services": a unit's whole work, by the unit's name in the possessive.
_WHOLE_DELIVERY = re.compile(
    r"^(?P<unit>.+?)[’']s\s+(?:delivery|provision)\s+of\s+probation(?:\s+services)?(?:\s+in\s+England\s+(?:and|&)\s+Wales)?$",
    re.I,
)
_MAX_ASPECT = 250
_AUXILIARY_OPENING = re.compile(r"(?:has|have|had|was|were|is|are)\s", re.IGNORECASE)
# "..., which they rated 'good'": the Inspectorate's verb on what the words before the comma name.
_WHICH_RATED = re.compile(
    r",\s*which\s+(?:we|they|inspectors|the\s+inspectorate)\s+(?:have\s+|had\s+)?(?:rated|judged|graded|assessed)"
    r"(?:\s+(?:as|to\s+be))?\s*$",
    re.IGNORECASE,
)
_LAST_PREPOSITION = re.compile(r"\s(?:for|of|on|in|with|to|about|at|by)\s", re.IGNORECASE)
# "fared better and", "did better and": a clause opening on a past verb, its subject before the commas.
_PAST_VERB_OPENING = re.compile(r"(?:[a-z]+ed|did|fell|rose|came|went)\s")
# A name of up to five capitalised words ("Clun Hills"), the subject of such a clause.
_NAME_OR_UNIT = re.compile(r"[A-Z][\w’'&-]*(?:\s+(?:and\s+)?[A-Z][\w’'&-]*){0,4}")
_BRACKETED_END = re.compile(r"\s*\([^()]{1,12}\)\s*$")
# A verb and what follows it up to a closing "and": "has moved up a grade and".
_JOINED_PREDICATE = re.compile(r"(?:^|\s)(?:has|have|had|is|was|were|are)\s+[^,;]{1,60}?\s(?:and|but)$", re.IGNORECASE)
# The subject of a clause, before its verb: "Work with children dealt with out of court" of "... was better".
_CLAUSE_SUBJECT = re.compile(
    rf"{_REPORTED_THAT}(?P<aspect>.+?)\s+"
    r"(?:(?:has|have|had)\s+(?:\w+\s+)?been|was|were|is|are)\s",
    re.IGNORECASE,
)
_CONJUNCTIONS = frozenset({"and", "but", "or", "while", "whilst", "whereas", "although", "though", "yet"})


def rated_aspect(left: str, near_left: str, right: str) -> str | None:
    """What a rating is given to, from "rated X as", "found X to be", "X was rated" or "rated ... for X"."""
    for pattern, text in ((RATED_OBJECT, left), (_FOUND_OBJECT, left), (_RATED_SUBJECT, near_left)):
        match = pattern.search(text)
        # "found that the PDU was ..." is a clause, not an object: leave it to _RATED_SUBJECT.
        if match and not (pattern is _FOUND_OBJECT and _FINITE_VERB.search(match["aspect"])):
            aspect = _clean_aspect(match["aspect"])
            if aspect is None and pattern is _RATED_SUBJECT and match["aspect"].strip().lower() in _CONJUNCTIONS:
                aspect = _coordinated_subject(left[: len(left) - len(near_left)])
            if aspect and aspect.rsplit(None, 1)[-1].lower() in _CONJUNCTIONS:
                aspect = _elided_subject(left, aspect)
            if aspect:
                # "the region was rated 'Outstanding' for its work with victims": the unit, but for one aspect.
                return (is_unit_reference(aspect) and _rated_for(right)) or aspect
    return _rated_for(right) or _rated_in_which_clause(left)


def _rated_in_which_clause(left: str) -> str | None:
    """What ", which they rated 'X'" rates: the words before the comma, from the last preposition ("gave credit for
    the service's case management tools, which they rated 'good'" rates the tools)."""
    clause = _WHICH_RATED.search(left) if "which" in left else None
    if clause is None:
        return None
    antecedent = _LAST_PREPOSITION.split(CLAUSE_BREAK.split(left[: clause.start()])[-1])[-1]
    return _clean_aspect(antecedent)


def _coordinated_subject(before: str) -> str | None:
    """The subject a predicate opened by a lone conjunction shares with the clause before it: "Work with children
    dealt with out of court was better, and was rated 'X'" rates that work. None when that clause opens on its verb
    ("X, rated 'Y' in 2018, has improved, and is now rated 'Z'": its subject stands before the commas)."""
    clauses = [clause.strip() for clause in CLAUSE_BREAK.split(before)]
    previous = next((clause for clause in reversed(clauses) if clause), "")
    match = _CLAUSE_SUBJECT.match(previous)
    return _clean_aspect(match["aspect"]) if match else None


def _elided_subject(left: str, aspect: str) -> str:
    """The unit a verb phrase ending in "and" belongs to, when a bracketed short name cut it off: "X Youth Offending
    Team (YOT) has moved up a grade and is now rated 'Y'" rates X; else the verb phrase itself."""
    if _PAST_VERB_OPENING.match(aspect):
        # "Clun Hills, the smallest of the three, fared better and was rated 'good'": the name opening the sentence
        subject = CLAUSE_BREAK.split(left, maxsplit=1)[0].strip()
        return subject if _NAME_OR_UNIT.fullmatch(subject) or is_unit_reference(subject) else aspect
    if not _AUXILIARY_OPENING.match(aspect):
        return aspect
    start = left.rfind(aspect)
    if start < 0:
        return aspect
    before = _BRACKETED_END.sub("", left[:start])
    subject = CLAUSE_BREAK.split(before)[-1].strip()
    return subject if subject and is_unit_reference(subject) else aspect


def _rated_for(right: str) -> str | None:
    """The aspect of "... rated 'X' for its work with victims", from the words after the rating."""
    match = _RATED_FOR.match(right)
    return _clean_aspect(match["aspect"]) if match else None


def _clean_aspect(text: str) -> str | None:
    """An aspect phrase without stray dashes, quotes or commas at its ends; None if it is not one."""
    aspect = squash(text).strip(" ,;:–—-‘’“”'\"")
    # "..., and is now rated 'X'": a conjunction alone opens the clause, it names nothing rated
    if aspect.lower() in _CONJUNCTIONS:
        return None
    # "X YOT has moved up a grade and is now rated 'Y'": what is rated is the subject of the verb before "and" ("X
    # YOT"); "X, rated 'Y' in 2018, has improved and is now rated 'Z'": none here, it stands before the commas
    joined = _JOINED_PREDICATE.search(aspect)
    aspect = aspect[: joined.start()].strip(" ,") if joined else aspect
    return aspect if aspect and len(aspect) <= _MAX_ASPECT else None


def is_unit_reference(aspect: str) -> bool:
    """True when the thing rated is the unit itself ("the PDU", "it", "Norfolk CRC"), not part of its work."""
    if _IN_PLACE.match(aspect) or _SERVICES_OF_PLACE.match(aspect):
        return True
    whole = _WHOLE_WORK.match(aspect) if "work" in aspect else None
    if whole:
        # "rated its work 'Good'", "judged the work of X PDU to require improvement": all of a unit's work is the unit
        unit = whole["unit"] or whole["owner"]
        return unit is None or (not _HEAD_END.search(unit) and is_unit_reference(unit))
    delivery = _WHOLE_DELIVERY.match(aspect) if "of probation" in aspect else None
    if delivery:
        return is_unit_reference(delivery["unit"])
    head = _HEAD_END.split(aspect, maxsplit=1)[0].strip()
    head = _DESCRIBING_TAIL.sub("", head)
    return bool(_UNIT_REFERENCE.match(head))
