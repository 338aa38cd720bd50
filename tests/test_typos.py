"""Typo tolerance through the real seed index, the HTTP API, the results page and the CLI."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from searchsvc.cli import main
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search.typos import MAX_WORDS_READ
from searchsvc.search.typos import distance
from searchsvc.search.typos import sounds_alike
from tests.test_search import TRUST
from tests.test_search import ids


@pytest.fixture(scope="module")
def svc(seed_index: Path) -> SearchService:
    return SearchService(seed_index)


@pytest.mark.parametrize(
    ("a", "b", "typos"),
    [
        ("oversight", "oversight", 0),
        ("managment", "management", 1),  # a letter left out
        ("safeguardnig", "safeguarding", 1),  # two letters swapped
        ("inspecton", "inspector", 1),  # a letter changed
        ("inspecton", "inspectors", 2),
        ("prbaton", "probation", 2),
        ("oversite", "oversight", 3),  # beyond the limit given: reported as limit + 1
    ],
)
def test_distance_counts_typos_up_to_a_limit(a: str, b: str, typos: int) -> None:
    assert distance(a, b, limit=2) == min(typos, 3)


@pytest.mark.parametrize(
    ("word", "folded"),
    [("oversight", "oversite"), ("oversite", "oversite"), ("phone", "fone"), ("accommodation", "acomodation")],
)
def test_sound_alike_spellings_fold_to_one_form(word: str, folded: str) -> None:
    assert sounds_alike(word) == folded


def test_misspelt_words_find_the_release_the_right_spelling_finds_first(svc: SearchService) -> None:
    typed = svc.search(SearchRequest(q="managment oversite"))
    spelled = svc.search(SearchRequest(q="management oversight"))
    assert typed.corrected == (("oversite", "oversight"),)
    assert typed.read_as == "managment oversight"
    assert not typed.relaxed
    assert ids(typed)[0] == ids(spelled)[0] == TRUST
    assert "<mark>oversight</mark>" in " ".join(typed.hits[0].highlights)


@pytest.mark.parametrize(
    ("q", "read_as"),
    [
        ("inspecton", "inspection"),  # one typo, and more releases hold "inspection" than "inspector"
        ("probaton servise", "probation service"),  # every misspelt word at once
        ("safegurdnig", "safeguarding"),  # two typos in a word of 9 letters or more
        ("Probaton", "probation"),
        ('"managment oversite"', '"management oversight"'),  # words of a phrase, as written
    ],
)
def test_misspelt_words_are_read_as_the_nearest_indexed_word(svc: SearchService, q: str, read_as: str) -> None:
    page = svc.search(SearchRequest(q=q))
    assert page.read_as == read_as and page.total > 0


@pytest.mark.parametrize(
    "q",
    [
        "staf",  # under 5 letters: no typo allowed
        "prbaton",  # two typos in a word under 9 letters
        "MASHX",  # an acronym
        "Norfolkk2",  # a word with digits
        'title:oversite pdu:"managment"',  # words in a named field
        "oversi*",  # a prefix
    ],
)
def test_words_that_are_never_read_as_others(svc: SearchService, q: str) -> None:
    page = svc.search(SearchRequest(q=q))
    assert (page.corrected, page.read_as) == ((), None)


def test_typos_false_searches_as_typed_and_suggests_instead(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q="managment oversite", typos=False))
    assert (page.corrected, page.read_as) == ((), None)
    assert TRUST not in ids(page)[:1]
    assert svc.search(SearchRequest(q="inspecton", typos=False)).suggestion == "inspection"


def test_did_you_mean_ranks_by_typos_then_frequency_and_corrects_several_words(svc: SearchService) -> None:
    page = svc.search(SearchRequest(q='inspecton probaton prbaton "staf workload"', typos=False))
    assert page.suggestion == 'inspection probation probation "staff workload"'


def test_a_phrase_read_for_a_typo_finds_what_the_phrase_spelled_right_finds(svc: SearchService) -> None:
    typed = svc.search(SearchRequest(q='"managment oversite"'))
    spelled = svc.search(SearchRequest(q='"management oversight"'))
    assert typed.corrected == (("managment", "management"), ("oversite", "oversight"))
    assert ids(typed) == ids(spelled) and len(ids(typed)) == 3


def test_a_word_read_for_a_typo_weighs_less_than_a_word_as_typed(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    filler = "Inspectors reviewed the cases in detail and spoke to staff. " * 4
    (seeds / "training.txt").write_text(f"A report\n\nThe training was poor. {filler}", encoding="utf-8")
    (seeds / "workload.txt").write_text(f"A report\n\nThe workload was poor. {filler}", encoding="utf-8")
    build_index(release_paths(seeds), tmp_path / "ix")
    svc = SearchService(tmp_path / "ix")
    assert ids(svc.search(SearchRequest(q="trainimg workload", match="any"))) == ["workload", "training"]
    assert ids(svc.search(SearchRequest(q="training workkload", match="any"))) == ["training", "workload"]


def test_many_unknown_words_are_bounded(svc: SearchService) -> None:
    words = [f"zq{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}xvbnm" for n in range(400)]
    started = time.monotonic()
    page = svc.search(SearchRequest(q=" ".join(words) + " probaton", match="any"))
    assert time.monotonic() - started < 5
    assert len(page.corrected) <= MAX_WORDS_READ


# -- through HTTP and the CLI ---------------------------------------------------


def test_api_says_which_words_were_read_as_which(client: FlaskClient) -> None:
    data = client.get("/api/search?q=managment+oversite").get_json()
    assert data["read_as"] == {
        "q": "managment oversight",
        "corrected": {"oversite": "oversight"},
        "exact_url": "/api/search?q=managment+oversite&typos=false",
    }
    assert data["results"][0]["id"] == TRUST
    exact = client.get(data["read_as"]["exact_url"]).get_json()
    assert exact["read_as"] is None and exact["total"] == 4 and exact["relaxed"]


def test_api_refuses_a_typos_value_it_cannot_read(client: FlaskClient) -> None:
    response = client.get("/api/search?q=oversite&typos=maybe")
    assert response.status_code == 400
    assert (response.get_json()["code"], response.get_json()["param"]) == ("bad_typos", "typos")


def test_results_page_shows_what_was_searched_with_a_link_to_search_as_typed(client: FlaskClient) -> None:
    html = client.get("/search?q=managment+oversite").get_data(as_text=True)
    assert (
        "Showing results for <strong>managment oversight</strong>. Search instead for "
        '<a href="/search?q=managment+oversite&amp;typos=false">managment oversite</a>, exactly as typed.'
    ) in html
    assert "Did you mean" not in html
    exact = client.get("/search?q=managment+oversite&typos=false").get_data(as_text=True)
    assert "Showing results for" not in exact and '<input type="hidden" name="typos" value="false">' in exact


def test_cli_shows_the_words_read_and_searches_as_typed_with_exact(seed_index: Path) -> None:
    read = CliRunner().invoke(main, ["search", "inspecton", "--index", str(seed_index)])
    assert read.exit_code == 0, read.output
    assert read.stdout.startswith("5 releases\nShowing results for: inspection (--exact to search as typed)\n")
    exact = CliRunner().invoke(main, ["search", "inspecton", "--exact", "--index", str(seed_index)])
    assert exact.exit_code == 0, exact.output
    assert exact.stdout == "0 releases\nDid you mean: inspection\n"
