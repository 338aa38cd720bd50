"""Searching the seed index: ranking, the query language, filters, facets and highlighting."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from searchsvc.errors import QueryError
from searchsvc.search import SearchPage
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import tiny_index

NORFOLK = "000_cdf3a1f2c20930cb"
SUFFOLK = "001_07cb0345052c310f"
TRUST = "002_672684c15eaa1aea"
CRC = "003_b5be92edc6b7fe4f"
ESSEX = "004_dd95e6e226415534"


@pytest.fixture(scope="module")
def svc(seed_index: Path) -> SearchService:
    return SearchService(seed_index)


def ids(page: SearchPage) -> list[str]:
    return [hit.id for hit in page.hits]


def facet(page: SearchPage, name: str) -> dict[str, int]:
    counts = next(f for f in page.facets if f.name == name)
    return {**{v.value: v.count for v in counts.values}, counts.missing_label: counts.missing}


def test_management_oversight_finds_exactly_the_three_releases_with_the_phrase(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="management oversight"))
    assert sorted(ids(page)) == sorted([SUFFOLK, TRUST, ESSEX])
    assert page.total == 3 and page.sort == "relevance"


def _tiny_index(tmp_path: Path, releases: dict[str, str]) -> SearchService:
    return SearchService(tiny_index(tmp_path, releases))


FILLER = "Inspectors reviewed the cases in detail and spoke to staff. " * 4


def test_words_standing_together_rank_above_scattered_words(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "apart": f"A report\n\nThere was weak management of staff. {FILLER}Oversight was a concern here.",
            "together": f"A report\n\n{FILLER}There was weak management oversight here, said staff.",
        },
    )
    assert ids(svc.search(SearchRequest(q="management oversight"))) == ["together", "apart"]


def test_title_outranks_body_outranks_notes_to_editors(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "in_notes": f"A report on staff\n\n{FILLER}\n\nNotes to editors\n\n1. Zebrafish work was done.",
            "in_body": f"A report on staff\n\n{FILLER}Zebrafish work was done.\n\nNotes to editors\n\n1. No.",
            "in_title": f"A report on zebrafish\n\n{FILLER}\n\nNotes to editors\n\n1. None.",
        },
    )
    assert ids(svc.search(SearchRequest(q="zebrafish"))) == ["in_title", "in_body", "in_notes"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"management oversight"', [SUFFOLK, TRUST, ESSEX]),
        ("desistance OR trauma", [SUFFOLK]),
        ("Norfolk OR Essex", [NORFOLK, TRUST, CRC, ESSEX]),
        ("Norfolk -Suffolk", [NORFOLK]),
        ("Norfolk NOT Suffolk", [NORFOLK]),
        ("unpaid work", [CRC]),
        ("inspectorate*", [NORFOLK, SUFFOLK, CRC, ESSEX]),
        ("title:Suffolk", [SUFFOLK, TRUST, CRC]),
        ("rating:inadequate", [NORFOLK]),
        ('rating:"requires improvement"', [SUFFOLK, CRC, ESSEX]),
        ("pdu:Essex", [ESSEX]),
        ("inspector:Russell", [CRC]),
        ("region:England", [NORFOLK, SUFFOLK, ESSEX]),
        ("“management oversight”", [SUFFOLK, TRUST, ESSEX]),
        ("reoffending", [TRUST]),
        ("re-offending", [TRUST]),
        ("(Norfolk OR Essex) inadequate", [NORFOLK, CRC, ESSEX]),
    ],
)
def test_query_language(svc: SearchService, q: str, expected: list[str]) -> None:
    assert sorted(ids(svc.search(SearchRequest(q=q, per_page=100)))) == sorted(expected)


def test_quoted_phrases_are_exact_and_unstemmed(svc: SearchService) -> None:
    assert svc.search(SearchRequest(q="inspected")).total > svc.search(SearchRequest(q='"inspected"')).total
    assert sorted(ids(svc.search(SearchRequest(q='"inspected cases"')))) == [CRC]


def test_an_empty_query_lists_everything_newest_first(svc: SearchService) -> None:
    page = svc.search(SearchRequest())
    assert ids(page) == [ESSEX, NORFOLK, SUFFOLK, CRC, TRUST] or ids(page) == [
        ESSEX,
        SUFFOLK,
        NORFOLK,
        CRC,
        TRUST,
    ]
    assert page.sort == "newest" and all(hit.score is None for hit in page.hits)


def test_sort_oldest(svc: SearchService) -> None:
    assert ids(svc.search(SearchRequest(q="probation", sort="oldest")))[:2] == [TRUST, CRC]


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("the of and", "only_stop_words"),
        ("a*b", "bad_wildcard"),
        ("*probation", "bad_wildcard"),
        ("x" * 65, "token_too_long"),
        ("w " * 201, "too_many_terms"),
        ("(" * 9 + "probation" + ")" * 9, "query_too_deep"),
        ("p" * 1001, "query_too_long"),
    ],
)
def test_queries_that_cannot_mean_anything_raise_query_error(svc: SearchService, q: str, code: str) -> None:
    with pytest.raises(QueryError) as raised:
        svc.search(SearchRequest(q=q))
    assert raised.value.code == code and str(raised.value)


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        ("NOT NOT company", "company"),
        ("((probation", "probation"),
        ("probation)", "probation"),
        ("AND probation OR", "probation"),
        ('"unclosed phrase', '"unclosed phrase"'),
        ("probation -", "probation"),
        ("*", ""),
        ("probation, as in *, +", "probation"),
    ],
)
def test_odd_syntax_is_read_not_rejected(svc: SearchService, q: str, same_as: str) -> None:
    assert ids(svc.search(SearchRequest(q=q))) == ids(svc.search(SearchRequest(q=same_as)))


@pytest.mark.parametrize("q", ["OR", "-", "( )", '""', "NOT"])
def test_a_query_of_only_syntax_is_an_error(svc: SearchService, q: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for") as raised:
        svc.search(SearchRequest(q=q))
    assert raised.value.code == "empty_query"


def test_facet_counts_cover_the_whole_result_set_not_the_page(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="probation", per_page=1))
    assert len(page.hits) == 1 and page.total == 5
    assert facet(page, "rating") == {"Requires improvement": 3, "Inadequate": 1, "Not rated": 1}
    assert facet(page, "unit_type") == {"PDU": 3, "CRC": 1, "Probation Trust": 1, "No unit": 0}


def test_facets_are_or_within_and_and_across_and_keep_sibling_counts(svc: SearchService) -> None:
    one = svc.search(SearchRequest(filters={"rating": ("Inadequate",)}))
    assert ids(one) == [NORFOLK]
    # Disjunctive: the rating facet still counts the other ratings.
    assert facet(one, "rating") == {"Requires improvement": 3, "Inadequate": 1, "Not rated": 1}
    assert facet(one, "unit_type")["PDU"] == 1
    both = svc.search(SearchRequest(filters={"rating": ("Inadequate", "Not rated")}))
    assert sorted(ids(both)) == sorted([NORFOLK, TRUST])
    across = svc.search(SearchRequest(filters={"rating": ("Requires improvement",), "unit_type": ("PDU",)}))
    assert sorted(ids(across)) == sorted([SUFFOLK, ESSEX])
    assert facet(across, "unit_type") == {"PDU": 2, "CRC": 1, "No unit": 0}


def test_selected_facet_values_are_flagged(svc: SearchService) -> None:
    page = svc.search(SearchRequest(filters={"pdu": ("Essex North PDU",)}))
    pdu = next(f for f in page.facets if f.name == "pdu")
    assert [v.value for v in pdu.values if v.selected] == ["Essex North PDU"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2024, 1, 1), None, [NORFOLK, SUFFOLK, ESSEX]),
        (None, datetime.date(2019, 12, 31), [TRUST, CRC]),
        (datetime.date(2024, 5, 1), datetime.date(2024, 5, 31), [NORFOLK, SUFFOLK]),
    ],
)
def test_published_date_filters(
    svc: SearchService, start: datetime.date | None, end: datetime.date | None, expected: list[str]
) -> None:
    page = svc.search(SearchRequest(published_from=start, published_to=end))
    assert sorted(ids(page)) == sorted(expected)


def test_pages(svc: SearchService) -> None:
    first = svc.search(SearchRequest(per_page=2))
    third = svc.search(SearchRequest(per_page=2, page=3))
    beyond = svc.search(SearchRequest(per_page=2, page=4))
    assert (first.pages, len(first.hits), len(third.hits), beyond.hits) == (3, 2, 1, ())
    assert len({*ids(first), *ids(third), *ids(svc.search(SearchRequest(per_page=2, page=2)))}) == 5


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        (SearchRequest(page=0), "bad_page"),
        (SearchRequest(per_page=101), "bad_per_page"),
        (SearchRequest(per_page=100, page=101), "page_too_deep"),
        (SearchRequest(sort="random"), "bad_sort"),
        (SearchRequest(match="some"), "bad_match"),
        (SearchRequest(filters={"colour": ("red",)}), "bad_filter"),
    ],
)
def test_invalid_requests(svc: SearchService, request_: SearchRequest, code: str) -> None:
    with pytest.raises(QueryError) as raised:
        svc.search(request_)
    assert raised.value.code == code


def test_highlights_mark_surface_words_in_fragments_and_titles(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="inspected supervision"))
    hit = page.hits[0]
    assert hit.id == CRC
    assert "<mark>supervision</mark>" in hit.title_html
    assert 1 <= len(hit.highlights) <= 3
    # Stems match, and the reader sees their own words marked.
    assert any(re.search(r"<mark>[Ii]nspect(ed|ion)</mark>", h) for h in hit.highlights)
    assert any("<mark>supervision</mark>" in h for h in hit.highlights)
    assert all(len(h) < 400 for h in hit.highlights)


def test_a_long_phrase_needs_its_words_in_order_not_just_its_pairs(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "pairs_apart": f"A report\n\nThe risk of serious harm was high. {FILLER}Plans spoke of harm done.",
            "in_order": f"A report\n\n{FILLER}The risk of harm was high.",
            "reordered": f"A report\n\n{FILLER}Of harm, the risk was high.",
        },
    )
    assert ids(svc.search(SearchRequest(q='"risk of harm"'))) == ["in_order"]
    assert sorted(ids(svc.search(SearchRequest(q='"of harm"')))) == ["in_order", "pairs_apart", "reordered"]


def test_phrase_highlighting_marks_only_the_phrase(svc: SearchService) -> None:
    hit = next(h for h in svc.search(SearchRequest(q='"management oversight"')).hits if h.id == TRUST)
    text = " ".join(hit.highlights)
    assert "<mark>management</mark> <mark>oversight</mark>" in text
    # "management of risk" is in the same release, unmarked.
    assert "<mark>management</mark> of" not in text


def test_title_only_matches_still_show_an_excerpt(svc: SearchService) -> None:
    hit = svc.search(SearchRequest(q="title:delivering")).hits[0]
    assert hit.id == ESSEX and hit.highlights and "<mark>" not in hit.highlights[0]


def test_operators_in_a_query_written_in_capitals_are_words(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "every_word": f"A report\n\nStaffing and workload were poor; training plans lagged. {FILLER}",
            "training_only": f"A report\n\nThe training plans were late. {FILLER}",
        },
    )
    operators = svc.search(SearchRequest(q="staffing AND workload OR training plans"))
    assert sorted(ids(operators)) == ["every_word", "training_only"]
    shouted = svc.search(SearchRequest(q="STAFFING AND WORKLOAD OR TRAINING PLANS"))
    assert ids(shouted) == ["every_word"]


def test_any_word_mode_makes_bracketed_groups_optional_too(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "both": f"A report\n\nTemporary improvement was seen. {FILLER}",
            "one": f"A report\n\nSome improvement was seen. {FILLER}",
        },
    )
    assert ids(svc.search(SearchRequest(q="palliation (temporary improvement)"))) == []
    assert ids(svc.search(SearchRequest(q="palliation (temporary improvement)", match="any"))) == ["both", "one"]


def test_a_quoted_phrase_with_a_hyphenated_word_is_found_and_marked(tmp_path: Path) -> None:
    svc = _tiny_index(tmp_path, {"a": f"A report\n\n{FILLER}\n\nThe re-offending rates fell, said staff."})
    page = svc.search(SearchRequest(q='"re-offending rates"'))
    assert ids(page) == ["a"]
    assert "<mark>re-offending</mark> <mark>rates</mark> fell" in " ".join(page.hits[0].highlights)


def test_did_you_mean_corrects_misspelt_words_searched_as_typed(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="safeguardnig", typos=False))
    assert page.total == 0 and page.suggestion == "safeguarding"


@pytest.mark.parametrize("q", ["MASHX", "Norfolkk2", "SPOs"])
def test_did_you_mean_leaves_acronyms_and_numbers_alone(svc: SearchService, q: str) -> None:
    assert svc.search(SearchRequest(q=q)).suggestion is None


def test_no_release_with_every_word_falls_back_to_any_word(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="desistance zebrafish"))
    assert page.relaxed and ids(page) == [SUFFOLK]
    strict = svc.search(SearchRequest(q="desistance zebrafish", match="any"))
    assert not strict.relaxed and ids(strict) == [SUFFOLK]


def test_release_lookup(svc: SearchService) -> None:
    release = svc.release(ESSEX)
    assert release is not None and release.pdu == "Essex North PDU"
    assert svc.release("nope") is None


def test_acronyms_defined_anywhere_are_two_way_synonyms(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "defines": f"A report\n\nSenior Probation Officers (SPOs) had a heavy workload. {FILLER}",
            "spelled": f"A report\n\n{FILLER}Senior probation officers said their workload was high.",
            "short": f"A report\n\n{FILLER}Every SPO described the workload.",
            "neither": f"A report\n\n{FILLER}Probation officers described a heavy workload.",
        },
    )
    expected = ["defines", "short", "spelled"]
    assert sorted(ids(svc.search(SearchRequest(q="SPO workload")))) == expected
    assert sorted(ids(svc.search(SearchRequest(q="senior probation officers workload")))) == expected
    assert sorted(ids(svc.search(SearchRequest(q="SPOs")))) == expected
    # The acronym is marked where the query spelled it out.
    page = svc.search(SearchRequest(q="senior probation officers workload"))
    short = next(h for h in page.hits if h.id == "short")
    assert any("<mark>SPO</mark>" in h for h in short.highlights)
    assert svc.search(SearchRequest(q="SPOO")).suggestion != "spo"


def test_a_query_naming_a_rating_ranks_that_overall_rating_first(tmp_path: Path) -> None:
    svc = _tiny_index(
        tmp_path,
        {
            "mentions": "Leeds report\n\nLeeds has been rated ‘Good’ overall. Staffing was inadequate, training "
            f"was inadequate and some plans were inadequate. {FILLER}",
            "rated": f"York report\n\nYork has received an overall rating of ‘Inadequate’. {FILLER}",
        },
    )
    page = svc.search(SearchRequest(q="inadequate"))
    assert [(h.id, h.rating) for h in page.hits] == [("rated", "Inadequate"), ("mentions", "Good")]


def test_the_named_rating_comes_first_even_below_a_hundred_better_matches(tmp_path: Path) -> None:
    mentions = {
        f"mention_{n:03}": f"Leeds report {n}\n\nLeeds has been rated ‘Good’ overall. Staffing was inadequate, "
        "training was inadequate and plans were inadequate."
        for n in range(105)
    }
    rated = {"rated": f"York report\n\nYork has received an overall rating of ‘Inadequate’. {FILLER * 6}"}
    svc = _tiny_index(tmp_path, {**mentions, **rated})
    assert ids(svc.search(SearchRequest(q="inadequate", per_page=3)))[0] == "rated"


def test_a_word_repeated_in_an_any_word_query_weighs_more(svc: SearchService) -> None:
    once = svc.search(SearchRequest(q="desistance workload", match="any"))
    twice = svc.search(SearchRequest(q="desistance desistance workload", match="any"))
    assert ids(once) == ids(twice)
    assert twice.hits[0].id == SUFFOLK
    assert twice.hits[0].score is not None and once.hits[0].score is not None
    assert twice.hits[0].score > once.hits[0].score
    assert twice.hits[1].score == once.hits[1].score  # releases without the repeated word: unchanged


def test_highlights_find_words_with_accents_and_in_late_paragraphs(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} about staff “quotes”." for n in range(12))
    svc = _tiny_index(tmp_path, {"a": f"A report\n\n{paragraphs}\n\nThe café policy was naïve.\n\nThe end."})
    hit = svc.search(SearchRequest(q="cafe policies naive")).hits[0]
    assert hit.highlights == ("The <mark>café</mark> <mark>policy</mark> was <mark>naïve</mark>.",)


# -- long queries through HTTP ---------------------------------------------------


def _paragraph(words: int) -> str:
    """The first ``words`` words of the seed releases, as a researcher would paste them."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    text = " ".join(p.read_text(encoding="utf-8") for p in seeds)
    return " ".join(text.split()[:words])


def test_a_pasted_paragraph_is_searched_for_any_of_its_words(client: FlaskClient) -> None:
    q = _paragraph(340)
    assert 1900 < len(q) < 2400
    response = client.get("/api/search", query_string={"q": q, "match": "any"})
    assert response.status_code == 200
    assert response.get_json()["total"] == 5


def test_a_pasted_paragraph_as_an_all_words_query_is_told_to_use_match_any(client: FlaskClient) -> None:
    response = client.get("/api/search", query_string={"q": _paragraph(340)})
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "query_too_long" and "(match=any)" in body["error"]


def test_a_query_over_ten_thousand_characters_is_a_clear_400(client: FlaskClient) -> None:
    response = client.get("/api/search", query_string={"q": "probation " * 1000 + "x", "match": "any"})
    assert response.status_code == 400
    assert response.get_json() == {
        "ok": False,
        "error": "the query is 10,001 characters long; the limit is 10,000",
        "status": 400,
        "code": "query_too_long",
        "param": "q",
    }
