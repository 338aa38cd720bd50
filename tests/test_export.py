"""Exporting a whole search: /search.csv and /search.ndjson over HTTP, `searchsvc export`, the cap, the order."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from searchsvc import create_app
from searchsvc.cli import main
from searchsvc.errors import IndexChangedError
from searchsvc.export import CSV_HEADER
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from tests.conftest import SEEDS_DIR
from tests.conftest import write_releases

#: More than two export batches (500 each), so a whole export is several chunks.
MANY = 1_203


@pytest.fixture(scope="module")
def many_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many_releases")
    write_releases(folder, MANY)
    index_dir = tmp_path_factory.mktemp("many_index")
    assert build_index(release_paths(folder), index_dir).doc_count == MANY
    return index_dir


@pytest.fixture(scope="module")
def many_client(many_index: Path) -> Iterator[FlaskClient]:
    app = create_app({"TESTING": True, "INDEX_DIR": str(many_index)})
    yield app.test_client()
    app.extensions["searchsvc"].close()


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def api_ids(client: FlaskClient, query: str, pages: int) -> list[str]:
    ids = []
    for page in range(1, pages + 1):
        data = client.get(f"/api/search?{query}&per_page=100&page={page}").get_json()
        ids += [r["id"] for r in data["results"]]
    return ids


def test_csv_has_a_bom_one_header_and_every_match_with_absolute_links(client: FlaskClient) -> None:
    response = client.get("/search.csv?q=management+oversight")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="releases.csv"'
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = csv_rows(raw.decode("utf-8"))
    assert rows[0] == list(CSV_HEADER)
    by_id = {row[0]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
    assert list(by_id) == api_ids(client, "q=management+oversight", 1)
    essex = by_id["004_dd95e6e226415534"]
    assert essex["url"] == "http://localhost/releases/004_dd95e6e226415534"
    assert (essex["published"], essex["rating"], essex["units"], essex["unit type"]) == (
        "2024-08-01",
        "Requires improvement",
        "Essex North PDU",
        "PDU",
    )
    assert (essex["region"], essex["Chief Inspector"]) == ("East of England", "Martin Jones")
    assert float(essex["score"]) > 0
    assert response.headers["X-Total-Count"] == "3"


def test_ndjson_lines_have_the_keys_of_api_results(client: FlaskClient) -> None:
    response = client.get("/search.ndjson?rating=Requires+improvement&sort=oldest")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    api = client.get("/api/search?rating=Requires+improvement&sort=oldest").get_json()["results"]
    assert [line["id"] for line in lines] == [r["id"] for r in api]
    assert [list(line) for line in lines] == [list(r) for r in api]
    assert all(line["highlights"] == [] and line["score"] is None for line in lines)


def test_a_large_export_streams_every_match_in_the_order_of_the_pages(many_client: FlaskClient) -> None:
    response = many_client.get("/search.csv?sort=newest")
    assert response.is_streamed
    chunks = list(response.response)
    # The header, then one chunk a batch: never the whole file at once.
    assert len(chunks) == 1 + -(-MANY // 500)
    rows = csv_rows(b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).decode("utf-8"))[1:]
    assert len(rows) == MANY and len({row[0] for row in rows}) == MANY
    assert [row[0] for row in rows[:300]] == api_ids(many_client, "sort=newest", 3)


def test_a_ranked_export_keeps_the_ranking_past_the_first_page(many_client: FlaskClient) -> None:
    query = "q=oversight+marker7x+OR+marker70x+OR+supervision&match=any"
    lines = many_client.get(f"/search.ndjson?{query}").get_data(as_text=True).splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    total = many_client.get(f"/api/search?{query}").get_json()["total"]
    assert len(ids) == total > 200
    assert ids[:200] == api_ids(many_client, query, 2)


def test_past_the_cap_the_export_is_refused_with_a_reason(seed_index: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index), "EXPORT_MAX_ROWS": 4})
    client = app.test_client()
    refused = client.get("/search.csv")
    assert refused.status_code == 400 and refused.mimetype == "text/plain"
    assert "matches 5 releases and an export holds at most 4" in refused.get_data(as_text=True)
    assert client.get("/search.ndjson?q=management+oversight").status_code == 200
    app.extensions["searchsvc"].close()


def test_a_search_that_means_nothing_is_a_400(client: FlaskClient) -> None:
    response = client.get("/search.csv?q=(")
    assert response.status_code == 400 and "nothing to search for" in response.get_data(as_text=True)


def test_results_page_links_both_exports_with_the_count(client: FlaskClient) -> None:
    html = client.get("/search?q=management+oversight&sort=oldest").get_data(as_text=True)
    assert "Download these 3 releases:" in html
    assert 'href="/search.csv?q=management+oversight&amp;sort=oldest"' in html
    assert 'href="/search.ndjson?q=management+oversight&amp;sort=oldest"' in html


def test_an_index_changed_during_an_export_ends_it_rather_than_mix_generations(
    seeds_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "ix"
    build_index(release_paths(seeds_copy), index_dir)
    service = SearchService(index_dir)
    order = service.match_order(SearchRequest(sort="newest"))
    assert len(service.releases_in(order, 0, 2)) == 2
    write_releases(seeds_copy, 1)
    build_index(release_paths(seeds_copy), index_dir)
    with pytest.raises(IndexChangedError):
        service.releases_in(order, 2, 4)
    service.close()


def test_cli_export_writes_csv_to_a_file_and_ndjson_to_stdout(seed_index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    args = ["export", "management oversight", "--index", str(seed_index), "--rating", "requires improvement"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = csv_rows(out.read_bytes().decode("utf-8"))
    assert rows[0] == list(CSV_HEADER) and len(rows) == 3
    assert rows[1][2].startswith("http://127.0.0.1:5000/releases/")
    result = CliRunner().invoke(main, [*args, "--format", "ndjson", "--sort", "newest"])
    assert [json.loads(line)["published"] for line in result.stdout.splitlines()] == ["2024-08-01", "2024-05-16"]


def test_cli_export_past_the_cap_fails_with_the_reason(seed_index: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--index", str(seed_index)], env={"SEARCHSVC_EXPORT_MAX_ROWS": "2"})
    assert result.exit_code == 1
    assert "matches 5 releases and an export holds at most 2" in result.output


def test_new_routes_are_in_the_readme_and_the_openapi_document(client: FlaskClient) -> None:
    readme = (SEEDS_DIR.parent / "README.md").read_text(encoding="utf-8")
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for route in ["/search.csv", "/search.ndjson", "/search.atom", "/overview", "/units/<slug>", "/api/units/<slug>"]:
        assert f"`GET {route}`" in readme
        assert route.replace("<slug>", "{slug}") in paths
    assert "$ searchsvc export" in readme


def test_markup_goes_through_as_data_never_as_a_page(hostile_client: FlaskClient) -> None:
    title = 'Leeds <script>alert("title")</script> Youth Justice Service rated ‘Good’ & more'
    response = hostile_client.get("/search.csv", query_string={"q": "<script>leeds</script>"})
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    rows = csv_rows(response.get_data(as_text=True))
    assert [row[1] for row in rows[1:] if row[0] == "900_script_release"] == [title]
    lines = hostile_client.get("/search.ndjson?q=leeds").get_data(as_text=True).splitlines()
    leeds = [json.loads(line) for line in lines if "900_script_release" in line][0]
    assert leeds["title"] == title and "<script>" not in leeds["title_html"]


def test_exports_count_against_the_rate_limit(seed_index: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index), "RATE_LIMIT_PER_MINUTE": 1})
    client = app.test_client()
    assert client.get("/search.csv").status_code == 200
    limited = client.get("/search.ndjson")
    assert limited.status_code == 429 and limited.headers["Retry-After"]
    app.extensions["searchsvc"].close()
