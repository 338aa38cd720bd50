"""Text made into safe HTML for pages: web addresses in releases as links, and the query-syntax table.

Everything is escaped first; the only markup added is ``<a>``, ``<mark>``,
``<code>`` and ``<em>``, around text that is itself escaped.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from markupsafe import Markup
from markupsafe import escape

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
