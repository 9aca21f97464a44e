"""Every interface string in the visitor's language on every request, in every language.

Jinja folds a filter applied to a constant (``"algemeen"|tier_label``) into the compiled
template; the home page's ladder then stayed in the language of the first visitor after
start-up.  These tests start a fresh app, ask a non-Dutch language first and then switch
back and forth on every public page; and they record every message a public page asked
for that its language's catalogue could not give (a string shown in Dutch to a reader of
Arabic, Polish, Ukrainian, Turkish, Tigrinya or English)."""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import get_translations
from markupsafe import escape
from sqlalchemy import select

from app.config import SUPPORTED_LOCALES
from app.extensions import db
from app.models import Service
from tests.conftest import make_app

TRANSLATIONS = Path(__file__).resolve().parent.parent / "app" / "translations"
FOREIGN = [code for code in SUPPORTED_LOCALES if code != "nl"]


def _translated(code: str, msgid: str) -> str:
    """What the catalogue of ``code`` says for a Dutch message (Dutch: itself)."""
    if code == "nl":
        return msgid
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as handle:
        message = read_po(handle, locale=code).get(msgid)
    assert message is not None and message.string, (code, msgid)
    return str(escape(message.string))


def known(code: str) -> tuple[str, str]:
    """A string from the page frame and one from the vocabulary (tier labels: filters)."""
    return _translated(code, "Direct naar de inhoud"), _translated(code, "Algemene voorziening")


def access(code: str) -> str:
    """The print overview names how to get each provision (the access labels: filters too)."""
    return _translated(code, "Zonder verwijzing: meld u aan bij de organisatie")
ARGS = {"slug": "gelselaar", "code": "financien"}


@pytest.fixture
def fresh_app(tmp_path, demo_db_file):
    """The demo site just started, with no application context held open between requests
    (as in production: each request its own ``g``, so nothing is carried over)."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(tmp_path, f"sqlite:///{target}")
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


def _public_get_paths(app) -> list[str]:
    """Every GET page of the public site, with demo values for its arguments."""
    with app.app_context():
        service = next(s for s in db.session.scalars(select(Service).order_by(Service.name))
                       if s.is_public and s.locations and s.schedules)
        service_id = str(service.id)
    paths = ["/zoeken?q=boodschappen", "/zoeken?q=hulp&bij=7271"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in ("public", "reports") or "GET" not in rule.methods:
            continue
        values = {name: (service_id if name == "service_id" else ARGS[name])
                  for name in rule.arguments}
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<(?:[^:>]+:)?{name}>", value, path)
        paths.append(path)
    return paths


def _with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


@pytest.mark.parametrize("first", FOREIGN)
def test_every_public_page_follows_the_visitor_language_back_and_forth(fresh_app, first):
    client = fresh_app.test_client()
    paths = _public_get_paths(fresh_app)
    assert {"/", "/kernen/gelselaar", "/onderwerp/financien"} <= set(paths)
    for lang in (first, "nl", first, "nl"):  # another language first, on a fresh app
        for path in paths:
            response = client.get(_with_lang(path, lang))
            assert response.status_code == 200, path
            html = response.get_data(as_text=True)
            direction = "rtl" if lang == "ar" else "ltr"
            assert f'<html lang="{lang}" dir="{direction}"' in html, (path, lang)
            frame, tier = known(lang)
            other_frame, other_tier = known(first if lang == "nl" else "nl")
            assert frame in html and other_frame not in html, (path, lang)
            assert other_tier not in html, (path, lang)
            if path.endswith("/print"):
                assert access(lang) in html, (path, lang)
            elif path == "/" or path.startswith(("/zoeken?", "/kernen", "/onderwerp")):
                assert tier in html, (path, lang)


@pytest.mark.parametrize("first, second", [("en", "nl"), ("nl", "en"), ("ar", "pl"),
                                           ("uk", "tr"), ("ti", "nl")])
def test_home_ladder_is_in_the_language_of_each_visitor(fresh_app, first, second):
    """Two visitors without a cookie: the second never sees the first one's language."""
    fresh_app.test_client().get(_with_lang("/", first))
    html = fresh_app.test_client().get(_with_lang("/", second)).get_data(as_text=True)
    assert known(second)[1] in html and known(first)[1] not in html


class _Recorder(gettext.NullTranslations):
    """The catalogue's fallback: called only for a message the catalogue lacks."""

    def __init__(self):
        super().__init__()
        self.missed: set[str] = set()

    def gettext(self, message):
        self.missed.add(message)
        return message

    def ngettext(self, singular, plural, n):
        self.missed.add(singular)
        return singular if n == 1 else plural


@pytest.mark.parametrize("lang", FOREIGN)
def test_no_public_page_shows_an_untranslated_message(fresh_app, lang):
    """Every public page, in the visitor's language, with the demo map: each message the
    page asks for is in that language's catalogue (none falls back to Dutch)."""
    recorder = _Recorder()
    with fresh_app.test_request_context(f"/?lang={lang}"):
        get_translations().add_fallback(recorder)  # the per-language catalogue, cached
    client = fresh_app.test_client()
    paths = _public_get_paths(fresh_app) + [
        "/zoeken?q=zzzqqq", "/zoeken?q=boodschappen&tier=algemeen&kern=neede",
        "/wegwijzer", "/wegwijzer/geld", "/wegwijzer/thuis/resultaten?voor=kind&kern=neede&wanneer=nu",
        "/bestaat-niet"]
    for path in paths:
        response = client.get(_with_lang(path, lang))
        assert response.status_code in (200, 404), path
    assert not recorder.missed, sorted(recorder.missed)


def test_staff_pages_stay_in_dutch_or_english(fresh_app):
    """The staff side speaks Dutch and English; a resident's Arabic cookie does not
    half-translate a kerncoach's sign-in page."""
    client = fresh_app.test_client()
    client.get("/?lang=ar")
    html = client.get("/staff/login").get_data(as_text=True)
    assert '<html lang="nl" dir="ltr"' in html
    menu = re.findall(r'hreflang="([a-z]+)"', html)
    assert set(menu) <= {"nl", "en"}


def test_language_menu_names_each_language_in_itself_and_marks_unreviewed(fresh_app):
    html = fresh_app.test_client().get("/?lang=nl").get_data(as_text=True)
    for code, name in [("en", "English"), ("ar", "العربية"), ("pl", "Polski"),
                       ("uk", "Українська"), ("tr", "Türkçe"), ("ti", "ትግርኛ")]:
        assert f'lang="{code}" hreflang="{code}"' in html and name in html
        # no native speaker has reviewed these yet (app/translations/reviews.json): the
        # menu says so in that language
        note = _translated(code, "Vertaling nog niet nagekeken door een moedertaalspreker")
        assert f'<span class="site-lang__note" lang="{code}"' in html and note in html
