"""A crash between a commit and its Whoosh write no longer leaves the index behind until the
weekly ``search-check --repair`` (issue 14, finding 14): the next start of the application,
or a request once a minute has passed, brings the index in step by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Service
from importers.demo import load_demo
from search import SearchQuery
from tests.conftest import ROOT, make_app


def _names_found(app, words: str) -> set[str]:
    return {h.id for h in app.extensions["bw_search"].search(SearchQuery(text=words)).hits}


@pytest.fixture
def whoosh_site(tmp_path):
    url = f"sqlite:///{tmp_path / 'site.db'}"
    app = make_app(tmp_path, url, SEARCH_BACKEND="whoosh")
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        db.session.remove()
    app.extensions["bw_search"].close()
    return tmp_path, url


def _break_index_writes(monkeypatch):
    """The process 'dies' after the commit: the index write never happens."""
    from app import indexing

    def crash(*args, **kwargs):
        raise RuntimeError("killed between the commit and the index write")

    monkeypatch.setattr(indexing, "_write", crash)


def test_a_fresh_start_indexes_what_was_committed_but_not_indexed(whoosh_site, monkeypatch):
    tmp_path, url = whoosh_site
    app = make_app(tmp_path, url, SEARCH_BACKEND="whoosh")
    with app.app_context():
        service = db.session.scalars(select(Service).order_by(Service.name)).first()
        service_id = str(service.id)
        _break_index_writes(monkeypatch)
        service.name = "Klompendansen voor iedereen"
        db.session.commit()
        db.session.remove()
        assert service_id not in _names_found(app, "klompendansen")
    app.extensions["bw_search"].close()
    monkeypatch.undo()

    restarted = make_app(tmp_path, url, SEARCH_BACKEND="whoosh")  # no --repair
    with restarted.app_context():
        assert service_id in _names_found(restarted, "klompendansen")
        from app import indexing

        assert indexing.check(db.session) == {"missing": set(), "extra": set(), "stale": set()}
        db.session.remove()
    restarted.extensions["bw_search"].close()


def test_a_running_worker_catches_up_on_a_request_when_due(whoosh_site, monkeypatch):
    tmp_path, url = whoosh_site
    app = make_app(tmp_path, url, SEARCH_BACKEND="whoosh", SEARCH_CATCH_UP_SECONDS=0.01)
    with app.app_context():
        service = db.session.scalars(select(Service).order_by(Service.name)).first()
        service_id = str(service.id)
        with monkeypatch.context() as patch:
            _break_index_writes(patch)
            service.name = "Klompendansen voor iedereen"
            db.session.commit()
        assert service_id not in _names_found(app, "klompendansen")
        db.session.remove()
    import time

    time.sleep(0.05)
    app.test_client().get("/healthz")
    assert service_id in _names_found(app, "klompendansen")
    app.extensions["bw_search"].close()


def test_kill_9_after_the_import_commit_is_caught_up_on_the_next_start(whoosh_site):
    """A real ``kill -9`` of ``flask import hsds`` right after its commit, before Whoosh."""
    tmp_path, url = whoosh_site
    app = make_app(tmp_path, url, SEARCH_BACKEND="whoosh")
    with app.app_context():
        from app.hsds.export import export_json

        export_json(db.session, tmp_path / "kaart.json")
        db.session.remove()
    app.extensions["bw_search"].close()
    text = (tmp_path / "kaart.json").read_text(encoding="utf-8")
    (tmp_path / "kaart.json").write_text(text.replace('"name": "', '"name": "Klompen ', 1),
                                         encoding="utf-8")
    child = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from app import indexing
        def die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        indexing.sync = die
        from tests.conftest import make_app
        from pathlib import Path
        app = make_app(Path({str(tmp_path)!r}), {url!r}, SEARCH_BACKEND="whoosh")
        app.test_cli_runner().invoke(args=["import", "hsds", {str(tmp_path / "kaart.json")!r}])
    """)
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True,  # noqa: S603
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]

    restarted = make_app(tmp_path, url, SEARCH_BACKEND="whoosh")
    with restarted.app_context():
        renamed = db.session.scalars(select(Service).where(Service.name.like("Klompen %"))).one()
        assert str(renamed.id) in _names_found(restarted, "klompen")
        db.session.remove()
    restarted.extensions["bw_search"].close()
