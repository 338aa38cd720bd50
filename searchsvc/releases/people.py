"""The Chief Inspector's name and the quotations in a release with their speakers."""

from __future__ import annotations

import re

from searchsvc.releases.model import Quote
from searchsvc.releases.text import NEAR
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import squash

_HONORIFICS = frozenset("Dame Sir Lord Lady Baroness Professor Prof Dr Mr Mrs Ms Miss Mx".split())
# Honours after a name ("Martin Jones CBE") are no part of it: one person, one facet value.
_POST_NOMINALS = frozenset("CBE OBE MBE DBE KBE CB KCB DCB KC QC".split())
_NAME = r"(?:(?:Dame|Sir|Professor|Prof|Dr|Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}"
_CHIEF = (
    # "interim HM Chief Inspector" as well as "HM interim Chief Inspector"
    r"(?:(?i:acting|interim)\s+)?(?:(?:HM|Her\s+Majesty[’']s|His\s+Majesty[’']s)\s+)?(?:(?i:acting|interim)\s+)?"
    # "Chief Inspector of Probation of His Majesty's Inspectorate of Probation": a council's long form of the title.
    r"Chief\s+Inspector(?:\s+of\s+Probation(?:\s+of\s+(?:HM|Her\s+Majesty[’']s|His\s+Majesty[’']s)\s+"
    r"Inspectorate\s+of\s+Probation)?)?\b(?!\s+of\b)"
)
_CHIEF_PATTERNS = (
    # ", pictured," is a newspaper's aside between a name and its title.
    # "Dame X Y, new HM Chief Inspector of Probation": the post newly taken is hers.
    # "Dame X Y is HM Chief Inspector of Probation" and "HM Chief Inspector of Probation is X Y" (a note's form)
    # "X Y (HM Chief Inspector of Probation) said", "X Y – HM Chief Inspector of Probation – said"
    # "Dame X Y, who became Chief Inspector in March, said": the post taken up (not "who was", its last holder's).
    re.compile(
        rf"(?=[A-Z])(?P<name>{_NAME})(?:,|\s+is|\s*\(|\s+[–—-])\s*(?:pictured,\s+)?(?:who\s+(?:became|becomes|is)\s+)?"
        rf"(?:the\s+)?(?:new\s+)?{_CHIEF}"
    ),
    # a blog's signature, its lines run together: "Justin Russell Chief Inspector of Probation 21 June 2022"
    re.compile(
        rf"^(?P<name>{_NAME})(?<!\bHM)(?<!Majesty[’']s)\s+{_CHIEF}(?:\s+\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\s+(?:19|20)\d\d)?\s*$"
    ),
    # a note's "HM Chief Inspector of Probation: Martin Jones"
    re.compile(rf"(?=[HAICai])(?<!Deputy\s){_CHIEF}(?:,|:|\s+is)?\s+(?P<name>{_NAME})"),
    # "X Y's first annual report as HM Chief Inspector of Probation": the post held, after a possessive and a few
    # lower-case words (never "the Justice Secretary's appointment of X Y as ...", whose name is capitalised)
    re.compile(rf"(?=[A-Z])(?P<name>{_NAME})[’']s\s+(?:[a-z]+\s+){{1,3}}as\s+(?:the\s+)?(?:new\s+)?{_CHIEF}"),
    # "since taking over the role of Chief Inspector of Probation in March 2016, Dame X Y ...": the post taken up,
    # then its holder (never "taking over from X", the last holder)
    re.compile(
        rf"(?=[sS])\b[Ss]ince\s+(?:taking\s+(?:over|up)|becoming|being\s+appointed)\s+(?:the\s+(?:role|post)\s+of\s+"
        rf"|as\s+)?(?:the\s+)?{_CHIEF}[^,.;]{{0,40}},\s+(?P<name>{_NAME})"
    ),
)
# Newspapers write the title in lower case ("Martin Jones, chief inspector of probation, said") or turn it
# round ("Chief probation inspector Martin Jones"); looked for only in text that has such words.
_PRESS_CHIEF = (
    # "interim HM Chief Inspector" as well as "HM interim Chief Inspector"
    r"(?:(?i:acting|interim)\s+)?(?:(?:HM|Her\s+Majesty[’']s|His\s+Majesty[’']s)\s+)?(?:(?i:acting|interim)\s+)?"
    r"(?:chief\s+inspector(?:\s+of\s+probation)?\b(?!\s+of\b)|[Cc]hief\s+probation\s+inspector\b"
    # "Chief inspector of probation Dame X Y said": a paper's title opening a sentence, its post spelt out
    r"|Chief\s+inspector\s+of\s+probation\b)"
)
_PRESS_CHIEF_PATTERNS = (
    re.compile(rf"(?=[A-Z])(?P<name>{_NAME}),\s+(?:pictured,\s+)?(?:the\s+)?(?:new\s+)?{_PRESS_CHIEF}"),
    re.compile(rf"(?=[cCHaiAI])(?<![Dd]eputy\s)(?<![Aa]ssistant\s){_PRESS_CHIEF},?\s+(?P<name>{_NAME})"),
    # "Her Majesty's Inspectorate of Probation (HMIP) chief Dame X Y", "the probation watchdog's chief X Y"
    re.compile(
        rf"(?=[HIw])(?:HMIP\)?|Inspectorate\s+of\s+Probation\)?|watchdog(?:[’']s)?)\s+chief\s+(?P<name>{_NAME})"
    ),
)
_PRESS_CHIEF_HINTS = ("chief inspector", "Chief inspector of probation", "probation inspector", "HMIP", "watchdog")
# "the re-appointment of Justin Russell as Her Majesty's Chief Inspector of Probation", "X has been appointed
# interim Chief Inspector of Probation": found from "as" or "appointed",
# then the name read backwards from it, since trying a name at every capital letter cost a twentieth of parsing.
# Parliament and the press write the post in lower case, always "of probation" ("of prisons" is someone else's).
# "X today becomes HM Chief Inspector", "Mr X, a former chief officer, will be interim HM Chief Inspector": the post
# taken up.
_AS_CHIEF = re.compile(
    # "Dame X Y has been HM Chief Inspector of Probation since 2016" (a note): the post held now.
    rf"(?<=\s)(?:as|is|has\s+been|will\s+be|becomes|(?:has\s+been|was|is)\s+(?:re-?)?appointed(?:\s+as)?)\s+(?:the\s+)?(?:new\s+)?"
    rf"(?:{_CHIEF}|(?:(?:HM|Her\s+Majesty[’']s|His\s+Majesty[’']s)\s+)?chief\s+inspector\s+of\s+probation\b)"
)
# "..., according to the Chief Inspector of Probation. In her final annual report, Dame Glenys Stacey ...": the
# title left unnamed, then a person with an honorific opening the next sentence is the one it meant; so too after
# "the Chief Inspector of Probation has said in the annual report for 2018/19."
_CHIEF_THEN_NAMED = re.compile(
    rf"\bthe\s+{_CHIEF}(?:\s+(?:has\s+)?(?:said|says|warned|found)\b[^.!?“”\"]{{0,80}})?\.\s+(?:[^.!?“”\"]{{0,60}}?[\s,])?"
    r"(?P<name>(?:Dame|Sir|Professor|Dr|Mr|Mrs|Ms)\.?\s+[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)"
)
# "Justin Russell is HM Chief Inspector of Probation" (a note); "X has announced that he will step down as ...",
# "X to stand down as ...", "X has resigned as ...": the name, then what the person will do (or did) with the post.
# Between the name and the post, an aside: "X, a former chief officer of probation, will be ...", "X today (1 March)
# becomes ...", "said X in her first annual report as HM Chief Inspector".
_NAME_BEFORE = re.compile(
    rf"(?P<name>{_NAME})(?:\s*,[^,.;:]{{1,100}},|\s+today(?:\s*\([^()]{{1,20}}\))?"
    r"|\s+in\s+(?:her|his|their)\s+[^,.;:]{1,50}?)?"
    r"\s+(?:(?:has\s+announced\s+(?:that\s+)?(?:he|she|they)\s+will|will|is\s+to|to)\s+"
    r"(?:step|stand)\s+down\s+|(?:has\s+)?resigned\s+"
    # "X will serve as HM Chief Inspector", "X confirmed as ..." (a headline), "X has been named as ...": the post taken
    r"|(?:(?:has\s+been|is|was)\s+)?(?:confirmed|named)\s+|(?:will|is\s+to|to)\s+serve\s+)?$"
)
_NAME_REACH = 160
# "following the resignation of X as Chief Inspector", "succeeds X as ...": the post's last holder, not its holder now.
_HELD_BEFORE = re.compile(
    r"\b(?:(?:resignation|retirement|departure|death)\s+of|succeeds?|succeeding|replaces?|replacing|(?:takes?|taking)"
    r"\s+over\s+from)\s+$",
    re.IGNORECASE,
)
_ROLE_PREFIX = re.compile(rf"^(?:the\s+)?{_CHIEF}\s+", re.IGNORECASE)
_ROLE_WORDS = frozenset(
    "HM Chief Inspector Inspectorate Inspectors Probation Service Majesty’s Majesty's Deputy Head Director "
    "Minister Secretary Officer Manager Council Commissioner Report PDU CRC Trust".split()
)
# "By X Y, HM Chief Inspector of Probation": a blog's byline
_LEADING_WORDS = frozenset("Today Commenting Responding Speaking However Meanwhile And But The Yesterday By".split())
_NAME_WORD = re.compile(r"[A-Z][\w’'-]*")
_GLUED = re.compile(r"(?<=[a-z]{4})(?=[A-Z][a-z])")
_PRONOUNS = frozenset({"he", "she", "they"})
_SAID = (
    r"(?:said|says|added|adds|commented|comments|explained|continued|warned|stated|noted|concluded|remarked"
    r"|observed|urged|adding|saying|told\s+\w+)"
)
_WHO_THEN_SAID = re.compile(rf"(?P<who>[^.!?;“”\"]*?)\s*,?\s+{_SAID}(?:\s+that)?\s*[:,]?\s*$", re.IGNORECASE)
_SAID_THEN_WHO = re.compile(rf"\b{_SAID}\s+(?P<who>[^.!?;:“”\"]+?)\s*[:,]\s*$", re.IGNORECASE)
_TRAILING_WHO = re.compile(
    rf"^[\s,]*(?:{_SAID}\s+(?P<after>[^.!?;“”\"]+)|(?P<before>[^.!?;“”\"]+?)\s+{_SAID}\b)", re.IGNORECASE
)
_LEAD_IN_END = re.compile(rf"(?:\b{_SAID}\s*[:,]?|:)\s*$", re.IGNORECASE)
_SAYS = re.compile(rf"\b{_SAID}\b", re.IGNORECASE)
_CLOSES = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_QUOTE_MARK = re.compile("[“\"‘']")
_MIN_QUOTE_WORDS = 3
_MAX_QUOTE = 5000


