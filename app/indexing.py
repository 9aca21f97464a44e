"""Keeps the search index in step with the database, by itself.

Views and importers never call the search engine: a session listener collects the
provisions touched by each flush (the service itself, or its areas, schedules, costs,
locations, organisation) and re-indexes or removes them:

* PostgreSQL backend: just before the commit, in the same transaction, so the data and its
  search rows are committed (or rolled back) together;
* Whoosh (a folder beside the database), and the in-memory twin: once the transaction has
  committed.  So that a process dying between the commit and the index write loses nothing,
  the commit also writes the provisions it changed to ``search_journal`` (same
  transaction); a successful index write deletes that commit's rows.  What is left —
  committed, not indexed — is indexed by ``catch_up()``: when the application starts, and
  in every worker at most ``SEARCH_CATCH_UP_SECONDS`` (60) after the last time, on a
  request.  ``check()`` and ``repair()`` (``flask search-check --repair``) stay as the
  weekly audit of the whole index.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from datetime import date

from flask import current_app, has_app_context
from flask_babel import force_locale
from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.orm import Session

from app import page_cache, runtime
from app.bulk import paused_collector
from app.domain.freshness import is_stale, is_withdrawn, search_visible
from app.domain.opening import weekly_slots
from app.models import (
    CostOption,
    Kern,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    service_options,
)
from app.models.base import DbSession
from app.models.search_journal import SearchJournal
from app.vocabulary import LIFE_DOMAINS, TARGET_GROUPS, label
from search import ProvisionDocument, SearchBackend

log = logging.getLogger(__name__)

_PENDING = "search_pending_service_ids"
_WRITTEN = "search_written_in_transaction"
_JOURNAL = "search_journal_batch"


def backend() -> SearchBackend:
    return current_app.extensions["bw_search"]


# --- mapping -------------------------------------------------------------------------

def opening_slots(schedules: Iterable[Schedule]) -> tuple[tuple[int, int, int], ...]:
    return tuple(weekly_slots(schedules))


def to_document(service: Service, all_kern_slugs: Iterable[str]) -> ProvisionDocument:
    with force_locale("nl"):  # the index speaks Dutch whatever the visitor's language
        return _to_document(service, all_kern_slugs)


def _to_document(service: Service, all_kern_slugs: Iterable[str]) -> ProvisionDocument:
    if service.serves_whole_municipality:
        kernen = tuple(sorted(all_kern_slugs))
    else:
        kernen = tuple(sorted({k.slug for k in service.kernen_served}))
    places = []
    points = []
    for location in service.locations:
        if location.latitude is not None and location.longitude is not None:
            points.append((location.latitude, location.longitude))
        places.append(location.name or "")
        address = location.physical_address
        if address:
            places.append(f"{address.address_1} {address.city}")
    extra = " ".join(
        filter(None, [
            service.alternate_name,
            service.eligibility_description,
            service.application_process,
            service.fees_description,
            " ".join(places),
            " ".join(str(label(LIFE_DOMAINS, t.code)) for t in service.life_domains),
            " ".join(str(label(TARGET_GROUPS, t.code)) for t in service.target_groups),
            " ".join(k.name for k in service.kernen_served),
        ])
    )
    return ProvisionDocument(
        id=str(service.id),
        name=service.name,
        description=service.description or "",
        organization=service.organization.name if service.organization else "",
        extra_text=extra,
        tier=service.tier,
        access=service.access,
        kernen=kernen,
        life_domains=tuple(t.code for t in service.life_domains if t.code),
        target_groups=tuple(t.code for t in service.target_groups if t.code),
        free=service.is_free,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        points=tuple(points),
        opening=opening_slots(service.schedules),
        # Published, active, and not past review interval + grace (`flask freshness` daily).
        visible=search_visible(service, runtime.freshness_today(), runtime.grace_days()),
    )


def iter_documents(session: DbSession, ids: Iterable[uuid.UUID] | None = None,
                   batch: int = 500) -> Iterator[ProvisionDocument]:
    """The documents of the given provisions that exist (of all without ``ids``), by id,
    read ``batch`` at a time."""
    slugs = list(session.scalars(select(Kern.slug)))
    if ids is None:
        all_ids = list(session.scalars(select(Service.id).order_by(Service.id)))
    else:
        all_ids = sorted(set(ids))
    for start in range(0, len(all_ids), batch):
        chunk = all_ids[start : start + batch]
        services = session.scalars(
            select(Service).where(Service.id.in_(chunk)).order_by(Service.id)
            .options(*service_options())
        )
        for service in services:
            yield to_document(service, slugs)


#: Provisions indexed at a time after a commit (or before it, for PostgreSQL): an import of
#: any size holds the documents of one such chunk, and the search engine writes each at once.
SYNC_CHUNK = 2000
#: Rows per INSERT into the journal.
_JOURNAL_ROWS = 5000


def _chunks(ids: Iterable[uuid.UUID], size: int) -> Iterator[set[uuid.UUID]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield set(ordered[start : start + size])


# --- automatic sync ------------------------------------------------------------------

def _touched_service_ids(session: DbSession) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    new, dirty, deleted = session.new, session.dirty, session.deleted  # each made anew per call
    for obj in [*new, *dirty, *deleted]:
        if isinstance(obj, Service):
            ids.add(obj.id)
        elif isinstance(obj, ServiceArea | Schedule | CostOption | Language | ServiceAtLocation):
            if obj.service_id:
                ids.add(obj.service_id)
        elif isinstance(obj, Location | Organization) and (
                obj in new or obj in deleted or _columns_changed(obj)):
            # its own columns changed (a name, an address's stamp): every provision there or
            # of it shows them.  Not when only a collection moved: a provision joined or left,
            # and that provision (or its link) is flushed itself.
            if isinstance(obj, Location):
                ids.update(sal.service_id for sal in obj.service_at_locations)
            else:
                ids.update(s.id for s in obj.services)
    return {i for i in ids if i is not None}


def _columns_changed(obj) -> bool:
    """Whether a column of ``obj`` was set since it was loaded or flushed (not only one of
    its collections; cheaper than ``Session.is_modified``, which looks at every attribute)."""
    columns = _COLUMNS.get(type(obj))
    if columns is None:
        columns = _COLUMNS[type(obj)] = frozenset(a.key for a in inspect(type(obj)).column_attrs)
    return any(key in columns for key in inspect(obj).committed_state)


_COLUMNS: dict[type, frozenset[str]] = {}


@event.listens_for(Session, "before_flush")
def _collect(session: DbSession, flush_context, instances) -> None:
    pending = session.info.setdefault(_PENDING, set())
    pending.update(_touched_service_ids(session))


@event.listens_for(Session, "after_flush")
def _collect_after(session: DbSession, flush_context) -> None:
    # New services get their ids at flush; relations appended after before_flush too.
    session.info.setdefault(_PENDING, set()).update(
        _touched_service_ids(session)
    )


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction: object) -> None:
    if not session.in_transaction():
        session.info.pop(_PENDING, None)
        session.info.pop(_WRITTEN, None)
        session.info.pop(_JOURNAL, None)


@event.listens_for(Session, "before_commit")
def _journal(session: DbSession) -> None:
    """Whoosh and memory: record in the commit itself which provisions the index owes."""
    if not has_app_context() or "bw_search" not in current_app.extensions:
        return
    if getattr(backend(), "writes_in_transaction", False):
        return
    session.flush()
    ids = session.info.get(_PENDING)
    if not ids:
        return
    batch = uuid.uuid4()
    now = _now()
    for chunk in _chunks(ids, _JOURNAL_ROWS):
        session.execute(insert(SearchJournal),
                        [{"batch": batch, "service_id": i, "created_at": now} for i in chunk])
    session.info[_JOURNAL] = batch


def _now():
    from app.models.base import utcnow

    return utcnow()


@event.listens_for(Session, "before_commit")
def _write_in_transaction(session: DbSession) -> None:
    """PostgreSQL search: the search rows go into the change's own transaction.

    A commit then holds the data and its search rows, or neither: nothing to keep in sync.
    Should the search write fail, the commit fails with it and nothing is changed."""
    if not has_app_context() or "bw_search" not in current_app.extensions:
        return
    engine = backend()
    if not getattr(engine, "writes_in_transaction", False):
        return
    session.flush()
    ids = session.info.pop(_PENDING, None)
    if not ids:
        return
    connection = session.connection()
    with _bulk(ids) as collect:
        for chunk in _chunks(ids, SYNC_CHUNK):
            # Read in this same transaction, but through a session of its own: the caller's
            # objects may remember a collection as it was loaded (a row deleted by itself
            # stays listed).
            with Session(bind=connection, join_transaction_mode="create_savepoint") as fresh:
                documents = list(iter_documents(fresh, chunk))
            _write(engine, chunk, documents, connection=connection)  # after the savepoint
            del documents
            collect()
    session.info[_WRITTEN] = True


@event.listens_for(Session, "after_commit")
def _apply(session: DbSession) -> None:
    if session.info.pop(_WRITTEN, False):  # written in the transaction (PostgreSQL)
        page_cache.content_changed()
    ids = session.info.pop(_PENDING, None)
    batch = session.info.pop(_JOURNAL, None)
    if not ids or not has_app_context() or "bw_search" not in current_app.extensions:
        return
    try:
        sync(ids)
    except Exception:  # the commit stands; its journal rows stay for catch_up()
        log.exception("search index update failed for %d provisions; the journal keeps them "
                      "for the next catch-up", len(ids))
        return
    if batch is not None:
        _forget_journal(SearchJournal.batch == batch)


def _forget_journal(condition) -> None:
    """Delete journal rows in a transaction of their own (the caller's has committed)."""
    db = current_app.extensions["sqlalchemy"]
    try:
        with db.engine.begin() as connection:
            connection.execute(delete(SearchJournal).where(condition))
    except Exception:  # the rows stay: the next catch-up indexes them once more, harmlessly
        log.exception("could not clear the search journal")


def sync(ids: Iterable[uuid.UUID]) -> None:
    """Re-index the given provisions from the database, removing those that are gone;
    ``SYNC_CHUNK`` at a time, each read in a session of its own."""
    db = current_app.extensions["sqlalchemy"]
    ids = set(ids)
    with _bulk(ids) as collect:
        for chunk in _chunks(ids, SYNC_CHUNK):
            with Session(db.engine) as fresh:
                documents = list(iter_documents(fresh, chunk))
            _write(backend(), chunk, documents)
            del documents
            collect()
    page_cache.content_changed()


def _bulk(ids: set):
    """For more than a chunk of provisions (an import), free each chunk's cycles as it is
    done (``app/bulk.py``); a few are indexed as they are."""
    return paused_collector() if len(ids) > SYNC_CHUNK else nullcontext(lambda: None)


def _write(engine: SearchBackend, ids: set[uuid.UUID], documents: list[ProvisionDocument],
           **where) -> None:
    """Index the documents read for ``ids``; remove the provisions no longer there.
    ``where``: the PostgreSQL backend's ``connection`` to write in."""
    found = {uuid.UUID(d.id) for d in documents}
    if documents:
        engine.index(documents, **where)
    if ids - found:
        engine.remove((str(i) for i in ids - found), **where)


# --- catching up with what was committed but not indexed ----------------------------

_NEXT_CATCH_UP = "bw_search_next_catch_up"


def catch_up(chunk: int = 2000) -> int:
    """Index the provisions the journal says are owed (a crash between a commit and its
    index write); returns how many.  Safe to run in several workers at once: indexing
    re-reads the database, and only the rows read are deleted."""
    if getattr(backend(), "writes_in_transaction", False):
        return 0
    db = current_app.extensions["sqlalchemy"]
    done = 0
    while True:
        with Session(db.engine) as session:
            rows = session.execute(select(SearchJournal.id, SearchJournal.service_id)
                                   .order_by(SearchJournal.id).limit(chunk)).all()
        if not rows:
            return done
        ids = {service_id for _row_id, service_id in rows}
        sync(ids)
        _forget_journal(SearchJournal.id.in_([row_id for row_id, _ in rows]))
        done += len(ids)
        if len(rows) < chunk:
            return done


def init_app(app) -> None:
    """Catch up at start, then in every worker on a request at most every
    ``SEARCH_CATCH_UP_SECONDS`` (60; 0 turns the periodic catch-up off)."""
    with app.app_context():
        _catch_up_quietly(at_start=True)
    app.extensions[_NEXT_CATCH_UP] = time.monotonic() + _interval(app)

    @app.before_request
    def _catch_up_when_due() -> None:
        interval = _interval(app)
        if not interval or time.monotonic() < app.extensions[_NEXT_CATCH_UP]:
            return
        app.extensions[_NEXT_CATCH_UP] = time.monotonic() + interval
        _catch_up_quietly()


def _interval(app) -> float:
    return float(app.config["SEARCH_CATCH_UP_SECONDS"] or 0)


def _catch_up_quietly(at_start: bool = False) -> None:
    if getattr(backend(), "writes_in_transaction", False):
        return  # PostgreSQL search: nothing is ever owed
    try:
        db = current_app.extensions["sqlalchemy"]
        if at_start and not inspect(db.engine).has_table(SearchJournal.__tablename__):
            return  # a database not created or migrated yet (``flask db upgrade``)
        count = catch_up()
    except Exception:  # a request must not fail because the index lags
        log.exception("search index catch-up failed; it is tried again later")
        return
    if count:
        log.warning("search index caught up with %d provision(s) committed but not indexed "
                    "(a crash between a commit and its index write)", count)


# --- whole-index operations ----------------------------------------------------------

def rebuild(session: DbSession) -> int:
    count = backend().rebuild(iter_documents(session))
    page_cache.content_changed()
    return count


def check(session: DbSession) -> dict[str, set[str]]:
    """Compare the index with the database, document by document.

    ``missing``: in the database, not in the index; ``extra``: in the index only;
    ``stale``: in both, but the indexed content differs from what the database says now
    (e.g. a crash between an edit's commit and the index write).
    """
    expected = {doc.id: doc.fingerprint() for doc in iter_documents(session)}
    indexed = backend().fingerprints()
    both = expected.keys() & indexed.keys()
    return {"missing": set(expected) - set(indexed), "extra": set(indexed) - set(expected),
            "stale": {i for i in both if expected[i] != indexed[i]}}


def repair(session: DbSession) -> dict[str, int]:
    diff = check(session)
    renew = diff["missing"] | diff["stale"]
    if renew:
        backend().index(iter_documents(session, [uuid.UUID(i) for i in renew]))
    if diff["extra"]:
        backend().remove(diff["extra"])
    if renew or diff["extra"]:
        page_cache.content_changed()
    return {k: len(v) for k, v in diff.items()}


# --- the daily re-evaluation ---------------------------------------------------------------

def refresh_visibility(session: DbSession, *, on: date, grace: int) -> dict[str, int]:
    """Re-index every active entry so that withdrawals by the passing of time reach the
    index (and checks made elsewhere are not missed).  Returns counts for the operator.

    ``on`` and ``grace`` are the caller's today and ``FRESHNESS_GRACE_DAYS``; the index
    itself takes them from ``app.runtime`` as well."""
    services = list(session.scalars(select(Service).where(Service.status == "active")))
    withdrawn = sum(1 for s in services if s.is_public and is_withdrawn(s, on, grace))
    stale = sum(1 for s in services if s.is_public and is_stale(s, on))
    sync([s.id for s in services])
    return {"reindexed": len(services), "stale": stale, "withdrawn": withdrawn}
