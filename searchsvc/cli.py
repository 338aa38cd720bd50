"""The ``searchsvc`` command: index, search and serve. Thin: it calls the indexer and the app."""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click
from werkzeug.datastructures import MultiDict

from searchsvc import create_app
from searchsvc.errors import IndexDamagedError
from searchsvc.errors import SearchsvcError
from searchsvc.indexing import BuildReport
from searchsvc.indexing import build_index
from searchsvc.indexing import build_steps
from searchsvc.indexing import check_index
from searchsvc.indexing import index_exists
from searchsvc.indexing import is_release_file_name
from searchsvc.indexing import recorded_sources
from searchsvc.indexing import release_paths
from searchsvc.webargs import DATE_FORMS
from searchsvc.webargs import parse_args
from searchsvc.webargs import read_date

if TYPE_CHECKING:
    from flask.testing import FlaskClient

    from searchsvc.export import Row

_index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SEARCHSVC_INDEX_DIR",
    default="index",
    show_default=True,
    help="Folder of the index [env SEARCHSVC_INDEX_DIR].",
)
_seeds_option = click.option(
    "--seeds",
    "seeds_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SEARCHSVC_SEEDS_DIR",
    default="seeds",
    show_default=True,
    help="Folder of release files, *.txt, *.html, *.htm [env SEARCHSVC_SEEDS_DIR].",
)


@click.group()
@click.version_option(package_name="searchsvc")
def main() -> None:
    """Full-text search over HM Inspectorate of Probation press releases."""


@main.command("index")
@_seeds_option
@_index_option
@click.option("--rebuild", is_flag=True, help="Write every release anew (also repairs a damaged index).")
@click.option("--check", is_flag=True, help="Only read the whole index and report whether it is intact.")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def index_command(seeds_dir: Path, index_dir: Path, rebuild: bool, check: bool, files: tuple[Path, ...]) -> None:
    """Index the releases in SEEDS into INDEX (only what changed, in one atomic commit).

    Given FILES (release files in SEEDS), index just those: each is added or
    updated, or removed if it is gone, and no other file is looked at.
    """
    if files:
        _check_named_files(seeds_dir, index_dir, files, rebuild=rebuild, check=check)
        _refuse_nothing_indexed(_index_files(seeds_dir, index_dir, files, rebuild=rebuild, check=check))
        return
    if check:
        try:
            checked = check_index(index_dir)
        except SearchsvcError as e:
            raise click.ClickException(str(e)) from e
        click.echo(
            f"index intact: generation {checked.generation}, {checked.doc_count} releases, {checked.terms} terms"
        )
        return
    _refuse_nothing_indexed(_index(seeds_dir, index_dir, rebuild=rebuild))


def _check_named_files(
    seeds_dir: Path, index_dir: Path, files: tuple[Path, ...], *, rebuild: bool, check: bool
) -> None:
    """:raise click.UsageError: FILES given with --rebuild or --check, or a file outside SEEDS;
    :raise click.ClickException: a named file does not exist and is not indexed either (a typo, not a removal).
    """
    if rebuild or check:
        raise click.UsageError("--rebuild and --check work on the whole index: give no FILES with them")
    folder = seeds_dir.resolve()
    for file in files:
        if not is_release_file_name(file.name) or file.parent.resolve() != folder:
            raise click.UsageError(
                f"{str(file)!r} is not a release file (*.txt, *.html, *.htm) in the releases folder {str(seeds_dir)!r}"
            )
    gone = [file for file in files if not (seeds_dir / file.name).exists()]
    if not gone:
        return
    client = create_app({"INDEX_DIR": str(index_dir)}).test_client() if index_exists(index_dir) else None
    for file in gone:
        if client is None or client.get(f"/api/releases/{file.stem}").status_code == 404:
            raise click.ClickException(
                f"{str(file)!r} does not exist, and no release of that name is indexed to remove; check the name"
            )


def _named(context: click.Context, parameter: str) -> bool:
    """Whether the user gave ``parameter`` (on the command line or in the environment), not its default."""
    return context.get_parameter_source(parameter) not in (None, click.core.ParameterSource.DEFAULT)


