"""The overview picture: counts by year and region, SVG without script or outside assets, colours that pass contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from searchsvc import overview

SVG = "{http://www.w3.org/2000/svg}"
STYLE = (Path(__file__).resolve().parent.parent / "searchsvc" / "static" / "style.css").read_text(encoding="utf-8")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(block) for block in re.findall(r"<svg .*?</svg>", html, re.S)]


def table_rows(html: str, caption: str) -> list[list[str]]:
    block = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", block, re.S)]


@pytest.mark.parametrize("rating", list(overview.RATING_COLOURS))
def test_chart_colours_are_the_badge_colours_and_pass_contrast(rating: str) -> None:
    colour = overview.RATING_COLOURS[rating]
    css_class = "rating-none" if rating == overview.NOT_RATED else "rating-" + rating.lower().replace(" ", "-")
    swatch = "swatch-" + rating.lower().replace(" ", "-")
    assert re.search(rf"\.{css_class} {{ background: {colour}; }}", STYLE)
    assert re.search(rf"\.{swatch} {{ background: {colour}; }}", STYLE)
    # White badge text needs 4.5:1 (WCAG 1.4.3); bars on the chart's white ground 3:1 (1.4.11).
    assert contrast(colour, "#ffffff") >= 4.5


def test_neighbouring_ratings_are_told_apart_by_a_white_gap_not_colour_alone(client: FlaskClient) -> None:
    for svg in svgs(client.get("/overview").get_data(as_text=True)):
        bars = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
        assert bars and all(r.get("stroke") == "#ffffff" for r in bars)
        assert all(r.find(f"{SVG}title") is not None for r in bars)


def test_the_tables_hold_the_counts_by_year_and_region(client: FlaskClient) -> None:
    html = client.get("/overview?q=management+oversight").get_data(as_text=True)
    assert table_rows(html, "Releases by year and overall rating") == [
        ["Year", "Requires improvement", "Not rated", "All"],
        ["2014", "0", "1", "1"],
        ["2024", "2", "0", "2"],
    ]
    assert table_rows(html, "Releases by region and overall rating") == [
        ["Region", "Requires improvement", "Not rated", "All"],
        ["East of England", "2", "0", "2"],
        ["No region stated", "0", "1", "1"],
    ]


def test_the_year_chart_stacks_each_year_to_its_total(client: FlaskClient) -> None:
    year_svg = svgs(client.get("/overview").get_data(as_text=True))[0]
    bars = [r for r in year_svg.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    labels = sorted(r.find(f"{SVG}title").text or "" for r in bars)  # type: ignore[union-attr]
    assert labels == [
        "2014: 1 Not rated",
        "2019: 1 Requires improvement",
        "2024: 1 Inadequate",
        "2024: 2 Requires improvement",
    ]
    heights = {r.find(f"{SVG}title").text: float(r.get("height") or 0) for r in bars}  # type: ignore[union-attr]
    assert heights["2024: 2 Requires improvement"] == pytest.approx(2 * heights["2024: 1 Inadequate"], abs=0.2)


def test_a_rating_filter_draws_only_that_rating(client: FlaskClient) -> None:
    html = client.get("/overview?rating=Inadequate").get_data(as_text=True)
    fills = {r.get("fill") for svg in svgs(html) for r in svg.iter(f"{SVG}rect")}
    assert fills == {"#ffffff", overview.RATING_COLOURS["Inadequate"]}
    assert "1 release rated Inadequate." in html


def test_no_script_no_outside_asset_and_escaped_search(client: FlaskClient) -> None:
    evil = "<script>alert(1)</script> oversight"
    response = client.get("/overview", query_string={"q": evil, "match": "any"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script" not in html and "&lt;script&gt;" in html
    assert not re.search(r"(?:src|href)=\"https?:", html)
    assert "style=" not in html  # the Content-Security-Policy allows no inline style


def test_nothing_matched_draws_nothing_and_says_so(client: FlaskClient) -> None:
    html = client.get("/overview?q=zebrafish").get_data(as_text=True)
    assert "<svg" not in html and "Nothing matched" in html and "0 releases matching &#39;zebrafish&#39;." in html


def test_results_page_links_the_overview(client: FlaskClient) -> None:
    html = client.get("/search?q=management+oversight").get_data(as_text=True)
    assert '<a href="/overview?q=management+oversight">Overview: ratings by year and region</a>' in html


@pytest.mark.parametrize(("largest", "step"), [(0, 1), (4, 1), (9, 2), (23, 5), (100, 20), (4_321, 1_000)])
def test_the_scale_steps_are_round(largest: int, step: int) -> None:
    assert overview.nice_step(largest) == step
