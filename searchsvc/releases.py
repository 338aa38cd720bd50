"""Turning the bytes of a press release into a ``Release``: pure functions, no I/O.

``decode`` turns bytes into clean text or raises ``ReleaseError``. ``parse_release``
splits the text into title, body and notes, then reads the metadata out of them
with regular expressions applied one sentence (often one clause) at a time, so a
rating, a date or a unit is judged by the words around it rather than by where
it happens to sit in the file.
"""

from __future__ import annotations

import collections
import datetime
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from searchsvc.errors import ReleaseError

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
)


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


# --------------------------------------------------------------------------- decoding

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
#: A stray control character (a DOS end-of-file mark, say) is dropped; more than
#: this share of them means the bytes were never text.
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes) -> str:
    """Decode release bytes to normalised text. :raise ReleaseError: empty or not text."""
    if not data:
        raise ReleaseError("empty file")
    text = _normalise(_to_str(data))
    if not text:
        raise ReleaseError("empty file")
    if not text.strip():
        raise ReleaseError("whitespace-only file")
    return text


def _to_str(data: bytes) -> str:
    """Decode UTF-16 (only when it starts with a BOM), else UTF-8 with or without BOM, else cp1252."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReleaseError("not a text file (starts with a UTF-16 BOM but is not UTF-16)") from e
    if b"\x00" in data:
        raise ReleaseError("not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass  # Word's "Save as plain text" on Windows writes cp1252, so that is the likely other one.
    try:
        return data.removeprefix(_UTF8_BOM).decode("cp1252")
    except UnicodeDecodeError as e:
        reason = f"byte 0x{data[e.start]:02x} at offset {e.start} is not UTF-8 or cp1252"
        raise ReleaseError(f"not a text file ({reason})") from e


def _normalise(text: str) -> str:
    """Unify line ends, NFC-normalise, fold every kind of space to " " and drop invisible characters."""
    text = unicodedata.normalize("NFC", _unify_line_breaks(text))
    # Only control and non-ASCII characters can need folding; looking at just
    # those keeps decoding fast on long releases. Deleting every other character's
    # byte from the UTF-8 leaves exactly those (a non-ASCII character's bytes are
    # all non-ASCII), three times faster than a pattern finding them; the strict
    # decoders leave no lone surrogate for encode() to fail on.
    unusual = text.encode().translate(None, _USUAL_BYTES).decode()
    if not unusual:
        return text
    counts = collections.Counter(unusual)
    controls = sum(count for char, count in counts.items() if unicodedata.category(char) == "Cc")
    if "\x00" in text or controls > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise ReleaseError("not a text file (contains control characters)")
    # Each distinct character folded once, then all of them in one pass in C.
    folding = {ord(char): folded for char in counts if (folded := _fold(char)) != char}
    return text.translate(folding) if folding else text


def _unify_line_breaks(text: str) -> str:
    """``text`` with every kind of line break as "\\n"."""
    # Scanning for each break character is cheaper than a substitution
    # that finds none, which is what most files need.
    return _LINE_BREAK.sub("\n", text) if any(char in text for char in _BREAK_CHARACTERS) else text


_BREAK_CHARACTERS = ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")


#: Printable ASCII, tab and newline, as bytes: what the UTF-8 of text that needs no folding is made of.
_USUAL_BYTES = bytes([ord("\t"), ord("\n"), *range(0x20, 0x7F)])


def _fold(char: str) -> str:
    """One character of clean text: spaces (NBSP, U+202F, U+2007 ...) become " ", format characters vanish."""
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    # Cf covers zero-width spaces and joiners, soft hyphens, stray BOMs and bidi marks.
    if category == "Cf" or (category == "Cc" and char not in "\t\n"):
        return ""
    return char


# --------------------------------------------------------------------------- structure

_NOTES_HEADING = re.compile(
    r"^[\s*#_]*(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|editors?[’']?s?[’']?\s+notes?)"
    r"[\s*#_]*:?[\s*#_]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ENDS = re.compile(r"^\W*ends?\W*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·▪◦○●‣∙*\-–—]\s+")
_NOTE_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[•·▪◦○●‣∙*\-–—])\s+")
_SENTENCE_END = re.compile(r"[.!?…]+[’”\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
#: How far (in characters) a pattern looks around the word it is anchored on. Every regular
#: expression below is applied to a bounded window, so a pathological file costs linear time.
_NEAR = 12
_WINDOW = 300
# re tries a pattern at every position it searches, and one that opens with \b, a lookbehind or an
# optional group costs far more there than a test of one character. So the costliest such patterns
# open with a lookahead for the characters a match can start with, such as "(?=[HAIC])": it turns
# most positions down at once and changes no match (a tenth of parsing went on those positions).
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Prof|Cllr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[a-z]\.[a-z])$"
)


def _squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return " ".join(text.split())


def _split_sections(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after the title into body and notes at the first ENDS line or notes heading."""
    for index, line in enumerate(lines):
        if _ENDS.match(line) or _NOTES_HEADING.match(line):
            return lines[:index], [_notes_line(rest) for rest in lines[index:]]
    return lines, []