def _person(text: str, names: list[str]) -> str | None:
    """A person's name in a phrase, honorifics dropped; "Mr Jones" resolved to a full name seen earlier."""
    words = _ROLE_PREFIX.sub("", text.strip()).split()
    while words and words[0] in _LEADING_WORDS:
        words = words[1:]
    honorific, words = _without_honours(_unglued(words))
    if not 0 < len(words) <= 4 or any(not _NAME_WORD.fullmatch(w) or w in _ROLE_WORDS for w in words):
        return None
    if len(words) > 1:
        return " ".join(words)
    # "Mr Jones" by surname; "Dame Glenys" or "Sir Tom" by first name.
    full = next((name for name in reversed(names) if words[0] in name.split()), None)
    return full or (squash(text) if honorific else None)


def _unglued(words: list[str]) -> list[str]:
    """The words of a name up to a word glued to the next sentence's first ("Justin RussellOver the past ...").

    A photo's caption copied from a web page runs into the paragraph after it. Four lower-case letters before the
    capital keep "McDowell", "MacDonald" and "FitzGerald" whole.
    """
    for index, word in enumerate(words):
        glued = _GLUED.search(word)
        if glued:
            return [*words[:index], word[: glued.start()]]
    return words


def _without_honours(words: list[str]) -> tuple[bool, list[str]]:
    """Whether a name opened with an honorific, and its words without it or the honours after it.

    Dame and Sir go too, so "Dame Glenys Stacey" and "Glenys Stacey" are one person in a facet.
    """
    honorific = bool(words) and words[0].rstrip(".") in _HONORIFICS
    words = words[1:] if honorific else words
    while words and words[-1].rstrip(",") in _POST_NOMINALS:
        words = words[:-1]
    return honorific, words


