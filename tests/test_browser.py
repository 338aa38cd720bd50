"""A real browser against a real server: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import Page
from playwright.sync_api import expect

from tests.conftest import running_server

pytestmark = pytest.mark.browser
# CI machines are shared: give the page time rather than fail on a slow second.
expect.set_options(timeout=15_000)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def server(seed_index: Path) -> Iterator[str]:
    """``searchsvc serve`` (waitress) over the seed index, on a free port of 127.0.0.1."""
    with running_server(seed_index) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make test', which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_search_drill_down_and_open_a_release(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/")
    p.get_by_label("Words to search for").fill("management oversight")
    p.get_by_role("button", name="Search").click()
    expect(p.locator("h1")).to_contain_text("3 releases")
    expect(p.locator(".hit")).to_have_count(3)
    marks = p.locator(".hit mark")
    assert marks.count() >= 3
    assert {m.lower() for m in marks.all_inner_texts()} <= {"management", "oversight", "manage", "managers"}
    SCREENSHOTS.mkdir(exist_ok=True)
    p.screenshot(path=str(SCREENSHOTS / "results.png"), full_page=True)

    facet = p.locator('a.facet-value[data-facet="rating"][data-value="Requires improvement"]')
    expect(facet.locator(".count")).to_have_text("2")
    facet.click()
    expect(p.locator("h1")).to_contain_text("2 releases")
    expect(p.locator(".hit")).to_have_count(2)
    expect(p.locator(".chips")).to_contain_text("Overall rating: Requires improvement")
    selected = p.locator('a.facet-value.selected[data-facet="rating"]')
    expect(selected).to_have_count(1)
    p.screenshot(path=str(SCREENSHOTS / "drilled.png"), full_page=True)

    p.locator(".hit-title a").first.click()
    expect(p.locator("article.release h1")).to_be_visible()
    expect(p.locator("article.release mark").first).to_be_visible()
    assert "/releases/" in p.url
    p.screenshot(path=str(SCREENSHOTS / "release.png"), full_page=True)


def test_the_form_works_from_the_keyboard_and_clear_all_removes_filters(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/search?q=probation&rating=Inadequate")
    expect(p.locator("h1")).to_contain_text("1 release")
    p.get_by_role("link", name="Clear all filters").click()
    expect(p.locator("h1")).to_contain_text("5 releases")
    box = p.locator("#header-q")
    box.fill("safeguardnig")
    box.press("Enter")
    expect(p.locator(".suggestion")).to_contain_text("Showing results for safeguarding.")
    p.get_by_role("link", name="safeguardnig").click()
    expect(p.locator(".suggestion")).to_contain_text("Did you mean safeguarding?")
    p.get_by_role("link", name="safeguarding").click()
    expect(p.locator("h1")).to_contain_text("releases")


def test_phone_width_and_no_script_execution(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        p = context.new_page()
        dialogs: list[str] = []
        p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        p.goto(server + "/search?q=<script>alert(1)</script>+probation")
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= 375
        assert dialogs == []
        p.screenshot(path=str(SCREENSHOTS / "phone.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="module")
def many_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over 1,000 synthetic releases about 140 units."""
    from searchsvc.indexing import build_index
    from searchsvc.indexing import release_paths
    from tests.many_units import write_many_units

    seeds = write_many_units(tmp_path_factory.mktemp("many_seeds"))
    index_dir = tmp_path_factory.mktemp("many_index")
    build_index(release_paths(seeds), index_dir)
    with running_server(index_dir) as base:
        yield base


def top(p: Page, selector: str) -> float:
    box = p.locator(selector).bounding_box()
    assert box is not None, selector
    return float(box["y"])