def _notes_line(line: str) -> str:
    """A notes-section line with ENDS and headings blanked, keeping any text after a heading."""
    if _ENDS.match(line):
        return ""
    heading = _NOTES_HEADING.match(line)
    return heading["rest"] if heading else line


def _paragraphs(lines: list[str], marker: re.Pattern[str]) -> list[str]:
    """Join lines into paragraphs: a blank line or a marked line starts a new one; the marker is removed."""
    paragraphs: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if not line.strip():
            current = None
            continue
        marked = marker.match(line)
        if marked or current is None:
            current = []
            paragraphs.append(current)
        current.append(line[marked.end() :] if marked else line)
    return [text for text in (_squash(" ".join(lines)) for lines in paragraphs) if text]


@functools.lru_cache(maxsize=512)
def _sentences(paragraph: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, not after "Mr." or "e.g.".

    Remembered: the unit, region, rating and date finders each split the
    same paragraphs again.
    """
    sentences: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        if _ABBREVIATION.search(paragraph[max(start, end.start() - _NEAR) : end.start()]):
            continue
        sentences.append(paragraph[start : end.end()].strip())
        start = end.end()
    sentences.append(paragraph[start:].strip())
    return tuple(sentence for sentence in sentences if sentence)


def _may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold one of ``words`` (lower-case ASCII) in any case.

    A test in C before running a case-insensitive pattern, which costs
    microseconds a sentence even where nothing matches: False means no such
    pattern built on one of ``words`` can match. Three characters match an
    ASCII letter in such a pattern although ``str.lower`` does not turn them
    into one: dotted capital I, dotless i and long s.
    """
    lowered = text.lower()
    for word in words:
        if word in lowered:
            return True
    if text.isascii():
        return False
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


# --------------------------------------------------------------------------- ratings

_MENTION = re.compile(
    r"(?=[‘'“\"ogri])(?P<open>[‘'“\"]\s*)?"
    r"\b(?P<word>outstanding|good|requir(?:es|ing)\s+improvement|inadequate)\b"
    r"(?P<close>\s*[’'”\"])?",
    re.IGNORECASE,
)
# An unquoted rating word counts only after words like these ("rated good overall").
_RATING_BEFORE = re.compile(
    r"(?:\b(?:rated|graded|judged|deemed|assessed|scored)(?:\s+(?:overall|as|to\s+be))*"
    r"|\brating\s+(?:of|is|was|remains)|\boverall\s+rating\b[^.;]{0,60}?\b(?:is|was|of))\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
_RATING_AFTER = re.compile(r"^\s+(?:overall\s+)?rating\b", re.IGNORECASE)
#: What every ``_MENTION`` contains, lower-cased.
_MENTION_HINTS = ("outstanding", "good", "requir", "inadequate")
_MAX_MENTIONS = 12  # a real sentence holds at most four (the scale); more is not prose
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[–—-]\s")
_CONJUNCTION = re.compile(r"\s(?:and|but|while|whilst|whereas|although|though)\s", re.IGNORECASE)
_OVERALL_BEFORE = re.compile(
    r"\boverall\s+(?:rating|grade|judge?ment|verdict)\b|\b(?:rated|judged|graded|assessed)\s+overall\b", re.I
)
_OVERALL_AFTER = re.compile(r"^\s*(?:rating\s+)?overall\b", re.IGNORECASE)
_PREVIOUS = re.compile(
    r"\b(?:previous(?:ly)?|prior|earlier|formerly|last\s+(?:inspect\w*|rated|time)|at\s+that\s+time"
    r"|when\s+(?:we\s+|it\s+was\s+)?last)\b",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s+(?:an?\s+)?$", re.IGNORECASE)
_TO = re.compile(r"\bto\s+(?:an?\s+)?$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")
_RATING_VERB = re.compile(
    r"\b(?:rated|rating|judged|graded|deemed|assessed|received|given|awarded|remains?|retained?|achieved)\b",
    re.IGNORECASE,
)
# "Inspectors rated <aspect> as 'X'" and "found <aspect> to be 'X'": the words in between are what was rated.
# \A: ".*" already reaches every start, so letting search() try each one again only repeats a failure.
_RATED_OBJECT = re.compile(
    r"\A.*\b(?:rated|graded|judged|assessed|scored)\s+(?!(?:as|overall|to|an?|by|at|in|on|for|from)\b)"
    r"(?P<aspect>.+?)\s+(?:as|to\s+be)?\s*(?:an?\s+)?$",
    re.IGNORECASE | re.DOTALL,
)
_FOUND_OBJECT = re.compile(
    r"\A.*\b(?:found|judged|considered|deemed|assessed)\s+(?!(?:that|to|as)\b)(?P<aspect>.+?)\s+(?:to\s+be|as)\s+"
    r"(?:an?\s+)?$",
    re.IGNORECASE | re.DOTALL,
)
# "<aspect> was rated 'X'": the subject of a passive clause.
_RATED_SUBJECT = re.compile(
    r"^\s*(?:(?:and|but|while|whilst|whereas|although|however|overall)\s+)?"
    r"(?:.*?\b(?:found|said|showed|concluded|reported)\s+(?:that\s+)?)?"
    r"(?P<aspect>.+?)\s+(?:(?:has|have|had)\s+(?:\w+\s+)?been|was|were|is|are|remains|remained)"
    r"(?:\s+(?:now|also|again|still|consistently))?(?:\s+(?:rated|judged|graded|assessed|found|deemed|considered))?"
    r"(?:\s+(?:as|to\s+be))?(?:\s+an?)?\s*$",
    re.IGNORECASE,
)
_RATED_FOR = re.compile(
    r"^\s*(?:rating\s+)?for\s+(?!(?:the\s+|its\s+)?(?:first|second|third|last)\b)(?:its\s+|their\s+)?"
    r"(?P<aspect>[^,.;:]{3,120})",
    re.IGNORECASE,
)
_UNIT_REFERENCE = re.compile(
    r"^(?:it|which|this|that|they"
    r"|(?:the|this|that|its)\s+(?:pdu|crc|trust|division|service|unit|team|yot|yjs|region|area|organisation|company)"
    r"|.*\b(?:pdu|crc|probation\s+trust|division|youth\s+(?:justice|offending)\s+(?:service|team)|yot|yjs|region"
    r"|probation\s+service))$",
    re.IGNORECASE,
)
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are)\b", re.IGNORECASE)
_HEAD_END = re.compile(r"\s+(?:of|in|at|across|for|within|with|by|on)\s+", re.IGNORECASE)
_MAX_ASPECT = 250


@dataclass(frozen=True)
class _Mention:
    """One rating word in a sentence and what it is the rating of."""

    rating: str
    kind: str  # "overall", "plain" (rating verb, no "overall"), "weak" (no verb), "previous" or "sub"
    year: int | None = None
    aspect: str = ""


def _canonical(word: str) -> str:
    """The RATINGS spelling of a rating word in any case ("REQUIRES IMPROVEMENT", "requiring improvement")."""
    word = word.lower()
    return "Requires improvement" if word.startswith("requir") else word.capitalize()


def _is_rating(sentence: str, mention: re.Match[str]) -> bool:
    """A rating word is a rating when quoted, or when a rating verb stands next to it."""
    if mention["open"] and mention["close"]:
        return True
    start, end = mention.start("word"), mention.end("word")
    before, after = sentence[max(0, start - _WINDOW) : start], sentence[end : end + _WINDOW]
    return bool(_RATING_BEFORE.search(before) or _RATING_AFTER.match(after))


def _rating_mentions(sentence: str, ref_year: int | None) -> list[_Mention]:
    """Every rating in a sentence, each classified by the words of its own clause."""
    if not _may_contain(sentence, _MENTION_HINTS):
        return []
    ratings = (m for m in _MENTION.finditer(sentence) if _is_rating(sentence, m))
    found = list(itertools.islice(ratings, _MAX_MENTIONS))
    if len({_canonical(m["word"]) for m in found}) >= 3:
        return []  # the scale itself: "a four-point scale: 'Outstanding', 'Good', ..."
    mentions = []
    for index, mention in enumerate(found):
        start = max(found[index - 1].end() if index else 0, mention.start() - _WINDOW)
        end = min(found[index + 1].start() if index + 1 < len(found) else len(sentence), mention.end() + _WINDOW)
        left, right = sentence[start : mention.start()], sentence[mention.end() : end]
        # An opening "In 2022," or "At its last inspection," dates the first rating after it.
        lead = _CLAUSE_BREAK.split(left)[0] if index == 0 and _CLAUSE_BREAK.search(left) else ""
        mentions.append(_classify(_canonical(mention["word"]), left, right, lead, ref_year))
    return mentions


def _body_mentions(body: tuple[str, ...], ref_year: int | None) -> list[_Mention]:
    """Every rating in the body, sentence by sentence."""
    # A sentence with a rating word lies in a paragraph with one, and seven paragraphs
    # in eight have none: testing them first saves splitting those into sentences.
    paragraphs = (paragraph for paragraph in body if _may_contain(paragraph, _MENTION_HINTS))
    return [m for paragraph in paragraphs for s in _sentences(paragraph) for m in _rating_mentions(s, ref_year)]


def _classify(rating: str, left: str, right: str, lead: str, ref_year: int | None) -> _Mention:
    """Decide whether a rating is the overall one, an earlier one, an aspect's, or unclear."""
    near_left, near_right = _CLAUSE_BREAK.split(left)[-1], _CLAUSE_BREAK.split(right)[0]
    overall = bool(_OVERALL_BEFORE.search(near_left) or _OVERALL_AFTER.match(right))
    # "... at its last inspection and is now rated 'Good'": the dating words belong to the other clause.
    own_left, own_right = _CONJUNCTION.split(near_left)[-1], _CONJUNCTION.split(near_right)[0]
    previous, year = _previous(own_left, own_right, lead, ref_year, overall)
    if previous:
        return _Mention(rating, "previous", year=year)
    if overall:
        return _Mention(rating, "overall")
    aspect = _aspect(left, near_left, right)
    if aspect and not _is_unit_reference(aspect):
        return _Mention(rating, "sub", aspect=aspect)
    return _Mention(rating, "plain" if aspect or _RATING_VERB.search(near_left) else "weak")


def _previous(left: str, right: str, lead: str, ref: int | None, overall: bool) -> tuple[bool, int | None]:
    """Whether the clause around a rating dates it to an earlier inspection, and the year it names."""
    if _TO.search(left):
        return False, None  # "from 'Inadequate' to 'Good'": the one after "to" is the new rating
    years = [int(year) for year in _YEAR.findall(f"{right} {left} {lead}")]
    if _PREVIOUS.search(f"{left} {right} {lead}") or _FROM.search(left):
        return True, years[0] if years else None
    # A bare year is weaker evidence: it must predate this inspection, and "overall" outweighs it.
    stale = [year for year in years if ref is not None and year < ref]
    if stale and not overall:
        return True, stale[0]
    return False, None


def _aspect(left: str, near_left: str, right: str) -> str | None:
    """What a rating is given to, from "rated X as", "found X to be", "X was rated" or "rated ... for X"."""
    for pattern, text in ((_RATED_OBJECT, left), (_FOUND_OBJECT, left), (_RATED_SUBJECT, near_left)):
        match = pattern.search(text)
        # "found that the PDU was ..." is a clause, not an object: leave it to _RATED_SUBJECT.
        if match and not (pattern is _FOUND_OBJECT and _FINITE_VERB.search(match["aspect"])):
            aspect = _clean_aspect(match["aspect"])
            if aspect:
                return aspect
    match = _RATED_FOR.match(right)
    return _clean_aspect(match["aspect"]) if match else None


def _clean_aspect(text: str) -> str | None:
    """An aspect phrase without stray dashes, quotes or commas at its ends; None if it is not one."""
    aspect = _squash(text).strip(" ,;:–—-‘’“”'\"")
    return aspect if aspect and len(aspect) <= _MAX_ASPECT else None


def _is_unit_reference(aspect: str) -> bool:
    """True when the thing rated is the unit itself ("the PDU", "it", "Norfolk CRC"), not part of its work."""
    head = _HEAD_END.split(aspect, maxsplit=1)[0].strip()
    head = re.sub(r"\s+overall$", "", head, flags=re.IGNORECASE)
    return bool(_UNIT_REFERENCE.match(head))


def _overall_rating(body: list[_Mention], title: list[_Mention]) -> str | None:
    """The overall rating: stated with "overall", else with a rating verb, else from the title."""
    for candidates, kinds in ((body, {"overall"}), (body, {"plain"}), (title, {"overall", "plain", "weak"})):
        for mention in candidates:
            if mention.kind in kinds:
                return mention.rating
    return next((mention.rating for mention in body if mention.kind == "weak"), None)


# --------------------------------------------------------------------------- units and regions

# Bounded repeats: a place name has a handful of words, and unbounded ones backtrack badly on long
# runs of capitalised words. They are possessive ("{0,30}+"): a word is followed by a space, a comma
# or a hyphen, never a letter, so giving letters back cannot help a match, only slow a failing one.
_WORD = r"[A-Z][\w’']{0,30}+(?:-[\w’']{1,30}+){0,3}+"
_SIMPLE_PLACE = rf"{_WORD}(?:(?:\s+(?:and|&|of|upon|on|the)){{0,2}}\s+{_WORD}){{0,5}}"
# "Barking, Dagenham and Havering": a comma list is part of a name only when it ends in "and".
_LISTED_PLACES = rf"(?:,\s+{_WORD}(?:\s+{_WORD}){{0,2}}){{1,4}},?\s+(?:and|&)\s+{_SIMPLE_PLACE}"
_PLACE = rf"(?P<place>{_SIMPLE_PLACE}(?:{_LISTED_PLACES})?)"
_NPS = r"(?:(?i:national\s+probation\s+service)(?:\s*\(NPS\))?|NPS)(?:[’']s)?\s+(?:(?i:in)\s+(?:the\s+)?)?"
_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_PLACE}\s+(?i:probation\s+delivery\s+unit)\b"), "PDU"),
    (re.compile(rf"{_PLACE}\s+PDU\b"), "PDU"),
    (re.compile(rf"{_PLACE}\s+(?i:community\s+rehabilitation\s+company)\b"), "CRC"),
    (re.compile(rf"{_PLACE}\s+CRC\b"), "CRC"),
    (re.compile(rf"{_PLACE}\s+(?i:probation\s+trust)\b"), "Probation Trust"),
    (re.compile(rf"{_NPS}{_PLACE}\s+(?i:division)\b"), "NPS division"),
    (re.compile(rf"{_PLACE}\s+(?i:division\s+of\s+the\s+national\s+probation\s+service)\b"), "NPS division"),
    (
        re.compile(rf"{_PLACE}\s+(?P<kind>(?i:youth\s+(?:justice|offending)\s+(?:service|team))|YJS|YOT|YOS)\b"),
        "youth justice service",
    ),
    (
        re.compile(rf"(?i:probation\s+service)\s+(?i:in)\s+(?:the\s+)?{_PLACE}\s+(?i:(?:probation\s+)?region)\b"),
        "region",
    ),
)
#: A word each of ``_UNIT_PATTERNS`` cannot match without, looked for first (a fifth of parsing went on
#: trying every capitalised word as the start of a place name).
_UNIT_KEYWORDS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(keyword)
    for keyword in (
        r"(?i:probation\s+delivery\s+unit)",
        r"PDU",
        r"(?i:community\s+rehabilitation\s+company)",
        r"CRC",
        r"(?i:probation\s+trust)",
        r"(?i:division)",
        r"(?i:division\s+of\s+the\s+national\s+probation\s+service)",
        r"(?i:youth\s+(?:justice|offending)\s+(?:service|team))|YJS|YOT|YOS",
        r"(?i:region)",
    )
)
_YOUTH_NAMES = {
    "yjs": "Youth Justice Service",
    "yot": "Youth Offending Team",
    "yos": "Youth Offending Service",
}
_REGION = re.compile(
    rf"(?i:\b(?:in|of|across|for|covering))\s+(?:the\s+)?{_PLACE}\s+(?:\([^)]*\)\s+)?(?i:(?:probation\s+)?region)\b"
)
# Capitalised words that open a sentence or a phrase but are never part of a place name.
_NOT_PLACE = frozenset(
    "The A An At In On Of For From By With And This That These Today Each Every All Many Some Several Other "
    "Inspection Inspectors Inspecting Inspectorate However Overall While Whilst When But Both Our Their Its "
    "His Her HM Majesty’s Majesty's Although After Following Since Meanwhile Local National Probation "
    "Previously Now".split()
)
_INSPECTION = re.compile(r"\b(?:inspect\w*|rated|rating|report\w*|review\w*)\b", re.IGNORECASE)
_THEMATIC = re.compile(r"\bthematic\b", re.IGNORECASE)
_PLURAL_UNITS = re.compile(
    r"\b(?:PDUs|CRCs|Probation\s+Trusts|divisions|youth\s+(?:justice|offending)\s+(?:services|teams)|YOTs|regions)\b",
    re.IGNORECASE,
)
_OPENING_PARAGRAPHS = 3
_OPENING_SENTENCES = 12


