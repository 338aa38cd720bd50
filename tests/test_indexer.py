"""The indexer through its real parts: files on disk, a real Whoosh index in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from searchsvc.cli import main
from searchsvc.errors import IndexLockedError
from searchsvc.errors import IndexMissingError
from searchsvc.errors import SearchsvcError
from searchsvc.indexing import build_index
from searchsvc.indexing import listing
from searchsvc.indexing import recorded_sources
from searchsvc.indexing import release_paths
from searchsvc.indexing import stored
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import RELEASES_DIR
from tests.conftest import SEEDS_DIR
from tests.conftest import free_port
from tests.conftest import wait_until_up
from tests.conftest import write_releases


def _ids(index_dir: Path) -> list[str]:
    page = SearchService(index_dir).search(SearchRequest(per_page=100))
    return sorted(hit.id for hit in page.hits)


def _toc_files(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.glob("*.toc"))


def test_builds_every_seed(seeds_copy: Path, fresh_index: Path) -> None:
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.added == tuple(sorted(p.stem for p in SEEDS_DIR.glob("*.txt")))
    assert (report.updated, report.removed, report.skipped) == ((), (), ())
    assert report.committed and report.doc_count == 5
    assert report.summary().startswith("5 indexed: 5 new, 0 updated, 0 removed, 0 skipped in ")
    assert _ids(fresh_index) == [p.stem for p in sorted(SEEDS_DIR.glob("*.txt"))]


def test_broken_files_are_skipped_and_named_while_the_rest_is_indexed(seeds_copy: Path, fresh_index: Path) -> None:
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "blank.txt").write_bytes(b"  \r\n\t\n")
    (seeds_copy / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (seeds_copy / "bad name!.txt").write_text("A title\n\nA body.", encoding="utf-8")
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.doc_count == 5
    reasons = {s.name: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "bad name!.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "NUL" in reasons["binary.txt"] or "not a text" in reasons["binary.txt"]
    assert "file name" in reasons["bad name!.txt"]
    assert "1 skipped" not in report.summary() and "4 skipped" in report.summary()


def test_rerun_with_nothing_changed_writes_no_new_generation(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    before = _toc_files(fresh_index)
    files_before = sorted(path.name for path in fresh_index.iterdir())
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert not report.committed
    assert report.unchanged == 5 and report.added == report.updated == report.removed == ()
    assert _toc_files(fresh_index) == before
    # Not even the files of the writer's own empty segment are left behind.
    assert sorted(path.name for path in fresh_index.iterdir()) == files_before


def test_editing_one_file_updates_just_that_release(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    target = seeds_copy / "003_b5be92edc6b7fe4f.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA new paragraph about zebrafish.\n", encoding="utf-8")
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.updated == ("003_b5be92edc6b7fe4f",)
    assert report.added == report.removed == () and report.unchanged == 4
    found = SearchService(fresh_index).search(SearchRequest(q="zebrafish"))
    assert [h.id for h in found.hits] == ["003_b5be92edc6b7fe4f"]
    assert found.total == 1 and _ids(fresh_index) == sorted(p.stem for p in seeds_copy.glob("*.txt"))


def _same_size_edit(path: Path) -> None:
    """Change one letter of ``path``, keeping its size and modification time."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    at = text.index("the ")
    path.write_text(text[:at] + "tHe " + text[at + 4 :], encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_an_update_trusts_size_and_time_of_files_untouched_since_indexing(seeds_copy: Path, fresh_index: Path) -> None:
    old = time.time_ns() - 3600 * 10**9
    for path in seeds_copy.glob("*.txt"):
        os.utime(path, ns=(old, old))
    build_index(release_paths(seeds_copy), fresh_index)
    edited = sorted(seeds_copy.glob("*.txt"))[0]
    _same_size_edit(edited)
    # Like git and rsync, an update goes by size and modification time...
    assert build_index(release_paths(seeds_copy), fresh_index).unchanged == 5
    # ...and a rebuild reads every file.
    assert build_index(release_paths(seeds_copy), fresh_index, rebuild=True).committed


def test_a_file_edited_just_before_indexing_is_read_again_even_with_the_same_stat(
    seeds_copy: Path, fresh_index: Path
) -> None:
    for path in seeds_copy.glob("*.txt"):
        os.utime(path)  # written "now", as an editor saving them would
    build_index(release_paths(seeds_copy), fresh_index)
    edited = sorted(seeds_copy.glob("*.txt"))[0]
    _same_size_edit(edited)
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.updated == (edited.stem,) and report.unchanged == 4


def test_a_listing_kept_between_builds_still_sees_each_edit(seeds_copy: Path, fresh_index: Path) -> None:
    old = time.time_ns() - 3600 * 10**9
    for path in seeds_copy.glob("*.txt"):
        os.utime(path, ns=(old, old))
    listing = release_paths(seeds_copy)
    build_index(listing, fresh_index)
    assert build_index(listing, fresh_index).unchanged == 5  # every file's stat read once here
    edited = listing[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nZebrafish.\n", encoding="utf-8")
    os.utime(edited, ns=(old + 10**9, old + 10**9))
    assert build_index(listing, fresh_index).updated == (edited.stem,)


def _stats_files(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob("*.stats"))


@pytest.mark.parametrize("snapshot", ["kept", "deleted", "garbage", "another index's"])
def test_an_update_sees_every_edit_whatever_became_of_the_stat_snapshot(
    seeds_copy: Path, fresh_index: Path, snapshot: str
) -> None:
    old = time.time_ns() - 3600 * 10**9
    for path in seeds_copy.glob("*.txt"):
        os.utime(path, ns=(old, old))
    build_index(release_paths(seeds_copy), fresh_index)
    [stats_file] = _stats_files(fresh_index)
    if snapshot == "deleted":
        stats_file.unlink()
    elif snapshot == "garbage":
        stats_file.write_bytes(b"not a pickle")
    elif snapshot == "another index's":
        # Claims one release fewer than the index holds, all untouched: it must not be believed.
        other_index, other_seeds = fresh_index.parent / "other_index", fresh_index.parent / "other_seeds"
        shutil.copytree(seeds_copy, other_seeds)
        sorted(other_seeds.glob("*.txt"))[-1].unlink()
        build_index(release_paths(other_seeds), other_index)
        [other_stats] = _stats_files(other_index)
        stats_file.write_bytes(other_stats.read_bytes())
    edited, removed = sorted(seeds_copy.glob("*.txt"))[1:3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nZebrafish.\n", encoding="utf-8")
    os.utime(edited, ns=(old + 10**9, old + 10**9))
    removed.unlink()
    shutil.copy(edited, seeds_copy / "new_release.txt")

    report = build_index(release_paths(seeds_copy), fresh_index)

    assert (report.updated, report.removed, report.added) == ((edited.stem,), (removed.stem,), ("new_release",))
    assert report.unchanged == 3
    assert _ids(fresh_index) == sorted(p.stem for p in seeds_copy.glob("*.txt"))
    found = SearchService(fresh_index).search(SearchRequest(q="zebrafish"))
    assert sorted(hit.id for hit in found.hits) == sorted([edited.stem, "new_release"])
    # One snapshot, of the generation just written, which the next update trusts.
    assert len(_stats_files(fresh_index)) == 1
    assert build_index(release_paths(seeds_copy), fresh_index).unchanged == 5


def test_an_update_that_reads_more_releases_than_it_looks_up_one_by_one_sees_every_edit(tmp_path: Path) -> None:
    # Past stored.LOOKUPS releases to compare, the update reads the index's columns instead.
    seeds, index_dir = tmp_path / "seeds", tmp_path / "index"
    written = write_releases(seeds, stored.LOOKUPS + 20)
    old = time.time_ns() - 3600 * 10**9
    for path in written:
        os.utime(path, ns=(old, old))
    build_index(release_paths(seeds), index_dir)
    for path in written:  # touched, not changed: each is read and its hash compared
        os.utime(path, ns=(old + 10**9, old + 10**9))
    edited = written[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nZebrafish.\n", encoding="utf-8")

    report = build_index(release_paths(seeds), index_dir)

    assert (report.updated, report.unchanged, report.removed) == ((edited.stem,), stored.LOOKUPS + 19, ())
    found = SearchService(index_dir).search(SearchRequest(q="zebrafish"))
    assert [hit.id for hit in found.hits] == [edited.stem]


def test_a_build_with_nothing_to_change_writes_a_missing_stat_snapshot(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    [stats_file] = _stats_files(fresh_index)
    stats_file.unlink()
    assert not build_index(release_paths(seeds_copy), fresh_index).committed
    assert _stats_files(fresh_index) == [stats_file]


def test_two_files_naming_one_release_index_it_once_and_report_the_other(seeds_copy: Path, fresh_index: Path) -> None:
    original = sorted(seeds_copy.glob("*.txt"))[0]
    shutil.copy(original, seeds_copy / f"{original.stem}.TXT")
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert [(s.name, s.reason) for s in report.skipped] == [
        (f"{original.stem}.txt", f"{original.stem}.TXT is already release {original.stem!r}")
    ]
    assert _ids(fresh_index) == sorted(p.stem for p in seeds_copy.glob("*.txt"))
    assert build_index(release_paths(seeds_copy), fresh_index).unchanged == 5


def test_deleted_and_new_files_are_removed_and_added(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    (seeds_copy / "000_cdf3a1f2c20930cb.txt").unlink()
    shutil.copy(seeds_copy / "001_07cb0345052c310f.txt", seeds_copy / "new_release.txt")
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.removed == ("000_cdf3a1f2c20930cb",)
    assert report.added == ("new_release",)
    assert "000_cdf3a1f2c20930cb" not in _ids(fresh_index) and "new_release" in _ids(fresh_index)


def test_a_release_that_turns_unreadable_keeps_its_indexed_version(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    (seeds_copy / "002_672684c15eaa1aea.txt").write_bytes(b"")
    for rebuild in (False, True):
        report = build_index(release_paths(seeds_copy), fresh_index, rebuild=rebuild)
        assert [s.name for s in report.skipped] == ["002_672684c15eaa1aea.txt"]
        assert "002_672684c15eaa1aea" in _ids(fresh_index)


def test_a_file_that_cannot_be_stat_ed_is_skipped_and_kept_and_other_edits_still_land(
    seeds_copy: Path, fresh_index: Path
) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    dangling = seeds_copy / "002_672684c15eaa1aea.txt"
    dangling.unlink()
    dangling.symlink_to(seeds_copy / "nowhere.txt")
    edited = seeds_copy / "001_07cb0345052c310f.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nA paragraph about zebrafish.\n", encoding="utf-8")
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert [s.name for s in report.skipped] == ["002_672684c15eaa1aea.txt"]
    assert report.updated == ("001_07cb0345052c310f",) and report.unchanged == 3
    assert "002_672684c15eaa1aea" in _ids(fresh_index)
    assert [hit.id for hit in SearchService(fresh_index).search(SearchRequest(q="zebrafish")).hits] == [edited.stem]


def test_rebuild_writes_every_release_again(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    report = build_index(release_paths(seeds_copy), fresh_index, rebuild=True)
    assert report.committed and len(report.updated) == 5 and report.doc_count == 5
    assert len(_ids(fresh_index)) == 5


class _Boom(RuntimeError):
    pass


def test_an_exception_mid_build_leaves_the_previous_index_readable(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    (seeds_copy / "new_one.txt").write_text("New title\n\nNew body about zebrafish.", encoding="utf-8")

    def paths_then_fail() -> object:
        yield from release_paths(seeds_copy)[:3]
        raise _Boom("the disk went away")

    with pytest.raises(_Boom):
        build_index(paths_then_fail(), fresh_index, rebuild=True)  # type: ignore[arg-type]
    assert len(_ids(fresh_index)) == 5
    assert SearchService(fresh_index).search(SearchRequest(q="zebrafish")).total == 0
    # The lock was released: the next build goes through.
    assert build_index(release_paths(seeds_copy), fresh_index).added == ("new_one",)


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(seeds_copy: Path, fresh_index: Path) -> None:
    build_index(release_paths(seeds_copy), fresh_index)
    from whoosh import index as whoosh_index

    from searchsvc import schema

    ix = whoosh_index.open_dir(str(fresh_index), indexname=schema.INDEX_NAME)
    writer = ix.writer()
    try:
        with pytest.raises(IndexLockedError, match="another process is writing"):
            build_index(release_paths(seeds_copy), fresh_index)
    finally:
        writer.cancel()
    assert build_index(release_paths(seeds_copy), fresh_index).unchanged == 5


def test_missing_seeds_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SearchsvcError, match="does not exist"):
        release_paths(tmp_path / "nowhere")


def test_fixture_releases_index_with_the_broken_ones_skipped(tmp_path: Path) -> None:
    report = build_index(release_paths(RELEASES_DIR), tmp_path / "index")
    broken = {p.name for p in RELEASES_DIR.glob("broken_*.*")}
    assert {"broken_empty.txt", "broken_html_no_content.html"} <= broken, "the fixtures should hold broken files"
    assert {s.name for s in report.skipped} == broken
    files = [p for p in RELEASES_DIR.iterdir() if p.suffix in (".txt", ".html")]
    assert report.doc_count == len(files) - len(broken)


def test_oversized_files_are_skipped(seeds_copy: Path, fresh_index: Path) -> None:
    (seeds_copy / "huge.txt").write_bytes(b"Title\n\n" + b"word " * (listing.MAX_RELEASE_BYTES // 5 + 10))
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert [s.name for s in report.skipped] == ["huge.txt"] and "larger than" in report.skipped[0].reason


def test_an_index_of_another_version_is_never_read_and_is_replaced(seeds_copy: Path, fresh_index: Path) -> None:
    from searchsvc import schema

    build_index(release_paths(seeds_copy), fresh_index)
    # Pretend the index was built by an older schema or analysis: same files, another name.
    old_name = f"{schema.INDEX_PREFIX}0_0123456789"
    for path in list(fresh_index.iterdir()):
        if schema.INDEX_NAME in path.name:
            path.rename(path.with_name(path.name.replace(schema.INDEX_NAME, old_name)))
    assert not schema.index_exists(fresh_index)
    with pytest.raises(IndexMissingError):
        SearchService(fresh_index).search(SearchRequest(q="probation"))
    report = build_index(release_paths(seeds_copy), fresh_index)
    assert report.added and report.doc_count == 5
    assert not [p for p in fresh_index.iterdir() if old_name in p.name]


def test_the_summary_counts_what_the_index_holds_and_says_which_releases_were_kept(
    seeds_copy: Path, tmp_path: Path
) -> None:
    base = ["index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "index")]
    assert CliRunner().invoke(main, base).exit_code == 0
    broken = sorted(seeds_copy.glob("*.txt"))[0]
    broken.write_bytes(b"")  # unreadable as a release now: the version indexed before stays

    result = CliRunner().invoke(main, base)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "5 indexed: 0 new, 0 updated, 0 removed, 1 skipped (1 kept as indexed before: its file cannot be read now) in "
    )
    assert f"skipped {broken.name}: " in result.stderr
    assert SearchService(tmp_path / "index").search(SearchRequest(per_page=1)).total == 5


def _serve(index_dir: Path, cwd: Path) -> Iterator[dict[str, Any]]:
    """``searchsvc serve --index INDEX`` run from ``cwd`` as a real server: its answer to an empty search."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("searchsvc")), "serve", "--index", str(index_dir.absolute())]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SEARCHSVC_")}
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        with urllib.request.urlopen(f"{base}/api/search?per_page=50", timeout=30) as response:
            yield json.load(response)
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_serve_updates_an_index_from_the_folder_it_was_built_from_not_the_working_directorys_seeds(
    seeds_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    built = CliRunner().invoke(main, ["index", "--seeds", str(seeds_copy), "--index", str(index_dir)])
    assert built.exit_code == 0, built.output
    assert recorded_sources(index_dir) == [seeds_copy.absolute()]
    # Another folder, with a seeds/ of its own that holds one unrelated release.
    elsewhere = tmp_path / "elsewhere"
    write_releases(elsewhere / "seeds", 1, start=900)
    # A release added to the recorded folder since the build: serve picks it up.
    write_releases(seeds_copy, 1, start=500)

    [answer] = list(_serve(index_dir, cwd=elsewhere))

    ids = sorted(hit["id"] for hit in answer["results"])
    assert ids == sorted(path.stem for path in seeds_copy.glob("*.txt"))
    assert answer["total"] == 6 and "gen_000900" not in ids


def test_serve_serves_an_index_that_records_no_folder_as_it_is(tmp_path: Path) -> None:
    releases = write_releases(tmp_path / "chosen", 3)
    index_dir = tmp_path / "index"
    build_index(releases, index_dir)  # some files, not a folder
    assert recorded_sources(index_dir) == [path.absolute() for path in releases]
    write_releases(tmp_path / "elsewhere" / "seeds", 2, start=900)

    [answer] = list(_serve(index_dir, cwd=tmp_path / "elsewhere"))

    assert sorted(hit["id"] for hit in answer["results"]) == sorted(path.stem for path in releases)


def _ids_in(index_dir: Path) -> list[str]:
    return sorted(hit.id for hit in SearchService(index_dir).search(SearchRequest(per_page=100)).hits)


def test_links_are_read_only_inside_the_releases_folder_and_only_once(tmp_path: Path) -> None:
    folder, elsewhere, index_dir = tmp_path / "releases", tmp_path / "elsewhere", tmp_path / "index"
    [real] = write_releases(folder, 1)
    [secret] = write_releases(elsewhere, 1, start=7)
    (folder / "drafts").mkdir()
    [draft] = write_releases(folder / "drafts", 1, start=3)
    (folder / "outside.txt").symlink_to(secret)
    (folder / "hostname.txt").symlink_to("/etc/hostname")
    (folder / "again.txt").symlink_to(real.name)  # another name for a release file of the folder
    (folder / "draft.txt").symlink_to(draft)  # inside the folder, and read through this link only

    result = CliRunner().invoke(main, ["index", "--seeds", str(folder), "--index", str(index_dir)])

    assert result.exit_code == 0, result.output
    assert sorted(line for line in result.stderr.splitlines() if line.startswith("skipped ")) == [
        f"skipped again.txt: a link to {real.name}, which is read as itself",
        "skipped hostname.txt: links outside the releases folder are not followed",
        "skipped outside.txt: links outside the releases folder are not followed",
    ]
    assert result.stdout.startswith("2 indexed: 2 new, 0 updated, 0 removed, 3 skipped in ")
    assert _ids_in(index_dir) == ["draft", real.stem]


def test_a_file_named_on_the_command_line_is_read_only_inside_the_releases_folder(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "releases", tmp_path / "index"
    [real] = write_releases(folder, 1)
    [secret] = write_releases(tmp_path / "elsewhere", 1, start=7)
    (folder / "outside.txt").symlink_to(secret)
    base = ["index", "--seeds", str(folder), "--index", str(index_dir)]
    assert CliRunner().invoke(main, base).exit_code == 0

    result = CliRunner().invoke(main, [*base, str(folder / "outside.txt"), str(real)])

    assert "skipped outside.txt: links outside the releases folder are not followed" in result.stderr
    assert _ids_in(index_dir) == [real.stem]