def test_a_long_facet_stays_short_on_a_phone_and_its_values_are_a_link_away(many_server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        p = context.new_page()
        p.goto(many_server + "/search?q=probation")
        expect(p.locator("h1")).to_contain_text("1,000 releases")
        assert p.evaluate("document.documentElement.scrollWidth") <= 375
        start = top(p, "#filters")
        # Each facet shows at most ten values, so the filters after the 140 units come soon after.
        offsets = {name: top(p, f'[data-facet-section="{name}"]') - start for name in ("region", "year")}
        dates = top(p, "#published_from") - start
        assert dates < 200 and offsets["region"] < 1500 and offsets["year"] < 2000, (dates, offsets)
        assert p.locator('[data-facet-section="pdu"] a.facet-value').count() == 10
        years = p.locator('[data-facet-section="year"] a.facet-value').evaluate_all(
            "links => links.map(a => a.dataset.value)"
        )
        assert years == [str(y) for y in range(2025, 2015, -1)]
        p.screenshot(path=str(SCREENSHOTS / "phone-many.png"), full_page=True)

        p.locator("#find-pdu").fill("brook")
        p.locator("#find-pdu").press("Enter")
        expect(p.locator("h1")).to_contain_text("Unit inspected")
        expect(p.locator("a.facet-value")).to_have_count(14)
        p.get_by_role("link", name="Brookford North PDU").click()
        expect(p.locator("h1")).to_contain_text("releases")
        expect(p.locator(".chips")).to_contain_text("Unit inspected: Brookford North PDU")

        p.goto(many_server + "/search?q=probation")
        p.get_by_role("link", name="All 140 units").click()
        expect(p.locator("a.facet-value")).to_have_count(140)
    finally:
        context.close()


def test_an_unreadable_date_is_shown_beside_its_box(server: str, page: Page) -> None:
    page.goto(server + "/search?q=probation")
    page.locator("#published_from").fill("May 2024")
    page.locator("#published_to").fill("the other day")
    page.get_by_role("button", name="Apply dates").click()
    expect(page.locator("h1")).to_contain_text("3 releases")
    expect(page.locator("#published_to-note")).to_contain_text("“the other day” is not a date we can read")
    expect(page.locator(".chips")).to_contain_text("From 1 May 2024")


def test_dark_mode_and_print_styles(server: str, page: Page) -> None:
    page.goto(server + "/search?q=management+oversight")
    background = "getComputedStyle(document.body).backgroundColor"
    shown = "s => getComputedStyle(document.querySelector(s)).display"
    light = page.evaluate(background)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(background)
    assert light in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") and dark == "rgb(18, 20, 22)"
    page.screenshot(path=str(SCREENSHOTS / "dark.png"), full_page=True)

    page.emulate_media(media="print", color_scheme="light")
    for selector in (".header-search", "#filters", ".sort-form"):
        assert page.evaluate(shown, selector) == "none", selector
    assert page.evaluate(shown, ".hits") != "none"
    after = page.evaluate("getComputedStyle(document.querySelector('.hit-title a'), '::after').content")
    assert after.startswith('" (/releases/') and after.endswith(')"')
    page.emulate_media(media="screen")
    assert page.evaluate(shown, "#filters") != "none"


def test_from_results_to_the_unit_page_and_the_overview(server: str, page: Page, tmp_path: Path) -> None:
    """A reader follows a result's unit to its history, then looks at the search's overview; both screenshotted."""
    failed: list[str] = []
    # The browser asks for /favicon.ico on its own; the site has none.
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    page.goto(server + "/search?q=safeguarding")
    page.locator("a.unit", has_text="Norfolk PDU").first.click()
    expect(page.locator("h1")).to_have_text("Norfolk PDU")
    expect(page.locator(".timeline li")).to_have_count(1)
    expect(page.get_by_role("link", name="Norfolk and Suffolk CRC")).to_be_visible()
    expect(page.get_by_role("link", name="Follow this search")).to_have_attribute(
        "href", "/search.atom?pdu=Norfolk+PDU"
    )
    page.screenshot(path=str(tmp_path / "unit.png"), full_page=True)

    page.goto(server + "/search")
    page.get_by_role("link", name="Overview: ratings by year and region").click()
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(2)
    for n in range(2):
        box = charts.nth(n).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 40
    expect(page.locator("table.counts").first).to_contain_text("2024")
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    for address in ("/overview", "/units/norfolk-and-suffolk-crc"):
        page.goto(server + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, address
    assert (tmp_path / "unit.png").stat().st_size > 5_000 and (tmp_path / "overview.png").stat().st_size > 5_000
    assert failed == []
