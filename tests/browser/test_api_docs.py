"""The API documentation page meets the same bar as the public pages: zero axe violations
(WCAG 2.1 A/AA) in Dutch and English, and it reflows to 320 pixels."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_api_docs_have_no_axe_violations(live_server, page, lang):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = live_server
    page.goto(f"{base}/api/v1/docs?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h3").count() >= 11  # one per endpoint
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def test_api_docs_reflow_to_320_pixels(live_server, browser):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{base}/api/v1/docs")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_api_docs_load_nothing_from_elsewhere(live_server, page):
    base, _ = live_server
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/api/v1/docs")
    assert requested and all(url.startswith(base) for url in requested), requested
