"""Signals of what is missing from the map, for welzijnswerkers.

Three sources, counted per kern and per life domain:

* public searches with no or few results (``SearchSignal``): the words, the kern and
  life-domain filters and the hour — no address, no session, nothing about the person;
* change reports from residents and providers (``ChangeReport``);
* referrals in which no lighter provision fitted: lighter options skipped (with their
  reason codes), a heavier provision (voorliggend or maatwerk) chosen past lighter ones, or
  a provision chosen outside the suggestions.  These come from cases, so only codes and
  counts leave this module — never case ids, references or free text.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import select
from sqlalchemy.orm import selectinload

if TYPE_CHECKING:
    from app.models import ChangeReport, SearchSignal, Service
    from app.models.base import DbSession

from app.models import Case, ChangeReport, Referral, SearchSignal, service_options

log = logging.getLogger(__name__)

NO_KERN = "-"  # a search without a kern filter, or an entry for all of Berkelland
NO_DOMAIN = "-"  # a search without a life-domain filter
PERIODS = (30, 90, 365)
DEFAULT_PERIOD = 90

# Referral signal codes (beside the skip reasons of app.domain.referral).
HEAVIER_WITH_SKIPS = "zwaarder-met-lichtere-opties"
OUTSIDE_SUGGESTIONS = "buiten-suggesties"
HEAVY_TIERS = ("voorliggend", "maatwerk")

_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d[\d\s-]{4,}\d")  # phone numbers, BSNs, account numbers


def scrub(text: str) -> str:
    """What a visitor typed, minus what could identify someone (e-mail, long numbers)."""
    text = _DIGITS.sub("…", _EMAIL.sub("…", " ".join((text or "").split())))
    return text[:200]


class Searched(Protocol):
    """What a search signal reads of the search (``app.domain.finder.SearchParams``)."""

    @property
    def page(self) -> int: ...

    @property
    def q(self) -> str: ...

    @property
    def kern(self) -> str | None: ...

    @property
    def life_domains(self) -> tuple[str, ...]: ...


class Shown(Protocol):
    """What a search signal reads of what was shown (a ``FindResult`` or a cached page)."""

    @property
    def total(self) -> int: ...

    @property
    def unknown_kern(self) -> bool: ...


def note_search(session: DbSession, params: Searched, result: Shown | None, *,
                now: datetime, few_results: int) -> bool:
    """Record a public search with no or, at most ``few_results`` (``SIGNAL_FEW_RESULTS``),
    results; True when recorded (added and flushed: the caller commits).

    ``result`` is what was shown: a ``FindResult`` or a cached page (``total`` and
    ``unknown_kern`` are all this reads), so a page served from the cache counts too.
    The public search page writes it through its own short session, so its loaded rows
    stay as they are and a failure here never breaks the search page.  Only the first page
    counts (paging is the same search)."""
    from app.models import SearchSignal

    if result is None or params.page != 1:
        return False
    # nothing that answers what was asked (only "Misschien ook"), or few results at all
    shown_answers: int | None = getattr(result, "answers", None)
    answers = result.total if shown_answers is None else shown_answers
    if answers > 0 and result.total > few_results:
        return False
    query = scrub(params.q)
    if not query and not params.kern and not params.life_domains:
        return False
    session.add(SearchSignal(
        at=now.replace(minute=0, second=0, microsecond=0), query=query,
        kern=None if result.unknown_kern else params.kern,
        life_domains=" ".join(params.life_domains) or None, result_count=answers))
    session.flush()
    return True


def prune_search_words(session: DbSession, older_than_days: int, *, now: datetime) -> int:
    """Erase the words of search signals older than ``older_than_days``; returns how many.

    What a resident typed is kept for a while only (``SIGNAL_RETENTION_DAYS``, 180 days):
    the row itself stays — its hour, kern and life-domain filters and result count, nothing
    typed — so the counts per kern and per life domain of ``/staff/signalen`` stay right for
    old periods; the "searched without result" lists only ever show words, so old rows simply
    drop out of them.  Run by ``flask retention``."""
    from sqlalchemy import update

    from app.models import SearchSignal

    cutoff = now - timedelta(days=older_than_days)
    result = session.execute(update(SearchSignal)
                             .where(SearchSignal.at < cutoff, SearchSignal.query != "")
                             .values(query="").execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


# --- reading -------------------------------------------------------------------------------

@dataclass
class Counts:
    searches: int = 0
    reports: int = 0
    referrals: int = 0

    @property
    def total(self) -> int:
        return self.searches + self.reports + self.referrals


@dataclass
class Overview:
    since: datetime
    kern: str | None
    life_domain: str | None
    per_kern: dict[str, Counts] = field(default_factory=dict)
    per_domain: dict[str, Counts] = field(default_factory=dict)
    top_queries: list[tuple[str, int, int]] = field(default_factory=list)  # query, n, n zero
    referral_codes: list[tuple[str, int]] = field(default_factory=list)


def since(days: int, *, now: datetime) -> datetime:
    return now - timedelta(days=days)


def _service_kernen(service: Service) -> tuple[str, ...]:
    slugs = {k.slug for k in service.kernen_served}
    slugs.update(loc.kern.slug for loc in service.locations if loc.kern is not None)
    return tuple(sorted(slugs)) or (NO_KERN,)


def search_rows(session: DbSession, start: datetime, kern: str | None = None,
                life_domain: str | None = None) -> list[SearchSignal]:
    from app.models import SearchSignal

    stmt = select(SearchSignal).where(SearchSignal.at >= start).order_by(SearchSignal.at.desc())
    if kern == NO_KERN:
        stmt = stmt.where(SearchSignal.kern.is_(None))
    elif kern:
        stmt = stmt.where(SearchSignal.kern == kern)
    rows = list(session.scalars(stmt))
    if life_domain:
        rows = [r for r in rows if life_domain in _domains_of_search(r)]
    return rows


def _domains_of_search(signal: SearchSignal) -> tuple[str, ...]:
    return tuple((signal.life_domains or "").split()) or (NO_DOMAIN,)


def report_rows(session: DbSession, start: datetime, kern: str | None = None,
                life_domain: str | None = None) -> list[ChangeReport]:
    from app.models import ChangeReport

    reports = list(session.scalars(
        select(ChangeReport).where(ChangeReport.created_at >= start)
        .options(selectinload(ChangeReport.service).options(*service_options()))
        .order_by(ChangeReport.created_at.desc())))
    return [r for r in reports
            if (not kern or kern in _service_kernen(r.service))
            and (not life_domain or life_domain in _domains_of_service(r.service))]


def _domains_of_service(service: Service) -> tuple[str, ...]:
    return tuple(t.code for t in service.life_domains if t.code) or (NO_DOMAIN,)


@dataclass(frozen=True)
class ReferralSignal:
    """One referral in which no lighter provision fitted — codes only."""

    kern: str
    life_domains: tuple[str, ...]
    tier: str
    codes: tuple[str, ...]  # skip reasons, HEAVIER_WITH_SKIPS, OUTSIDE_SUGGESTIONS
    month: str  # YYYY-MM


def referral_signals(session: DbSession, start: datetime, kern: str | None = None,
                     life_domain: str | None = None) -> list[ReferralSignal]:
    referrals = session.scalars(
        select(Referral).where(Referral.created_at >= start)
        .options(selectinload(Referral.skips),
                 selectinload(Referral.case).selectinload(Case.kern),
                 selectinload(Referral.case).selectinload(Case.life_domains)))
    found = []
    for referral in referrals:
        codes = [skip.reason for skip in referral.skips]
        if referral.skips and referral.tier in HEAVY_TIERS:
            codes.append(HEAVIER_WITH_SKIPS)
        if referral.outside_reason:
            codes.append(OUTSIDE_SUGGESTIONS)
        if not codes:
            continue
        case = referral.case
        signal = ReferralSignal(
            kern=case.kern.slug if case.kern else NO_KERN,
            life_domains=tuple(d.code for d in case.life_domains) or (NO_DOMAIN,),
            tier=referral.tier, codes=tuple(codes),
            month=referral.created_at.strftime("%Y-%m") if referral.created_at else "")
        if kern and signal.kern != kern:
            continue
        if life_domain and life_domain not in signal.life_domains:
            continue
        found.append(signal)
    return found


def referral_code_counts(signals: list[ReferralSignal]) -> list[tuple[str, int]]:
    counts = Counter(code for s in signals for code in s.codes)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def referral_groups(signals: list[ReferralSignal]) -> list[tuple[tuple[str, str, str, str], int]]:
    """Raw referral signals as counts per (month, kern, tier, code): nothing per case."""
    counts = Counter((s.month, s.kern, s.tier, code) for s in signals for code in s.codes)
    return sorted(counts.items(), key=lambda item: (item[0][0], item[0][1], item[0][3]),
                  reverse=True)


def overview(session: DbSession, days: int = DEFAULT_PERIOD, kern: str | None = None,
             life_domain: str | None = None, *, now: datetime) -> Overview:
    start = since(days, now=now)
    result = Overview(since=start, kern=kern, life_domain=life_domain)

    def bump(kernen: Iterable[str], domains: Iterable[str], attr: str) -> None:
        for slug in kernen:
            counts = result.per_kern.setdefault(slug, Counts())
            setattr(counts, attr, getattr(counts, attr) + 1)
        for code in domains:
            counts = result.per_domain.setdefault(code, Counts())
            setattr(counts, attr, getattr(counts, attr) + 1)

    searches = search_rows(session, start, kern, life_domain)
    for signal in searches:
        bump((signal.kern or NO_KERN,), _domains_of_search(signal), "searches")
    for report in report_rows(session, start, kern, life_domain):
        kernen = _service_kernen(report.service)
        bump([k for k in kernen if not kern or k == kern], _domains_of_service(report.service),
             "reports")
    referrals = referral_signals(session, start, kern, life_domain)
    for referral in referrals:
        bump((referral.kern,), referral.life_domains, "referrals")
    queries: dict[str, list[int]] = {}
    for signal in searches:
        if signal.query:
            entry = queries.setdefault(signal.query.lower(), [0, 0])
            entry[0] += 1
            entry[1] += signal.result_count == 0
    result.top_queries = sorted(((q, n, z) for q, (n, z) in queries.items()),
                                key=lambda item: (-item[1], item[0]))[:20]
    result.referral_codes = referral_code_counts(referrals)
    return result
