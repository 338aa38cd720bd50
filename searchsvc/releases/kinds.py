"""What a release is (inspection, thematic inspection, annual report, corporate news) and its report's address."""

from __future__ import annotations

import re

from searchsvc.releases.text import is_heading
from searchsvc.releases.text import may_contain
from searchsvc.releases.text import opening_paragraphs
from searchsvc.releases.text import split_sentences
from searchsvc.releases.units import named_units

_ANNUAL = re.compile(r"\bannual\s+report\b", re.IGNORECASE)
_THEMATIC = re.compile(r"\bthematic\b", re.IGNORECASE)
_JOINT = re.compile(r"\bjoint\s+(?:\w+\s+)?(?:inspection|review)\b", re.IGNORECASE)
# "..., according to a joint inspection by HM Inspectorate of Probation and HM Inspectorate of Constabulary": work
# done with another inspectorate, opened without naming a unit, looks at a subject across areas.
_JOINT_BY = re.compile(r"\bjoint\s+(?:\w+\s+)?(?:inspection|review)\s+(?:carried\s+out\s+|conducted\s+)?by\b", re.I)
_CITED_AS_EXAMPLES = re.compile(r"\b(?:among\s+others|such\s+as|for\s+(?:example|instance))\b", re.IGNORECASE)
_CORPORATE = re.compile(
    r"\b(?:(?:re-?)?appoint(?:ed|ment|s)?|consultation|farewell|steps?\s+down|(?:business|strategic)\s+plan|vacanc(?:y|ies)"
    r"|recruit(?:ing|ment)|corporate|announc(?:e|es|ed|ing|ement)|updates?\s+on|inspection\s+programmes?"
    r"|statement\s+(?:from|by|on)"
    # how the Inspectorate will inspect: "New inspection standards and ratings for ...", "Revised framework for ..."
    r"|(?:new|revised)\s+(?:[\w-]+\s+){0,2}?(?:standards|framework)\s+(?:and\s+\w+\s+)?for"
    # the Inspectorate's own programme: "launches new round of youth inspections", "Inspections paused during ..."
    r"|(?:round|programme)\s+of\s+(?:[\w-]+\s+){0,3}?inspections|inspections\s+(?:paused|suspended|resume[ds]?))\b",
    re.IGNORECASE,
)
# News about the Inspectorate itself, said in its opening: "has been appointed", "announced he will leave the post",
# "takes up post", "the preferred candidate for Chief Inspector" (a committee's hearing before an appointment).
_ABOUT_THE_INSPECTORATE = re.compile(
    r"\b(?:(?:re-?)?appoint(?:ed|ment)|announc(?:e|es|ed|ing)"
    r"|(?:leav(?:e|es|ing)|takes?\s+up)\s+(?:the\s+|his\s+|her\s+)?post"
    r"|preferred\s+candidate"
    r"|steps?\s+down|blogs?"
    # "has launched an online tool bringing together its ratings": a resource of the Inspectorate's, no inspection
    r"|launch(?:es|ed|ing)?\s+(?:an?|its|our)\s+(?:new\s+)?(?:online\s+|interactive\s+|digital\s+)?"
    r"(?:tool|dashboard|website|hub))\b",
    re.IGNORECASE,
)
# "New effective practice guide on resettlement": a guide cites services' ratings as examples, and inspects none.
# Not a title's "effective practice" or "guidance" alone: "Inspectors find effective practice in X YJS", "X PDU rated
# 'Inadequate' after ignoring national guidance" are inspections.
_GUIDE_TITLE = re.compile(
    r"\b(?:(?:effective\s+)?practice\s+guides?|(?:new|publishes|published|issues)\s+guidance)\b"
    r"|^\s*guidance\b"
    # "How our ratings work: a short guide", "A guide to our inspections", "New guide shares effective practice in ..."
    r"|\b(?:a|our|new)\s+(?:short\s+|new\s+|brief\s+)?guide\b",
    re.IGNORECASE,
)
# What the Inspectorate says or publishes of its own, whatever ratings it cites: "Chief Inspector's speech to the
# ... conference", "What does 'Requires improvement' mean? A blog by X", "Research bulletin: what makes a service
# 'Outstanding'?", "Our probation inspection programme for 2026-27".
_OWN_WORDS_TITLE = re.compile(
    r"\bspeech\s+(?:to|at|by|given)\b|'s\s+speech\b|\bblog\s+(?:post\s+)?(?:by|from)\b"
    r"|\bresearch\s+(?:&\s+analysis\s+)?bulletins?\b"
    r"|^\s*(?:our|the)\s+(?:[\w-]+\s+){0,3}?inspection\s+programme\b",
    re.IGNORECASE,
)
# "X PDU: update on the action plan", "Inspection of X PDU postponed": news of what follows or precedes an
# inspection, told in another release; a rating it recalls was given there.
_AROUND_AN_INSPECTION_TITLE = re.compile(
    r"\baction\s+plan\s+(?:update|published|received)\b"
    r"|\b(?:updates?|progress)\s+(?:on|against)\s+(?:the\s+|its\s+|an?\s+)?action\s+plan\b"
    # said of the inspection itself, not "Inspection finds cancelled appointments"
    r"|\b(?:inspection|visit)\b[^:]{0,60}?\b(?:postponed|deferred|cancelled)(?:\s*$|\s+(?:until|to|after|because)\b)"
    r"|\bpostpone[sd]?\s+(?:its\s+|the\s+|an?\s+)?(?:planned\s+)?(?:inspection|visit)\b",
    re.IGNORECASE,
)
# "11 January 2023 - Green shoots ...": the Inspectorate titles its blog posts with their date (as copies may
# spell it: "11th January 2023", "January 11, 2023").
_DATED_TITLE = re.compile(
    r"^\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+(?:19|20)\d\d"
    r"\s*[–—-]\s"
)
# "a report reinspecting the work ...": a follow-up of thematic work inspects too.
_INSPECTED = re.compile(r"\b(?:re-?inspect\w*|inspect(?:ed|ion|ors?)|rated|rating)\b", re.IGNORECASE)
# "a recent inspection of probation work in the north of London", "Inspection of Youth Offending work in X",
# "Inspection of Offender Management in X" (a Probation Trust's area, 2012), "its report on probation services in X";
# the press's "(a report) into probation services in X" and "the NPS and CRC providing probation services in X"
# (2016-2017): an area inspected (of a CRC and the NPS together, say) is an inspection even when no unit is named;
# the whole of England and Wales is thematic work.
_AREA_INSPECTED = re.compile(
    r"\b(?i:(?:inspection\s+(?:report\s+)?of|(?:report|inspection)\s+on|into|providing)\s+(?:the\s+)?"
    r"(?:(?:probation|youth\s+offending)\s+(?:services|work)|offender\s+management(?:\s+work)?)"
    r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)\s+of\s+)?)(?!England\b)[A-Z]"
)
# "A consultation on standards and ratings for ...", "In this consultation, we are asking for your views": news
# about how the Inspectorate will work, though it speaks of inspecting.
# "The Inspectorate is consulting on changes to the way it rates ...": the same, told with the verb.
# "The Inspectorate is asking for views on its plans to ...", "seeks views on": a consultation without the word.
_CONSULTING = re.compile(
    r"\b(?:a|this|our)\s+consultation\b|\b(?:is|are)\s+consulting\s+on\b"
    r"|\b(?:seeks|seeking|asking\s+for|invites|inviting)\s+(?:your\s+)?views\s+on\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\bhttps?://[^\s<>\"'“”‘’()\[\]]+", re.IGNORECASE)
