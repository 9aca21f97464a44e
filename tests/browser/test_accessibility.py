"""WCAG 2.1 AA: axe-core in Chromium reports zero violations on the public pages, nl and en."""

from __future__ import annotations

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _provision_path(app) -> str:
    from app.extensions import db
    from app.models import Service

    with app.app_context():
        service = next(s for s in db.session.scalars(select(Service).order_by(Service.name))
                       if s.is_public and s.schedules and s.locations)
        return f"/voorziening/{service.id}"


PAGES = [
    ("home", "/"),
    ("results", "/zoeken?q=eenzaam"),
    ("results with filters", "/zoeken?q=hulp&kern=rekken&niveau=algemeen&gratis=1"),
    ("results near a postcode", "/zoeken?q=taal&bij=7271&straal=10"),
    ("zero results", "/zoeken?q=xqzwvbnm"),
    ("kern", "/kernen/rekken"),
    ("kern print", "/kernen/rekken/print"),
    ("life domain", "/onderwerp/financien"),
    ("not found", "/bestaat-niet"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "path"), PAGES + [("provision", None)], ids=lambda v: str(v))
def test_no_axe_violations(live_server, page, name, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    base, app = live_server
    path = path or _provision_path(app)
    joiner = "&" if "?" in path else "?"
    page.goto(f"{base}{path}{joiner}lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


def test_keyboard_reaches_skip_link_first_and_the_search_box(live_server, page):
    base, _ = live_server
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").find("skip-link") >= 0
    page.keyboard.press("Enter")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "zoek-q":
            break
    assert page.evaluate("document.activeElement.id") == "zoek-q"
    page.keyboard.type("mantelzorg")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?q=mantelzorg*")
    assert "mantelzorg" in page.locator("h1").inner_text().lower()


@pytest.mark.parametrize("path", ["/", "/zoeken?q=eenzaam", "/kernen/borculo"])
def test_reflows_to_320_pixels_without_sideways_scrolling(live_server, browser, path):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
