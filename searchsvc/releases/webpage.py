"""Releases saved as web pages: the title, the main content and the published date out of HTML text."""

from __future__ import annotations

import datetime
import re

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode

from searchsvc.errors import ReleaseError
from searchsvc.releases.dates import date_in
from searchsvc.releases.text import squash

# Page chrome inside the main content: navigation, cookie banners, sharing and feedback widgets.
_CHROME = (
    "script,style,template,nav,header,footer,aside,form,button,noscript,[role=dialog],[role=navigation],"
    "[class*=cookie],[id*=cookie],[class*=breadcrumb],[class*=skip],[class*=sidebar],[class*=share],"
    "[class*=related],[class*=feedback],[class*=metadata],[class*=caption]"
)
_MAIN = ("article", "main", "[role=main]", "#main-content", "#content")
_BLOCKS = "p,li,h2,h3,h4,blockquote,dd,pre"
_BLOCK_TAGS = frozenset({"p", "li", "blockquote", "dd", "pre"})
# "article:published_time", "dcterms.published", and Dublin Core's formal date of publication, "DC.date.issued"
# (councils' pages), "dcterms.issued".
_PUBLISHED_KEY = re.compile(r"published|\bissued\b")
# A page's own "Published: 12 March 2024" shown in its chrome; a longer element holds more than that line.
_SHOWN_PUBLISHED = re.compile(r"\s*published:?\s+(?P<date>\d.*?)\s*$", re.IGNORECASE | re.DOTALL)
_SHOWN_DATE_LENGTH = 60
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")
_TITLE_SITE = re.compile(r"\s+[–—|-]\s+[^–—|-]*$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:!?)’”])")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` opens as an HTML document (after an optional BOM and comments)."""
    return bool(_HTML_START.match(data.removeprefix(b"\xef\xbb\xbf")[:4096]))


def page_release_text(page: str) -> tuple[str, datetime.date | None]:
    """Release text (title, blank line, one paragraph a block) of a page, and its published date.

    :raise ReleaseError: the page has no title or no main content.
    """
    tree = LexborHTMLParser(page)
    published = _published(tree)
    main = next((node for node in map(tree.css_first, _MAIN) if node is not None), tree.body)
    if main is None:
        raise ReleaseError("not a release page (no body)")
    title = _title(tree, main)
    for node in main.css(_CHROME):
        node.decompose()
    blocks = _blocks(main)
    if not title or not blocks:
        raise ReleaseError(f"not a release page (no {'title' if not title else 'main content'})")
    return "\n\n".join([title, *blocks]), published


def _blocks(main: LexborNode) -> list[str]:
    """The text of each outermost block; a list item opens with a bullet, or in an <ol> its number, as in text."""
    counted: dict[int, int] = {}
    blocks = []
    for node in main.css(_BLOCKS):
        if _inside_block(node, main) or not (text := _text(node)):
            continue
        parent = node.parent
        if node.tag == "li" and parent is not None and parent.tag == "ol":
            counted[parent.mem_id] = counted.get(parent.mem_id, _first_number(parent) - 1) + 1
            text = f"{counted[parent.mem_id]}. {text}"
        elif node.tag == "li":
            text = f"• {text}"
        blocks.append(text)
    return blocks


def _first_number(ordered: LexborNode) -> int:
    """The number an <ol> counts from: its ``start``, when that is a number of at most three digits."""
    start = (ordered.attributes.get("start") or "").strip()
    return int(start) if start.isdigit() and len(start) <= 3 else 1


def _title(tree: LexborHTMLParser, main: LexborNode) -> str:
    """The page's heading, else its og:title, else its <title> without the site's name."""
    heading = main.css_first("h1") or tree.css_first("h1")
    if heading is not None and heading.text(strip=True):
        return squash(heading.text(separator=" "))
    og = tree.css_first('meta[property="og:title"]')
    if og is not None and og.attributes.get("content"):
        return squash(og.attributes["content"] or "")
    title = tree.css_first("title")
    return _TITLE_SITE.sub("", squash(title.text())) if title is not None else ""


def _published(tree: LexborHTMLParser) -> datetime.date | None:
    """The date in a <meta> whose name or property says "published" or "issued", else in the first <time datetime>."""
    for meta in tree.css("meta"):
        key = f"{meta.attributes.get('name') or ''} {meta.attributes.get('property') or ''}".lower()
        if _PUBLISHED_KEY.search(key) and (date := _iso_date(meta.attributes.get("content"))):
            return date
    time = tree.css_first("time[datetime]")
    date = _iso_date(time.attributes.get("datetime")) if time is not None else None
    return date or _shown_date(tree)


def _shown_date(tree: LexborHTMLParser) -> datetime.date | None:
    """The date a page shows beside "Published" in an element that is no block of text (``<div class="meta">
    <span>Published:</span> <time>12 March 2024</time></div>``): the release's text never holds that line."""
    for node in tree.css("div,span,time"):
        text = node.text(separator=" ")
        if len(text) <= _SHOWN_DATE_LENGTH and (match := _SHOWN_PUBLISHED.match(text)):
            return date_in(match["date"])
    return None


def _iso_date(text: str | None) -> datetime.date | None:
    """The date an ISO timestamp starts with, or None."""
    match = _ISO_DATE.match(text or "")
    if not match:
        return None
    try:
        return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _inside_block(node: LexborNode, main: LexborNode) -> bool:
    """Whether a block sits inside another block (a <p> in an <li>), which already holds its text."""
    parent = node.parent
    while parent is not None and parent.mem_id != main.mem_id and parent.tag != "html":
        if parent.tag in _BLOCK_TAGS:
            return True
        parent = parent.parent
    return False


def _text(node: LexborNode) -> str:
    """A block's text on one line; a link whose words are not its address keeps the address after them."""
    for link in node.css("a[href]"):
        href = link.attributes.get("href") or ""
        if href.startswith(("http://", "https://")) and href not in link.text():
            link.insert_after(f" ({href})")
    # Text nodes are joined with spaces, which must not come before punctuation: "<a>…</a>." is "….".
    return _SPACE_BEFORE_PUNCTUATION.sub("", squash(node.text(separator=" ")))
