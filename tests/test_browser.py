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
