"""The abbreviations a release defines, e.g. SPO for Senior Probation Officer."""

from __future__ import annotations

import re

from searchsvc.releases.model import Acronym
from searchsvc.releases.text import WINDOW
from searchsvc.releases.text import squash

_SHORT_IN_PARENS = re.compile(r"\((?P<short>[A-Z][A-Za-z&]{1,9})\)")
# The look behind comes after the capital it is about, so the pattern opens with a plain set of characters and re
# scans for its first character in C: twice as fast as opening with the look behind, and the same matches.
_LONG_IN_PARENS = re.compile(r"(?P<short>[A-Z](?<![\w-].)[A-Za-z&]{1,9})\s+\((?P<long>[A-Za-z][\w’' -]{3,80})\)")
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
            return squash(phrase[parts[-size].start() :])
    return None


def _acronyms_in(text: str) -> list[Acronym]:
    """The acronyms a paragraph defines, as "Long Form (LF)" or "LF (Long Form)"."""
    if "(" not in text:  # both forms need one
        return []
    found: list[tuple[int, Acronym]] = []
    for match in _SHORT_IN_PARENS.finditer(text):
        spelled = _letters(match["short"])
        before = text[max(0, match.start() - WINDOW) : match.start()]
        expansion = _expansion(before, spelled[0]) if spelled else None
        if spelled and expansion:
            short, plural = spelled
            found.append((match.start(), Acronym(short, _singular(expansion) if plural else expansion)))
    for match in _LONG_IN_PARENS.finditer(text):
        spelled = _letters(match["short"])
        words = [part.group() for part in _WORD_PART.finditer(match["long"])]
        if spelled and _spells(spelled[0], words):
            found.append((match.start(), Acronym(spelled[0], squash(match["long"]))))
    return [acronym for _, acronym in sorted(found, key=lambda item: item[0])]


def defined_acronyms(texts: tuple[str, ...]) -> tuple[Acronym, ...]:
    """Every acronym the release defines, first definition of each short form wins."""
    seen: dict[str, Acronym] = {}
    for text in texts:
        for acronym in _acronyms_in(text):
            seen.setdefault(acronym.short, acronym)
    return tuple(seen.values())
