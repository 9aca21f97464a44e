"""The editors' thesaurus concepts reach the search engine of every worker (``app.search_thesaurus``):
a request looks for a change at most every SYNONYM_RECHECK_SECONDS and costs no query in between;
a concept saved elsewhere (another worker) is picked up at the next check."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.domain import thesaurus_editing as words
from app.extensions import db
from app.services import base_thesaurus, search_engine

TEXT = "= zwoerdbrommer\nleefgebied: sociaal-netwerk\nnl: zwoerdbrommer\n"


@contextmanager
def _thesaurus_statements():
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "thesaurus" in statement.lower():
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _known(word: str) -> bool:
    return any(word in t.text for c in search_engine()._language.thesaurus for t in c.terms)


def test_requests_between_checks_cost_no_thesaurus_query(app, client):
    app.config["SYNONYM_RECHECK_SECONDS"] = 3600
    with _thesaurus_statements() as first:
        client.get("/healthz")
    assert first  # the first request of a worker looks
    with _thesaurus_statements() as later:
        for _ in range(3):
            client.get("/healthz")
    assert later == []


def test_a_concept_saved_by_another_worker_is_picked_up_at_the_next_check(app, client):
    app.config["SYNONYM_RECHECK_SECONDS"] = 3600
    client.get("/healthz")
    words.save(db.session, base_thesaurus(), TEXT, "elders@voormekaar.test")  # another worker
    db.session.commit()
    client.get("/healthz")
    assert not _known("zwoerdbrommer")  # not due yet: this worker still has the old one
    app.config["SYNONYM_RECHECK_SECONDS"] = 0
    client.get("/healthz")
    assert _known("zwoerdbrommer")