def _place(raw: str) -> str | None:
    """A place name without leading sentence words ("At Suffolk" → "Suffolk"); None if nothing is left."""
    words = raw.split()
    while words and (words[0] in _NOT_PLACE or words[0] in {"and", "&", "of", "on", "upon", "the"}):
        words = words[1:]
    return " ".join(words) or None


def _unit_name(match: re.Match[str], place: str, unit_type: str) -> str:
    """The normalised name of a unit: "Norfolk PDU", "NPS Wales", "Leeds Youth Justice Service"."""
    if unit_type in {"PDU", "CRC"}:
        return f"{place} {unit_type}"
    if unit_type == "Probation Trust":
        return f"{place} Probation Trust"
    if unit_type == "NPS division":
        return f"NPS {place}"
    if unit_type == "youth justice service":
        kind = match["kind"]
        return f"{place} {_YOUTH_NAMES.get(kind.lower()) or kind.title()}"
    return place


def _units_in(sentence: str) -> list[tuple[bool, int, str, str]]:
    """(is a region, position, name, unit type) of the first unit each pattern finds in a sentence, regions last."""
    units = []
    for (pattern, unit_type), needed in zip(_UNIT_PATTERNS, _UNIT_KEYWORDS, strict=True):
        if not needed.search(sentence):
            continue  # the pattern's own words are missing: skip trying a place at every capital
        for match in pattern.finditer(sentence):
            place = _place(match["place"])
            if place:
                name = _unit_name(match, place, unit_type)
                units.append((unit_type == "region", match.start(), name, unit_type))
                break  # a later match cannot come first, so the rest of the sentence is not searched
    return sorted(units)


