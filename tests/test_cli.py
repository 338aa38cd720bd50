"""The command line through click's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from searchsvc.cli import main


def test_index_prints_a_summary_and_names_skipped_files(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "broken.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "skipped broken.txt: empty" in result.stderr
    assert result.stdout.startswith("5 indexed: 5 new, 0 updated, 0 removed, 1 skipped in ")


def test_index_again_reports_nothing_new(seeds_copy: Path, tmp_path: Path) -> None:
    args = ["index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix")]
    CliRunner().invoke(main, args)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stdout.startswith("5 indexed: 0 new, 0 updated, 0 removed, 0 skipped")


def test_index_named_files_adds_updates_and_removes_just_those(seeds_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "ix"
    base = ["index", "--seeds", str(seeds_copy), "--index", str(index)]
    assert CliRunner().invoke(main, base).exit_code == 0
    first, second, third = sorted(seeds_copy.glob("*.txt"))[:3]
    first.write_text(first.read_text(encoding="utf-8") + "\nA paragraph about zebrafish.\n", encoding="utf-8")
    (seeds_copy / "new_release.txt").write_text(second.read_text(encoding="utf-8"), encoding="utf-8")
    second.unlink()
    third.unlink()  # gone but not named: stays indexed until the folder is indexed whole

    named = [str(first), str(seeds_copy / "new_release.txt"), str(second)]
    result = CliRunner().invoke(main, [*base, *named])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 indexed: 1 new, 1 updated, 1 removed, 0 skipped in ")
    found = CliRunner().invoke(main, ["search", "zebrafish", "--json", "--index", str(index)])
    assert [hit["id"] for hit in json.loads(found.stdout)["results"]] == [first.stem]
    everything = CliRunner().invoke(main, ["search", "", "--json", "--per-page", "100", "--index", str(index)])
    ids = sorted(hit["id"] for hit in json.loads(everything.stdout)["results"])
    assert ids == sorted([p.stem for p in seeds_copy.glob("*.txt")] + [third.stem])
    whole = CliRunner().invoke(main, base)
    assert whole.stdout.startswith("4 indexed: 0 new, 0 updated, 1 removed, 0 skipped")


def test_index_refuses_named_files_outside_the_releases_folder(seeds_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Title\n\nBody.\n", encoding="utf-8")
    base = ["index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix")]
    for args in ([str(outside)], [str(seeds_copy / "notes.md")], ["--rebuild", str(next(seeds_copy.glob("*.txt")))]):
        result = CliRunner().invoke(main, [*base, *args])
        assert result.exit_code == 2, result.output
        assert "Error:" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "ix").exists()


def test_index_fails_clearly_without_a_seeds_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["index", "--seeds", str(tmp_path / "none"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_index_fails_when_every_file_is_broken(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["index", "--seeds", str(seeds), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "skipped a.txt" in result.stderr and "no release could be indexed" in result.stderr


def test_index_takes_its_folders_from_the_environment(seeds_copy: Path, tmp_path: Path) -> None:
    env = {"SEARCHSVC_SEEDS_DIR": str(seeds_copy), "SEARCHSVC_INDEX_DIR": str(tmp_path / "env_ix")}
    result = CliRunner(env=env).invoke(main, ["index"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env_ix").is_dir() and any((tmp_path / "env_ix").glob("*.toc"))


def test_search_prints_ranked_results(seed_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "management oversight", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("3 releases\n")
    assert "oversight" in result.stdout and "[002_672684c15eaa1aea]" in result.stdout


def test_search_filters_and_prints_json(seed_index: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "search",
            "management oversight",
            "--rating",
            "Requires improvement",
            "--json",
            "--index",
            str(seed_index),
        ],
    )
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert sorted(r["id"] for r in data["results"]) == ["001_07cb0345052c310f", "004_dd95e6e226415534"]


def test_search_reports_a_bad_query(seed_index: Path) -> None:
    result = CliRunner().invoke(main, ["search", "a*b", "--index", str(seed_index)])
    assert result.exit_code == 1
    assert "a * may only end a word" in result.stderr


def test_search_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["search", "probation", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "searchsvc index" in result.stderr


def test_the_installed_command_indexes_in_a_real_process(seeds_copy: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("searchsvc")
    completed = subprocess.run(
        [str(exe), "index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("5 indexed: 5 new")
    # Output is not a terminal here, so no progress bar is drawn.
    assert "Indexing" not in completed.stderr
