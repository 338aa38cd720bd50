"""Following a search: /search.atom read by a real feed parser, its title in words, and the links to it."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from flask.testing import FlaskClient

from searchsvc import create_app
from searchsvc.feeds import describe
from searchsvc.indexing import build_index
from searchsvc.indexing import release_paths
from searchsvc.search import SearchRequest
from tests.conftest import write_releases

ATOM = "{http://www.w3.org/2005/Atom}"
NORFOLK = "000_cdf3a1f2c20930cb"


def parsed(client: FlaskClient, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_is_valid_atom_newest_first_with_the_required_elements(client: FlaskClient) -> None:
    feed = parsed(client, "/search.atom?q=management+oversight")
    assert feed.feed.title == "Releases matching 'management oversight'"
    assert feed.feed.id.startswith("tag:") and feed.feed.updated == "2024-08-01T00:00:00Z"
    assert [link.rel for link in feed.feed.links] == ["self", "alternate"]
    assert feed.feed.links[1].href == "http://localhost/search?q=management+oversight"
    dates = [e.updated for e in feed.entries]
    assert dates == ["2024-08-01T00:00:00Z", "2024-05-16T00:00:00Z", "2014-03-04T00:00:00Z"]
    root = ET.fromstring(client.get("/search.atom?q=management+oversight").get_data())
    assert all(root.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "author"))
    for entry in root.iter(f"{ATOM}entry"):
        assert all(entry.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "link", "summary"))


def test_an_entry_keeps_its_id_in_every_feed_and_summarises_the_first_paragraph(client: FlaskClient) -> None:
    by_rating = parsed(client, "/search.atom?rating=Inadequate").entries
    by_words = parsed(client, "/search.atom?q=safeguarding").entries
    norfolk = [e for e in by_words if e.link.endswith(NORFOLK)][0]
    assert by_rating[0].id == norfolk.id == f"tag:searchsvc.hmiprobation,2026:release:{NORFOLK}"
    assert norfolk.link == f"http://localhost/releases/{NORFOLK}"
    assert norfolk.summary == (
        "Norfolk Probation Delivery Unit (PDU) has received an overall rating of ‘Inadequate’ "
        "following an inspection by His Majesty’s Inspectorate of Probation."
    )


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (SearchRequest(), "Releases"),
        (
            SearchRequest(q="safeguarding", filters={"rating": ("Inadequate",)}),
            "Releases rated Inadequate matching 'safeguarding'",
        ),
        (
            SearchRequest(filters={"rating": ("Good", "Outstanding"), "region": ("London",)}),
            "Releases rated Good or Outstanding in London",
        ),
        (SearchRequest(filters={"pdu": ("Norfolk PDU",)}), "Releases about Norfolk PDU"),
        (
            SearchRequest(q="unpaid work", match="any", published_from=datetime.date(2021, 6, 1)),
            "Releases published from 1 June 2021 any of the words of 'unpaid work'",
        ),
    ],
)
def test_the_title_says_the_search_in_words(request_: SearchRequest, words: str) -> None:
    assert describe(request_) == words


def test_a_feed_holds_at_most_fifty_entries(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    write_releases(folder, 60)
    build_index(release_paths(folder), tmp_path / "ix")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")})
    feed = parsed(app.test_client(), "/search.atom?sort=oldest&page=3")
    assert len(feed.entries) == 50
    assert [e.updated for e in feed.entries] == sorted((e.updated for e in feed.entries), reverse=True)
    app.extensions["searchsvc"].close()


def test_markup_in_the_search_and_in_releases_is_escaped(hostile_client: FlaskClient) -> None:
    evil = '<script>alert("q")</script>'
    raw = hostile_client.get("/search.atom", query_string={"q": f"{evil} leeds", "match": "any"}).get_data(as_text=True)
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    feed = feedparser.parse(raw.encode())
    assert feed.bozo == 0 and feed.feed.title == f"Releases any of the words of '{evil} leeds'"
    leeds = [e for e in feed.entries if e.link.endswith("900_script_release")][0]
    assert leeds.title == 'Leeds <script>alert("title")</script> Youth Justice Service rated ‘Good’ & more'


def test_results_and_unit_pages_link_their_feed(client: FlaskClient) -> None:
    html = client.get("/search?q=safeguarding&rating=Inadequate").get_data(as_text=True)
    feed = "/search.atom?q=safeguarding&amp;rating=Inadequate"
    assert f'<link rel="alternate" type="application/atom+xml" title="Follow this search" href="{feed}">' in html
    assert f'<a class="feed-link" href="{feed}">Follow this search</a>' in html
    unit = client.get("/units/norfolk-pdu").get_data(as_text=True)
    assert 'type="application/atom+xml" title="Follow this search" href="/search.atom?pdu=Norfolk+PDU"' in unit
    assert '<a class="feed-link" href="/search.atom?pdu=Norfolk+PDU">Follow this search</a>' in unit
    assert parsed(client, "/search.atom?pdu=Norfolk+PDU").feed.title == "Releases about Norfolk PDU"