def _as_chief(text: str) -> list[tuple[int, str]]:
    """(position, name) of each "X as Chief Inspector" in ``text``."""
    found = []
    for match in _AS_CHIEF.finditer(text):
        before = text[max(0, match.start() - _NAME_REACH) : match.start()]
        name = _NAME_BEFORE.search(before)
        if name and not _HELD_BEFORE.search(before, 0, name.start()):
            found.append((match.start() - len(name.group()), name["name"]))
    return found


def chief_inspector(texts: tuple[str, ...]) -> str | None:
    """The Chief Inspector's name, from "X, Chief Inspector of Probation" or "Chief Inspector X", else "X as ..."."""
    # "X as Chief Inspector" only when no other form names one: it is rare (appointments) and costlier to find;
    # a title unnamed and a name in the next sentence rarer still, and that sentence may open a new paragraph.
    joined = (" ".join(texts),)
    # "Mr Jones, HM Chief Inspector" names him by surname alone: kept only until a full name with it turns up
    # ("HM Chief Inspector of Probation is Martin Jones" in the notes).
    surnamed: str | None = None
    for finder, candidates in ((_named_chief, texts), (_as_chief, texts), (_chief_then_named, joined)):
        for text in candidates:
            if "hief" not in text:  # the patterns' one fixed word, "Chief" or "chief"
                continue
            for _, raw in sorted(finder(text)):
                name = _person(raw, [])
                if not name or " " not in name:
                    continue
                if name.split()[0].rstrip(".") not in _HONORIFICS:
                    if surnamed is None or surnamed.split()[-1] in name.split():
                        return name
                surnamed = surnamed or name
    return surnamed and _full_name(surnamed, texts)


