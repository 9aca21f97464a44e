"""The search index follows every change to a provision by itself."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.extensions import db
from app.models import CostOption, Service
from importers.demo import load_demo
from search import SearchQuery
from tests.conftest import postgres_demo_site


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
    assert str(service.id) not in [h.id for h in engine.search(SearchQuery(text="klompendansen")).hits]


@pytest.fixture
def pg_search_app(tmp_path):
    with postgres_demo_site(tmp_path) as app:
        yield app


@pytest.mark.postgres
def test_postgres_search_rows_commit_with_the_change(pg_search_app):
    """PostgreSQL: no separate index to keep in sync.  The change and its search rows are
    one transaction: when either part fails, neither is kept."""
    engine = pg_search_app.extensions["bw_search"]
    db.session.execute(text("""
        CREATE FUNCTION refuse_klompen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name LIKE 'Klompendansen%' THEN RAISE EXCEPTION 'refused at commit'; END IF;
          RETURN NEW;
        END $$;
        CREATE FUNCTION refuse_clogs() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.name LIKE 'Klompenmaken%' THEN RAISE EXCEPTION 'search row refused'; END IF;
          RETURN NEW;
        END $$;
        -- the change itself fails, at COMMIT (after its search rows were written)
        CREATE CONSTRAINT TRIGGER refuse_klompen AFTER UPDATE ON service
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_klompen();
        -- the search row fails (the change itself is fine)
        CREATE TRIGGER refuse_clogs BEFORE INSERT OR UPDATE ON search_document
          FOR EACH ROW EXECUTE FUNCTION refuse_clogs();
    """))
    db.session.commit()
    service = next(s for s in db.session.scalars(select(Service)) if s.is_public)
    name = service.name

    service.name = "Klompendansen op maandag"
    with pytest.raises(DBAPIError, match="refused at commit"):
        db.session.commit()
    db.session.rollback()
    assert str(service.id) not in [h.id for h in engine.search(SearchQuery(text="klompendansen")).hits]

    service.name = "Klompenmaken voor beginners"
    with pytest.raises(DBAPIError, match="search row refused"):
        db.session.commit()  # an index written after the commit would let this one through
    db.session.rollback()
    db.session.expire_all()
    assert db.session.get(Service, service.id).name == name

    service.name = "Zwemmen voor senioren in het Bolbaden"
    db.session.commit()
    hits = engine.search(SearchQuery(text="zwemmen senioren")).hits
    assert str(service.id) in [h.id for h in hits]


@pytest.mark.postgres
def test_postgres_search_rows_see_what_the_commit_holds(pg_search_app):
    """Read for the search rows as the database holds them at commit, not as the objects in
    the session remember them: a price removed by deleting its row makes the entry free."""
    engine = pg_search_app.extensions["bw_search"]
    service = next(s for s in db.session.scalars(select(Service))
                   if s.is_public and len(s.cost_options) == 1 and s.cost_options[0].amount)
    cost = service.cost_options[0]  # the collection is loaded, and will still hold it
    assert str(service.id) not in [h.id for h in engine.search(
        SearchQuery(text=service.name, free=True)).hits]
    cost.amount = 0
    db.session.commit()
    assert str(service.id) in [h.id for h in engine.search(
        SearchQuery(text=service.name, free=True)).hits]

    priced = CostOption(service_id=service.id, currency="EUR", amount=5)
    db.session.add(priced)
    db.session.commit()
    assert str(service.id) not in [h.id for h in engine.search(
        SearchQuery(text=service.name, free=True)).hits]
    assert len(service.cost_options) == 2  # loaded again, now with the price
    db.session.delete(priced)  # deleted by itself: the loaded collection still lists it
    db.session.commit()
    assert str(service.id) in [h.id for h in engine.search(
        SearchQuery(text=service.name, free=True)).hits]
