"""The shared page cache of the search page (Redis, ``CACHE_URL``), on the demo map.

A cached page must be exactly what a fresh search would show: an edit shows at once, each
language has its own page, "nu open" is never cached, a search with no results still
counts as a signal, and Redis being away never breaks the search page.  Uses the Redis
server on 127.0.0.1:6379 (``TEST_REDIS_URL``); outside CI a missing Redis skips these
tests, in CI (``CI=true``) it fails them.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import SearchSignal, Service
from tests.conftest import make_app
from tests.test_search_page import result_names


@pytest.fixture
def cached_site(tmp_path, demo_db_file, redis_url):
    import redis

    redis_client = redis.Redis.from_url(redis_url)
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(tmp_path, f"sqlite:///{target}", SEARCH_BACKEND="whoosh",
                   CACHE_URL=redis_url)
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        db.session.remove()
    # No app context held around the requests: each request gets its own (its language).
    cache = app.extensions["bw_page_cache"]
    yield app, app.test_client(), cache, redis_client
    for key in redis_client.scan_iter(cache.namespace + "*"):
        redis_client.delete(key)
    with app.app_context():
        db.engine.dispose()


def _pages(redis_client, cache) -> int:
    return sum(1 for _ in redis_client.scan_iter(cache.namespace + "page:*"))


class _BrokenEngine:
    def __getattr__(self, name):
        raise RuntimeError("the search engine is down")


def test_a_repeated_search_comes_from_the_cache(cached_site):
    app, client, cache, redis_client = cached_site
    first = client.get("/zoeken?q=eenzaam&kern=borculo")
    assert first.status_code == 200 and result_names(first.text)
    assert _pages(redis_client, cache) == 1

    # With the engine gone, the same search still answers, the same page; a new one cannot.
    engine = app.extensions["bw_search"]
    app.extensions["bw_search"] = _BrokenEngine()
    try:
        again = client.get("/zoeken?kern=borculo&q=eenzaam")  # same search, other order
        assert again.status_code == 200
        assert result_names(again.text) == result_names(first.text)
        app.config["PROPAGATE_EXCEPTIONS"] = False
        assert client.get("/zoeken?q=schulden").status_code == 500
    finally:
        app.extensions["bw_search"] = engine


def test_an_edit_shows_at_once(cached_site):
    app, client, cache, _ = cached_site
    before = client.get("/zoeken?q=taalcafe")
    names = result_names(before.text)
    assert names
    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.name == names[0]))
        service.name = "Taalcafé De Zwaluwstaart"
        db.session.commit()  # the index follows the commit, and the cache's generation with it
        db.session.remove()

    after = client.get("/zoeken?q=taalcafe")
    assert "Taalcafé De Zwaluwstaart" in result_names(after.text)
    assert names[0] not in result_names(after.text)


def test_each_language_has_its_own_page(cached_site):
    app, client, _, _ = cached_site
    dutch = client.get("/zoeken?q=eenzaam")
    english = client.get("/zoeken?q=eenzaam&lang=en")  # the choice is remembered (cookie)
    # The same URL as the cached Dutch page, asked by someone who chose English.
    english_by_cookie = client.get("/zoeken?q=eenzaam")
    dutch_again = app.test_client().get("/zoeken?q=eenzaam")
    assert 'lang="nl"' in dutch.text and "Verfijn" in dutch.text
    for page in (english, english_by_cookie):
        assert 'lang="en"' in page.text and "Narrow down" in page.text
    assert 'lang="nl"' in dutch_again.text


def test_open_now_location_and_numbers_are_never_cached(cached_site):
    _, client, cache, redis_client = cached_site
    assert client.get("/zoeken?q=eenzaam&nu_open=1").status_code == 200
    near_me = client.get("/zoeken?q=eenzaam&lat=52.10312&lon=6.52007&straal=5")
    assert near_me.status_code == 200 and result_names(near_me.text)
    assert _pages(redis_client, cache) == 0
    assert client.get("/zoeken?q=bel+mij+0612345678+eenzaam").status_code == 200
    assert client.get("/zoeken?q=eenzaam+jan%40example.nl").status_code == 200
    assert _pages(redis_client, cache) == 0
    assert client.get("/zoeken?q=eenzaam&bij=7271&straal=5").status_code == 200
    assert _pages(redis_client, cache) == 1  # a typed postcode is cached


def test_a_search_without_results_counts_every_time(cached_site):
    app, client, _, _ = cached_site
    for _ in range(2):
        page = client.get("/zoeken?q=paardrijtherapie+onderwater")
        assert page.status_code == 200 and not result_names(page.text)
    with app.app_context():
        count = db.session.scalar(select(func.count(SearchSignal.id)).where(
            SearchSignal.query == "paardrijtherapie onderwater"))
        db.session.remove()
    assert count == 2


def test_redis_away_the_search_page_still_works(tmp_path, demo_db_file, caplog):
    target = tmp_path / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(tmp_path, f"sqlite:///{target}", SEARCH_BACKEND="whoosh",
                   CACHE_URL="redis://127.0.0.1:1/0")  # nothing listens there
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
        page = app.test_client().get("/zoeken?q=eenzaam")
        assert page.status_code == 200 and result_names(page.text)
        warnings = [r for r in caplog.records if r.name == "app.page_cache"]
        assert warnings and all(r.exc_info is None for r in warnings)  # one line each
        db.session.remove()
        db.engine.dispose()