def _full_name(surnamed: str, texts: tuple[str, ...]) -> str:
    """ "Mr Russell" as the full name the text gives him elsewhere ("Justin Russell said"), else as it is."""
    surname = surnamed.split()[-1]
    pattern = re.compile(rf"\b(?!(?:{'|'.join(_HONORIFICS)})\b)([A-Z][\w’'-]+)\s+{re.escape(surname)}\b")
    first = next((m[1] for text in texts if surname in text for m in pattern.finditer(text)), None)
    return f"{first} {surname}" if first else surnamed


def _chief_then_named(text: str) -> list[tuple[int, str]]:
    """(position, name) of each "the Chief Inspector of Probation. ... Dame X Y" in ``text``."""
    return [(m.start(), m["name"]) for m in _CHIEF_THEN_NAMED.finditer(text)]


def _named_chief(text: str) -> list[tuple[int, str]]:
    """(position, name) of each "X, Chief Inspector" and "Chief Inspector X" in ``text``."""
    patterns: tuple[re.Pattern[str], ...] = _CHIEF_PATTERNS
    if any(hint in text for hint in _PRESS_CHIEF_HINTS):
        patterns += _PRESS_CHIEF_PATTERNS
    # "takes over from X, who has been interim Chief Inspector": the post's last holder, not the Chief.
    return [
        (m.start(), m["name"])
        for p in patterns
        for m in p.finditer(text)
        if not _HELD_BEFORE.search(text, max(0, m.start() - _NAME_REACH), m.start())
    ]


def _speaker(who: str, names: list[str], chief: str | None, last: str | None) -> str | None:
    """Resolve an attribution ("Mr Jones", "HM Chief Inspector, Justin Russell", "she") to a name."""
    who = squash(who).strip(" ,:")
    if who.lower() in _PRONOUNS:
        return last
    for part in who.split(","):
        person = _person(part, names)
        if person:
            return person
    if chief and re.search(r"\bChief\s+Inspector\b", who, re.IGNORECASE):
        return chief
    return who.split(" that ")[-1].strip() or None


def _attribution(lead: str, trail: str) -> str | None:
    """The raw "who" of a quote, from "X said:" before it or "said X" / "X said" after it."""
    before = _WHO_THEN_SAID.search(lead) or _SAID_THEN_WHO.search(lead)
    if before and before["who"].strip():
        return before["who"]
    after = _TRAILING_WHO.match(trail)
    if after:
        return after["after"] or after["before"]
    return None


