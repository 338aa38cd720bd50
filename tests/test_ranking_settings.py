"""The ranking settings table: read from config and the environment, and each setting changes ranking as it says."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from searchsvc import SETTINGS
from searchsvc import create_app
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.ranking import RankingSettings
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import tiny_index
from tests.conftest import write_releases

SENTENCE = "/api/search?q=oversight+of+risk+assessments+by+managers+and+staff+workloads&match=any&per_page=100"
SHORT = "/api/search?q=management+oversight&match=any"
FILLER = "Inspectors reviewed the cases in detail and spoke to staff. " * 4


@contextlib.contextmanager
def app_with(index_dir: Path, **config: Any) -> Iterator[Flask]:
    """An app over ``index_dir`` with ``config``; its index files are closed afterwards."""
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), **config})
    try:
        yield app
    finally:
        app.extensions["searchsvc"].close()


@pytest.fixture(scope="module")
def sixty_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty releases (the seeds, each with a paragraph of its own): enough matches for the clear rule."""
    folder = tmp_path_factory.mktemp("ranking_releases")
    write_releases(folder, 60)
    index_dir = tmp_path_factory.mktemp("ranking_index")
    build_index(release_paths(folder), index_dir)
    return index_dir


def scores(app: Flask, url: str) -> dict[str, float]:
    data = app.test_client().get(url).get_json()
    assert data["ok"], data
    return {hit["id"]: hit["score"] for hit in data["results"]}


def test_every_field_is_a_setting_with_its_default() -> None:
    defaults = RankingSettings()
    for name, value in defaults.config().items():
        assert SETTINGS[name][0] == value
    assert RankingSettings.from_config(defaults.config()) == defaults


def test_the_environment_sets_ranking_as_a_search_service_given_the_same_settings_ranks(
    seed_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEARCHSVC_RANKING_K1", "1.5")
    monkeypatch.setenv("SEARCHSVC_RANKING_B", "0.75")
    monkeypatch.setenv("SEARCHSVC_RANKING_TITLE_WEIGHT", "4")
    settings = RankingSettings(k1=1.5, b=0.75, title_weight=4.0)
    service = SearchService(seed_index, ranking=settings)
    expected = {h.id: h.score for h in service.search(SearchRequest(q="staff inspection", per_page=100)).hits}
    service.close()
    with app_with(seed_index) as app:
        changed = scores(app, "/api/search?q=staff+inspection&per_page=100")
    monkeypatch.delenv("SEARCHSVC_RANKING_K1")
    with app_with(seed_index) as app:
        partly = scores(app, "/api/search?q=staff+inspection&per_page=100")
    assert changed == expected
    assert partly != changed and set(partly) == set(changed)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"RANKING_K1": "high"}, "RANKING_K1 must be a float"),
        ({"RANKING_FEEDBACK": "sometimes"}, "feedback must be one of off, long, clear"),
        ({"RANKING_PROXIMITY": "near"}, "proximity must be one of off, all-words, always"),
        ({"RANKING_B": 1.5}, "b and title_b between 0 and 1"),
        ({"RANKING_TITLE_WEIGHT": 0}, "weights must be above 0"),
        ({"RANKING_FEEDBACK_DOCS": 0}, "feedback_docs and feedback_terms must be 1 or more"),
    ],
)
def test_a_bad_ranking_setting_stops_the_app(seed_index: Path, config: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        create_app({"TESTING": True, "INDEX_DIR": str(seed_index), **config})


@pytest.mark.parametrize(
    ("config", "sentence", "short"),
    [
        ({"RANKING_FEEDBACK": "off"}, False, False),
        ({"RANKING_FEEDBACK": "long"}, True, False),
        ({"RANKING_FEEDBACK": "long", "RANKING_FEEDBACK_MIN_WORDS": 2}, True, True),
        ({"RANKING_FEEDBACK": "clear", "RANKING_FEEDBACK_MIN_CLARITY": 1.0}, True, False),
        ({"RANKING_FEEDBACK": "clear", "RANKING_FEEDBACK_MIN_CLARITY": 50.0}, False, False),
        # Fewer than five matches per feedback document: no feedback, however clear.
        ({"RANKING_FEEDBACK": "clear", "RANKING_FEEDBACK_MIN_CLARITY": 1.0, "RANKING_FEEDBACK_DOCS": 13}, False, False),
    ],
)
def test_the_feedback_rule_decides_which_queries_are_widened(
    sixty_index: Path, config: dict[str, Any], sentence: bool, short: bool
) -> None:
    with app_with(sixty_index, **config) as app:
        client = app.test_client()
        widened = client.get(SENTENCE).get_json()
        plain = client.get(SENTENCE + "&expand=false").get_json()
        assert (widened["expanded"], client.get(SHORT).get_json()["expanded"]) == (sentence, short)
        # The request still decides when it says: expand=true widens under every rule.
        assert client.get(SHORT + "&expand=true").get_json()["expanded"] is True
    assert widened["total"] == plain["total"] == 60
    assert (widened["results"] != plain["results"]) == sentence


def test_proximity_setting_gives_the_bonus_to_all_word_queries_any_word_ones_or_none(tmp_path: Path) -> None:
    index_dir = tiny_index(
        tmp_path,
        {
            "apart": f"A report\n\nThere was weak management of staff. {FILLER}Oversight was a concern here.",
            "together": f"A report\n\n{FILLER}There was weak management oversight here, said staff.",
        },
    )
    all_words, any_word = "/api/search?q=management+oversight", "/api/search?q=management+oversight&match=any"
    found = {}
    for rule in ("off", "all-words", "always"):
        with app_with(index_dir, RANKING_PROXIMITY=rule) as app:
            found[rule] = (scores(app, all_words), scores(app, any_word))
    plain = found["off"][1]
    assert found["off"][0] == plain
    assert found["all-words"][1] == plain
    assert found["all-words"][0]["together"] > plain["together"]
    assert found["always"][1] == found["all-words"][0]
    assert found["always"][0]["apart"] == plain["apart"]


def test_field_weights_decide_whether_the_title_or_the_body_ranks_first(tmp_path: Path) -> None:
    index_dir = tiny_index(
        tmp_path,
        {
            "in_body": f"A report on staff\n\n{FILLER}Zebrafish work was done.",
            "in_title": f"A report on zebrafish\n\n{FILLER}",
        },
    )
    order = {}
    for weight in (2.0, 0.1):
        with app_with(index_dir, RANKING_TITLE_WEIGHT=weight) as app:
            found = scores(app, "/api/search?q=zebrafish")
            order[weight] = sorted(found, key=lambda release: -found[release])
    assert order == {2.0: ["in_title", "in_body"], 0.1: ["in_body", "in_title"]}


def test_the_settings_table_loads_without_the_search_engine() -> None:
    # An indexing worker imports searchsvc for its SETTINGS; it must not pay for numpy and the engine.
    code = "import sys, searchsvc; print(sorted(m for m in ('numpy', 'searchsvc.search') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