_OPENING_SENTENCES = 3
# A copied blog page puts short lines ("Share This Post", a byline) between its headline and its first sentences:
# the opening reads this many paragraphs for its three sentences of prose, and stops at the third.
_OPENING_PARAGRAPHS = 8


def _opening(title: str, body: tuple[str, ...]) -> str:
    """The title and the first sentences (headings and a page's short lines beside them): where a release says what
    it is."""
    kept, prose = [title], 0
    for paragraph in opening_paragraphs(body, _OPENING_PARAGRAPHS):
        for sentence in split_sentences(paragraph):
            kept.append(sentence)
            prose += not is_heading(sentence)
            if prose == _OPENING_SENTENCES:
                return " ".join(kept)
    return " ".join(kept)


def release_kind(
    title: str, body: tuple[str, ...], has_units: bool, has_rating: bool, *, rated_now: bool = True
) -> str:
    """One of ``KINDS``: judged by the title first, then by what was found, then by the opening sentences.

    ``has_rating``: the release gives a unit an overall rating, now or at an earlier inspection (``rated_now``:
    now). A unit with a rating makes an inspection whatever the opening says ("following a joint inspection"),
    unless the title says annual report or thematic; news about the Inspectorate itself rates nothing.
    """
    opening = _opening(title, body)
    if _ANNUAL.search(title):
        return "annual report"
    if _THEMATIC.search(title):
        return "thematic inspection"
    if _is_news(title, opening, has_units, has_rating):
        return "corporate news"
    if has_units and has_rating:
        # "Statement on the re-inspection of X YJS": a unit rated only before, under a title of news, is news of it
        return "inspection" if rated_now or not _CORPORATE.search(title) else "corporate news"
    if not has_units and (_CORPORATE.search(title) or _consulting(opening)):
        # "Corporate priorities and upcoming inspections", whatever thematic work it mentions; "Consultation on how we
        # rate PDUs" or "In this consultation, ...", whatever ratings its proposals suppose ("a PDU in which ... is
        # found to be 'Inadequate'").
        return "corporate news"
    said = _opening_kind(opening, has_units)
    if said:
        return said
    return "inspection" if has_units or has_rating else _unrated_kind(title, opening)