def _subject_unit(sentence: str) -> tuple[str, str] | None:
    """The unit a sentence is about, unless it names one among many ("six PDUs, including Norfolk PDU")."""
    units = _units_in(sentence)
    if not units:
        return None
    plural = _PLURAL_UNITS.search(sentence)
    if plural and plural.start() < units[0][1]:
        return None
    return units[0][2], units[0][3]


def _opening_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The opening sentences, each cut to a window: where a release says what it is about."""
    sentences = [s for paragraph in paragraphs[:_OPENING_PARAGRAPHS] for s in _sentences(paragraph)]
    return [sentence[:_WINDOW] for sentence in sentences[:_OPENING_SENTENCES]]


def _unit(title: str, body: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The inspected unit: the subject of the first inspection sentence; (None, None) for thematic work."""
    if _THEMATIC.search(title):
        return None, None
    fallback = None
    for sentence in _opening_sentences(body):
        unit = _subject_unit(sentence)
        if not _INSPECTION.search(sentence):
            fallback = fallback or unit
        elif _THEMATIC.search(sentence):
            return None, None
        elif unit:
            return unit
    unit = fallback or _subject_unit(title[:_WINDOW])
    return unit if unit else (None, None)


def _region(unit_type: str | None, pdu: str | None, notes: tuple[str, ...], body: tuple[str, ...]) -> str | None:
    """The probation region the release places the unit in ("East of England"), or the region inspected."""
    if unit_type == "region":
        return pdu
    for text in [note[:_WINDOW] for note in notes] + _opening_sentences(body):
        if not _may_contain(text, ("region",)):
            continue
        for match in _REGION.finditer(text):
            place = _place(match["place"])
            if place:
                return place
    return None


