"""Shared fixtures: real indexes on disk built by the real indexer, and the real app."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from searchsvc import create_app
from searchsvc.cli import main
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
RELEASES_DIR = Path(__file__).resolve().parent / "data" / "releases"
WEB_DIR = Path(__file__).resolve().parent / "data" / "web"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the five seed releases (read-only: don't write to it)."""
    index_dir = tmp_path_factory.mktemp("seed_index")
    report = build_index(release_paths(SEEDS_DIR), index_dir)
    assert report.doc_count == 5
    return index_dir


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus releases written to break pages: markup in the title and body."""
    seeds = tmp_path_factory.mktemp("hostile_seeds")
    for path in [*release_paths(SEEDS_DIR), *sorted(WEB_DIR.glob("*.txt"))]:
        shutil.copy(path, seeds / path.name)
    index_dir = tmp_path_factory.mktemp("hostile_index")
    build_index(release_paths(seeds), index_dir)
    return index_dir


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture releases (text and saved pages) indexed by the real ``searchsvc index`` (read-only)."""
    index_dir = tmp_path_factory.mktemp("fixture_index") / "ix"
    result = CliRunner().invoke(main, ["index", "--seeds", str(RELEASES_DIR), "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return index_dir


@pytest.fixture(scope="session")
def fixture_client(fixture_index: Path) -> FlaskClient:
    """The app over ``fixture_index``."""
    return create_app({"TESTING": True, "INDEX_DIR": str(fixture_index)}).test_client()


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


@pytest.fixture(scope="session")
def app(seed_index: Path) -> Flask:
    """The app over the seed index."""
    return create_app({"TESTING": True, "INDEX_DIR": str(seed_index)})


@pytest.fixture(scope="session")
def client(app: Flask) -> FlaskClient:
    """A test client of the app over the seed index."""
    return app.test_client()


@pytest.fixture(scope="session")
def hostile_client(hostile_index: Path) -> FlaskClient:
    """A test client of the app over the seeds plus hostile releases."""
    return create_app({"TESTING": True, "INDEX_DIR": str(hostile_index)}).test_client()


@pytest.fixture()
def fresh_index(tmp_path: Path) -> Iterator[Path]:
    """An empty folder for a test to build an index in."""
    yield tmp_path / "index"


def write_releases(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """Write ``count`` distinct, realistic releases (seed texts with a paragraph of their own) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in release_paths(SEEDS_DIR)]
    written = []
    for n in range(start, start + count):
        title, _, rest = seeds[n % len(seeds)].partition("\n")
        extra = f"\n\nThis is release number {n}; its own word is marker{n}x."
        path = folder / f"gen_{n:06d}.txt"
        path.write_text(f"{title} {n}\n{extra}\n{rest}", encoding="utf-8")
        written.append(path)
    return written


def tiny_index(tmp_path: Path, releases: dict[str, str]) -> Path:
    """An index in ``tmp_path`` of ``releases`` (file name without .txt → text)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in releases.items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    build_index(release_paths(seeds), tmp_path / "ix")
    return tmp_path / "ix"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    """Poll ``/healthz`` until the server answers (bounded in time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.communicate()[1]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {base} did not answer within {seconds} s")


@contextlib.contextmanager
def running_server(index_dir: Path, *extra: str) -> Iterator[str]:
    """``searchsvc serve`` (waitress) in its own process on 127.0.0.1, stopped afterwards."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("searchsvc")),
        "serve",
        "--no-index",
        "--index",
        str(index_dir),
    ]
    process = subprocess.Popen(
        [*command, "--port", str(port), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