def is_joint_work(title: str, body: tuple[str, ...]) -> bool:
    """Whether the opening says it is a joint inspection by the Inspectorate and another, naming no unit in it or in
    the title: a unit cited further on ("In X PDU, which we rated 'Good' in 2021, officers ...") is an example of
    what the joint work found, not a unit it inspects."""
    # Few releases say "joint" at all: a test in C before splitting the opening into sentences.
    if not any("oint" in text or "OINT" in text for text in (title, *body[:_OPENING_PARAGRAPHS])):
        return False
    opening = _opening(title, body)
    if "joint" not in opening.lower() or not _JOINT_BY.search(opening):
        return False
    # "Inspectors looked at cases supervised by, among others, X PDU and Y PDU": units cited as examples of the work
    # looked at are not ones the joint work inspects.
    return not any(named_units(s) for s in split_sentences(opening) if not _CITED_AS_EXAMPLES.search(s))


def _is_news(title: str, opening: str, has_units: bool, has_rating: bool) -> bool:
    """Whether a release is a blog post (titled with its date), a practice guide or news about the Inspectorate, which
    rate no unit.

    News says so in its title ("X appointed ..."), or, when it names no unit, in its opening ("announced he
    will leave the post").
    """
    if _DATED_TITLE.match(title) or _GUIDE_TITLE.search(title) or _AROUND_AN_INSPECTION_TITLE.search(title):
        return True
    if _OWN_WORDS_TITLE.search(title):
        return True
    if has_rating:
        return False
    return bool(_ABOUT_THE_INSPECTORATE.search(title) or (not has_units and _ABOUT_THE_INSPECTORATE.search(opening)))


def _opening_kind(opening: str, has_units: bool) -> str | None:
    """An annual report or thematic work, when the opening sentences say so; a joint inspection of a unit is neither."""
    if not may_contain(opening, ("annual", "thematic", "joint")):
        return None
    if _ANNUAL.search(opening):
        return "annual report"
    if _THEMATIC.search(opening) or (not has_units and _JOINT.search(opening)):
        return "thematic inspection"
    return None


def _unrated_kind(title: str, opening: str) -> str:
    """What a release naming no unit and no rating is: news, unless it speaks of inspecting (then thematic work,
    or the inspection of an area)."""
    if _CORPORATE.search(title) or not _INSPECTED.search(opening):
        return "corporate news"
    return "inspection" if _AREA_INSPECTED.search(opening) else "thematic inspection"


def _consulting(opening: str) -> bool:
    """Whether the opening speaks of the Inspectorate's own consultation ("In this consultation, we set out ...")."""
    return may_contain(opening, ("consult", "views")) and _CONSULTING.search(opening) is not None


def source_url(notes: tuple[str, ...], body: tuple[str, ...]) -> str | None:
    """The first http or https address in the notes, else in the body, without trailing punctuation."""
    for text in (*notes, *body):
        if "http" not in text.lower():
            continue
        match = _URL.search(text)
        if match:
            return match.group().rstrip(".,;:!?")
    return None
