"""The README matches the code: settings, commands, CI, and the API example (a live response)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from flask.testing import FlaskClient
from markupsafe import escape

from searchsvc import SETTINGS
from searchsvc.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE_URL = "/api/search?q=management+oversight&rating=Requires+improvement&per_page=1"


def between(start: str, end: str) -> str:
    return README.split(f"<!-- {start} -->", 1)[1].split(f"<!-- {end} -->", 1)[0]


def test_every_setting_is_documented_with_its_default() -> None:
    rows = {}
    for line in between("settings-start", "settings-end").splitlines():
        cells = [c.strip(" `") for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in SETTINGS:
            rows[cells[0]] = cells
    assert set(rows) == set(SETTINGS)
    for name, (default, help_text) in SETTINGS.items():
        assert rows[name][1] == f"SEARCHSVC_{name}"
        assert rows[name][2] == str(default)
        assert rows[name][3] == help_text


def test_quickstart_commands_are_makefile_targets_and_ci_runs_the_test_one() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("## ", 1)[0]
    commands = re.findall(r"^\$ (.+)$", quickstart, re.M)
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "make test"


def test_every_cli_command_is_documented() -> None:
    for name, command in main.commands.items():
        assert f"$ searchsvc {name}" in README
        assert command.help


def test_readme_api_example_is_a_live_response(client: FlaskClient) -> None:
    block = between("api-example-start", "api-example-end")
    documented = json.loads(block.split("```json", 1)[1].split("```", 1)[0])
    assert EXAMPLE_URL.replace("/api/search", "") in README
    assert documented == client.get(EXAMPLE_URL).get_json()


def render_example(client: FlaskClient) -> str:
    """The README block for the API example, from a live response."""
    body = json.dumps(client.get(EXAMPLE_URL).get_json(), indent=2, ensure_ascii=False)
    return f"<!-- api-example-start -->\n```json\n{body}\n```\n<!-- api-example-end -->"


if __name__ == "__main__":
    # Regenerate the README's API example: python -m tests.test_docs <index dir>
    from searchsvc import create_app

    client = create_app({"INDEX_DIR": sys.argv[1]}).test_client()
    text = re.sub(
        r"<!-- api-example-start -->.*<!-- api-example-end -->",
        lambda _m: render_example(client),
        README,
        flags=re.S,
    )
    (ROOT / "README.md").write_text(text, encoding="utf-8")


def test_the_help_page_and_the_readme_show_the_same_query_syntax(client: FlaskClient) -> None:
    from searchsvc.webtext import QUERY_SYNTAX

    table = README.split("## Searching", 1)[1].split("| you type | it finds |", 1)[1].split("\n\n", 1)[0]
    rows = [tuple(c.strip() for c in line.strip().strip("|").split(" | ")) for line in table.strip().splitlines()[1:]]
    assert rows == list(QUERY_SYNTAX)
    html = client.get("/help").get_data(as_text=True)
    assert html.count("<tr><td>") == len(QUERY_SYNTAX)
    for typed, _finds in QUERY_SYNTAX:
        for example in re.findall(r"`([^`]+)`", typed):
            assert f"<code>{escape(example)}</code>" in html


def test_every_ignored_tracking_parameter_is_documented() -> None:
    from searchsvc.webargs import TRACKING_PARAMS
    from searchsvc.webargs import TRACKING_PREFIXES

    searching = README.split("## Searching", 1)[1].split("\n## ", 1)[0]
    for name in [*TRACKING_PARAMS, *(f"{prefix}*" for prefix in TRACKING_PREFIXES)]:
        assert f"`{name}`" in searching


def test_the_readme_module_map_names_every_module() -> None:
    """A newcomer reads the map first; a module it does not name is one they will not find."""
    section = README.split("## Development", 1)[1]
    module_map = section.split("```", 2)[1]
    named = set(re.findall(r"[a-z_]+", module_map))
    package = ROOT / "searchsvc"
    modules = {path.stem for path in package.rglob("*.py") if path.stem != "__init__"}
    packages = {path.parent.name for path in package.rglob("__init__.py") if path.parent != package}
    assert modules | packages, "no modules found: the test looks in the wrong place"
    assert sorted((modules | packages) - named) == []
