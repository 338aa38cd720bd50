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
    return {p.name for p in PACKAGE.glob("*.py") if root in imported_roots(p)}


def test_only_the_modules_that_own_whoosh_import_it() -> None:
    assert modules_importing("whoosh") == {
        "analysis.py",
        "schema.py",
        "indexer.py",
        "segments.py",
        "search.py",
        "ranking.py",
    }


def test_only_analysis_imports_nltk() -> None:
    assert modules_importing("nltk") == {"analysis.py"}


RELEASES_MODULES = sorted(str(p.relative_to(PACKAGE)) for p in (PACKAGE / "releases").glob("*.py"))


@pytest.mark.parametrize("module", [*RELEASES_MODULES, "query.py", "highlight.py", "errors.py"])
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
