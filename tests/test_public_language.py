"""Every interface string in the visitor's language on every request.

Jinja folds a filter applied to a constant (``"algemeen"|tier_label``) into the compiled
template; the home page's ladder then stayed in the language of the first visitor after
start-up.  These tests start a fresh app, ask English first and then switch back and forth
on every public page."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Service
from tests.conftest import make_app

# a string from the page frame and one from the vocabulary (tier labels: filters), per language
KNOWN = {
    "nl": ("Direct naar de inhoud", "Algemene voorziening"),
    "en": ("Skip to content", "General service (open to everyone)"),
}
# the print overview names how to get each provision (the access labels: filters too)
ACCESS = {"nl": "Zonder verwijzing: meld u aan bij de organisatie",
          "en": "No referral needed: sign up with the organisation"}
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


def test_every_public_page_follows_the_visitor_language_back_and_forth(fresh_app):
    client = fresh_app.test_client()
    paths = _public_get_paths(fresh_app)
    assert {"/", "/kernen/gelselaar", "/onderwerp/financien"} <= set(paths)
    for lang in ("en", "nl", "en", "nl"):  # English first, on a fresh app
        for path in paths:
            response = client.get(_with_lang(path, lang))
            assert response.status_code == 200, path
            html = response.get_data(as_text=True)
            assert f'<html lang="{lang}"' in html, (path, lang)
            frame, tier = KNOWN[lang]
            other_frame, other_tier = KNOWN["en" if lang == "nl" else "nl"]
            assert frame in html and other_frame not in html, (path, lang)
            assert other_tier not in html, (path, lang)
            if path.endswith("/print"):
                assert ACCESS[lang] in html, (path, lang)
            elif path == "/" or path.startswith(("/zoeken?", "/kernen", "/onderwerp")):
                assert tier in html, (path, lang)


@pytest.mark.parametrize("first", ["en", "nl"])
def test_home_ladder_is_in_the_language_of_each_visitor(fresh_app, first):
    """Two visitors without a cookie: the second never sees the first one's language."""
    second = "nl" if first == "en" else "en"
    fresh_app.test_client().get(_with_lang("/", first))
    html = fresh_app.test_client().get(_with_lang("/", second)).get_data(as_text=True)
    assert KNOWN[second][1] in html and KNOWN[first][1] not in html
