"""Small text helpers every fact finder shares: sentences, squashing, cheap pre-tests."""

from __future__ import annotations

import functools
import re

# "[.!?…][.!?…]*" rather than "[.!?…]+": re scans in C for a pattern's first character only when the pattern
# opens with a plain set of characters, not a repeat of one; twice as fast, and the same matches.
# A web page's footnote marker may follow a sentence's full stop: "... in England and Wales.[1] In this inspection",
# or "Wales.1 In" where the page lost its brackets (a digit only after a word, never "v3.0" or "in 2019.").
_SENTENCE_END = re.compile(r"[.!?…][.!?…]*[’”\"')\]]*(?:\[\d{1,2}\]|(?<=[a-z]\.)\d{1,2})?\s+(?=[“‘\"'(\[]?[A-Z0-9])")

#: How far (in characters) a pattern looks around the word it is anchored on. Every regular
#: expression in this package is applied to a bounded window, so a pathological file costs linear time.
NEAR = 12
WINDOW = 300

# re tries a pattern at every position it searches, and one that opens with \b, a lookbehind or an
# optional group costs far more there than a test of one character. So the costliest such patterns
# open with a lookahead for the characters a match can start with, such as "(?=[HAIC])": it turns
# most positions down at once and changes no match (a tenth of parsing went on those positions).
#: Words whose full stop ends no sentence ("Dr Smith", "3 Sept. 2024"); a.b. abbreviations too (below).
_ABBREVIATIONS = tuple("Mr Mrs Ms Dr St No Prof Cllr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_ABBREVIATION = re.compile(rf"(?:\b(?:{'|'.join(_ABBREVIATIONS)})|\b[a-z]\.[a-z])$")
# What the text before a full stop must end with for ``_ABBREVIATION`` to match there ("$" also matches before
# a final line break): most sentences end otherwise, and a test in C turns them down before the search.
_ABBREVIATION_ENDINGS = (*_ABBREVIATIONS, "\n")


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    # Most text is squashed already: no white space but single spaces between words (``isprintable`` is
    # False for every other white-space character), tested in C at a third of the cost of splitting it.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


@functools.lru_cache(maxsize=512)
def split_sentences(paragraph: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, not after "Mr." or "e.g.".

    Remembered: the unit, region, rating and date finders each split the
    same paragraphs again.
    """
    sentences: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(paragraph):
        # What ends before the full stop is tested in place, and sliced only for the search: every paragraph of a
        # release is split, and slicing each sentence's end was a tenth of the cost.
        stop = end.start()
        near = max(start, stop - NEAR)
        dotted = stop - 2 >= near and paragraph[stop - 2] == "."  # "e.g." before it
        if (paragraph.endswith(_ABBREVIATION_ENDINGS, near, stop) or dotted) and _ABBREVIATION.search(
            paragraph[near:stop]
        ):
            continue
        if sentence := paragraph[start : end.end()].strip():
            sentences.append(sentence)
        start = end.end()
    if sentence := paragraph[start:].strip():
        sentences.append(sentence)
    return tuple(sentences)


#: The last text ``may_contain`` lowered, and its lower case: finders often test one text for several words in
#: turn. Replaced whole, so threads never see half an entry.
_last_lowered = ("", "")


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold one of ``words`` (lower-case ASCII) in any case.

    A test in C before running a case-insensitive pattern, which costs
    microseconds a sentence even where nothing matches: False means no such
    pattern built on one of ``words`` can match (``folds_unlike_lower``).
    """
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        lowered = last[1]
    else:
        lowered = text.lower()
        _last_lowered = (text, lowered)
    for word in words:
        if word in lowered:
            return True
    return folds_unlike_lower(text)


def folds_unlike_lower(text: str) -> bool:
    """Whether ``text`` holds a character a case-insensitive pattern matches as an ASCII letter although
    ``str.lower`` does not turn it into one: dotted capital I, dotless i and long s."""
    return not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text)


# "1(?<!\w1)" is "\b1" with the look-behind after the digit: a pattern opening with a digit is scanned for in C, one
# opening with \b is tried at every position (three times the cost, and the same matches).
YEAR = re.compile(r"(?:1(?<!\w1)9[89]\d|2(?<!\w2)0\d\d)\b")

#: Shorter than this and ending in no sentence's end, a paragraph is a heading or a page's line, not prose.
_HEADING_LENGTH = 80


def is_heading(paragraph: str) -> bool:
    """Whether a paragraph is a heading or a page's short line ("Share This Post", "11 SEPTEMBER 2012"), not prose."""
    return len(paragraph) < _HEADING_LENGTH and paragraph.rstrip()[-1:] not in ".!?:;…’”'\""


def opening_paragraphs(paragraphs: tuple[str, ...], count: int) -> tuple[str, ...]:
    """The paragraphs up to the ``count``-th of prose, with the headings and a page's short lines among them: a
    council's agenda opens with a dozen, and a page copied line by line puts a byline between its paragraphs."""
    prose = 0
    for index, paragraph in enumerate(paragraphs):
        prose += not is_heading(paragraph)
        if prose == count:
            return paragraphs[: index + 1]
    return paragraphs


def first_year(text: str) -> int | None:
    """The first year ``text`` names."""
    years = YEAR.findall(text)
    return int(years[0]) if years else None


#: A word of a title or a body, for casing a title as the body writes its words.
_CASED_WORD = re.compile(r"[A-Za-z][\w’'-]*")
#: A title is in Title Case when this share of its words (of at least ``_TITLE_WORDS``) open with a capital.
_TITLE_CASED_SHARE = 0.8
_TITLE_WORDS = 4
_ABBREVIATION_LENGTH = 3
_CASING_PARAGRAPHS = 8
#: The endings a title's word may lose in the body's form of it ("Rate" → "rated", "Rates" → "rate").
_ENDINGS = ("s", "d", "ed", "es", "ing")
#: Words a title in capitals shares with every sentence: never a name, never an abbreviation.
_COMMON_WORDS = frozenset("a an and as at be by for from has in is it its not of on or our the to was with".split())


def cased_like_body(title: str, body: tuple[str, ...]) -> str:
    """A title written in Title Case or in capitals, with each word cased as the body writes it ("Inspectors Rate
    Wealdon Probation Delivery Unit As Inadequate" → "Inspectors rate Wealdon Probation Delivery Unit as
    inadequate"), so that its words are told from a unit's name; any other title as it is."""
    words = _CASED_WORD.findall(title)
    if len(words) < _TITLE_WORDS:
        return title
    shouted = title.isupper()
    if not shouted and sum(word[0].isupper() for word in words) < _TITLE_CASED_SHARE * len(words):
        return title
    # The opening paragraphs say what the title says, in the body's own casing: enough, and a fraction of the body.
    text = " ".join(body[:_CASING_PARAGRAPHS])
    recased = _CASED_WORD.sub(lambda match: _as_in_body(match[0], text, shouted), title)
    return recased[:1].upper() + recased[1:]


def _as_in_body(word: str, text: str, shouted: bool) -> str:
    """A title's word as the body writes it: in lower case if the body ever writes it so; as a name if the body
    capitalises it ("Ford House AP" beside "houses"); else in lower case if the body writes a form of it in lower
    case ("Rate" as "rated"). A word the body never writes is, in a title in capitals, a name ("JUSTIN" → "Justin")
    unless it is as short as an abbreviation ("PDU"), and in Title Case as it is."""
    lowered = word.lower()
    if lowered in _COMMON_WORDS or _written(lowered, text):
        return lowered
    capitalised = lowered.capitalize()
    if capitalised in text:
        return capitalised if shouted else word
    forms = (*(lowered + ending for ending in _ENDINGS), lowered[:-1] + "ing", lowered.rstrip("s"))
    if any(_written(form, text) for form in forms):
        return lowered
    return word.capitalize() if shouted and len(word) > _ABBREVIATION_LENGTH else word


def _written(form: str, text: str) -> bool:
    """Whether ``text`` holds ``form`` as a word of its own (found by ``str.find``: a pattern a word would fill the
    pattern cache with one-off entries)."""
    start = text.find(form) if form else -1
    while start != -1:
        end = start + len(form)
        if not _word_char(text[start - 1 : start]) and not _word_char(text[end : end + 1]):
            return True
        start = text.find(form, start + 1)
    return False


def _word_char(char: str) -> bool:
    """Whether ``char`` (one character or none) would carry a word on: a letter, a digit, an apostrophe, a hyphen."""
    return bool(char) and (char.isalnum() or char in "_’'-")
