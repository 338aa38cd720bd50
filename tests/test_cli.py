"""The command line through click's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
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


def search(seed_index: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["search", *args, "--index", str(seed_index)])


def ids(result: Any) -> list[str]:
    assert result.exit_code == 0, result.output
    return sorted(hit["id"] for hit in json.loads(result.stdout)["results"])


def test_search_values_are_case_insensitive(seed_index: Path) -> None:
    assert ids(search(seed_index, "--rating", "inadequate", "--json")) == ids(
        search(seed_index, "--rating", "Inadequate", "--json")
    )
    assert len(ids(search(seed_index, "--rating", "INADEQUATE", "--json"))) == 1
    assert len(ids(search(seed_index, "--rating", "not rated", "--json"))) == 1


def test_search_answers_an_unknown_value_with_the_values_that_exist(seed_index: Path) -> None:
    result = search(seed_index, "--rating", "bad")
    assert result.exit_code == 2
    assert "no release has 'bad'; the values are: Inadequate, Not rated, Requires improvement" in result.stderr
    result = search(seed_index, "--region", "<script>")
    assert result.exit_code == 2 and "East of England" in result.stderr


@pytest.mark.parametrize(
    ("args", "total"),
    [
        (["--year", "2024"], 3),
        (["--unit-type", "pdu"], 3),
        (["--pdu", "essex north pdu"], 1),
        (["--region", "east of england"], 3),
        (["--chief-inspector", "martin jones"], 3),
        (["--from", "May 2024"], 3),
        (["--from", "2024-06", "--to", "2024/08/31"], 1),
        (["--to", "4 March 2014"], 1),
        (["management oversight", "--match", "any"], 4),
        (["--rating", "inadequate", "--rating", "Not rated"], 2),
    ],
)
def test_search_has_every_filter_of_the_api(seed_index: Path, args: list[str], total: int) -> None:
    result = search(seed_index, *args, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == total


def test_search_refuses_an_unreadable_date(seed_index: Path) -> None:
    result = search(seed_index, "--from", "yesterday")
    assert result.exit_code == 2 and "'yesterday' is not a date" in result.stderr


def test_index_of_a_named_file_that_does_not_exist_is_an_error(seeds_copy: Path, tmp_path: Path) -> None:
    base = ["index", "--seeds", str(seeds_copy), "--index", str(tmp_path / "ix")]
    result = CliRunner().invoke(main, [*base, str(seeds_copy / "nothere.txt")])
    assert result.exit_code == 1
    assert "nothere.txt' does not exist, and no release of that name is indexed" in result.stderr
    assert CliRunner().invoke(main, base).exit_code == 0
    result = CliRunner().invoke(main, [*base, str(seeds_copy / "nothere.txt")])
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_search_ends_quietly_when_the_reader_stops(seed_index: Path) -> None:
    exe = Path(sys.executable).with_name("searchsvc")
    for extra in ([], ["--json"]):
        with subprocess.Popen(
            [str(exe), "search", "inspect*", "--index", str(seed_index), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            # Like `| head -0`: the reader is gone before the first line is written.
            process.stdout.close()
            stderr = process.stderr.read().decode()
            assert process.wait(timeout=60) == 0, stderr
            assert stderr == ""


def test_search_through_a_real_shell_pipe_into_head(seed_index: Path) -> None:
    exe = Path(sys.executable).with_name("searchsvc")
    command = f"set -o pipefail; '{exe}' search 'inspect*' --per-page 100 --index '{seed_index}' | head -1"
    completed = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and completed.stdout == "5 releases\n" and completed.stderr == ""


def test_serve_on_a_port_in_use_is_one_clear_line(seed_index: Path) -> None:
    exe = Path(sys.executable).with_name("searchsvc")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for dev in ([], ["--dev"]):
            completed = subprocess.run(
                [str(exe), "serve", "--no-index", "--index", str(seed_index), "--port", str(port), *dev],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert completed.returncode == 1
            assert completed.stdout == ""
            lines = completed.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in completed.stderr
            assert f"port {port} on 127.0.0.1 is in use" in lines[0]
            assert "SEARCHSVC_PORT" in lines[0] and "PORT=" in lines[0] and "make run" in lines[0]
