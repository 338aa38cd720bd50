"""Bytes to clean text: encoding detection, line ends, spaces and invisible characters."""

from __future__ import annotations

import collections
import re
import unicodedata

from searchsvc.errors import ReleaseError

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
    text = unicodedata.normalize("NFC", unify_line_breaks(text))
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


def unify_line_breaks(text: str) -> str:
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
