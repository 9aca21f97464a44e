"""The Berkellandwijzer search engine: Dutch analysis, one matching and scoring core, and
three storage backends (Whoosh on disk, PostgreSQL, in memory).

Independent of Flask (and of ``app``): the application hands over ``ProvisionDocument``s and
asks ``SearchQuery``s through the ``SearchBackend`` interface (``interface.py``).

Modules by concern:

* words: ``analysis`` (tokens, Snowball stems, compounds, spelling), ``lexicon``,
  ``thesaurus``, ``language`` (the two together, with the concept index);
* matching: ``query`` (the query plan: clauses with weighted alternatives);
* scoring: ``relevance`` (the model: clause quality, coverage, bonus, bands) and ``scoring``
  (that model on bitsets, for every backend; ``docs/adr/0001-the-engine-scores-by-itself.md``);
* facets and filters: ``facets``, ``common`` (opening hours, ages, ``finish`` for backends
  that filter in Python), ``bitsets``;
* geography: ``geo`` (distances, the grid) and ``geo_grid`` (radius and nearest on bitsets);
* storage: ``whoosh_storage`` + ``whoosh_matching`` + ``whoosh_backend`` (only these import
  Whoosh), ``postgres_backend``, ``memory_backend``.
"""

from __future__ import annotations

import os

from search.geo import bounding_box, haversine_km
from search.interface import (
    FACETS,
    GeoFilter,
    ProvisionDocument,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from search.language import Language, load_language
from search.thesaurus import Thesaurus, ThesaurusError, load_thesaurus

__all__ = [
    "FACETS",
    "GeoFilter",
    "ProvisionDocument",
    "SearchBackend",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "BACKEND_KINDS",
    "bounding_box",
    "haversine_km",
    "Language",
    "load_language",
    "Thesaurus",
    "ThesaurusError",
    "load_thesaurus",
    "make_backend",
]

BACKEND_KINDS = ("whoosh", "memory", "postgres")


def make_backend(
    kind: str,
    index_dir: str | os.PathLike[str] | None,
    language: Language | None = None,
    *,
    database_url: str | None = None,
    schema: str | None = None,
) -> SearchBackend:
    """Create a search backend.

    ``kind``: "whoosh" (an index in ``index_dir``, created when missing), "memory" (no disk;
    ``index_dir`` is ignored) or "postgres" (tables in the PostgreSQL database at
    ``database_url``, optionally in ``schema``; ``index_dir`` is ignored). ``language``: the
    lexicon and thesaurus (``search.language.load_language``); None knows no words beyond
    the index.
    """
    if kind == "whoosh":
        if index_dir is None:
            raise ValueError("The whoosh search backend needs an index directory (index_dir).")
        from search.whoosh_backend import WhooshBackend

        return WhooshBackend(index_dir, language)
    if kind == "memory":
        from search.memory_backend import MemoryBackend

        return MemoryBackend(language)
    if kind == "postgres":
        if not database_url:
            raise ValueError("The postgres search backend needs a PostgreSQL database URL (database_url).")
        from search.postgres_backend import PostgresBackend

        return PostgresBackend(database_url, language, schema=schema)
    raise ValueError(f"Unknown search backend {kind!r}; choose one of: {', '.join(BACKEND_KINDS)}.")
