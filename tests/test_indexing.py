"""The search index follows every change to a provision by itself."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.extensions import db
from app.models import Service
from importers.demo import load_demo
from search import SearchQuery
from tests.conftest import POSTGRES_URL, _reset_postgres, make_app


def test_load_edit_archive_are_followed_by_the_index(app):
    engine = app.extensions["bw_search"]
    load_demo(db.session)
    db.session.commit()
    services = list(db.session.scalars(select(Service)))
    assert engine.ids() == {str(s.id) for s in services}

    service = next(s for s in services if s.is_public)
    service.name = "Zwemmen voor senioren in het Bolbaden"
    db.session.commit()
    hits = engine.search(SearchQuery(text="zwemmen senioren")).hits
    assert str(service.id) in [h.id for h in hits]

    service.status = "defunct"
    db.session.commit()
    hits = engine.search(SearchQuery(text="zwemmen senioren")).hits
    assert str(service.id) not in [h.id for h in hits]


def test_a_rolled_back_change_does_not_reach_the_index(app):
    engine = app.extensions["bw_search"]
    load_demo(db.session)
    db.session.commit()
    service = db.session.scalars(select(Service)).first()
    service.name = "Klompendansen op maandag"
    db.session.flush()
    db.session.rollback()
    assert engine.search(SearchQuery(text="klompendansen")).hits == []


@pytest.fixture
def pg_search_app(tmp_path):
    """The demo map in PostgreSQL, searched by the PostgreSQL backend in the same database."""
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL is not set")
    _reset_postgres(POSTGRES_URL)
    app = make_app(tmp_path, POSTGRES_URL, SEARCH_BACKEND="postgres")
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        yield app
        db.session.remove()
        app.extensions["bw_search"].close()
        db.engine.dispose()


@pytest.mark.postgres
def test_postgres_search_rows_commit_with_the_change(pg_search_app):
    """PostgreSQL: no separate index to keep in sync.  A change whose transaction fails at
    COMMIT (after the search rows were written) leaves neither the change nor its rows."""
    engine = pg_search_app.extensions["bw_search"]
    # Fails every transaction that renamed a provision to "Klompendansen …", at COMMIT.
    db.session.execute(text("""
        CREATE FUNCTION refuse_klompen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name LIKE 'Klompendansen%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
          RETURN NEW;
        END $$;
        CREATE CONSTRAINT TRIGGER refuse_klompen AFTER UPDATE ON service
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_klompen();
    """))
    db.session.commit()
    service = next(s for s in db.session.scalars(select(Service)) if s.is_public)

    service.name = "Klompendansen op maandag"
    with pytest.raises(DBAPIError, match="refused at commit"):
        db.session.commit()
    db.session.rollback()
    assert engine.search(SearchQuery(text="klompendansen")).hits == []

    service.name = "Zwemmen voor senioren in het Bolbaden"
    db.session.commit()
    hits = engine.search(SearchQuery(text="zwemmen senioren")).hits
    assert str(service.id) in [h.id for h in hits]
    # Written in the commit itself: the rows carry the same transaction id as the change.
    same = db.session.execute(text(
        "SELECT s.xmin::text = d.xmin::text FROM service s JOIN search_document d"
        " ON d.id = CAST(s.id AS text) WHERE s.id = :id"), {"id": service.id}).scalar_one()
    assert same
