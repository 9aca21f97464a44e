"""The search index follows every change to a provision by itself."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Service
from importers.demo import load_demo
from search import SearchQuery


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
