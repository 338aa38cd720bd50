"""The HTTP interface: pages, the JSON API and its contract, errors, escaping and headers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from jsonschema import FormatChecker

from searchsvc import create_app

SUFFOLK = "001_07cb0345052c310f"
TRUST = "002_672684c15eaa1aea"
ESSEX = "004_dd95e6e226415534"


def validator(client: FlaskClient, component: str) -> Draft202012Validator:
    doc = client.get("/api/openapi.json").get_json()
    schema = {"$ref": f"#/components/schemas/{component}", "components": doc["components"]}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_api_search_envelope(client: FlaskClient) -> None:
    response = client.get("/api/search?q=management+oversight")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert list(data)[0] == "ok" and data["ok"] is True
    assert (data["total"], data["page"], data["pages"], data["per_page"]) == (3, 1, 1, 10)
    assert data["next_url"] is None and data["prev_url"] is None
    assert sorted(r["id"] for r in data["results"]) == sorted([SUFFOLK, TRUST, ESSEX])
    first = data["results"][0]
    assert first["url"] == f"/releases/{first['id']}?q=management+oversight"
    assert any("<mark>" in h for h in first["highlights"])
    assert set(data["facets"]) == {"rating", "unit_type", "pdu", "region", "chief_inspector", "year", "kind"}
    assert data["suggestion"] is None
    assert data["query"] == {
        "q": "management oversight",
        "filters": {},
        "published_from": None,
        "published_to": None,
        "sort": "relevance",
        "match": "all",
    }


def test_feedback_expansion_reorders_but_never_changes_the_matches(client: FlaskClient) -> None:
    sentence = "/api/search?q=oversight+of+risk+assessments+by+managers+and+staff+workloads&match=any&per_page=100"
    default = client.get(sentence).get_json()
    asked = client.get(sentence + "&expand=true").get_json()
    short = client.get("/api/search?q=management+oversight&match=any").get_json()
    forced = client.get("/api/search?q=management+oversight&match=any&expand=true").get_json()
    # Off unless asked for (RankingSettings.feedback; tests/test_ranking_settings.py tries each rule).
    assert (default["expanded"], asked["expanded"], short["expanded"], forced["expanded"]) == (False, True, False, True)
    assert default["total"] == asked["total"] > 1
    assert sorted(r["id"] for r in default["results"]) == sorted(r["id"] for r in asked["results"])
    assert [r["score"] for r in default["results"]] != [r["score"] for r in asked["results"]]
    assert forced["total"] == short["total"]


def test_api_search_matches_the_openapi_document(client: FlaskClient) -> None:
    check = validator(client, "SearchPage")
    for url in [
        "/api/search",
        "/api/search?q=management+oversight&rating=Requires+improvement",
        "/api/search?q=safeguardnig",
        "/api/search?q=safeguardnig&typos=false",
        "/api/search?q=zebrafish+desistance",
        "/api/search?published_from=2024&per_page=1&page=2&sort=oldest",
    ]:
        check.validate(client.get(url).get_json())


def test_api_release_matches_the_openapi_document(client: FlaskClient) -> None:
    data = client.get(f"/api/releases/{ESSEX}").get_json()
    validator(client, "Release").validate(data)
    assert data["pdu"] == "Essex North PDU" and data["published"] == "2024-08-01"
    assert data["previous_ratings"] == [{"rating": "Inadequate", "year": 2022}]
    assert data["body"] and data["notes"] and data["fieldwork"] == "April 2024"


def test_errors_match_the_openapi_document(client: FlaskClient) -> None:
    check = validator(client, "Error")
    for url in ["/api/search?page=0", "/api/releases/nope", "/api/search?q=a*b"]:
        check.validate(client.get(url).get_json())


def test_openapi_describes_both_endpoints(client: FlaskClient) -> None:
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert {"/api/search", "/api/releases/{id}", "/healthz"} <= set(doc["paths"])
    documented = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    from searchsvc import schema
    from searchsvc import webargs

    assert documented == {*webargs.SINGLE_PARAMS, *schema.FACET_NAMES}


def test_facet_toggle_urls_drill_down_and_back(client: FlaskClient) -> None:
    data = client.get("/api/search?q=management+oversight").get_json()
    ri = next(v for v in data["facets"]["rating"]["values"] if v["value"] == "Requires improvement")
    assert ri["count"] == 2 and ri["selected"] is False
    narrowed = client.get(ri["toggle_url"]).get_json()
    assert narrowed["total"] == 2 and narrowed["query"]["filters"] == {"rating": ["Requires improvement"]}
    selected = next(v for v in narrowed["facets"]["rating"]["values"] if v["value"] == "Requires improvement")
    assert selected["selected"] is True
    assert narrowed["facets"]["rating"]["missing"] == 1  # the unrated Trust release, still counted
    back = client.get(selected["toggle_url"]).get_json()
    assert back["total"] == 3 and back["query"]["filters"] == {}


def test_missing_values_can_be_selected(client: FlaskClient) -> None:
    data = client.get("/api/search").get_json()
    rating = data["facets"]["rating"]
    assert rating["missing"] == 1 and rating["missing_label"] == "Not rated"
    unrated = client.get(rating["missing_toggle_url"]).get_json()
    assert [r["id"] for r in unrated["results"]] == [TRUST]


def test_pagination_links(client: FlaskClient) -> None:
    data = client.get("/api/search?per_page=2").get_json()
    assert data["pages"] == 3 and data["prev_url"] is None
    second = client.get(data["next_url"]).get_json()
    assert second["page"] == 2 and second["prev_url"] and second["next_url"]


@pytest.mark.parametrize(
    ("query", "code", "param"),
    [
        ("page=0", "bad_page", "page"),
        ("page=abc", "bad_page", "page"),
        ("per_page=10000", "bad_per_page", "per_page"),
        ("per_page=-1", "bad_per_page", "per_page"),
        ("colour=red", "unknown_param", "colour"),
        ("q=a&q=b", "repeated_param", "q"),
        ("published_from=2021-13", "bad_date", "published_from"),
        ("published_from=yesterday", "bad_date", "published_from"),
        ("published_to=0000", "bad_date", "published_to"),
        ("published_to=2021-02-30", "bad_date", "published_to"),
        ("published_from=2024&published_to=2020", "bad_date_range", "published_from"),
        ("sort=random", "bad_sort", "sort"),
        ("match=most", "bad_match", "match"),
        ("expand=yes", "bad_expand", "expand"),
        ("q=" + "x" * 70, "token_too_long", "q"),
        ("q=%00", "bad_character", "q"),
        ("page=1000&per_page=100", "page_too_deep", "page"),
    ],
)
def test_api_rejects_invalid_values_with_a_400(client: FlaskClient, query: str, code: str, param: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["ok"] is False and data["status"] == 400
    assert (data["code"], data["param"]) == (code, param)
    assert len(data["error"]) > 10


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("published_from=2024", 3),
        ("published_from=2024-06&published_to=2024-08", 1),
        ("published_to=2014-03-04", 1),
    ],
)
def test_date_filters_accept_year_month_or_day(client: FlaskClient, query: str, total: int) -> None:
    assert client.get(f"/api/search?{query}").get_json()["total"] == total


def test_api_release_404(client: FlaskClient) -> None:
    response = client.get("/api/releases/../../etc/passwd")
    assert response.status_code == 404
    response = client.get("/api/releases/nope")
    assert response.status_code == 404 and response.get_json()["code"] == "not_found"


def test_unknown_api_path_is_json_404(client: FlaskClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.get_json()["ok"] is False


def test_healthz(client: FlaskClient) -> None:
    data = client.get("/healthz").get_json()
    assert data["ok"] is True and data["doc_count"] == 5 and data["generation"] >= 0 and data["built_at"]


def test_home_page_has_the_form_and_examples(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<form class="search-form" role="search" action="/search" method="get">' in html
    assert '<label for="q">' in html and 'href="/search?q=management%20oversight"' in html


def test_results_page(client: FlaskClient) -> None:
    response = client.get("/search?q=management+oversight")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "3 releases" in html and "<mark>" in html
    assert f'href="/releases/{TRUST}?q=management+oversight"' in html
    assert 'rel="alternate" type="application/json" href="/api/search?q=management+oversight"' in html
    assert 'href="/search?q=management+oversight&amp;rating=Requires+improvement"' in html
    assert 'class="badge rating-requires-improvement"' in html


def test_results_page_with_a_filter_shows_a_removable_chip(client: FlaskClient) -> None:
    html = client.get("/search?q=management+oversight&rating=Requires+improvement").get_data(as_text=True)
    assert "2 releases" in html
    assert "Overall rating: Requires improvement" in html and "Clear all filters" in html


def test_empty_state_suggests_what_to_try(client: FlaskClient) -> None:
    html = client.get("/search?q=%22zebrafish+desistance%22").get_data(as_text=True)
    assert "No releases found" in html and "Check the spelling" in html and "Browse every release" in html


def test_did_you_mean_on_the_page(client: FlaskClient) -> None:
    html = client.get("/search?q=safeguardnig&typos=false").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=safeguarding&amp;typos=false">safeguarding</a>?' in html


def test_bad_query_on_the_page_is_a_400_with_the_message(client: FlaskClient) -> None:
    response = client.get("/search?q=a*b")
    assert response.status_code == 400
    assert "may only end a word" in response.get_data(as_text=True)


def test_release_page_marks_the_search_words(client: FlaskClient) -> None:
    html = client.get(f"/releases/{ESSEX}?q=management+oversight").get_data(as_text=True)
    assert "<mark>Management</mark> <mark>oversight</mark>" in html
    assert "Essex North PDU" in html and "Back to results" in html
    assert f'type="application/json" href="/api/releases/{ESSEX}"' in html


def test_unknown_release_page_is_a_404(client: FlaskClient) -> None:
    response = client.get("/releases/nope")
    assert response.status_code == 404 and "Release not found" in response.get_data(as_text=True)


def test_security_headers(client: FlaskClient) -> None:
    for url in ["/", "/search?q=probation", "/api/search", "/api/search?page=0"]:
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_no_external_assets(client: FlaskClient) -> None:
    for url in ["/", "/search?q=probation", f"/releases/{ESSEX}"]:
        html = client.get(url).get_data(as_text=True)
        assert "http://" not in html.replace("http://www.justice.gov.uk", "") and "https://" not in html


def test_nothing_is_served_by_path(client: FlaskClient) -> None:
    for url in [
        "/static/style.css",
        "/assets/../pyproject.toml",
        "/seeds/000_cdf3a1f2c20930cb.txt",
        "/index/",
    ]:
        assert client.get(url).status_code == 404


def test_query_html_comes_back_inert(client: FlaskClient) -> None:
    evil = '<script>alert("q")</script>'
    html = client.get("/search", query_string={"q": evil}).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    api = client.get("/api/search", query_string={"q": evil}).get_data(as_text=True)
    assert json.loads(api)["query"]["q"] == evil


def test_release_markup_comes_back_inert(hostile_client: FlaskClient) -> None:
    data: dict[str, Any] = hostile_client.get("/api/search?q=leeds").get_json()
    hit = data["results"][0]
    assert "<script>" not in hit["title_html"] and "&lt;script&gt;" in hit["title_html"]
    assert all("<img" not in h and "<script" not in h for h in hit["highlights"])
    for url in ["/search?q=leeds", f"/releases/{hit['id']}?q=leeds", f"/releases/{hit['id']}"]:
        html = hostile_client.get(url).get_data(as_text=True)
        assert "<script>" not in html and "<img src=x" not in html and "<b>strong</b>" not in html
        assert "&lt;script&gt;" in html


def test_over_long_urls_are_refused_before_parsing(client: FlaskClient) -> None:
    response = client.get("/api/search?q=" + "a" * 17000)
    assert response.status_code == 414 and response.get_json()["code"] == "uri_too_long"
    assert client.get("/search?q=" + "a" * 17000).status_code == 414


def test_rate_limit_answers_429_with_retry_after(seed_index: Path) -> None:
    limited = create_app({"INDEX_DIR": str(seed_index), "RATE_LIMIT_PER_MINUTE": 3}).test_client()
    statuses = [limited.get("/api/search?q=probation").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = limited.get("/api/search?q=probation")
    assert response.get_json()["code"] == "rate_limited" and int(response.headers["Retry-After"]) >= 1
    assert limited.get("/search?q=probation").status_code == 429
    # Only searches count: a release page is still served.
    assert limited.get(f"/api/releases/{ESSEX}").status_code == 200


def test_a_search_past_its_time_budget_is_a_503(seed_index: Path) -> None:
    hurried = create_app({"INDEX_DIR": str(seed_index), "SEARCH_TIME_LIMIT_MS": 0}).test_client()
    response = hurried.get("/api/search?q=probation")
    assert response.status_code == 503 and response.get_json()["code"] == "search_timeout"
    assert response.headers["Retry-After"] == "1"


def test_missing_index_is_a_503_that_says_how_to_build_one(tmp_path: Path) -> None:
    empty = create_app({"INDEX_DIR": str(tmp_path / "nothing")}).test_client()
    response = empty.get("/api/search?q=probation")
    assert response.status_code == 503 and "searchsvc index" in response.get_json()["error"]
    assert empty.get("/search?q=probation").status_code == 503


# -- issue 18: forgiving links and dates, facets at scale, states ---------------------------------


@pytest.fixture(scope="module")
def many_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """The app over 1,000 synthetic releases about 140 units, with a web address in every release's notes."""
    from searchsvc.indexing import build_index
    from searchsvc.indexing import release_paths
    from tests.many_units import write_many_units

    seeds = write_many_units(tmp_path_factory.mktemp("many_seeds"))
    index_dir = tmp_path_factory.mktemp("many_index")
    build_index(release_paths(seeds), index_dir)
    return create_app({"INDEX_DIR": str(index_dir)}).test_client()