# --------------------------------------------------------------------------- people and quotes

_HONORIFICS = frozenset("Dame Sir Lord Lady Baroness Professor Prof Dr Mr Mrs Ms Miss Mx".split())
_NAME = r"(?:(?:Dame|Sir|Professor|Prof|Dr|Mr|Mrs|Ms|Miss)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}"
_CHIEF = (
    r"(?:(?:HM|Her\s+Majesty[’']s|His\s+Majesty[’']s)\s+)?(?:(?:Acting|Interim)\s+)?"
    r"Chief\s+Inspector(?:\s+of\s+Probation)?\b(?!\s+of\b)"
)
_CHIEF_PATTERNS = (
    re.compile(rf"(?=[A-Z])(?P<name>{_NAME}),\s+(?:the\s+)?{_CHIEF}"),
    re.compile(rf"(?=[HAIC])(?<!Deputy\s){_CHIEF},?\s+(?P<name>{_NAME})"),
)
_ROLE_PREFIX = re.compile(rf"^(?:the\s+)?{_CHIEF}\s+", re.IGNORECASE)
_ROLE_WORDS = frozenset(
    "HM Chief Inspector Inspectorate Inspectors Probation Service Majesty’s Majesty's Deputy Head Director "
    "Minister Secretary Officer Manager Council Commissioner Report PDU CRC Trust".split()
)
_LEADING_WORDS = frozenset("Today Commenting Responding Speaking However Meanwhile And But The Yesterday".split())
_NAME_WORD = re.compile(r"[A-Z][\w’'-]*")
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
    # Dame and Sir go too, so "Dame Glenys Stacey" and "Glenys Stacey" are one person in a facet.
    honorific = bool(words) and words[0].rstrip(".") in _HONORIFICS
    words = words[1:] if honorific else words
    if not 0 < len(words) <= 4 or any(not _NAME_WORD.fullmatch(w) or w in _ROLE_WORDS for w in words):
        return None
    if len(words) > 1:
        return " ".join(words)
    # "Mr Jones" by surname; "Dame Glenys" or "Sir Tom" by first name.
    full = next((name for name in reversed(names) if words[0] in name.split()), None)
    return full or (_squash(text) if honorific else None)


