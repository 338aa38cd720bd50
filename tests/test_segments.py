"""The segment builder writes what Whoosh's own writer writes, and the indexer's process pool loses nothing."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage

from searchsvc import schema
from searchsvc.errors import WhooshVersionError
from searchsvc.indexing import blocks
from searchsvc.indexing import build_index
from searchsvc.indexing import build_steps
from searchsvc.indexing import check_index
from searchsvc.indexing import release_paths
from searchsvc.indexing import segments
from searchsvc.indexing.blocks import BLOCK_POSTINGS
from searchsvc.indexing.segments import SegmentBuilder
from searchsvc.releases import read_release
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import RELEASES_DIR
from tests.conftest import SEEDS_DIR
from tests.conftest import WEB_DIR


def _documents() -> list[dict[str, Any]]:
    paths = [*release_paths(SEEDS_DIR), *release_paths(RELEASES_DIR), *release_paths(WEB_DIR)]
    docs = []
    for path in paths:
        data = path.read_bytes()
        try:
            release = read_release(data, path.stem)
        except Exception:  # the broken files among the test releases
            continue
        docs.append(schema.document(release, hashlib.sha256(data).hexdigest(), "1:2:3"))
    # Enough copies that common terms span several posting blocks.
    copies = 2 * BLOCK_POSTINGS // len(docs) + 2
    return [{**doc, "id": f"{doc['id']}-{copy}"} for copy in range(copies) for doc in docs]


def _new_index(folder: Path) -> Any:
    folder.mkdir()
    return FileStorage(str(folder)).create_index(schema.SCHEMA, indexname=schema.INDEX_NAME)


def _everything(ix: Any) -> dict[str, Any]:
    """Every term with its statistics and postings, and every stored field, column and field length."""
    with ix.reader() as reader:
        postings = {}
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            listed = []
            while matcher.is_active():
                listed.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            statistics = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
            postings[(fieldname, text)] = (statistics, info.min_id(), info.max_id(), listed)
        docs = range(reader.doc_count_all())
        names = schema.SCHEMA.names()
        return {
            "postings": postings,
            "stored": [reader.stored_fields(d) for d in docs],
            "lengths": {f: [reader.doc_field_length(d, f) for d in docs] for f in names},
            "totals": {f: reader.field_length(f) for f in names},
            "columns": {f: list(reader.column_reader(f, translate=False)) for f in names if reader.has_column(f)},
        }


@pytest.mark.parametrize("twins", [schema.EXACT_TWIN, {}], ids=["ranked fields from their twins", "every field alone"])
@pytest.mark.parametrize("compression", [0, 1], ids=["plain blocks", "compressed blocks"])
def test_a_built_segment_reads_back_exactly_as_whooshs_own(
    tmp_path: Path, compression: int, twins: dict[str, str]
) -> None:
    docs = _documents()
    by_whoosh = _new_index(tmp_path / "whoosh")
    writer = by_whoosh.writer(compound=False)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()

    by_builder = _new_index(tmp_path / "builder")
    builder = SegmentBuilder(by_builder.storage, schema.INDEX_NAME, schema.SCHEMA, twins, compression=compression)
    for doc in docs:
        builder.add(doc)
    segment = builder.finish()
    by_builder.writer(compound=False).commit(mergetype=lambda _writer, _segments: [segment])

    expected, actual = _everything(by_whoosh), _everything(by_builder)
    assert max(len(p[3]) for p in expected["postings"].values()) > 2 * BLOCK_POSTINGS
    assert actual["postings"].keys() == expected["postings"].keys()
    for key, value in expected["postings"].items():
        assert actual["postings"][key] == value, key
    for part in ("stored", "lengths", "totals", "columns"):
        assert actual[part] == expected[part], part
    # An exact term whose postings are its stem's shares the stem's blocks, whose
    # headers give the ranked field's lengths: Whoosh's top-k search, which skips
    # blocks by a score bound read from them, must find what it finds in its own.
    with by_whoosh.searcher() as whooshs, by_builder.searcher() as builders:
        for fieldname in ("body_exact", "title_exact", "notes_exact"):
            common = sorted(whooshs.reader().lexicon(fieldname), key=lambda t: -whooshs.doc_frequency(fieldname, t))
            for text in common[:40]:
                query = wq.Term(fieldname, text.decode("utf-8"))
                assert _top(builders, query) == _top(whooshs, query), (fieldname, text)


def _top(searcher: Any, query: Any) -> list[tuple[int, float]]:
    return [(hit.docnum, round(hit.score, 9)) for hit in searcher.search(query, limit=5)]


def test_twinned_fields_must_hold_the_same_text(tmp_path: Path) -> None:
    ix = _new_index(tmp_path / "index")
    builder = SegmentBuilder(ix.storage, schema.INDEX_NAME, schema.SCHEMA, schema.EXACT_TWIN)
    doc = _documents()[0]
    with pytest.raises(ValueError, match="'body' and 'body_exact' must hold the same text"):
        builder.add({**doc, "body_exact": doc["body"] + " more"})
    builder.cancel()
    with pytest.raises(ValueError, match="not a stemmed field and its exact twin"):
        SegmentBuilder(ix.storage, schema.INDEX_NAME, schema.SCHEMA, {"body_exact": "body"})


def test_a_cancelled_builder_leaves_no_files(tmp_path: Path) -> None:
    ix = _new_index(tmp_path / "index")
    before = set(ix.storage.list())
    builder = SegmentBuilder(ix.storage, schema.INDEX_NAME, schema.SCHEMA)
    builder.add(_documents()[0])
    builder.cancel()
    # Whoosh's scratch folder is shared by every writer of the index, and
    # removed by the writer that commits; the builder leaves it empty.
    scratch = f"{schema.INDEX_NAME}.tmp"
    assert set(ix.storage.list()) - {scratch} == before
    assert not any((tmp_path / "index" / scratch).iterdir())


def _copies(tmp_path: Path, count: int) -> Path:
    """``count`` releases: the seeds over and over under new names, one of them broken."""
    folder = tmp_path / "releases"
    folder.mkdir()
    seeds = release_paths(SEEDS_DIR)
    for i in range(count):
        shutil.copy(seeds[i % len(seeds)], folder / f"r{i:04d}.txt")
    (folder / "r0007.txt").write_bytes(b"")
    return folder


def _build_in_a_thread(releases: Path, index_dir: Path) -> list[Any]:
    """``build_steps`` run from a second thread, as a web server would: the workers are then started afresh."""
    steps: list[Any] = []

    def build() -> None:
        steps.extend(build_steps(release_paths(releases), index_dir, workers=2))

    thread = threading.Thread(target=build)
    thread.start()
    thread.join()
    return steps


@pytest.mark.parametrize("caller", ["single-threaded", "threaded"])
def test_a_build_in_worker_processes_matches_a_build_in_one(tmp_path: Path, caller: str) -> None:
    # Both ways of starting a worker: forked where that is safe, else a new interpreter.
    releases = _copies(tmp_path, 40)
    if caller == "threaded":
        steps = _build_in_a_thread(releases, tmp_path / "workers")
    else:
        steps = list(build_steps(release_paths(releases), tmp_path / "workers", workers=2))
    *progress, in_workers = steps
    in_one = build_index(release_paths(releases), tmp_path / "one", workers=1)

    assert sum(step.files for step in progress) == 40
    assert in_workers.doc_count == in_one.doc_count == 39
    assert [s.name for s in in_workers.skipped] == [s.name for s in in_one.skipped] == ["r0007.txt"]
    assert in_workers.added == in_one.added
    services = SearchService(tmp_path / "workers"), SearchService(tmp_path / "one")
    try:
        for q in ("management oversight", '"chief inspector"', "rating:inadequate", "probation"):
            a, b = (service.search(SearchRequest(q=q, per_page=50)) for service in services)
            assert a.total == b.total > 0, q
            assert sorted(hit.id for hit in a.hits) == sorted(hit.id for hit in b.hits), q
            assert a.facets == b.facets, q
    finally:
        for service in services:
            service.close()


def test_an_update_after_a_build_in_workers_replaces_only_what_changed(tmp_path: Path) -> None:
    releases = _copies(tmp_path, 30)
    index_dir = tmp_path / "index"
    build_index(release_paths(releases), index_dir, workers=2)
    (releases / "r0003.txt").write_text("Zebrafish title\n\nA body about zebrafish.", encoding="utf-8")
    (releases / "r0004.txt").unlink()

    report = build_index(release_paths(releases), index_dir)

    assert (report.updated, report.removed, report.unchanged) == (("r0003",), ("r0004",), 27)
    service = SearchService(index_dir)
    try:
        assert [hit.id for hit in service.search(SearchRequest(q="zebrafish")).hits] == ["r0003"]
        assert service.search(SearchRequest(q="probation", per_page=50)).total == 27
    finally:
        service.close()


def test_an_index_whooshs_own_writer_added_to_and_merged_is_still_read_and_updated(tmp_path: Path) -> None:
    releases, index_dir = _copies(tmp_path, 30), tmp_path / "index"
    build_index(release_paths(releases), index_dir, workers=2)
    # Stock Whoosh adds two releases and merges every segment, ours included, into one of its own.
    extra = [read_release(path.read_bytes(), f"stock-{n}") for n, path in enumerate(release_paths(SEEDS_DIR)[:2])]
    ix = whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)
    with ix.writer() as writer:
        for release in extra:
            writer.add_document(**schema.document(release, "0" * 64))
        writer.optimize = True
    assert len(whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME)._segments()) == 1

    service = SearchService(index_dir)
    try:
        assert service.search(SearchRequest(per_page=1)).total == 31
        assert "stock-0" in {hit.id for hit in service.search(SearchRequest(q=extra[0].title, per_page=50)).hits}
    finally:
        service.close()
    assert check_index(index_dir).doc_count == 31

    (releases / "r0003.txt").write_text("Zebrafish title\n\nA body about zebrafish.", encoding="utf-8")
    report = build_index(release_paths(releases), index_dir)

    assert (report.updated, report.removed, report.doc_count) == (("r0003",), ("stock-0", "stock-1"), 29)
    # Stock Whoosh reads the segment searchsvc just wrote beside its own merged one.
    with whoosh_index.open_dir(str(index_dir), indexname=schema.INDEX_NAME).searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(wq.Term("body", "zebrafish"))] == ["r0003"]
        assert searcher.doc_count() == 29


def test_the_w3_layouts_written_by_hand_are_whooshs() -> None:
    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.system import pack_int
    from whoosh.system import pack_uint

    assert blocks.HEADER_MAGIC == WHOOSH3_HEADER_MAGIC
    assert blocks.TERM_INFO.format == W3TermInfo._struct.format
    assert (blocks.INT.pack(-7), blocks.UINT.pack(7)) == (pack_int(-7), pack_uint(7))


def test_another_whoosh_release_is_refused_naming_the_one_the_files_are_written_for() -> None:
    segments.refuse_other_whoosh()  # the installed one
    with pytest.raises(WhooshVersionError, match=r"for Whoosh 2\.7\.4, but Whoosh 2\.8\.0 is installed"):
        segments.refuse_other_whoosh((2, 8, 0))