TRACKING = "&".join(
    ["utm_source=newsletter", "utm_medium=email", "utm_campaign=x", "fbclid=IwAR0", "gclid=a1"]
    + ["mc_cid=1", "mc_eid=2", "msclkid=3", "_ga=4", "ref=5"]
)


def test_tracking_parameters_are_ignored_by_pages_and_the_api(client: FlaskClient) -> None:
    plain = client.get("/api/search?q=management+oversight").get_json()
    tracked = client.get(f"/api/search?q=management+oversight&{TRACKING}").get_json()
    assert tracked == plain
    page = client.get(f"/search?q=management+oversight&{TRACKING}")
    assert page.status_code == 200 and "3 releases" in page.get_data(as_text=True)
    # The links a page hands out are clean again.
    assert "utm_" not in page.get_data(as_text=True) and "fbclid" not in page.get_data(as_text=True)


def test_other_unknown_parameters_are_a_400_in_the_api_and_ignored_on_pages(client: FlaskClient) -> None:
    response = client.get("/api/search?q=probation&colour=red")
    assert response.status_code == 400 and response.get_json()["code"] == "unknown_param"
    page = client.get("/search?q=probation&colour=red")
    assert page.status_code == 200 and "5 releases" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("2021", "2021-01-01", "2021-12-31"),
        ("2021-06", "2021-06-01", "2021-06-30"),
        ("2021-06-30", "2021-06-30", "2021-06-30"),
        ("May 2024", "2024-05-01", "2024-05-31"),
        ("may 2024", "2024-05-01", "2024-05-31"),
        ("Sept 2024", "2024-09-01", "2024-09-30"),
        ("1 May 2024", "2024-05-01", "2024-05-01"),
        ("1st May, 2024", "2024-05-01", "2024-05-01"),
        ("May 1, 2024", "2024-05-01", "2024-05-01"),
        ("2024-5", "2024-05-01", "2024-05-31"),
        ("2024/05/01", "2024-05-01", "2024-05-01"),
        ("01/05/2024", "2024-05-01", "2024-05-01"),
        ("2024-02", "2024-02-01", "2024-02-29"),
    ],
)
def test_dates_are_read_as_people_write_them(client: FlaskClient, written: str, start: str, end: str) -> None:
    data = client.get("/api/search", query_string={"published_from": written}).get_json()
    assert data["query"]["published_from"] == start
    data = client.get("/api/search", query_string={"published_to": written}).get_json()
    assert data["query"]["published_to"] == end


