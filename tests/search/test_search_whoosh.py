"""What only the Whoosh backend has: a directory on disk, atomic swaps, locks, processes."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search import SearchQuery
from search.whoosh_backend import SCHEMA, WhooshBackend
from tests.search.fixtures import BY_ID, DOCS


def live_dir(root: Path) -> Path:
    return root / (root / "CURRENT").read_text(encoding="utf-8").strip()


def hit_ids(backend: WhooshBackend, text: str = "", **kw) -> list[str]:
    return [h.id for h in backend.search(SearchQuery(text=text, limit=100, **kw)).hits]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "index" / "whoosh"


def test_missing_directory_gives_an_empty_index(root):
    backend = WhooshBackend(root)
    assert backend.ids() == set()
    result = backend.search(SearchQuery(text="mantelzorg"))
    assert result.hits == [] and result.total == 0
    assert result.facets == {facet: {} for facet in result.facets} and len(result.facets) == 5
    assert whoosh_index.exists_in(str(live_dir(root)))
    backend.close()


def test_schema_keeps_facet_vectors():
    for name in ("kern", "tier", "life_domain", "target_group"):
        assert SCHEMA[name].vector, name
    assert SCHEMA["id"].unique and SCHEMA["id"].stored


def test_index_persists_for_a_new_instance(root, language):
    first = WhooshBackend(root, language)
    first.index(DOCS)
    first.close()
    second = WhooshBackend(root, language)
    assert second.ids() == {d.id for d in DOCS}
    assert [h.id for h in second.search(SearchQuery(text="mantelzorg")).hits if h.strong] == ["mantelzorg"]
    # spelling vocabulary and compound parts are read back from the index
    assert second.search(SearchQuery(text="mantelzrog")).suggestion == "mantelzorg"
    assert "huishoudhulp-achterhoek" in hit_ids(second, "hulp")
    second.close()


def test_another_instance_sees_writes_and_swaps(root):
    writer, reader = WhooshBackend(root), WhooshBackend(root)
    writer.index(DOCS)
    assert "mantelzorg" in hit_ids(reader, "mantelzorg")
    writer.index([replace(BY_ID["trefpoint"], name="Babbeluur Eibergen")])
    assert hit_ids(reader, "babbeluur") == ["trefpoint"]
    writer.remove(["mantelzorg"])
    assert hit_ids(reader, "mantelzorg") == []
    writer.rebuild([BY_ID["trefpoint"], BY_ID["mantelzorg"]])
    assert reader.ids() == {"trefpoint", "mantelzorg"}
    assert hit_ids(reader, "schulden") == []
    writer.close()
    reader.close()


def test_rebuild_swaps_directories_and_cleans_up(root):
    backend = WhooshBackend(root)
    backend.index(DOCS)
    seen = [live_dir(root).name]
    for i in range(3):
        assert backend.rebuild(DOCS[: 5 + i]) == 5 + i
        seen.append(live_dir(root).name)
    assert len(set(seen)) == 4  # every rebuild went into a fresh directory
    left = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert left == sorted(seen[-2:])  # the live one and the previous one
    assert not [p for p in root.iterdir() if p.name.startswith(("tmp-", "CURRENT.tmp"))]
    assert len(backend.ids()) == 7
    backend.close()


def test_crash_mid_rebuild_leaves_the_old_index(root):
    backend = WhooshBackend(root)
    backend.index(DOCS)
    before = live_dir(root)

    def dying():
        yield BY_ID["mantelzorg"]
        raise KeyboardInterrupt  # the process is stopped halfway

    with pytest.raises(KeyboardInterrupt):
        backend.rebuild(dying())
    assert live_dir(root) == before
    assert not [p for p in root.iterdir() if p.name.startswith("tmp-")]
    # a build abandoned by a killed process: ignored, and removed once it is a day old
    stale = root / "tmp-20260101T000000-dead"
    stale.mkdir()
    old = time.time() - 2 * 86400
    os.utime(stale, (old, old))
    other = WhooshBackend(root)
    assert other.ids() == {d.id for d in DOCS}
    other.rebuild(DOCS)
    assert not stale.exists()
    backend.close()
    other.close()


def test_index_waits_for_the_writer_lock(root):
    backend = WhooshBackend(root)
    backend.index(DOCS[:3])
    foreign = whoosh_index.open_dir(str(live_dir(root))).writer()  # e.g. another process
    done = threading.Event()
    errors: list[BaseException] = []

    def write():
        try:
            backend.index([replace(BY_ID["trefpoint"], name="Na het slot")])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        done.set()

    worker = threading.Thread(target=write)
    worker.start()
    time.sleep(0.4)
    assert not done.is_set()  # still waiting for the lock
    foreign.cancel()
    worker.join(30)
    assert done.is_set() and not errors, errors
    assert hit_ids(backend, "slot") == ["trefpoint"]
    backend.close()


def test_searching_in_threads_during_rebuilds(root):
    backend = WhooshBackend(root)
    backend.index(DOCS)
    errors: list[BaseException] = []
    stop = threading.Event()

    def search():
        try:
            while not stop.is_set():
                result = backend.search(SearchQuery(text="mantelzorg", kern="borculo"))
                assert [h.id for h in result.hits] == ["mantelzorg"]
                backend.ids()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=search) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(3):
            backend.rebuild(DOCS)
            backend.index([BY_ID["trefpoint"]])
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    assert not errors, errors
    backend.close()


def test_deleted_documents_leave_filters_and_facets(root):
    backend = WhooshBackend(root)
    backend.index(DOCS)
    before = backend.search(SearchQuery(kern="rekken")).facets["tier"]
    backend.remove(["tactus-rekken"])  # one of the voorliggend provisions serving Rekken
    after = backend.search(SearchQuery(kern="rekken")).facets["tier"]
    assert after["voorliggend"] == before["voorliggend"] - 1
    assert "tactus-rekken" not in hit_ids(backend, kern="rekken")
    assert "tactus-rekken" not in hit_ids(backend, open_at=None, age=40)
    backend.close()


def test_fingerprints_follow_what_was_indexed(root):
    """The consistency check compares these with the database: a changed document
    changes its fingerprint, a removed one disappears, and they survive reopening."""
    backend = WhooshBackend(root)
    backend.rebuild(DOCS)
    assert backend.fingerprints() == {d.id: d.fingerprint() for d in DOCS}
    changed = replace(DOCS[0], description=DOCS[0].description + " Nu ook op zaterdag.")
    backend.index([changed])
    backend.remove([DOCS[1].id])
    backend.close()
    reopened = WhooshBackend(root)
    stamps = reopened.fingerprints()
    assert stamps[changed.id] == changed.fingerprint() != DOCS[0].fingerprint()
    assert DOCS[1].id not in stamps and len(stamps) == len(DOCS) - 1
    reopened.close()
