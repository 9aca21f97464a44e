"""axe-core with every rule (WCAG and best practices: axe's default set, nothing left out) on
the public pages, at a phone's and a desktop's width, in every interface language (Dutch,
English, Arabic right to left, Polish, Ukrainian, Turkish, Tigrinya), with what folds
(Wijzig, Verfijn, the kern page's topics, the language menu) opened, so hidden content is
checked as well.

axe-core is the copy bundled with ``axe_playwright_python`` (served from disk, no internet)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.config import SUPPORTED_LOCALES

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
PAGES = [
    ("home", "/"),
    ("search form", "/zoeken"),
    ("results", "/zoeken?q=boodschappen"),
    ("results with filters", "/zoeken?q=hulp&kern=rekken&niveau=algemeen&gratis=1&bij=7271&straal=10"),
    ("zero results", "/zoeken?q=xqzwvbnm"),
    ("kern", "/kernen/gelselaar"),
    ("kern filtered", "/kernen/gelselaar?onderwerp=financien&niveau=algemeen"),
    ("kern print", "/kernen/gelselaar/print"),
    ("life domain", "/onderwerp/financien"),
    ("not found", "/bestaat-niet"),
    ("guide tiles", "/wegwijzer"),
    ("guide questions", "/wegwijzer/geld"),
    ("guide urgent", "/wegwijzer/thuis/resultaten?voor=kind&kern=neede&wanneer=nu"),
]


def _provision_paths(app) -> list[tuple[str, str]]:
    """A provision with opening hours and places, and one without any contact data."""
    from app.extensions import db
    from app.models import Service

    with app.app_context():
        public = [s for s in db.session.scalars(select(Service).order_by(Service.name))
                  if s.is_public]
        full = next(s for s in public if s.schedules and s.locations)
        bare = next(s for s in public if not (s.phones or s.organization.phones or s.email
                                              or s.organization.email or s.url
                                              or s.organization.website))
        paths = [("provision", f"/voorziening/{full.id}"),
                 ("provision without contact", f"/voorziening/{bare.id}"),
                 ("report form", f"/voorziening/{full.id}/melden")]
        db.session.remove()
    return paths


@pytest.fixture(scope="module")
def all_pages(live_server):
    _, app = live_server
    return PAGES + _provision_paths(app)


@pytest.mark.parametrize("lang", SUPPORTED_LOCALES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_axe_violations_with_every_rule(live_server, browser, all_pages, width, lang):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = live_server
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    axe = Axe()
    found = {}
    for name, path in all_pages:
        page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang, name
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        results = axe.run(page)  # no runOnly: every rule axe has, best practices included
        if results.response["violations"]:
            found[name] = results.generate_report()
    context.close()
    assert not found, "\n\n".join(f"{name}:\n{report}" for name, report in found.items())
