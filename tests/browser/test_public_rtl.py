"""Arabic reads right to left: the page says so (dir="rtl") and the layout mirrors — the
logo on the right, the language menu on the left, the coloured edge of a result card and
of a warning on the reading side (the right) — while an entry's own Dutch text stays left
to right inside it. Checked in Chromium at a phone's and a desktop's width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

EDGES = """el => { const s = getComputedStyle(el);
  return {left: parseFloat(s.borderLeftWidth), right: parseFloat(s.borderRightWidth),
          paddingRight: parseFloat(s.paddingRight), direction: s.direction}; }"""


@pytest.mark.parametrize("width, height", [(375, 812), (1280, 900)])
def test_arabic_pages_mirror_the_layout(live_server, browser, width, height):
    base, _ = live_server
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{base}/zoeken?q=boodschappen&lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways

    card = page.locator(".provision-card").first
    edges = card.evaluate(EDGES)
    assert edges["direction"] == "rtl"
    assert edges["right"] == 6 and edges["left"] == 0  # the tier colour on the reading side
    assert edges["paddingRight"] > 0

    # the provision's own name is Dutch: marked as such, and laid out left to right
    title = card.locator(".provision-card__title a")
    assert title.get_attribute("lang") == "nl" and title.evaluate(
        "el => getComputedStyle(el).direction") == "ltr"

    logo = page.locator(".site-logo").bounding_box()
    menu = page.locator(".site-lang__summary").bounding_box()
    if width >= 1280:  # one row: the logo starts the line on the right, the menu ends it left
        assert logo["x"] > menu["x"]
    else:
        assert logo["x"] + logo["width"] >= width - 40  # the logo hugs the right edge
    context.close()


def test_dutch_pages_keep_left_to_right(live_server, browser):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{base}/zoeken?q=boodschappen&lang=nl")
    assert page.locator("html").get_attribute("dir") == "ltr"
    edges = page.locator(".provision-card").first.evaluate(EDGES)
    assert edges["left"] == 6 and edges["right"] == 0
    assert page.locator(".provision-card__title a").first.get_attribute("lang") is None
    context.close()


def test_language_menu_works_without_javascript_and_by_keyboard(live_server, browser):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/?lang=nl")
    assert not page.locator(".site-lang__list").is_visible()  # folded: one line on a phone
    page.focus(".site-lang__summary")
    page.keyboard.press("Enter")
    link = page.locator('.site-lang__list a[hreflang="ar"]')
    assert link.is_visible()
    link.click()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto(f"{base}/")  # the choice is remembered
    assert page.locator("html").get_attribute("lang") == "ar"
    context.close()
