"""'Lees voor' (issue 16): the browser's own speech synthesis reads the main content aloud in
the page's language; keyboard operable, pausable, and the page is complete without it.

Headless Chromium has the Web Speech API but no audio: an init script records what the page
asks the real ``speechSynthesis`` to do (and still passes every call on)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser

RECORD = """
(() => {
  window.__spoken = []; window.__calls = [];
  const synth = window.speechSynthesis;
  for (const name of ["speak", "pause", "resume", "cancel"]) {
    const original = synth[name].bind(synth);
    synth[name] = (arg) => {
      window.__calls.push(name);
      if (name === "speak") window.__spoken.push({text: arg.text, lang: arg.lang});
      return original(arg);
    };
  }
})();
"""


def _provision(app):
    from app.extensions import db
    from app.models import Service

    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.external_id == "sensire-garven"))
        return f"/voorziening/{service.id}", service.name


def _context(browser, javascript=True):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    context.add_init_script(RECORD)
    return context


def test_a_provision_is_read_aloud_in_dutch_and_can_be_paused_resumed_and_stopped(live_server, browser):
    base, app = live_server
    path, name = _provision(app)
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{base}{path}?lang=nl")
    button = page.get_by_role("button", name="Lees voor")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")  # a keyboard user starts it
    spoken = page.evaluate("window.__spoken")
    assert spoken and all(item["lang"] == "nl-NL" for item in spoken)
    texts = [item["text"] for item in spoken]
    assert texts[0] == name and any("Hoe krijgt u het?" == t for t in texts)
    assert "Lees voor" not in texts  # the controls are not read out
    pause = page.get_by_role("button", name="Pauzeer")
    assert pause.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__calls").count("pause") == 1
    page.get_by_role("button", name="Verder lezen").click()
    assert page.evaluate("window.__calls").count("resume") == 1
    page.get_by_role("button", name="Stop met voorlezen").click()
    assert page.evaluate("window.__calls")[-1] == "cancel"
    assert page.get_by_role("button", name="Lees voor").is_visible()
    assert not page.get_by_role("button", name="Stop met voorlezen").is_visible()
    context.close()


def test_results_are_read_aloud_in_english_on_the_english_site(live_server, browser):
    """The interface in English; the providers' own Dutch words (a card's name) in Dutch."""
    base, _ = live_server
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{base}/zoeken?q=eenzaam&lang=en")
    first_name = page.locator(".provision-card__title a").first.inner_text()
    page.get_by_role("button", name="Read aloud").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and {item["lang"] for item in spoken} == {"en-GB", "nl-NL"}
    assert {"text": first_name, "lang": "nl-NL"} in spoken
    assert any(item["lang"] == "en-GB" and item["text"].startswith("How do you get it?")
               for item in spoken)
    context.close()


def test_an_arabic_page_is_read_in_arabic_with_the_dutch_names_in_dutch(live_server, browser):
    base, app = live_server
    path, name = _provision(app)
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{base}{path}?lang=ar")
    page.locator(".read-aloud__play").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == {"text": name, "lang": "nl-NL"}  # the provision's own name
    assert any(item["lang"] == "ar" and "كيف" in item["text"] for item in spoken)  # "how do you get it?"
    context.close()


def test_without_javascript_there_is_no_button_and_the_page_is_complete(live_server, browser):
    base, app = live_server
    path, name = _provision(app)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}{path}?lang=nl")
    assert page.get_by_role("button", name="Lees voor").count() == 0
    assert page.get_by_role("heading", level=1).inner_text() == name
    context.close()


def test_pages_without_a_main_text_to_read_have_no_button(live_server, browser):
    base, _ = live_server
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{base}/?lang=nl")
    assert page.get_by_role("button", name="Lees voor").count() == 0
    context.close()