def _chief_inspector(texts: tuple[str, ...]) -> str | None:
    """The Chief Inspector's name, from "X, Chief Inspector of Probation" or "Chief Inspector X"."""
    for text in texts:
        if "Chief" not in text:  # the patterns' one fixed word
            continue
        matches = sorted((m.start(), m["name"]) for p in _CHIEF_PATTERNS for m in p.finditer(text))
        for _, raw in matches:
            name = _person(raw, [])
            if name and " " in name:
                return name
    return None


def _speaker(who: str, names: list[str], chief: str | None, last: str | None) -> str | None:
    """Resolve an attribution ("Mr Jones", "HM Chief Inspector, Justin Russell", "she") to a name."""
    who = _squash(who).strip(" ,:")
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
        lead_in = char in "‘'" and _LEAD_IN_END.search(paragraph[max(0, index - _NEAR * 2) : index])
        single = char in "‘'" and (index == indent or lead_in)
        if char in '“"' or single:
            end = _close_at(paragraph, index + 1, _CLOSES[char])
            spans.append((index + 1, end))
            index = end
        index += 1
    return spans


def _paragraph_quotes(paragraph: str, carry: str | None, names: list[str], chief: str | None) -> list[Quote]:
    """The attributed (or paragraph-opening) quotations in one paragraph, with speakers resolved."""
    quotes: list[Quote] = []
    spans = _quote_spans(paragraph)
    previous_end = 0
    for index, (start, end) in enumerate(spans):
        lead = paragraph[max(previous_end, start - 1 - _WINDOW) : start - 1]
        trail_end = spans[index + 1][0] - 1 if index + 1 < len(spans) else len(paragraph)
        trail = paragraph[end + 1 : min(trail_end, end + 1 + _WINDOW)]
        previous_end = end + 1
        text = _squash(paragraph[start:end]).strip(" ,")
        who = _attribution(lead, trail)
        here = quotes[-1].speaker if quotes else None
        # Unattributed, only a paragraph-opening passage counts: "‘Good’ practice was seen" is no speech.
        opens = index == 0 and not lead.strip() and len(text.split()) >= _MIN_QUOTE_WORDS
        if not text or not (who or opens or (quotes and _SAYS.search(lead))):
            continue  # a scare quote or a title, not speech
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


def _quotes(body: tuple[str, ...], chief: str | None) -> tuple[Quote, ...]:
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
            tail = paragraph[-_WINDOW:]
            lead_in = _WHO_THEN_SAID.search(tail) if _may_end_lead_in(tail) and _LEAD_IN_END.search(tail) else None
            carry = _speaker(lead_in["who"], names, chief, carry) if lead_in else None
    return tuple(quotes)


