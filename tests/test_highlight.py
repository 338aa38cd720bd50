"""Highlighting: what a query marks in release text, shown with [brackets] for <mark> so asserts read as text."""

from __future__ import annotations

import pytest

from searchsvc import schema
from searchsvc.search import highlight
from searchsvc.search import query as ql


def marked(html: str) -> str:
    return html.replace("<mark>", "[").replace("</mark>", "]")


def matcher(q: str) -> highlight.Matcher:
    return highlight.matcher_for(ql.parse(q, fields=schema.QUERY_FIELDS))


@pytest.mark.parametrize(
    ("q", "text", "expected"),
    [
        ("inspected", "Inspectors inspected; inspection follows.", "Inspectors [inspected]; [inspection] follows."),
        ("STAFF", "Staff and staffs", "[Staff] and [staffs]"),
        (
            '"management oversight"',
            "management oversight, management of oversight",
            "[management] [oversight], management of oversight",
        ),
        ("safeguard*", "Safeguarding and safe guarding", "[Safeguarding] and safe guarding"),
        ("cafe", "The café opened", "The [café] opened"),
        ("title:risk", "risk in the title", "[risk] in the title"),
        ("pdu:norfolk", "Norfolk PDU", "Norfolk PDU"),  # other named fields are not marked in text
        ("-risk staff", "risk and staff", "risk and [staff]"),  # excluded words are not marked
        ("the", "the end", "the end"),  # stop words are never marked
    ],
)
def test_highlight_whole_marks_the_surface_words_a_query_matches(q: str, text: str, expected: str) -> None:
    assert marked(highlight.highlight_whole(text, matcher(q))) == expected


def test_text_is_escaped_and_only_marks_are_added() -> None:
    html = highlight.highlight_whole('<script>alert("x")</script> & staff', matcher("staff script"))
    assert html == "&lt;<mark>script</mark>&gt;alert(&#34;x&#34;)&lt;/<mark>script</mark>&gt; &amp; <mark>staff</mark>"


def test_synonyms_are_marked_as_well_as_the_words_typed() -> None:
    spelled = highlight.matcher_for(ql.parse("senior probation officers"), synonyms=["spo"])
    assert marked(highlight.highlight_whole("An SPO met senior staff", spelled)) == "An [SPO] met [senior] staff"


def test_fragments_show_each_matched_word_once_in_text_order() -> None:
    text = (
        "Opening words.\n\nThe staff were inspected. "
        + "Filler words here. " * 30
        + "\n\nManagement oversight was weak."
    )
    fragments = highlight.fragments(text, matcher('staff "management oversight"'), size=60)
    assert [marked(f) for f in fragments] == [
        "The [staff] were inspected. Filler words here. Filler words…",
        "[Management] [oversight] was weak.",
    ]


def test_fragments_without_a_match_show_the_opening() -> None:
    assert highlight.fragments("Nothing matches here at all.", matcher("zebra")) == ["Nothing matches here at all."]
    assert highlight.fragments("   ", matcher("zebra")) == []


def test_an_empty_matcher_marks_nothing() -> None:
    assert not highlight.Matcher()
    assert highlight.highlight_whole("a & b", highlight.Matcher()) == "a &amp; b"
    assert highlight.spans("staff", highlight.Matcher()) == []