def test_may_2024_filters_the_results_page(client: FlaskClient) -> None:
    html = client.get("/search?published_from=May+2024").get_data(as_text=True)
    assert "3 releases" in html and 'value="2024-05-01"' in html and "From 1 May 2024" in html


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("published_from=yesterday", "“yesterday” is not a date we can read"),
        ("published_to=2021-02-30", "“2021-02-30” is not a date we can read"),
        ("published_from=2024&published_to=2020", "From is after To"),
    ],
)
def test_an_unusable_date_on_a_page_is_a_note_by_its_box_not_an_error(
    client: FlaskClient, query: str, note: str
) -> None:
    response = client.get(f"/search?q=probation&{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "5 releases" in html  # the results, unfiltered by the date
    assert note in html and 'class="date-note"' in html and 'aria-invalid="true"' in html
    # The note sits in the date form, next to the box it is about.
    form = html.split('<form class="date-form"', 1)[1].split("</form>", 1)[0]
    assert note in form


def test_a_date_typed_as_markup_comes_back_inert(client: FlaskClient) -> None:
    html = client.get("/search", query_string={"published_from": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_page_past_the_end_says_so_and_links_to_the_last(client: FlaskClient) -> None:
    html = client.get("/search?q=probation&page=99").get_data(as_text=True)
    assert "Page 99 is past the end" in html and "Nothing matched" not in html and "Results 981" not in html
    assert '<a href="/search?q=probation">Go to the last page</a>' in html
    html = client.get("/search?q=probation&per_page=2&page=7").get_data(as_text=True)
    assert '<a href="/search?q=probation&amp;per_page=2&amp;page=3">Go to the last page</a>' in html


def test_facets_show_ten_values_and_link_to_all_of_them(many_client: FlaskClient) -> None:
    html = many_client.get("/search?q=probation").get_data(as_text=True)
    pdu = html.split('data-facet-section="pdu"', 1)[1].split("</section>", 1)[0]
    assert pdu.count('class="facet-value') == 10
    assert '<a href="/facets/pdu?q=probation">All 140 units</a>' in pdu
    assert '<form class="facet-find" action="/facets/pdu" method="get"' in pdu
    region = html.split('data-facet-section="region"', 1)[1].split("</section>", 1)[0]
    assert region.count('class="facet-value') == 10 and "All 12 regions" in region
    assert 'class="facet-find"' not in region  # twelve values need no search box
    # The dates come first in the filter column.
    filters = html.split('id="filters"', 1)[1]
    assert filters.index('class="date-form"') < filters.index('data-facet-section="rating"')


def test_years_are_listed_newest_first(many_client: FlaskClient) -> None:
    html = many_client.get("/search").get_data(as_text=True)
    year = html.split('data-facet-section="year"', 1)[1].split("</section>", 1)[0]
    shown = [int(y) for y in year.split('data-value="')[1:] for y in [y.split('"', 1)[0]]]
    assert shown == list(range(2025, 2015, -1))
    every = many_client.get("/facets/year").get_data(as_text=True)
    assert [int(y.split('"', 1)[0]) for y in every.split('data-value="')[1:]] == list(range(2025, 2013, -1))


def test_the_facet_page_lists_every_value_with_drill_down_links(many_client: FlaskClient) -> None:
    html = many_client.get("/facets/pdu?q=probation&rating=Outstanding").get_data(as_text=True)
    assert html.count('class="facet-value') == 35  # 140 units, a quarter of them rated Outstanding
    link = "/search?q=probation&amp;rating=Outstanding&amp;pdu=Ashford+North+PDU"
    assert f'href="{link}"' in html
    assert '<input type="hidden" name="rating" value="Outstanding">' in html
    drilled = many_client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Unit inspected: Ashford North PDU" in drilled


def test_the_facet_page_finds_values_by_part_of_their_name(many_client: FlaskClient) -> None:
    html = many_client.get("/facets/pdu?q=probation&find=ASHFO").get_data(as_text=True)
    assert html.count('class="facet-value') == 1 and "Ashford North PDU" in html
    assert "1 of 140 units contain" in html
    none = many_client.get("/facets/pdu", query_string={"find": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert" not in none and "&lt;script&gt;" in none and "None matches" in none


def test_an_unknown_facet_page_is_a_404_in_the_layout(client: FlaskClient) -> None:
    response = client.get("/facets/<script>")
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and 'id="header-q"' in html and "<script>" not in html.split("</head>", 1)[1]


def test_error_pages_are_in_the_site_layout_with_the_search_box(seed_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(seed_index)})

    def broken() -> str:
        raise RuntimeError("a bug")

    # A route of the test's own that fails, to reach the 500 page as a real request would.
    app.add_url_rule("/broken", view_func=broken)
    app.add_url_rule("/api/broken", endpoint="api_broken", view_func=broken)
    client = app.test_client()
    for method, url, status, title in [
        ("GET", "/no/such/page", 404, "Page not found"),
        ("POST", "/search", 405, "That cannot be done here"),
        ("GET", "/broken", 500, "Something went wrong"),
    ]:
        response = client.open(url, method=method)
        html = response.get_data(as_text=True)
        assert response.status_code == status and response.mimetype == "text/html"
        assert f"<h1>{title}</h1>" in html and '<form class="header-search"' in html
        assert 'href="/assets/style.css"' in html and "a bug" not in html
    for method, url, status in [
        ("GET", "/api/nothing", 404),
        ("POST", "/api/search", 405),
        ("GET", "/api/broken", 500),
    ]:
        response = client.open(url, method=method)
        assert response.status_code == status and response.get_json()["ok"] is False
    app.extensions["searchsvc"].close()


def test_help_explains_the_query_syntax_with_examples_that_search(client: FlaskClient) -> None:
    html = client.get("/help").get_data(as_text=True)
    assert "<h1>How to search</h1>" in html
    assert '<a href="/search?q=inspect%2A"><code>inspect*</code></a>' in html
    assert '<a href="/search?q=%22management+oversight%22"><code>&#34;management oversight&#34;</code></a>' in html
    assert "<em>inspection</em>" in html
    assert 'href="/help"' in client.get("/").get_data(as_text=True)


def test_web_addresses_in_releases_are_escaped_links(many_client: FlaskClient) -> None:
    html = many_client.get("/releases/syn_00003?q=probation").get_data(as_text=True)
    link = '<a class="address" href="https://example.org/reports/3?a=1&amp;b=2">https://example.org/reports/3?a=1&amp;b=2</a>'
    assert link + " on 01 July 2017." in html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("see https://a.test/x.", 'see <a class="address" href="https://a.test/x">https://a.test/x</a>.'),
        ("(http://a.test/y)", '(<a class="address" href="http://a.test/y">http://a.test/y</a>)'),
        (
            'http://a.test/"><script>',
            '<a class="address" href="http://a.test/">http://a.test/</a>&#34;&gt;&lt;script&gt;',
        ),
        ("javascript:alert(1) and ftp://a.test", "javascript:alert(1) and ftp://a.test"),
        ("at HTTPS://A.TEST", 'at <a class="address" href="HTTPS://A.TEST">HTTPS://A.TEST</a>'),
    ],
)
def test_only_http_addresses_become_links_and_everything_is_escaped(text: str, html: str) -> None:
    from searchsvc.search import highlight
    from searchsvc.webtext import linked

    assert str(linked(text, highlight.Matcher())) == html


@pytest.mark.parametrize(
    "url",
    [
        "/search?q={x}&published_from={x}&published_to={x}&colour={x}&utm_source={x}",
        "/search?q={x}&published_from=2024&published_to=2020",
        "/search?q={x}&page=99",
        "/facets/pdu?q={x}&find={x}&published_from={x}",
        "/facets/{x}",
        "/help?q={x}",
        "/{x}",
    ],
)
def test_markup_in_every_new_input_and_page_comes_back_inert(many_client: FlaskClient, url: str) -> None:
    evil = "%3Cscript%3Ealert(1)%3C/script%3E"
    response = many_client.get(url.format(x=evil))
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 404) and response.mimetype == "text/html"
    assert "<script>" not in html and "alert(1)</script>" not in html


def test_a_selected_value_beyond_the_first_ten_stays_in_the_filter_column(many_client: FlaskClient) -> None:
    html = many_client.get("/search?pdu=Kirkdale+North+PDU").get_data(as_text=True)
    pdu = html.split('data-facet-section="pdu"', 1)[1].split("</section>", 1)[0]
    assert pdu.count('class="facet-value') == 11
    assert 'class="facet-value selected" href="/search"' in pdu and 'data-value="Kirkdale North PDU"' in pdu


def test_the_facet_page_counts_against_the_rate_limit(seed_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(seed_index), "RATE_LIMIT_PER_MINUTE": 1})
    assert [app.test_client().get("/facets/pdu").status_code for _ in range(2)] == [200, 429]
    app.extensions["searchsvc"].close()  # its index files, now rather than whenever the app is collected


