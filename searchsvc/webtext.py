"""Text made into safe HTML for pages: web addresses in releases as links, lists as lists, the query-syntax table.

Everything is escaped first; the only markup added is ``<a>``, ``<mark>``,
``<code>`` and ``<em>``, around text that is itself escaped. Lists are
handed to the template as ``Block``s, for it to write the list tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote_plus

from markupsafe import Markup
from markupsafe import escape

from searchsvc.releases.model import ListSpan
from searchsvc.search import highlight

#: A web address in running text. Only http(s): a ``javascript:`` address
#: never becomes a link. Brackets and quotes end it, as they usually close it.
_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
#: Punctuation that ends a sentence rather than the address it follows.
_TRAILING = ".,;:!?’”"

#: The query syntax: what you type (examples in `backticks`, each one a
#: search), and what it finds (*emphasis* allowed). /help shows it and the
#: README's "Searching" table is checked against it.
QUERY_SYNTAX: tuple[tuple[str, str], ...] = (
    (
        "`management oversight`",
        "releases with both words (any form: *managing*, *managers*), best first; "
        "releases where they stand together rank higher",
    ),
    ('`"management oversight"`', 'the exact phrase, words unstemmed (`"inspected"` does not match *inspection*)'),
    ("`safeguarding OR MASH`", "either word"),
    ("`Norfolk -Suffolk`, `Norfolk NOT Suffolk`", "the first without the second"),
    ("`inspect*`", "any word starting *inspect* (at most 128 different words)"),
    (
        '`title:Essex`, `pdu:Norfolk`, `rating:inadequate`, `region:"east of england"`, `inspector:Russell`',
        "words in one field",
    ),
    ("*(nothing)*", "every release, newest first"),
)
_CODE = re.compile(r"`([^`]+)`")
_EMPHASIS = re.compile(r"\*([^*]+)\*")


def linked(text: str, matcher: highlight.Matcher) -> Markup:
    """``text`` escaped, the search's words marked, and each http(s) address a link to itself."""
    out: list[str] = []
    at = 0
    for match in _ADDRESS.finditer(text):
        address = match.group().rstrip(_TRAILING)
        end = match.start() + len(address)
        out.append(highlight.highlight_whole(text[at : match.start()], matcher))
        shown = highlight.highlight_whole(address, matcher)
        out.append(f'<a class="address" href="{escape(address)}">{shown}</a>')
        at = end
    out.append(highlight.highlight_whole(text[at:], matcher))
    return Markup("".join(out))


#: How each kind of list is written: its tag, and the ``type`` of an ordered one.
_LIST_TAGS = {"bullet": ("ul", None), "number": ("ol", None), "letter": ("ol", "a"), "roman": ("ol", "i")}


@dataclass(frozen=True)
class ItemList:
    """A list as the page writes it: ``<ul>``, or ``<ol>`` with its ``type`` and the number it ``start``s at."""

    tag: str
    type: str | None
    start: int
    items: tuple[Markup, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph of a release (``text``), a list (``items``), or a note with the list inside it (both)."""

    text: Markup | None
    items: ItemList | None = None


def release_blocks(paragraphs: tuple[str, ...], lists: tuple[ListSpan, ...], matcher: highlight.Matcher) -> list[Block]:
    """The body's paragraphs as ``linked`` text, each run of list items gathered into one list."""
    starts = {span.start: span for span in lists}
    blocks: list[Block] = []
    at = 0
    while at < len(paragraphs):
        span = starts.get(at)
        if span is None or span.end <= at:
            blocks.append(Block(linked(paragraphs[at], matcher)))
            at += 1
            continue
        tag, kind = _LIST_TAGS.get(span.marker, ("ul", None))
        items = tuple(linked(item, matcher) for item in paragraphs[span.start : span.end])
        blocks.append(Block(None, ItemList(tag, kind, span.first, items)))
        at = span.end
    return blocks


def note_blocks(notes: tuple[str, ...], lists: tuple[ListSpan, ...], matcher: highlight.Matcher) -> list[Block]:
    """The notes as the page numbers them: each note's text, and the list inside it (which follows it)."""
    blocks: list[Block] = []
    for block in release_blocks(notes, lists, matcher):
        if block.text is None and blocks and blocks[-1].items is None:
            blocks[-1] = Block(blocks[-1].text, block.items)
        else:
            blocks.append(block)
    return blocks


def syntax_html(cell: str, *, searchable: bool) -> Markup:
    """One cell of ``QUERY_SYNTAX`` as HTML: `code` (a link to that search when ``searchable``) and *emphasis*."""

    def code(match: re.Match[str]) -> str:
        example = match.group(1)
        if searchable:
            return f'<a href="/search?q={escape(quote_plus(example))}"><code>{escape(example)}</code></a>'
        return f"<code>{escape(example)}</code>"

    parts = []
    at = 0
    for match in _CODE.finditer(cell):
        parts.append(_EMPHASIS.sub(r"<em>\1</em>", str(escape(cell[at : match.start()]))))
        parts.append(code(match))
        at = match.end()
    parts.append(_EMPHASIS.sub(r"<em>\1</em>", str(escape(cell[at:]))))
    return Markup("".join(parts))