# --------------------------------------------------------------------------- dates

_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"(?=[\djfmasond])(?:(?<!\d)(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_NAME})\b\.?,?\s+"
    rf"(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH_NAME})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|(?<![\d/.])(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d\d)\b"
    r"|\b(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)\b)",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_AVAILABLE = re.compile(r"\b(?:available|published|publish|publication|released?|embargo(?:ed)?)\b", re.I)
_DIGIT = re.compile(r"\d")
_AVAILABLE_HINTS = ("availab", "publi", "releas", "embargo")
_THE_REPORT = re.compile(r"\b(?:the|this|our)\s+(?:full\s+|inspection\s+|thematic\s+)*report\b", re.I)
_FIELDWORK = re.compile(r"\bfield\s?work\b", re.IGNORECASE)
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_PERIOD_TOKEN = rf"(?:(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?(?!\d)|{_MONTH_WORD}|\b(?:19|20)\d\d\b)"
_PERIOD = re.compile(
    rf"(?=[eml\dJFMASOND])(?:(?:early|mid|late)[\s-]+)?{_PERIOD_TOKEN}"
    rf"(?:\s*(?:,|and|to|until|till|through|&|–|-|—)?\s*{_PERIOD_TOKEN}){{0,8}}"
)
_PERIOD_END = re.compile(rf"(?:{_MONTH_WORD}|(?:19|20)\d\d)$")
_PERIOD_TAIL = re.compile(r"[\s,]*(?:and|to|until|till|through|&|–|-|—)?\s*\d{1,2}(?:st|nd|rd|th)?$")


def _date(match: re.Match[str]) -> datetime.date | None:
    """The date a _DATE match spells, or None for an impossible one (31 February)."""
    for day, month, year in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4")):
        if match[year]:
            name = match[month]
            # re's IGNORECASE matches a long s ("ſeptember") where str.lower() leaves it be.
            number = int(name) if name.isdigit() else _MONTHS.index(name[:3].lower().replace("\u017f", "s")) + 1
            try:
                return datetime.date(int(match[year]), number, int(match[day]))
            except ValueError:
                return None
    return None


def _published(texts: tuple[str, ...]) -> datetime.date | None:
    """The publication date: a date in the sentence saying the report is (or will be) available."""
    # Only a higher score replaces the date found, and none is higher than 2, so dates that cannot win
    # go unread and the first dated sentence naming the report ends the search (most releases have it in
    # their first note).
    best: tuple[int, datetime.date] | None = None
    for sentence in (s for text in texts if _may_contain(text, _AVAILABLE_HINTS) for s in _sentences(text)):
        if not _AVAILABLE.search(sentence):
            continue
        score = 2 if _THE_REPORT.search(sentence) else 1  # "The role of the SPO ... was published" scores 1
        if best is not None and score <= best[0]:
            continue
        # Every form of date has a digit; most sentences have none.
        dates = [date for date in map(_date, _DATE.finditer(sentence)) if date] if _DIGIT.search(sentence) else []
        if dates:
            best = (score, dates[0])
            if score == 2:
                break
    return best[1] if best else None


def _fieldwork(texts: tuple[str, ...]) -> str | None:
    """The fieldwork period as stated, without its preposition: "May and June 2019"."""
    for sentence in (s for text in texts if _may_contain(text, ("field",)) for s in _sentences(text)):
        keyword = _FIELDWORK.search(sentence)
        if not keyword:
            continue
        for match in _PERIOD.finditer(sentence, keyword.end()):
            period = match.group().strip(" ,-–—&")
            while period and not _PERIOD_END.search(period) and _PERIOD_TAIL.search(period):
                period = _PERIOD_TAIL.sub("", period).strip(" ,-–—&")
            if period and _PERIOD_END.search(period):
                return period
    return None


def _reference_year(fieldwork: str | None, published: datetime.date | None) -> int | None:
    """The year of this inspection, to date earlier ratings: fieldwork's, else the year before publication."""
    years = _YEAR.findall(fieldwork or "")
    if years:
        return int(years[-1])
    # Reports come out months after fieldwork, often in the next year, so only earlier years are stale.
    return published.year - 1 if published else None


# --------------------------------------------------------------------------- acronyms

_SHORT_IN_PARENS = re.compile(r"\((?P<short>[A-Z][A-Za-z&]{1,9})\)")
_LONG_IN_PARENS = re.compile(r"(?<![\w-])(?P<short>[A-Z][A-Za-z&]{1,9})\s+\((?P<long>[A-Za-z][\w’' -]{3,80})\)")
_WORD_PART = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?|&")
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "&", "a", "an", "at", "with", "by"})
_PHRASE_BREAK = re.compile(r"[.;:!?()“”\"‘’,]")
_MAX_EXTRA_WORDS = 4
_SAME_IN_PLURAL = frozenset({"premises", "series", "species", "means", "news"})


def _letters(short: str) -> tuple[str, bool] | None:
    """The letters an acronym spells and whether it is a plural ("SPOs"); None if it is no acronym."""
    plural = short.endswith("s") and short[-2:-1].isupper()
    letters = (short[:-1] if plural else short).replace("&", "")
    if sum(char.isupper() for char in letters) < 2:
        return None
    return letters, plural


