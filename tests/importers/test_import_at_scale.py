"""A large import holds one chunk at a time, and is still one transaction (issue 14 finding 8,
issue 15 finding 7).

The chunk sizes are lowered here so the demo map (182 provisions) spans many chunks;
``bench/hostile_imports.py`` (a 200 MB file) and ``bench/import_bench.py`` (10,000 provisions)
measure the full-size memory and speed.
"""

from __future__ import annotations

import gc
import json
import re
import tracemalloc
import uuid

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app import indexing
from app.extensions import db
from app.models import Service
from importers import runner as import_runner
from importers.hsds_import import read_hsds, stream_hsds
from importers.runner import ImportFailed, run_import
from tests.conftest import make_app
from tests.importers.conftest import counts, write_json

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def copies(services: list[dict], times: int) -> list[dict]:
    """``times`` copies of the services, each with fresh ids (consistent within the copy)."""
    text = json.dumps(services, ensure_ascii=False)
    out = []
    for _ in range(times):
        fresh: dict[str, str] = {}
        out.extend(json.loads(_UUID.sub(
            lambda m, fresh=fresh: fresh.setdefault(m.group(), str(uuid.uuid4())), text)))
    return out


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 20 records and index writes of 25 provisions."""
    monkeypatch.setattr(import_runner, "CHUNK", 20)
    monkeypatch.setattr(indexing, "SYNC_CHUNK", 25)


def _identity_map_sizes() -> list[int]:
    sizes: list[int] = []

    @event.listens_for(db.session(), "after_flush")
    def _size(session, _context):
        sizes.append(len(session.identity_map))

    return sizes


def _stamps() -> dict[str, tuple]:
    db.session.expire_all()
    return {s.external_id: (s.last_modified, s.version) for s in db.session.scalars(select(Service))}


def test_the_session_holds_one_chunk_not_the_whole_import(app, tmp_path, demo_services,
                                                           small_chunks):
    path = write_json(tmp_path / "kaart.json", demo_services)
    sizes = _identity_map_sizes()
    batch, source = stream_hsds(db.session, path)

    report = run_import(db.session, batch, source=source)
    db.session.commit()

    assert report.counts["service"]["created"] == 182
    assert len(sizes) >= 182 // 20  # one flush per chunk at least
    # a chunk of 20 provisions with their children, areas, places and the reference data
    # (kernen, taxonomy terms, postcodes): far below the ~4,000 rows the import writes
    assert max(sizes) < 900, sizes
    assert counts() == (89, 84, 182)


def _traced_import(path) -> int:
    """Python's peak allocations while a file is read, checked and written (not committed)."""
    gc.collect()  # what earlier tests left for the cycle collector does not count
    tracemalloc.start()
    try:
        batch, source = stream_hsds(db.session, path)
        report = run_import(db.session, batch, source=source)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    db.session.rollback()
    assert report.counts["service"]["created"] > 0
    return peak


def test_memory_does_not_grow_with_the_file(app, tmp_path, demo_services, small_chunks):
    """Before the import streamed and wrote in chunks, every mapped record, checked record and
    ORM object stayed until the one flush: 182 more provisions took about 9 MB more (50 KB
    each; a 200 MB file took 1.8 GB).  Now the peak is one chunk, the caches and what the
    collector has not yet freed; a provision itself leaves about half a KB behind (its key
    and place, to name duplicates and to tie records together)."""
    small = write_json(tmp_path / "klein.json", demo_services)
    large = write_json(tmp_path / "groot.json", copies(demo_services, 4))
    _traced_import(small)  # the first import of a process fills caches once
    small_peak = _traced_import(small)
    large_peak = _traced_import(large)
    per_service = (large_peak - small_peak) / (4 * 182 - 182)
    assert per_service < 20_000, (f"{per_service / 1000:.1f} KB more per provision "
                                  f"(peaks {small_peak / 1e6:.1f} and {large_peak / 1e6:.1f} MB)")


def test_an_invalid_record_at_the_end_of_a_large_file_writes_nothing(runner, tmp_path,
                                                                      demo_services,
                                                                      small_chunks):
    services = copies(demo_services, 2)
    services[-2]["email"] = "geen-adres"  # record N-1 of 364
    path = write_json(tmp_path / "groot.json", services)

    result = runner.invoke(args=["import", "hsds", str(path)])

    assert result.exit_code == 1
    assert "Er is niets ingelezen: 1 probleem in groot.json." in result.output
    assert ("groot.json, voorziening 363: veld 'email' (waarde 'geen-adres'): "
            "Dit is geen geldig e-mailadres.") in result.output
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("failure", [StaleDataError("stale"),
                                     IntegrityError("INSERT", {}, Exception("geweigerd"))])
