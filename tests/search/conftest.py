"""Fixtures for the search engine tests (no Flask)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without the repository on the path
    sys.path.insert(0, str(ROOT))

from search import Language, SearchBackend, load_language, make_backend  # noqa: E402
from tests.search.fixtures import DOCS  # noqa: E402
from tests.sites import need_postgres  # noqa: E402

BACKENDS = ("whoosh", "memory", "postgres")
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")


def drop_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def new_backend(kind: str, index_dir: Path, language: Language | None) -> tuple[SearchBackend, str | None]:
    """A fresh, empty backend; for postgres in a schema of its own (returned for clean-up)."""
    if kind != "postgres":
        return make_backend(kind, index_dir, language), None
    schema = f"bw_search_test_{uuid.uuid4().hex[:12]}"
    return make_backend("postgres", None, language, database_url=POSTGRES_URL, schema=schema), schema


@pytest.fixture(scope="session")
def language() -> Language:
    """The lexicon of data/lexicon and the thesaurus of data/thesaurus, as the site uses them."""
    return load_language()


#: Knows no words beyond the index: to test the analysis on its own.
BARE = Language()


@pytest.fixture(params=[pytest.param(k, marks=pytest.mark.postgres) if k == "postgres" else k
                        for k in BACKENDS])
def kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres" and not POSTGRES_URL:
        need_postgres()
    return request.param


@pytest.fixture
def make(kind: str, tmp_path: Path, language: Language) -> Iterator[Callable[..., SearchBackend]]:
    """Factory: a fresh backend of the parametrised kind, filled with ``docs``."""
    made: list[SearchBackend] = []
    schemas: list[str] = []

    def _make(docs=DOCS, language=language, index_dir: Path | None = None) -> SearchBackend:
        backend, schema = new_backend(kind, index_dir or tmp_path / f"ix{len(made)}", language)
        if schema:
            schemas.append(schema)
        if docs:
            backend.index(docs)
        made.append(backend)
        return backend

    yield _make
    for backend in made:
        close = getattr(backend, "close", None)
        if close is not None:
            close()
    for schema in schemas:
        drop_schema(schema)


@pytest.fixture
def backend(make: Callable[..., SearchBackend]) -> SearchBackend:
    """All fixture documents, with the real lexicon and thesaurus."""
    return make()


@pytest.fixture
def plain(make: Callable[..., SearchBackend]) -> SearchBackend:
    """All fixture documents, with no lexicon or thesaurus (to test analysis on its own)."""
    return make(language=BARE)