def _releases_to_serve(seeds_dir: Path, index_dir: Path, *, named: bool) -> Path | None:
    """The folder ``serve`` updates the index from first, or None to serve it as it is.

    Never the working directory's ``seeds/`` for an index built from another
    folder: updating from it would remove every release it does not hold.
    """
    if named or not index_exists(index_dir):
        return seeds_dir
    recorded = recorded_sources(index_dir)
    if recorded is not None and len(recorded) == 1 and recorded[0].is_dir():
        return recorded[0]
    return None


def _refuse_nothing_indexed(report: BuildReport) -> None:
    """:raise click.ClickException: every file the build looked at was skipped."""
    if not report.committed and not report.indexed and report.skipped:
        raise click.ClickException("no release could be indexed; see the reasons above")


def _index_files(
    seeds_dir: Path, index_dir: Path, files: tuple[Path, ...], *, rebuild: bool, check: bool
) -> BuildReport:
    """``searchsvc index FILE...``: add, update or remove just the releases of ``files``."""
    try:
        report = build_index([seeds_dir / file.name for file in files], index_dir, partial=True)
    except SearchsvcError as e:
        raise click.ClickException(str(e)) from e
    _echo(report)
    return report


def _index(seeds_dir: Path, index_dir: Path, *, rebuild: bool, repair: bool = False) -> BuildReport:
    """Run the indexer with a progress bar on a terminal; with ``repair``, rebuild a damaged index."""
    try:
        paths = release_paths(seeds_dir)
        if sys.stderr.isatty() and len(paths) > 1:
            report = _build_with_bar(paths, index_dir, rebuild=rebuild)
        else:
            report = build_index(paths, index_dir, rebuild=rebuild)
    except IndexDamagedError as e:
        if not repair or rebuild:
            raise click.ClickException(str(e)) from e
        click.echo(f"{e}\nRebuilding it from {str(seeds_dir)!r}.", err=True)
        return _index(seeds_dir, index_dir, rebuild=True)
    except SearchsvcError as e:
        raise click.ClickException(str(e)) from e
    _echo(report)
    return report


def _build_with_bar(paths: Sequence[Path], index_dir: Path, *, rebuild: bool) -> BuildReport:
    """``build_index`` with a progress bar on standard error, moved by the build's progress events."""
    with click.progressbar(length=len(paths), label="Indexing", file=sys.stderr, show_pos=True) as bar:
        for step in build_steps(paths, index_dir, rebuild=rebuild):
            if isinstance(step, BuildReport):
                return step
            bar.update(step.files)
    raise AssertionError("build_steps ends with its report")


def _echo(report: BuildReport) -> None:
    """Name each skipped file and why on standard error, then print the summary line."""
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.name}: {skipped.reason}", err=True)
    click.echo(report.summary())


#: The filter options of ``searchsvc search``: option name → facet of the API (values case-insensitive).
_FILTER_OPTIONS = (
    ("--rating", "rating", "Only releases with this overall rating"),
    ("--unit-type", "unit_type", "Only releases about this kind of unit (PDU, YOS ...)"),
    ("--pdu", "pdu", "Only releases about this unit"),
    ("--region", "region", "Only releases from this region"),
    ("--chief-inspector", "chief_inspector", "Only releases under this Chief Inspector"),
    ("--year", "year", "Only releases published in this year"),
    ("--kind", "kind", "Only releases of this type (inspection, thematic inspection, annual report, corporate news)"),
)


