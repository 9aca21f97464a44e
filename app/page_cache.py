"""A cache of rendered public search pages, shared by every worker (Redis).

Many residents ask the same few things ("eenzaam", "schulden", "mantelzorg" in their
kern); with ``CACHE_URL`` set, such a page is rendered once and then served from Redis
until the map changes.  What makes a cached page right:

* the key holds everything the page depends on: the request's path and query (sorted),
  the language, today's date (entries leave search when their check is overdue), the
  synonym list this worker searches with, and the *content generation*;
* the content generation is a counter in Redis that ``content_changed()`` raises after
  every write to the search index (``app.indexing``: edits, imports, archiving, reindex,
  repair), so no worker serves a page from before a change;
* "nu open" pages depend on the minute and are never cached; nor are searches near the
  browser's location (coordinates of a person) or with an e-mail address or a long number
  in the words (phone, BSN), nor anything for a logged-in person: only
  the public search page uses this cache, and what it keeps is the page for words, a kern
  or a postcode a visitor typed;
* ``PAGE_CACHE_SECONDS`` bounds every entry's life, for changes the counter cannot see.

Redis being away never breaks a page: the cache then answers "miss" and the page is
rendered as without a cache.  Without ``CACHE_URL`` nothing is cached.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import date

from flask import Flask, current_app, request
from flask_babel import get_locale

from app.domain.signals import scrub

log = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"


@dataclass(frozen=True)
class CachedPage:
    """A rendered search page and what the search signals need to know about it."""

    html: str
    total: int
    unknown_kern: bool = False
    answers: int | None = None  # strong matches (None: a page cached before bands: ``total``)


class PageCache:
    """Pages and the generation counter under one namespace per database, so that sites
    (or test runs) sharing one Redis never see each other's pages."""

    def __init__(self, client, ttl_seconds: int, database_url: str) -> None:
        self.client = client
        self.ttl = ttl_seconds
        self.namespace = "bw:" + hashlib.sha256(database_url.encode()).hexdigest()[:12] + ":"

    def generation(self) -> int:
        return int(self.client.get(self.namespace + GENERATION_KEY) or 0)

    def bump(self) -> None:
        self.client.incr(self.namespace + GENERATION_KEY)

    def get(self, key: str) -> CachedPage | None:
        raw = self.client.get(key)
        return CachedPage(**json.loads(raw)) if raw else None

    def put(self, key: str, page: CachedPage) -> None:
        self.client.set(key, json.dumps(page.__dict__), ex=self.ttl)


def init_app(app: Flask) -> None:
    url = app.config.get("CACHE_URL")
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    app.extensions["bw_page_cache"] = PageCache(client, int(app.config["PAGE_CACHE_SECONDS"]),
                                                app.config["SQLALCHEMY_DATABASE_URI"])


def forget(cache_url: str, database_url: str) -> None:
    """Hide every page stored for this database (a new content generation), from outside
    the app: a benchmark or test that must start cold."""
    import redis

    from app.config import _normalise_database_url

    PageCache(redis.Redis.from_url(cache_url), 1, _normalise_database_url(database_url)).bump()


def _why(error: Exception) -> str:
    """One line (Redis down must not fill the log with a traceback per request)."""
    return f"{type(error).__name__}: {error}"


def _cache() -> PageCache | None:
    return current_app.extensions.get("bw_page_cache")


def content_changed() -> None:
    """The map changed: no worker may serve a page rendered before now."""
    cache = _cache()
    if cache is None:
        return
    try:
        cache.bump()
    except Exception as error:  # Redis away: entries still expire after PAGE_CACHE_SECONDS
        log.warning("page cache: could not raise the content generation: %s", _why(error))


def _key(cache: PageCache, today: date) -> str:
    synonyms = current_app.extensions.get("bw_editor_synonyms", {}).get("signature")  # the thesaurus
    query = sorted(request.args.items(multi=True))
    digest = hashlib.sha256(
        repr((request.path, query, str(get_locale()), today.isoformat(), synonyms)).encode()
    ).hexdigest()
    return f"{cache.namespace}page:{cache.generation()}:{digest}"


def may_keep(params) -> bool:
    """Whether a search's page may be stored: never "nu open" (it changes by the minute),
    a search near the browser's location, or words with an e-mail address or a long number
    in them (what the search signals scrub): whereabouts and numbers stay out of any store."""
    return not params.open_now and params.lat is None and scrub(params.q) == params.q


def search_page(render, params, *, today: date) -> CachedPage:
    """The page for this search (``app.domain.finder.SearchParams``): from the cache, or
    from ``render()`` (then stored, when ``may_keep``)."""
    cache = _cache() if may_keep(params) else None
    key = None
    if cache is not None:
        try:
            key = _key(cache, today)
            hit = cache.get(key)
        except Exception as error:
            log.warning("page cache: lookup failed, rendering: %s", _why(error))
            cache = hit = None
        if hit is not None:
            return hit
    page = render()
    if cache is not None and key is not None:
        try:
            cache.put(key, page)
        except Exception as error:
            log.warning("page cache: store failed: %s", _why(error))
    return page
