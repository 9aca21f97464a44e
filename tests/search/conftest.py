"""Fixtures for the search engine tests (no Flask)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` without the repository on the path
    sys.path.insert(0, str(ROOT))

from search import SearchBackend, load_synonyms, make_backend  # noqa: E402
from tests.search.fixtures import DOCS  # noqa: E402

SYNONYMS_FILE = ROOT / "data" / "synonyms.txt"
BACKENDS = ("whoosh", "memory")


@pytest.fixture(scope="session")
def synonyms() -> dict[str, list[str]]:
    return load_synonyms(SYNONYMS_FILE)


@pytest.fixture(params=BACKENDS)
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make(kind: str, tmp_path: Path, synonyms: dict[str, list[str]]) -> Iterator[Callable[..., SearchBackend]]:
    """Factory: a fresh backend of the parametrised kind, filled with ``docs``."""
    made: list[SearchBackend] = []

    def _make(docs=DOCS, synonyms=synonyms, index_dir: Path | None = None) -> SearchBackend:
        backend = make_backend(kind, index_dir or tmp_path / f"ix{len(made)}", synonyms)
        if docs:
            backend.index(docs)
        made.append(backend)
        return backend

    yield _make
    for backend in made:
        close = getattr(backend, "close", None)
        if close is not None:
            close()


@pytest.fixture
def backend(make: Callable[..., SearchBackend]) -> SearchBackend:
    """All fixture documents, with the real synonym list."""
    return make()


@pytest.fixture
def plain(make: Callable[..., SearchBackend]) -> SearchBackend:
    """All fixture documents, without synonyms (to test analysis on its own)."""
    return make(synonyms=None)