def _filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add one repeatable option per facet to ``command``."""
    for option, facet, text in reversed(_FILTER_OPTIONS):
        command = click.option(option, facet, multiple=True, help=f"{text} (repeatable; any case).")(command)
    return command


def _search_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the dates, match and sort options of a search to ``command``."""
    options = (
        click.option(
            "--from", "published_from", help="Published on or after this date: 2021, 2021-06, May 2021, 2021-06-30."
        ),
        click.option("--to", "published_to", help="Published on or before this date (a year or month means its end)."),
        click.option(
            "--match", type=click.Choice(["all", "any"], case_sensitive=False), default=None, help="Words to match."
        ),
        click.option(
            "--sort", type=click.Choice(["relevance", "newest", "oldest"], case_sensitive=False), default=None
        ),
        click.option(
            "--exact", is_flag=True, help="Search the words exactly as typed, without reading misspelt words."
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


@main.command("search")
@click.argument("query", default="")
@_filter_options
@_search_options
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON API's response instead.")
@_index_option
def search_command(query: str, as_json: bool, index_dir: Path, **options: Any) -> None:
    """Search the index for QUERY and print ranked results (every filter of the JSON API)."""
    client = create_app({"INDEX_DIR": str(index_dir)}).test_client()
    params = [("q", query), *_filter_params(client, options), *_plain_params(options)]
    data = client.get("/api/search", query_string=params).get_json()
    try:
        if as_json:
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            if not data["ok"]:
                sys.exit(1)
            return
        if not data["ok"]:
            raise click.ClickException(data["error"])
        _print_results(data)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_exit()


def _plain_params(options: dict[str, Any]) -> list[tuple[str, str]]:
    """The API parameters of the options that are not filters; dates are checked here."""
    params = [("page", str(options["page"])), ("per_page", str(options["per_page"]))]
    for name, option in (("published_from", "--from"), ("published_to", "--to")):
        value = options[name]
        if value:
            if read_date(value, end=False) is None:
                raise click.BadParameter(f"{value!r} is not a date; write {DATE_FORMS}", param_hint=option)
            params.append((name, value))
    params += [(name, options[name].lower()) for name in ("match", "sort") if options[name]]
    return params + ([("typos", "false")] if options["exact"] else [])


def _filter_params(client: FlaskClient, options: dict[str, Any]) -> list[tuple[str, str]]:
    """The filters as the index spells their values. :raise click.BadParameter: a value no release has."""
    wanted = [(option, facet, value) for option, facet, _ in _FILTER_OPTIONS for value in options[facet]]
    if not wanted:
        return []
    everything = client.get("/api/search", query_string={"per_page": "1"}).get_json()
    if not everything["ok"]:
        raise click.ClickException(everything["error"])
    params = []
    for option, facet, value in wanted:
        counts = everything["facets"][facet]
        known = [v["value"] for v in counts["values"]] + ([counts["missing_label"]] if counts["missing"] else [])
        spelled = {k.casefold(): k for k in known}
        if value.strip().casefold() not in spelled:
            listed = ", ".join(sorted(known)) or "none"
            raise click.BadParameter(f"no release has {value!r}; the values are: {listed}", param_hint=option)
        params.append((facet, spelled[value.strip().casefold()]))
    return params


def _quiet_exit() -> None:
    """End quietly when whoever reads the output has stopped (``searchsvc search ... | head -1``)."""
    # Point stdout at /dev/null so the interpreter's last flush does not fail again on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def _emphasise(html: str) -> str:
    """Turn highlight HTML into terminal text, matches in bold."""
    import html as html_lib

    def bold(match: re.Match[str]) -> str:
        return click.style(html_lib.unescape(match.group(1)), bold=True, underline=True)

    marked = re.sub(r"<mark>(.*?)</mark>", bold, html)
    return html_lib.unescape(marked)


def _print_results(data: dict[str, object]) -> None:
    total = data["total"]
    click.echo(f"{total} release{'s' if total != 1 else ''}" + (" (any of the words)" if data["relaxed"] else ""))
    suggestion, read_as = data["suggestion"], data["read_as"]
    if isinstance(read_as, dict):
        click.echo(f"Showing results for: {read_as['q']} (--exact to search as typed)")
    elif isinstance(suggestion, dict):
        click.echo(f"Did you mean: {suggestion['q']}")
    results = data["results"]
    assert isinstance(results, list)
    for hit in results:
        click.echo("")
        click.echo(_emphasise(hit["title_html"]))
        meta = [*_rated_units(hit), hit["published"]]
        click.echo(click.style("  " + " · ".join(m for m in meta if m) + f"  [{hit['id']}]", dim=True))
        for fragment in hit["highlights"]:
            click.echo("  " + _emphasise(" ".join(fragment.split())))


@main.command("export")
@click.argument("query", default="")
@_filter_options
@_search_options
@click.option("--format", "fmt", type=click.Choice(["csv", "ndjson"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not to stdout.")
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True, help="Where release links point.")
@_index_option
def export_command(query: str, fmt: str, output: Path | None, base_url: str, index_dir: Path, **options: Any) -> None:
    """Write every release matching QUERY as CSV (UTF-8 with a BOM) or JSON lines, as /search.csv does."""
    # Imported here: `searchsvc index` need not load the web layer.
    from searchsvc.export import too_many
    from searchsvc.web import service
    from searchsvc.webfollow import export_batches
    from searchsvc.webfollow import export_text

    app = create_app({"INDEX_DIR": str(index_dir)})
    client = app.test_client()
    params = [("q", query), *_filter_params(client, options), *_plain_params({**options, "page": 1, "per_page": 10})]
    try:
        with app.app_context():
            req = parse_args(MultiDict(params), 10)
            order = service().match_order(req)
            refused = too_many(order.total, int(app.config["EXPORT_MAX_ROWS"]))
            if refused:
                raise click.ClickException(refused)
            batches = export_batches(service(), order)
            _write_export(export_text(fmt, _counted(batches, order.total, output), base_url, req.q), output)
    except SearchsvcError as e:
        raise click.ClickException(str(e)) from e
    except BrokenPipeError:
        _quiet_exit()


def _counted(batches: Iterator[list[Row]], total: int, output: Path | None) -> Iterator[list[Row]]:
    """``batches``, with a progress bar on standard error when it is a terminal and the export goes to a file."""
    if output is None or not sys.stderr.isatty():
        yield from batches
        return
    with click.progressbar(length=total, label="Exporting", file=sys.stderr, show_pos=True) as bar:
        for batch in batches:
            yield batch
            bar.update(len(batch))


def _write_export(chunks: Iterator[str], output: Path | None) -> None:
    """Write ``chunks`` to ``output``, or stdout; line ends as they are (CSV's are CRLF)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    with open(output, "w", encoding="utf-8", newline="") as out:
        for chunk in chunks:
            out.write(chunk)


def _rated_units(hit: dict[str, Any]) -> list[str]:
    """A hit's rating and unit; for a release inspecting several units, each unit with its rating."""
    if len(hit["units"]) > 1:
        return [f"{u['name']} ({u['rating'] or 'Not rated'})" for u in hit["units"]]
    return [hit["rating"] or "Not rated", hit["pdu"]]


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, envvar="SEARCHSVC_HOST")
@click.option("--port", type=int, default=5000, show_default=True, envvar="SEARCHSVC_PORT")
@click.option("--threads", type=click.IntRange(1, 64), default=None, help="Worker threads [default: 4 × cores].")
@click.option("--dev", is_flag=True, help="Use Flask's development server with the debugger (never in public).")
@click.option("--no-index", is_flag=True, help="Serve the index as it is; don't update it from SEEDS first.")
@_seeds_option
@_index_option
def serve_command(
    host: str, port: int, threads: int | None, dev: bool, no_index: bool, seeds_dir: Path, index_dir: Path
) -> None:
    """Bring the index up to date with its releases folder, then serve the web app and JSON API.

    The folder is the one the index records it was built from; SEEDS when
    the index records none and there is none yet, or when --seeds (or its
    environment variable) names it. An index that records no folder is
    served as it is.
    """
    if not no_index:
        source = _releases_to_serve(seeds_dir, index_dir, named=_named(click.get_current_context(), "seeds_dir"))
        if source is not None and source.is_dir():
            _index(source, index_dir, rebuild=False, repair=True)
    if not index_exists(index_dir):
        raise click.ClickException(
            f"there is no index in {str(index_dir)!r} and no releases folder {str(seeds_dir)!r} to build one from"
        )
    app = create_app({"INDEX_DIR": str(index_dir)})
    if dev:
        _refuse_port_in_use(host, port)
        click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
        app.run(host=host, port=port, debug=True, use_reloader=False)
        return
    import waitress

    try:
        server = waitress.create_server(
            app, host=host, port=port, threads=threads or 4 * (os.cpu_count() or 1), ident="searchsvc"
        )
    except OSError as e:
        raise click.ClickException(_port_message(host, port, e)) from e
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
    server.run()


def _refuse_port_in_use(host: str, port: int) -> None:
    """:raise click.ClickException: ``port`` cannot be listened on (the development server would print a traceback)."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as e:
            raise click.ClickException(_port_message(host, port, e)) from e


def _port_message(host: str, port: int, error: OSError) -> str:
    """The one line for a port that cannot be listened on, naming every way to choose another."""
    reason = "is in use" if error.errno == errno.EADDRINUSE else f"cannot be used ({error.strerror or error})"
    return (
        f"port {port} on {host} {reason}; choose another with --port, SEARCHSVC_PORT=5002, or PORT=5002 for 'make run'"
    )