def _close_at(paragraph: str, start: int, mark: str) -> int:
    """Where a quote opened before ``start`` closes; a quote left open runs to the end of the paragraph."""
    if mark in '”"':
        end = paragraph.find(mark, start)
        return end if end >= 0 else len(paragraph)
    # ’ doubles as the apostrophe, so a closing one is not followed by a letter; one after punctuation
    # ("... recommendations.’") is surest, else the first one ("‘Inadequate’ practice").
    closers = []
    end = paragraph.find(mark, start, start + _MAX_QUOTE)
    while end >= 0:
        closers.append(end)
        end = paragraph.find(mark, end + 1, start + _MAX_QUOTE)
    closers = [end for end in closers if not paragraph[end + 1 : end + 2].isalpha()]
    after_punctuation = [end for end in closers if paragraph[end - 1] in ".,!?…"]
    return (after_punctuation or closers[:1] or [len(paragraph)])[0]


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the text in each quotation; single marks open only a paragraph or after "said:"."""
    spans = []
    index = 0
    indent = len(paragraph) - len(paragraph.lstrip())
    # Jump from mark to mark: a loop over every character was a fifth of parsing.
    while (mark := _QUOTE_MARK.search(paragraph, index)) is not None:
        index = mark.start()
        char = paragraph[index]
        lead_in = char in "‘'" and _LEAD_IN_END.search(paragraph[max(0, index - NEAR * 2) : index])
        single = char in "‘'" and (index == indent or lead_in)
        if char in '“"' or single:
            end = _close_at(paragraph, index + 1, _CLOSES[char])
            spans.append((index + 1, end))
            index = end
        index += 1
    return spans


def _lead_and_trail(paragraph: str, spans: list[tuple[int, int]], index: int, previous_end: int) -> tuple[str, str]:
    """The text before quotation ``index`` (back to the last one) and after it (up to the next one)."""
    start, end = spans[index]
    lead = paragraph[max(previous_end, start - 1 - WINDOW) : start - 1]
    trail_end = spans[index + 1][0] - 1 if index + 1 < len(spans) else len(paragraph)
    return lead, paragraph[end + 1 : min(trail_end, end + 1 + WINDOW)]


def _is_speech(text: str, lead: str, who: str | None, first: bool, after_speech: bool) -> bool:
    """Whether a quotation is speech rather than a scare quote or a title."""
    # Unattributed, only a paragraph-opening passage counts: "‘Good’ practice was seen" is no speech.
    opens = first and not lead.strip() and len(text.split()) >= _MIN_QUOTE_WORDS
    return bool(text) and bool(who or opens or (after_speech and _SAYS.search(lead)))


def _paragraph_quotes(paragraph: str, carry: str | None, names: list[str], chief: str | None) -> list[Quote]:
    """The attributed (or paragraph-opening) quotations in one paragraph, with speakers resolved."""
    quotes: list[Quote] = []
    spans = _quote_spans(paragraph)
    previous_end = 0
    for index, (start, end) in enumerate(spans):
        lead, trail = _lead_and_trail(paragraph, spans, index, previous_end)
        previous_end = end + 1
        text = squash(paragraph[start:end]).strip(" ,")
        who = _attribution(lead, trail)
        if not _is_speech(text, lead, who, index == 0, bool(quotes)):
            continue
        here = quotes[-1].speaker if quotes else None
        speaker = _speaker(who, names, chief, here or carry) if who else (here if quotes else carry)
        if speaker and " " in speaker and speaker not in names:
            names.append(speaker)
        quotes.append(Quote(speaker, text))
    return quotes


def _may_end_lead_in(text: str) -> bool:
    """Whether ``text`` may end as ``_LEAD_IN_END`` matches: in ":", "," or a word character, before any space.

    Most paragraphs end in a full stop, and the pattern, anchored at the end
    but searched from every position, was a sixth of parsing.
    """
    last = text.rstrip()[-1:]
    return bool(last) and (last in ":,_" or last.isalnum())


def attributed_quotes(body: tuple[str, ...], chief: str | None) -> tuple[Quote, ...]:
    """All quotations in the body; a paragraph opening with a quote mark continues the last speaker."""
    names = [chief] if chief else []
    quotes: list[Quote] = []
    carry: str | None = None
    for paragraph in body:
        found = _paragraph_quotes(paragraph, carry, names, chief)
        quotes.extend(found)
        if found:
            carry = found[-1].speaker
        else:
            # "Paul McDowell said:" as a paragraph of its own hands its speaker to the next paragraph.
            tail = paragraph[-WINDOW:]
            lead_in = _WHO_THEN_SAID.search(tail) if _may_end_lead_in(tail) and _LEAD_IN_END.search(tail) else None
            carry = _speaker(lead_in["who"], names, chief, carry) if lead_in else None
    return tuple(quotes)
