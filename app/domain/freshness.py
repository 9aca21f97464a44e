"""Freshness of an entry: when was it last checked by a person, and is that too long ago?

An entry is *due* on ``assured_date + review_interval_days``; after that it is *stale*
(the public page says "mogelijk verouderd"), and after ``FRESHNESS_GRACE_DAYS`` more it is
*withdrawn*: it leaves public search (``ProvisionDocument.visible``) but its row and its page
stay, until an editor checks it ("gecontroleerd, niets veranderd" sets the assured date to
today).  An entry that has never been checked is listed for editors but never withdrawn:
imports do not set an assured date, and a fresh import must not vanish from search.

Time passes without a commit, so the index does not notice a withdrawal by itself:
``app.indexing.refresh_visibility`` (``flask --app wsgi freshness``, daily from cron) re-evaluates it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import selectinload

if TYPE_CHECKING:
    from app.models import ChangeReport, Service, User
    from app.models.base import DbSession

from app.models import ChangeReport, Location, Service, ServiceAtLocation, service_options

DEFAULT_INTERVAL = 182
DEFAULT_GRACE = 90
SOON_DAYS = 14  # the worklist also shows what falls due within this many days

# Worklist states, most urgent first.
REPORTED_CLOSED = "reported-closed"  # a resident reported that it has closed: check at once
WITHDRAWN = "withdrawn"  # past the grace period: out of public search
OVERDUE = "overdue"  # past the review interval: "mogelijk verouderd" on the public page
NEVER = "never"  # never checked by a person
REPORTED = "reported"  # another open change report
SOON = "soon"  # due within SOON_DAYS
STATE_ORDER = (REPORTED_CLOSED, WITHDRAWN, OVERDUE, NEVER, REPORTED, SOON)


class Reviewed(Protocol):
    """What the freshness rules read: a ``Service``, or a row with these columns."""

    @property
    def assured_date(self) -> date | None: ...

    @property
    def review_interval_days(self) -> int | None: ...


class Listed(Reviewed, Protocol):
    @property
    def is_public(self) -> bool: ...


def review_due(assured: date | None, interval_days: int) -> date | None:
    return assured + timedelta(days=interval_days) if assured else None


def due_date(service: Reviewed) -> date | None:
    return review_due(service.assured_date, service.review_interval_days or DEFAULT_INTERVAL)


def is_stale(service: Reviewed, today: date) -> bool:
    """Past its review interval (never checked is not stale: there is no date to be past)."""
    due = due_date(service)
    return due is not None and today > due


def withdrawn_from(service: Reviewed, grace: int) -> date | None:
    """The first day the entry is out of public search, unless checked before then."""
    due = due_date(service)
    return due + timedelta(days=grace + 1) if due else None


def is_withdrawn(service: Reviewed, today: date, grace: int) -> bool:
    """Past the review interval *and* the grace period: out of public search."""
    start = withdrawn_from(service, grace)
    return start is not None and today >= start


def search_visible(service: Listed, on: date, grace: int) -> bool:
    """Whether public search shows the entry: published, active and not withdrawn."""
    return service.is_public and not is_withdrawn(service, on, grace)


@dataclass(frozen=True)
class Visibility:
    """What public pages show, decided on a day: ``on`` (today, or a test's clock) with
    ``grace`` days past a missed review (``FRESHNESS_GRACE_DAYS``).  The caller makes it
    (``app.runtime.visibility()``); the read-side queries take it as an argument."""

    on: date
    grace: int

    def shows(self, service: Listed) -> bool:
        return search_visible(service, self.on, self.grace)


# --- the editors' worklist --------------------------------------------------------------

@dataclass
class WorkItem:
    service: Service
    state: str
    due: date | None
    days_overdue: int | None  # negative: due in that many days
    kernen: tuple[str, ...]  # slugs the entry is in or serves specifically
    reports: list[ChangeReport] = field(default_factory=list)  # open reports, oldest first

    @property
    def sort_key(self) -> tuple[int, int, str]:
        overdue = self.days_overdue if self.days_overdue is not None else 0
        return (STATE_ORDER.index(self.state), -overdue, self.service.name.lower())


def _kern_slugs(service: Service) -> tuple[str, ...]:
    slugs = {k.slug for k in service.kernen_served}
    slugs.update(loc.kern.slug for loc in service.locations if loc.kern is not None)
    return tuple(sorted(slugs))


def state_of(service: Service, on: date, open_reports: Sequence[ChangeReport] = (), *,
             grace: int) -> str | None:
    """The worklist state of an entry on a day, or None when nothing needs doing."""
    if any(r.kind == "closed" for r in open_reports):
        return REPORTED_CLOSED
    if is_withdrawn(service, on, grace):
        return WITHDRAWN
    if is_stale(service, on):
        return OVERDUE
    if service.assured_date is None:
        return NEVER
    if open_reports:
        return REPORTED
    due = due_date(service)
    if due is not None and (due - on).days <= SOON_DAYS:
        return SOON
    return None


def worklist(session: DbSession, *, on: date, grace: int, kern: str | None = None,
             editor: str | None = None, states: tuple[str, ...] = ()) -> list[WorkItem]:
    """What is due or overdue, or reported, most urgent and most overdue first.

    ``kern``: a kern slug (entries located in or serving that kern specifically);
    ``editor``: an e-mail address (the last person who checked the entry).
    """
    from app.models import ChangeReport, Service

    reports: dict[uuid.UUID, list[ChangeReport]] = {}
    for report in session.scalars(select(ChangeReport).where(ChangeReport.resolved_at.is_(None))
                                  .order_by(ChangeReport.created_at)):
        reports.setdefault(report.service_id, []).append(report)
    stmt = (select(Service).where(Service.status == "active")
            .options(*service_options(),
                     selectinload(Service.service_at_locations)
                     .selectinload(ServiceAtLocation.location).selectinload(Location.kern)))
    if editor:
        stmt = stmt.where(Service.assurer_email == editor)
    items = []
    for service in session.scalars(stmt):
        open_reports = reports.get(service.id, [])
        state = state_of(service, on, open_reports, grace=grace)
        if state is None or (states and state not in states):
            continue
        slugs = _kern_slugs(service)
        if kern and kern not in slugs:
            continue
        due = due_date(service)
        items.append(WorkItem(service=service, state=state, due=due,
                              days_overdue=(on - due).days if due else None,
                              kernen=slugs, reports=open_reports))
    items.sort(key=lambda item: item.sort_key)
    return items


def editors(session: DbSession) -> list[str]:
    """Everyone who has checked an entry: the editor filter of the worklist."""
    return list(session.scalars(select(Service.assurer_email).where(
        Service.assurer_email.is_not(None)).distinct().order_by(Service.assurer_email)))


def mark_checked(session: DbSession, service: Service, by: User, *, on: date) -> None:
    """"Gecontroleerd, niets veranderd": the entry is fresh again (and back in search once
    the caller commits — the index follows the commit)."""
    service.assured_date = on
    service.assurer_email = by.email
    session.flush()

