"""The HTTP interface: pages, the JSON API and its contract, errors, escaping and headers."""

from __future__ import annotations

import json
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
    assert set(data["facets"]) == {"rating", "unit_type", "pdu", "region", "chief_inspector", "year"}
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
    off = client.get(sentence + "&expand=false").get_json()
    short = client.get("/api/search?q=management+oversight&match=any").get_json()
    forced = client.get("/api/search?q=management+oversight&match=any&expand=true").get_json()
    assert (default["expanded"], off["expanded"], short["expanded"], forced["expanded"]) == (True, False, False, True)
    assert default["total"] == off["total"] > 1
    assert sorted(r["id"] for r in default["results"]) == sorted(r["id"] for r in off["results"])
    assert [r["score"] for r in default["results"]] != [r["score"] for r in off["results"]]
    assert forced["total"] == short["total"]


def test_api_search_matches_the_openapi_document(client: FlaskClient) -> None:
    check = validator(client, "SearchPage")
    for url in [
        "/api/search",
        "/api/search?q=management+oversight&rating=Requires+improvement",
        "/api/search?q=safeguardnig",
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
    html = client.get("/search?q=safeguardnig").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=safeguarding">safeguarding</a>?' in html


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