def _spells(letters: str, words: list[str]) -> bool:
    """True when the words account for every letter in order: initials, "HM" whole, "of" for "EofE"."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word.lower() in _SMALL_WORDS and _spells(letters, rest):
        return True
    for size in range(1, min(len(word), len(letters)) + 1):
        chunk = letters[:size]
        if chunk.lower() != word[:size].lower() or (size > 1 and not (word.isupper() or chunk[1:].islower())):
            break
        if _spells(letters[size:], rest):
            return True
    return False


def _singular(phrase: str) -> str:
    """The phrase with its last word made singular: "Officers" → "Officer", "Companies" → "Company"."""
    if phrase.split()[-1].lower() in _SAME_IN_PLURAL:
        return phrase
    if phrase.endswith("ies"):
        return phrase[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x)es$", phrase):
        return phrase[:-2]
    return phrase[:-1] if phrase.endswith("s") and not phrase.endswith("ss") else phrase


def _expansion(text: str, letters: str) -> str | None:
    """The words just before "(" in ``text`` whose initials spell ``letters``, shortest run first."""
    phrase = _PHRASE_BREAK.split(text)[-1]
    parts = list(_WORD_PART.finditer(phrase))
    words = [part.group() for part in parts]
    for size in range(1, min(len(parts), len(letters) + _MAX_EXTRA_WORDS) + 1):
        if words[-size].lower() not in _SMALL_WORDS and _spells(letters, words[-size:]):
            return _squash(phrase[parts[-size].start() :])
    return None


def _acronyms_in(text: str) -> list[Acronym]:
    """The acronyms a paragraph defines, as "Long Form (LF)" or "LF (Long Form)"."""
    if "(" not in text:  # both forms need one
        return []
    found: list[tuple[int, Acronym]] = []
    for match in _SHORT_IN_PARENS.finditer(text):
        spelled = _letters(match["short"])
        before = text[max(0, match.start() - _WINDOW) : match.start()]
        expansion = _expansion(before, spelled[0]) if spelled else None
        if spelled and expansion:
            short, plural = spelled
            found.append((match.start(), Acronym(short, _singular(expansion) if plural else expansion)))
    for match in _LONG_IN_PARENS.finditer(text):
        spelled = _letters(match["short"])
        words = [part.group() for part in _WORD_PART.finditer(match["long"])]
        if spelled and _spells(spelled[0], words):
            found.append((match.start(), Acronym(spelled[0], _squash(match["long"]))))
    return [acronym for _, acronym in sorted(found, key=lambda item: item[0])]


def _acronyms(texts: tuple[str, ...]) -> tuple[Acronym, ...]:
    """Every acronym the release defines, first definition of each short form wins."""
    seen: dict[str, Acronym] = {}
    for text in texts:
        for acronym in _acronyms_in(text):
            seen.setdefault(acronym.short, acronym)
    return tuple(seen.values())


# --------------------------------------------------------------------------- the release


def _previous_ratings(mentions: list[_Mention]) -> tuple[PreviousRating, ...]:
    """Earlier ratings in order, without repeats; an undated one goes when a dated one says the same."""
    earlier = [m for m in mentions if m.kind == "previous"]
    dated = {m.rating for m in earlier if m.year}
    kept = [PreviousRating(m.rating, m.year) for m in earlier if m.year or m.rating not in dated]
    return tuple(dict.fromkeys(kept))


def parse_release(text: str, release_id: str) -> Release:
    """Parse decoded release text. :raise ReleaseError: nothing that looks like a release."""
    lines = _unify_line_breaks(text).split("\n")
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ReleaseError("no title (the text has no non-empty line)")
    title = _squash(lines[start])
    body_lines, notes_lines = _split_sections(lines[start + 1 :])
    body = tuple(_paragraphs(body_lines, _BULLET))
    notes = tuple(_paragraphs(notes_lines, _NOTE_ITEM))
    published = _published(notes + body)
    fieldwork = _fieldwork(notes + body)
    ref_year = _reference_year(fieldwork, published)
    mentions = _body_mentions(body, ref_year)
    title_mentions = _rating_mentions(title[:_WINDOW], ref_year)
    pdu, unit_type = _unit(title, body)
    chief = _chief_inspector(body + notes)
    return Release(
        id=release_id,
        title=title,
        body=body,
        quotes=_quotes(body, chief),
        notes=notes,
        rating=_overall_rating(mentions, title_mentions),
        previous_ratings=_previous_ratings(mentions + title_mentions),
        sub_ratings=tuple(dict.fromkeys(SubRating(m.aspect, m.rating) for m in mentions if m.kind == "sub")),
        pdu=pdu,
        unit_type=unit_type,
        region=_region(unit_type, pdu, notes, body),
        chief_inspector=chief,
        published=published,
        fieldwork=fieldwork,
        acronyms=_acronyms(body + notes),
    )


def read_release(data: bytes, release_id: str) -> Release:
    """Decode and parse in one step."""
    return parse_release(decode(data), release_id)
