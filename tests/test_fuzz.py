"""Property-based fuzzing of every parameter: never a 5xx, always a valid envelope.

A short run is part of the suite; a long one is
``FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from searchsvc import schema

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

SYNTAX = [
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    '"',
    "*",
    "-",
    ":",
    "title:",
    "pdu:",
    "rating:",
    "?",
    "~",
    "^",
    "[",
    "]",
]
WORDS = ["probation", "management", "oversight", "Norfolk", "inadequate", "SPOs", "re-offending", "the", "of"]
query_text = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(max_size=12)), max_size=12
).map(" ".join)
any_value = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "2021", "2021-06", "2021-06-30", "2021-02-30", "9999", "0", "1", "relevance", "any"]),
    st.sampled_from(["May 2024", "1 May 2024", "2024-5", "2024/05/01", "31/02/2024", "Sept 2024", "mai 2024"]),
)
PARAMS = [
    "q",
    "page",
    "per_page",
    "sort",
    "match",
    "published_from",
    "published_to",
    *schema.FACET_NAMES,
    "x",
    "utm_source",
    "fbclid",
]
param_lists = st.lists(st.tuples(st.sampled_from(PARAMS), st.one_of(any_value, query_text)), max_size=6)


def envelope(client: FlaskClient) -> dict[str, Draft202012Validator]:
    doc = client.get("/api/openapi.json").get_json()
    return {
        name: Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": doc["components"]})
        for name in ("SearchPage", "Error", "Release")
    }


@pytest.fixture(scope="module")
def validators(client: FlaskClient) -> dict[str, Draft202012Validator]:
    return envelope(client)


@FUZZ
@given(params=param_lists)
def test_api_search_never_fails_and_always_answers_an_envelope(
    client: FlaskClient, validators: dict[str, Draft202012Validator], params: list[tuple[str, str]]
) -> None:
    response = client.get("/api/search", query_string=params)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    data = response.get_json()
    validators["SearchPage" if response.status_code == 200 else "Error"].validate(data)


@FUZZ
@given(params=param_lists)
def test_search_page_never_fails(client: FlaskClient, params: list[tuple[str, str]]) -> None:
    response = client.get("/search", query_string=params)
    assert response.status_code in (200, 400)
    assert response.mimetype == "text/html"


@FUZZ
@given(release_id=st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_release_endpoints_never_fail(
    client: FlaskClient, validators: dict[str, Draft202012Validator], release_id: str
) -> None:
    path = quote(release_id, safe="")
    api = client.get(f"/api/releases/{path}")
    # An id that decodes to a path with "//" is redirected to the merged path.
    assert api.status_code in (200, 404, 308)
    if api.status_code != 308:
        validators["Release" if api.status_code == 200 else "Error"].validate(api.get_json())
    assert client.get(f"/releases/{path}").status_code in (200, 404, 308)


@FUZZ
@given(raw=st.binary(max_size=60))
def test_raw_query_strings_never_fail(client: FlaskClient, raw: bytes) -> None:
    # Invalid percent-encoding, lone surrogates, control characters, bidi marks.
    query = raw.decode("latin-1").replace("#", "%23")
    response = client.get("/api/search?" + query)
    assert response.status_code in (200, 400)
