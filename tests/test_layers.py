"""The architecture's rules, kept true: who may import Whoosh, NLTK and Flask."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "searchsvc"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def modules_importing(root: str) -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if root in imported_roots(p)}


def test_only_the_modules_that_own_whoosh_import_it() -> None:
    assert modules_importing("whoosh") == {
        "analysis.py",
        "schema.py",
        "indexing/segments.py",
        "search/postings.py",
    }


def test_in_the_indexing_package_only_the_write_door_imports_whoosh() -> None:
    indexing = PACKAGE / "indexing"
    assert {p.name for p in indexing.glob("*.py") if "whoosh" in imported_roots(p)} == {"segments.py"}


def test_only_analysis_imports_nltk() -> None:
    assert modules_importing("nltk") == {"analysis.py"}


RELEASES_MODULES = sorted(str(p.relative_to(PACKAGE)) for p in (PACKAGE / "releases").glob("*.py"))


@pytest.mark.parametrize(
    "module", [*RELEASES_MODULES, "search/query.py", "search/highlight.py", "errors.py", "ranking.py"]
)
def test_pure_modules_do_no_io_and_use_no_framework(module: str) -> None:
    roots = imported_roots(PACKAGE / module)
    assert not roots & {"whoosh", "flask", "os", "pathlib", "io", "click", "shutil"}


def test_templates_never_reach_into_search_internals() -> None:
    for template in (PACKAGE / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "whoosh" not in text.lower()
        # Only highlight output, escaped in highlight.py, is rendered raw.
        for line in text.splitlines():
            if "| safe" in line or "|safe" in line:
                assert "title_html" in line or "fragment" in line


#: searchsvc.search's modules, each importing only modules after it (the order of its docstring).
SEARCH_LAYERS = [
    "service",
    "generation",
    "rerank",
    "suggest",
    "typos",
    "facets",
    "engine",
    "plan",
    "highlight",
    "query",
    "postings",
    "page",
]


def search_modules_imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "searchsvc.search":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("searchsvc.search."):
            found.add((node.module or "").removeprefix("searchsvc.search."))
    return found


def test_search_modules_only_call_down() -> None:
    assert {p.stem for p in (PACKAGE / "search").glob("*.py")} - {"__init__"} == set(SEARCH_LAYERS)
    for at, name in enumerate(SEARCH_LAYERS):
        assert search_modules_imported(PACKAGE / "search" / f"{name}.py") <= set(SEARCH_LAYERS[at + 1 :]), name
