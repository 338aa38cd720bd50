"""Shared fixtures: real indexes on disk built by the real indexer, and the real app."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from searchsvc import create_app
from searchsvc.indexer import build_index
from searchsvc.indexer import release_paths

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
