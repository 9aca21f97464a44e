"""The first screen answers (WCAG 1.4.10): after a search on a phone the first result is on
the first screen; the search folds into one line ("Wijzig"), the filters open from "Verfijn"
(without JavaScript too), and nothing scrolls sideways at 320 px (= 1280 px at 400 %)."""

from __future__ import annotations

import pytest

from app.config import SUPPORTED_LOCALES

pytestmark = pytest.mark.browser

FIRST_CARD_TOP = "document.querySelector('.provision-card').getBoundingClientRect().top + scrollY"


@pytest.mark.parametrize("lang", SUPPORTED_LOCALES)
def test_first_result_card_is_on_the_first_screen_of_a_phone(live_server, browser, lang):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{base}/zoeken?q=boodschappen&lang={lang}")
    top = page.evaluate(FIRST_CARD_TOP)
    assert top <= 812 - 48, f"the first result starts at y = {top:.0f} px"  # its title too
    # the filters are one button, the search one line: both open on demand
    assert page.locator("details.filters").get_attribute("open") is None
    assert page.locator("#zoek-q").is_visible() is False
    context.close()


@pytest.mark.parametrize("path", [
    "/zoeken?q=boodschappen",
    "/zoeken?q=hulp&kern=rekken&niveau=algemeen&gratis=1&bij=7271&straal=10",
])
def test_results_reflow_at_320_pixels_with_search_and_filters_open(live_server, browser, path):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base + path + "&lang=nl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.click("details.search-edit > summary")
    page.click("details.filters > summary")
    assert page.locator("#zoek-q").is_visible() and page.locator("#filter-kern").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_filters_work_without_javascript_and_chips_remove_one_filter(live_server, browser):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/zoeken?q=hulp&lang=nl")
    page.click("details.filters > summary")
    page.check("#niveau-algemeen")
    page.check("#filter-gratis")
    page.click("details.filters button[type=submit]")
    page.wait_for_url("**niveau=algemeen**")
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    assert "Algemene voorziening" in chips.nth(0).inner_text()
    chips.nth(0).click()  # "Algemene voorziening ×": that filter goes, "Gratis" stays
    page.wait_for_load_state()
    assert "niveau=" not in page.url and "gratis=1" in page.url
    assert page.locator(".chips .chip").count() == 1
    assert page.evaluate(FIRST_CARD_TOP) <= 812
    context.close()