def test_a_failure_while_writing_a_later_chunk_undoes_the_earlier_ones(app, tmp_path,
                                                                       demo_services,
                                                                       small_chunks,
                                                                       monkeypatch, failure):
    """Chunks are flushed, not committed: a failure in chunk 8 leaves nothing of 1 to 7."""
    path = write_json(tmp_path / "kaart.json", demo_services)
    original = import_runner.upsert_service
    calls = []

    def fails_late(*args, **kwargs):
        calls.append(1)
        if len(calls) == 150:
            raise failure
        return original(*args, **kwargs)

    monkeypatch.setattr(import_runner, "upsert_service", fails_late)
    flushed = _identity_map_sizes()
    batch, source = stream_hsds(db.session, path)

    with pytest.raises(ImportFailed) as failed:
        run_import(db.session, batch, source=source)

    assert len(flushed) > 10  # organisations, places and 7 chunks of provisions were flushed
    assert "niets ingelezen" in str(failed.value)
    db.session.rollback()
    assert counts() == (0, 0, 0)
    assert db.session.scalars(select(indexing.SearchJournal)).all() == []


def test_reimporting_an_identical_file_in_chunks_changes_nothing(runner, tmp_path,
                                                                 demo_services, small_chunks):
    path = write_json(tmp_path / "kaart.json", demo_services)
    assert runner.invoke(args=["import", "hsds", str(path)]).exit_code == 0
    before, stamps = counts(), _stamps()

    again = runner.invoke(args=["import", "hsds", str(path)])

    assert again.exit_code == 0, again.output
    assert "organisaties: 0 nieuw, 0 bijgewerkt, 89 ongewijzigd" in again.output
    assert "locaties: 0 nieuw, 0 bijgewerkt, 84 ongewijzigd" in again.output
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 182 ongewijzigd" in again.output
    assert counts() == before and _stamps() == stamps


def test_a_round_trip_in_chunks_gives_the_identical_file(app, runner, tmp_path, small_chunks):
    from importers.demo import load_demo

    load_demo(db.session)
    db.session.commit()
    first = tmp_path / "eerste.json"
    assert runner.invoke(args=["export", "hsds", str(first)]).exit_code == 0
    db.session.remove()
    db.drop_all()
    db.create_all()

    result = runner.invoke(args=["import", "hsds", str(first)])

    assert result.exit_code == 0, result.output
    second = tmp_path / "tweede.json"
    assert runner.invoke(args=["export", "hsds", str(second)]).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    # and importing this site's own export, chunk by chunk, finds every record by its id
    again = runner.invoke(args=["import", "hsds", "--source", "ander", str(second)])
    assert "voorzieningen: 0 nieuw, 0 bijgewerkt, 182 ongewijzigd" in again.output


@pytest.mark.parametrize("search", ["memory", "whoosh", "postgres"])
def test_the_index_holds_every_imported_provision(tmp_path, database_url, demo_services,
                                                  small_chunks, search):
    if search == "postgres" and not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL search backend lives in PostgreSQL")
    if search == "whoosh" and database_url.startswith("postgresql"):
        pytest.skip("Whoosh is tested on SQLite")
    app = make_app(tmp_path, database_url, SEARCH_BACKEND=search)
    with app.app_context():
        db.create_all()
        try:
            path = write_json(tmp_path / "kaart.json", demo_services)
            result = app.test_cli_runner().invoke(args=["import", "hsds", str(path)])
            assert result.exit_code == 0, result.output

            diff = indexing.check(db.session)
            assert diff == {"missing": set(), "extra": set(), "stale": set()}
            assert len(indexing.backend().fingerprints()) == 182
            assert db.session.scalars(select(indexing.SearchJournal)).all() == []
        finally:
            db.session.remove()
            close = getattr(app.extensions["bw_search"], "close", None)
            if close is not None:
                close()
            db.drop_all()
            db.engine.dispose()


def test_read_hsds_still_maps_the_whole_file_at_once(app, tmp_path, demo_services):
    batch, _source = read_hsds(db.session, write_json(tmp_path / "kaart.json", demo_services))
    assert isinstance(batch.items, list) and len(batch.items) == 89 + 84 + 182
    broken = tmp_path / "kapot.json"
    broken.write_text(json.dumps(demo_services)[:5000], encoding="utf-8")
    batch, _source = read_hsds(db.session, broken)
    assert batch.items == [] and len(batch.problems) == 1
    assert "geen geldige JSON" in str(batch.problems[0])


def test_a_document_fingerprint_is_what_it_was():
    """Fingerprints are stored in every index: the quicker way to compute one must give the
    same digest (else ``flask search-check`` would call every document stale)."""
    import hashlib
    from dataclasses import astuple

    from search import ProvisionDocument
    from search.analysis import ANALYSIS_VERSION

    doc = ProvisionDocument(id="a1", name="Taalcafé", description="Koffie en Nederlands praten.",
                            organization="Bibliotheek", extra_text="Borculo", tier="algemeen",
                            access="vrij-toegankelijk", kernen=("borculo", "eibergen"),
                            life_domains=("taal",), target_groups=("nieuwkomers",), free=True,
                            minimum_age=16, maximum_age=None, points=((52.11, 6.52),),
                            opening=((0, 540, 720), (2, 810, 1020)), visible=True)
    old = hashlib.blake2b(f"{ANALYSIS_VERSION}|{astuple(doc)!r}".encode(),
                          digest_size=12).hexdigest()
    assert doc.fingerprint() == old


def test_the_collector_is_as_it_was_after_a_bulk_job():
    from app.bulk import paused_collector

    assert gc.isenabled()
    with paused_collector() as collect:
        assert not gc.isenabled() and gc.get_freeze_count() > 0
        collect()
    assert gc.isenabled() and gc.get_freeze_count() == 0