@pytest.fixture(scope="module")
def lists_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlaskClient]:
    """The app over a release with bullet, numbered and lettered lists in its body and one in a note."""
    import shutil

    from searchsvc.indexing import build_index
    from searchsvc.indexing import release_paths
    from tests.conftest import RELEASES_DIR

    seeds = tmp_path_factory.mktemp("lists_seeds")
    shutil.copy(RELEASES_DIR / "lists_in_body_and_notes.txt", seeds)
    index_dir = tmp_path_factory.mktemp("lists_index")
    build_index(release_paths(seeds), index_dir)
    app = create_app({"INDEX_DIR": str(index_dir)})
    yield app.test_client()
    app.extensions["searchsvc"].close()  # its index files, now rather than whenever the app is collected


def test_lists_in_a_release_are_lists_on_its_page(lists_client: FlaskClient) -> None:
    html = lists_client.get("/releases/lists_in_body_and_notes?q=visits").get_data(as_text=True)
    address = "https://example.org/checks.html"
    checks = f'the guidance at <a class="address" href="{address}">{address}</a> asks; and'
    assert (
        "<p>Inspectors found that:</p><ul><li>staff knew the people they supervised well;</li>"
        f"<li>checks with children’s services were made in most cases, as {checks}</li>"
        "<li>managers held regular supervision with every member of staff.</li></ul><p>They also found gaps:</p>"
    ) in html
    assert "<ul><li>home <mark>visits</mark> were made in fewer than one case in ten (&lt;10%) where" in html
    assert '<ol start="3"><li>recruit more probation officers;</li>' in html
    assert '<ol type="a"><li>who is at risk;</li><li>what will be done to protect them.</li></ol>' in html
    # The notes keep their own numbering; the bullets inside the second note are a list inside it.
    assert (
        "<li>The inspection looked at:<ul><li>40 cases of people serving community sentences;</li>"
        "<li>12 cases of people released from prison on licence.</li></ul></li>"
        "<li>Fieldwork took place in November 2024.</li></ol>"
    ) in html
    assert not any(marker in html for marker in ("<li>•", "<li>–", "<li>·", "<li>o ", "<li>(a)", "<li>3."))


def test_lists_are_a_field_of_their_own_and_searches_see_only_words(lists_client: FlaskClient) -> None:
    data = lists_client.get("/api/releases/lists_in_body_and_notes").get_json()
    validator(lists_client, "Release").validate(data)
    # The paragraphs are the same strings as ever, the markers gone; which of them are items is said beside them.
    assert data["body"][1:3] == ["Inspectors found that:", "staff knew the people they supervised well;"]
    assert data["body_lists"][0] == {"start": 2, "end": 5, "marker": "bullet", "first": 1}
    assert data["notes_lists"] == [{"start": 2, "end": 4, "marker": "bullet", "first": 1}]
    hit = lists_client.get("/api/search?q=visits+reviews+plan&match=any").get_json()["results"][0]
    shown = " ".join([hit["title_html"], *hit["highlights"]])
    assert "<mark>visits</mark>" in shown and not any(marker in shown for marker in "•–·")
    assert "(a)" not in shown and " o " not in shown
