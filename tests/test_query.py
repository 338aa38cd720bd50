"""The query language: text to tree, as tables (pure functions, no index)."""

from __future__ import annotations

import pytest

from searchsvc.errors import QueryError
from searchsvc.search.query import All
from searchsvc.search.query import Any
from searchsvc.search.query import Limits
from searchsvc.search.query import Not
from searchsvc.search.query import Phrase
from searchsvc.search.query import Word
from searchsvc.search.query import normalise
from searchsvc.search.query import parse
from searchsvc.search.query import words_of

FIELDS = ("title", "pdu", "rating")
A, B, C = Word("a"), Word("b"), Word("c")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a b", All((A, B))),
        ("a AND b", All((A, B))),
        ("a OR b", Any((A, B))),
        ("a b OR c", Any((All((A, B)), C))),
        ("(a OR b) c", All((Any((A, B)), C))),
        ("-a b", All((Not(A), B))),
        ("NOT a", Not(A)),
        ("NOT NOT a", A),
        ('"management oversight"', Phrase("management oversight")),
        ("inspect*", Word("inspect", prefix=True)),
        ("title:staff", Word("staff", field="title")),
        ("title: staff", Word("staff", field="title")),
        ('pdu:"norfolk pdu"', Phrase("norfolk pdu", field="pdu")),
        ("region:east", Word("region:east")),  # not a field the caller allows: a word
        ("not good or timely", All((Word("not"), Word("good"), Word("or"), Word("timely")))),
        ("it's", Word("it's")),
    ],
)
def test_parses_to_a_tree(text: str, tree: object) -> None:
    assert parse(text, fields=FIELDS) == tree


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("a OR", A),
        ("((a", A),
        ("a)", A),
        ('"a b', Phrase("a b")),
        ("OR AND NOT", None),
        ("", None),
        ("   ", None),
        ('""', None),
        ("operators like *, +", All((Word("operators"), Word("like"), Word("+")))),  # a star in prose
    ],
)
def test_odd_syntax_is_read_not_rejected(text: str, tree: object) -> None:
    assert parse(text, fields=FIELDS) == tree


def test_operators_in_a_query_written_in_capitals_are_words() -> None:
    tree = parse("SAFEGUARDING AND CHILDREN IN NORFOLK", fields=FIELDS)
    assert tree == All(tuple(Word(w) for w in ("SAFEGUARDING", "and", "CHILDREN", "IN", "NORFOLK")))
    assert parse("SAFEGUARDING AND CHILDREN", fields=FIELDS) == All((Word("SAFEGUARDING"), Word("CHILDREN")))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x*", "bad_wildcard"),
        ("in*spect", "bad_wildcard"),
        ("a" * 65, "token_too_long"),
        ("w " * 201, "too_many_terms"),
        ("(" * 9 + "a", "query_too_deep"),
        ("a" * 1001, "query_too_long"),
    ],
)
def test_queries_beyond_the_limits_are_refused_with_a_code(text: str, code: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text, fields=FIELDS, limits=Limits())
    assert caught.value.code == code and caught.value.param == "q"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("“management oversight”", '"management oversight"'),
        ("well‑led", "well-led"),
        ("a\u200bb", "ab"),
        ("staff\u2014workload", "staff workload"),
        ("ｆｕｌｌ width", "full width"),
        ("  spaced\n\tout ", "spaced out"),
    ],
)
def test_normalise_folds_pasted_punctuation(text: str, folded: str) -> None:
    assert normalise(text) == folded


def test_words_of_lists_positive_words_and_phrases_in_order() -> None:
    tree = parse('a -b (c OR "d e") NOT f', fields=FIELDS)
    assert words_of(tree) == [A, C, Phrase("d e")]
    assert words_of(None) == []


def test_an_any_word_query_may_be_a_pasted_paragraph() -> None:
    paragraph = " ".join(["word"] * 1000)
    assert len(paragraph) == 4999
    tree = parse(paragraph, fields=FIELDS, any_word=True)
    assert tree == All(tuple(Word("word") for _ in range(1000)))
    longest = " ".join(["abcdefghi"] * 999 + ["abcdefghij"])
    assert (len(longest), len(longest.split())) == (10_000, 1000)
    assert parse(longest, fields=FIELDS, any_word=True) is not None


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("a" * 10_001, "query_too_long", "the query is 10,001 characters long; the limit is 10,000"),
        ("w " * 1001, "too_many_terms", "the query has 1,001 words; the limit is 1,000"),
    ],
)
def test_an_any_word_query_has_limits_too(text: str, code: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text, fields=FIELDS, any_word=True)
    assert (caught.value.code, str(caught.value)) == (code, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a" * 1001, "the query is 1,001 characters long; the limit is 1,000 when every word must match"),
        ("w " * 201, "the query has 201 words; the limit is 200 when every word must match"),
    ],
)
def test_an_all_words_query_over_its_limits_is_told_about_match_any(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text, fields=FIELDS)
    assert str(caught.value) == (
        f"{message}; to search with a longer text, such as a pasted paragraph, match any of the words "
        "(match=any), up to 10,000 characters and 1,000 words"
    )
