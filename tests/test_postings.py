"""The read door: folders with no index yet, indexes Whoosh's own writer changed, the Whoosh version check."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from searchsvc import create_app
from searchsvc import schema
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import IndexMissingError
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.releases import read_release
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.search import postings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
NORFOLK = "000_cdf3a1f2c20930cb"
ESSEX = "004_dd95e6e226415534"


def empty_generation(index_dir: Path) -> Path:
    """What a first build killed before its commit leaves: a generation-0 table of contents, no segment."""
    index_dir.mkdir()
    FileStorage(str(index_dir)).create_index(schema.SCHEMA, indexname=schema.INDEX_NAME)
    return index_dir


def test_a_table_of_contents_without_segments_is_no_index_yet(tmp_path: Path) -> None:
    index_dir = empty_generation(tmp_path / "ix")
    with pytest.raises(IndexMissingError, match="run 'searchsvc index'"):
        SearchService(index_dir).search(SearchRequest(q="probation"))
    assert postings.latest_generation(index_dir) is None
    assert postings.stored_entries(index_dir) == []


def test_the_api_answers_503_for_a_folder_with_no_committed_generation(tmp_path: Path) -> None:
    client = create_app({"TESTING": True, "INDEX_DIR": str(empty_generation(tmp_path / "ix"))}).test_client()
    response = client.get("/api/search?q=probation")
    body = response.get_json()
    assert (response.status_code, body["ok"], body["code"]) == (503, False, "index_unavailable")
    assert "searchsvc index" in body["error"]


def test_the_first_commit_after_an_empty_generation_is_found(tmp_path: Path) -> None:
    index_dir = empty_generation(tmp_path / "ix")
    service = SearchService(index_dir)
    with pytest.raises(IndexMissingError):
        service.search(SearchRequest(q="probation"))
    build_index(release_paths(SEEDS_DIR), index_dir)
    assert service.search(SearchRequest()).total == 5
    service.close()


def test_another_whoosh_version_is_refused_by_name() -> None:
    with pytest.raises(IndexDamagedError, match=r"written by Whoosh 2\.7\.4, but Whoosh 2\.7\.5 is installed"):
        postings.check_whoosh_version((2, 7, 5))
    postings.check_whoosh_version((2, 7, 4))


def test_stored_entries_and_generation_of_a_built_index(seed_index: Path) -> None:
    entries = postings.stored_entries(seed_index)
    assert len(entries) == 5
    assert {release_id for release_id, _hash, _stat in entries} == {p.stem for p in release_paths(SEEDS_DIR)}
    assert all(len(content_hash) == 64 for _id, content_hash, _stat in entries)
    assert postings.latest_generation(seed_index) == SearchService(seed_index).stats()["generation"]


@pytest.fixture()
def whoosh_merged(tmp_path: Path) -> Path:
    """The seeds indexed by searchsvc, then changed by stock Whoosh's writer: one release replaced
    (its old version deleted), one deleted, and everything merged into one segment."""
    index_dir = tmp_path / "ix"
    build_index(release_paths(SEEDS_DIR), index_dir)
    essex_path = SEEDS_DIR / f"{ESSEX}.txt"
    release = read_release(essex_path.read_bytes(), ESSEX)
    renamed = dataclasses.replace(release, title="Essex North zebracrossing report")
    ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
    with ix.writer() as writer:
        writer.update_document(**schema.document(renamed, "0" * 64, "stat"))
        writer.delete_by_term(schema.ID_FIELD, NORFOLK)
    with ix.writer() as writer:
        writer.optimize = True
    ix.close()
    return index_dir


def test_an_index_whose_segments_whoosh_merged_is_read_right(whoosh_merged: Path) -> None:
    ix = whoosh_index.open_dir(str(whoosh_merged), indexname=schema.INDEX_NAME)
    with ix.reader() as reader:
        assert len(list(reader.leaf_readers())) == 1 and reader.doc_count() == 4
    ix.close()
    service = SearchService(whoosh_merged)
    everything = service.search(SearchRequest())
    assert everything.total == 4 and NORFOLK not in {h.id for h in everything.hits}
    found = service.search(SearchRequest(q="zebracrossing"))
    assert [(h.id, h.title) for h in found.hits] == [(ESSEX, "Essex North zebracrossing report")]
    assert service.search(SearchRequest(q='"management oversight"')).total == 3
    ratings = next(f for f in everything.facets if f.name == "rating")
    assert sum(v.count for v in ratings.values) + ratings.missing == 4
    assert {e[0] for e in postings.stored_entries(whoosh_merged)} == {p.stem for p in release_paths(SEEDS_DIR)} - {
        NORFOLK
    }
    service.close()


def test_deletions_by_whoosh_without_a_merge_are_not_found(tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    build_index(release_paths(tmp_path / "seeds"), index_dir)
    ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
    with ix.writer() as writer:
        writer.delete_by_term(schema.ID_FIELD, NORFOLK)
    ix.close()
    service = SearchService(index_dir)
    assert NORFOLK not in {h.id for h in service.search(SearchRequest(q="probation", per_page=10)).hits}
    assert service.search(SearchRequest(q="probation")).total == 4
    assert service.release(NORFOLK) is None
    service.close()


# A fresh process: its first searches stem their words from the tables the
# segment writer left, and answer exactly as a process that loaded NLTK.
_FIRST_SEARCHES = """
import json, sys
from searchsvc import analysis
from searchsvc.search import SearchRequest, SearchService
if sys.argv[2] == "nltk":
    analysis.stem("loaded")
service = SearchService(sys.argv[1])
queries = ("management oversight", "SPO workload", "inadequate", "inspected")
pages = [service.search(SearchRequest(q=q)) for q in queries]
print(json.dumps({
    "nltk": "nltk" in sys.modules,
    "hits": [[(h.id, h.score, h.highlights) for h in page.hits] for page in pages],
}))
"""


def _first_searches(index_dir: Path, mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SEARCHES, str(index_dir), mode], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_a_fresh_process_searches_without_importing_nltk_and_answers_the_same(seed_index: Path) -> None:
    without, loaded = _first_searches(seed_index, "tables"), _first_searches(seed_index, "nltk")
    assert (without["nltk"], loaded["nltk"]) == (False, True)
    assert without["hits"] == loaded["hits"]
    assert any(without["hits"])


def test_a_word_no_release_holds_is_stemmed_by_nltk(seed_index: Path) -> None:
    assert _first_searches(seed_index, "tables")["nltk"] is False
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SEARCHES.replace('"inspected"', '"inspectingly"'), str(seed_index), "tables"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["nltk"] is True


def test_the_stems_tables_go_with_their_segments(tmp_path: Path, seeds_copy: Path) -> None:
    build_index(release_paths(seeds_copy), tmp_path)
    build_index(release_paths(seeds_copy), tmp_path, rebuild=True)
    segments = {p.name.split(".")[0] for p in tmp_path.iterdir() if p.suffix == ".trm"}
    tables = {p.name.split(".")[0] for p in tmp_path.iterdir() if p.name.endswith(schema.STEMS_SUFFIX)}
    assert tables == segments and segments
