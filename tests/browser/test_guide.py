"""The guided path in Chromium (issue 16): a resident who cannot name the need gets there by
tapping a tile and answering three questions, on a phone, with or without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# WCAG 2.1 AA plus axe's best practices: the new pages meet every rule axe has.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
GUIDE_PAGES = ["/wegwijzer", "/wegwijzer/geld", "/wegwijzer/gevoel/resultaten?wanneer=nu"]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_phone_user_taps_a_tile_answers_and_sees_the_help(live_server, browser, javascript):
    base, _ = live_server
    context = browser.new_context(viewport={"width": 375, "height": 812},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base + "/?lang=nl")  # Chromium asks for English; the resident chose Dutch
    page.get_by_role("link", name="De wegwijzer helpt u").click()
    page.get_by_role("link", name="Geld en schulden").click()
    page.get_by_label("Voor mijzelf").check()
    page.get_by_label("2. Waar woont u (of die persoon)?").select_option(label="Rietmolen")
    page.get_by_role("button", name="Laat de hulp zien").click()
    page.wait_for_url("**/zoeken?*")
    assert "leefgebied=financien" in page.url and "kern=rietmolen" in page.url
    assert page.get_by_role("link", name="SchuldHulpMaatje: een maatje bij geldzorgen").count() == 1
    context.close()


def test_someone_in_crisis_sees_the_numbers_first_and_can_call_them(live_server, page):
    base, _ = live_server
    page.goto(base + "/wegwijzer/gevoel?lang=nl")
    page.get_by_label("Ik heb nu meteen hulp nodig").check()
    page.get_by_role("button", name="Laat de hulp zien").click()
    assert page.get_by_role("heading", level=1).inner_text() == "U heeft nu meteen hulp nodig"
    for number in ("112", "0800-2000", "0800-0113"):
        assert page.get_by_role("link", name=number).is_visible()
    page.get_by_role("link", name="Laat de hulp zien").click()
    page.wait_for_url("**/zoeken?leefgebied=geestelijke-gezondheid*")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", GUIDE_PAGES)
@pytest.mark.parametrize("width", [375, 1024])
def test_the_guide_has_no_axe_violations(live_server, browser, path, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = live_server
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    joiner = "&" if "?" in path else "?"
    page.goto(f"{base}{path}{joiner}lang={lang}")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.response["violations"] == [], results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # reflows, WCAG 1.4.10
    context.close()
