"""Management information: referral figures and the map's health, as aggregates only.

Every figure is computed in SQL with GROUP BY; no row about a case leaves this module,
only counts (and the number of distinct residents — cases — behind each count, which is
used for suppression and then dropped from what is shown).

Privacy (one function, ``suppress``, used for the page, the chart and the CSV alike):

* **Primary**: a count cell that counts fewer than ``MIN_RESIDENTS`` (5) residents is shown
  as ``"<5"``.  A zero is shown as 0.
* **Secondary**: in every line of a table (each row, and each count column) there are
  either no hidden cells or at least two, so that a total known from elsewhere (another
  table, another filter) cannot be used to subtract back a hidden cell.  The extra cell is
  the smallest visible one in that line (zeros first), preferring one whose crossing line
  also has exactly one hidden cell; it is shown as ``"x"``.
* **Totals and derived figures** (row totals, column totals, shares, averages) are shown
  only when none of the cells they are computed from is hidden, and an average only when
  it is based on at least 5 residents; otherwise ``"x"``.

The map's health counts provisions, change reports and searches — not residents — so its
tables go through the same function without suppression.

Periods are calendar months (UTC) of the moment a referral was made; "overdue" figures
are the state of today and ignore the period.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
    union,
)
from sqlalchemy.orm import QueryableAttribute

from app.domain.referral import OUTCOMES as DECISIONS
from app.domain.referral import SKIP_REASONS
from app.hygiene import csv_writer
from app.models import (
    Case,
    CaseLifeDomain,
    ChangeReport,
    HouseholdMember,
    Kern,
    Location,
    PlanReview,
    Referral,
    ReferralSkip,
    SearchSignal,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
    ZrmScore,
    service_legal_framework,
)
from app.models.base import DbSession
from app.models.case import REFERRAL_OUTCOMES, SIGNAL_SOURCES
from app.models.signals import REPORT_KINDS
from app.models.team import Team, team_kern
from app.vocabulary import LEGAL_FRAMEWORK_CODES, LIFE_DOMAIN_CODES, MUNICIPALITY, TIERS

# A column or an SQL expression over columns (what the SQL helpers below take).
Column_ = ColumnElement[Any] | QueryableAttribute[Any]

MIN_RESIDENTS = 5
SMALL = "<5"  # fewer than MIN_RESIDENTS residents
HIDDEN = "x"  # not shown to protect a small cell (secondary, totals, derived figures)
NO_DATA = "–"  # nothing to compute from (a share of zero referrals)
MAX_MONTHS = 36
DEFAULT_MONTHS = 12
WHOLE_MUNICIPALITY = "-"
TOP_SEARCHES = 10

COUNT, SUM, SHARE, AVERAGE = "count", "sum", "share", "average"
TOTAL_ROW = "__total__"

OUTCOME_LABELS = {
    "reached": _l("doel bereikt"),
    "partly": _l("deels bereikt"),
    "not_reached": _l("niet bereikt"),
    "stopped_early": _l("voortijdig gestopt"),
    "not_started": _l("niet doorgegaan"),
}
REPORT_KIND_LABELS = {
    "closed": _l("gestopt of gesloten"),
    "contact": _l("contactgegevens"),
    "hours": _l("openingstijden"),
    "other": _l("anders"),
}
TIER_SHORT = {"algemeen": _l("algemeen"), "voorliggend": _l("voorliggend"),
              "maatwerk": _l("maatwerk")}


# --- filters --------------------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _parse_month(value: str | None) -> tuple[int, int] | None:
    match = _MONTH.match((value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def _ym(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Filters:
    start: tuple[int, int]  # (year, month), first month included
    end: tuple[int, int]  # last month included
    on: date  # today: "overdue" figures are the state of this day
    kern: str | None = None  # kern slug
    life_domain: str | None = None  # CaseLifeDomain code
    legal_framework: str | None = None  # legal-framework code of the referred provision

    @property
    def months(self) -> list[tuple[int, int]]:
        count = (self.end[0] * 12 + self.end[1]) - (self.start[0] * 12 + self.start[1]) + 1
        return [_shift(*self.start, i) for i in range(count)]

    @property
    def start_at(self) -> datetime:
        return datetime(*self.start, 1, tzinfo=UTC)

    @property
    def end_before(self) -> datetime:
        return datetime(*_shift(*self.end, 1), 1, tzinfo=UTC)

    def args(self) -> dict[str, str]:
        """The URL query arguments that reproduce these filters."""
        values = {"van": _ym(self.start), "tot": _ym(self.end),
                  "kern": self.kern, "leefgebied": self.life_domain, "wet": self.legal_framework}
        return {k: v for k, v in values.items() if v}

    def describe(self) -> str:
        """For the audit log: the filters, never anything about a person."""
        return " ".join(f"{k}={v}" for k, v in self.args().items())


def parse_filters(args: Mapping[str, str], kern_slugs: Container[str], *, on: date) -> Filters:
    """Filters from URL arguments; anything unknown or malformed falls back to the default
    (the last 12 months up to ``on``, every kern, every life domain, every legal framework)."""
    end = _parse_month(args.get("tot")) or (on.year, on.month)
    start = _parse_month(args.get("van")) or _shift(*end, -(DEFAULT_MONTHS - 1))
    if start > end:
        start, end = end, start
    if (end[0] * 12 + end[1]) - (start[0] * 12 + start[1]) >= MAX_MONTHS:
        start = _shift(*end, -(MAX_MONTHS - 1))
    kern = (args.get("kern") or "").strip().lower() or None
    domain = args.get("leefgebied") or None
    law = args.get("wet") or None
    return Filters(start=start, end=end, on=on, kern=kern if kern in kern_slugs else None,
                   life_domain=domain if domain in LIFE_DOMAIN_CODES else None,
                   legal_framework=law if law in LEGAL_FRAMEWORK_CODES else None)


# --- tables and suppression ----------------------------------------------------------------

@dataclass
class Cell:
    value: float | None = 0  # the number (None: nothing to compute from)
    cases: int | None = None  # distinct residents behind it (None: not about residents)
    hidden: str | None = None  # SMALL or HIDDEN once suppressed
    text: str = ""  # what page, chart and CSV show

    @property
    def shown(self) -> bool:
        return self.hidden is None and self.value is not None


@dataclass
class Column:
    key: str
    label: object
    kind: str = COUNT  # COUNT, SUM (of the row's counts), SHARE, AVERAGE
    numerator: tuple[str, ...] = ()  # SHARE: the count columns on top of the fraction


@dataclass
class Table:
    key: str  # also the CSV file name
    title: object
    row_header: object
    rows: list[tuple[str, object]]  # (key, label)
    columns: list[Column]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    residents: bool = True  # counts residents: suppression applies
    row_lines: bool = True  # the counts of a row add up to something meaningful
    total_row: bool = True
    chart: tuple[str, ...] = ()  # columns drawn in the chart (series)
    note: object = ""
    unit: str = ""  # chart axis unit, e.g. "dagen"
    total_averages: dict[str, tuple[float | None, int]] = field(default_factory=dict)

    @property
    def count_columns(self) -> list[str]:
        return [c.key for c in self.columns if c.kind == COUNT]

    @property
    def all_rows(self) -> list[tuple[str, object]]:
        return self.rows + ([(TOTAL_ROW, _l("Totaal"))] if self.total_row else [])

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.setdefault((row, column), Cell())

    def display(self) -> list[list[str]]:
        """Header plus one line per row, as shown: the page table and the CSV use this."""
        lines = [[str(self.row_header)] + [str(c.label) for c in self.columns]]
        for key, label in self.all_rows:
            lines.append([str(label)] + [self.cell(key, c.key).text for c in self.columns])
        return lines

    @property
    def has_hidden(self) -> bool:
        return any(c.hidden for c in self.cells.values())


def _fmt(kind: str, value: float | None) -> str:
    if value is None:
        return NO_DATA
    if kind == SHARE:
        return f"{round(value * 100)}%"
    if kind == AVERAGE:
        return str(format_decimal(round(value, 1), format="#,##0.0"))
    return str(format_decimal(int(value), format="#,##0"))


def suppress(table: Table) -> Table:
    """Suppress small cells and what could reveal them; fill every cell's text.

    The one place that decides what is shown: the page table, the SVG chart and the CSV
    all read ``Cell.text`` / ``Cell.shown`` after this."""
    rows = [key for key, _label in table.rows]
    counts = table.count_columns
    if table.residents:
        _suppress_small(table, rows, counts)
    # Derived columns per row, then the total row.
    for r in rows:
        _derive_row(table, r, counts)
    if table.total_row:
        _derive_total_row(table, rows, counts)
    _fill_texts(table)
    return table


def _suppress_small(table: Table, rows: list[str], counts: list[str]) -> None:
    """Primary suppression of small counts, then secondary suppression per line."""
    for r in rows:
        for c in counts:
            cell = table.cell(r, c)
            if cell.value and (cell.cases or 0) < MIN_RESIDENTS:
                cell.hidden = SMALL
    lines = [[(r, c) for r in rows] for c in counts]
    if table.row_lines:
        lines += [[(r, c) for c in counts] for r in rows]
    _secondary(table, lines)


def _hide_average(table: Table, cell: Cell, inputs_hidden: bool, cases: int) -> None:
    """An average is hidden when what it is computed from is, or it rests on few residents."""
    if cell.value is not None and table.residents and (inputs_hidden or cases < MIN_RESIDENTS):
        cell.hidden = HIDDEN


def _derive_row(table: Table, r: str, counts: list[str]) -> None:
    """The row's derived columns: its total, shares and averages."""
    row_hidden = any(table.cell(r, c).hidden for c in counts)
    row_sum = sum(table.cell(r, c).value or 0 for c in counts)
    mark = HIDDEN if row_hidden else None
    for column in table.columns:
        cell = table.cell(r, column.key)
        if column.kind == SUM:
            cell.value = row_sum
            cell.hidden = mark
        elif column.kind == SHARE:
            top = sum(table.cell(r, c).value or 0 for c in column.numerator)
            cell.value = top / row_sum if row_sum else None
            cell.hidden = mark
        elif column.kind == AVERAGE:
            _hide_average(table, cell, row_hidden, cell.cases or 0)


def _total_count(table: Table, rows: list[str], column: Column, cell: Cell) -> None:
    cell.value = sum(table.cell(r, column.key).value or 0 for r in rows)
    cell.hidden = HIDDEN if any(table.cell(r, column.key).hidden for r in rows) else None


def _derive_total_row(table: Table, rows: list[str], counts: list[str]) -> None:
    """The total row: column totals, the grand total, overall shares and averages."""
    any_hidden = any(table.cell(r, c).hidden for r in rows for c in counts)
    grand = sum(table.cell(r, c).value or 0 for r in rows for c in counts)
    mark = HIDDEN if any_hidden else None
    for column in table.columns:
        cell = table.cell(TOTAL_ROW, column.key)
        if column.kind == COUNT:
            _total_count(table, rows, column, cell)
        elif column.kind == SUM:
            cell.value, cell.hidden = grand, mark
        elif column.kind == SHARE:
            top = sum(table.cell(r, c).value or 0 for r in rows for c in column.numerator)
            cell.value = top / grand if grand else None
            cell.hidden = mark
        elif column.kind == AVERAGE:
            value, cases = table.total_averages.get(column.key, (None, 0))
            cell.value, cell.cases = value, cases
            _hide_average(table, cell, any_hidden, cases)


def _fill_texts(table: Table) -> None:
    """Every cell's text: its suppression mark, or its formatted number."""
    for (_r, c), cell in table.cells.items():
        kind = next((col.kind for col in table.columns if col.key == c), COUNT)
        cell.text = cell.hidden or _fmt(kind, cell.value)


def _secondary(table: Table, lines: list[list[tuple[str, str]]]) -> None:
    """Hide a second cell in every line that has exactly one hidden cell, until none has."""
    crossing: dict[tuple[str, str], list[list[tuple[str, str]]]] = {}
    for line in lines:
        for key in line:
            crossing.setdefault(key, []).append(line)
    order = {key: i for i, key in enumerate(k for line in lines for k in line)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [k for k in line if table.cell(*k).hidden]
            if len(hidden) != 1:
                continue
            candidates = [k for k in line if not table.cell(*k).hidden]
            if not candidates:
                continue  # a line of one cell: its total is hidden with it

            def urgency(key: tuple[str, str],
                        line: list[tuple[str, str]] = line) -> tuple[float, int, int]:
                others = [ln for ln in crossing[key] if ln is not line]
                single = any(sum(1 for k in ln if table.cell(*k).hidden) == 1 for ln in others)
                return (table.cell(*key).value or 0, 0 if single else 1, order[key])

            table.cell(*min(candidates, key=urgency)).hidden = HIDDEN
            changed = True


def to_csv(table: Table) -> str:
    """The table as shown, as CSV; cells that a spreadsheet would run as a formula (a
    search typed by anyone: ``=HYPERLINK(…)``) are neutralised (``app.hygiene``)."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerows(table.display())
    return out.getvalue()


# --- SQL helpers ------------------------------------------------------------------------------

def _dialect(session: DbSession) -> str:
    return session.get_bind().dialect.name


def _month_expr(session: DbSession, column: Column_) -> ColumnElement[str]:
    if _dialect(session) == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    # SQLite keeps UTC as ISO text ("YYYY-MM-DD HH:MM:SS..."): the first 7 characters are
    # the month, several times faster than strftime() on a year of referrals.
    return func.substr(column, 1, 7)


def _days_between(session: DbSession, start: Column_,
                  end: Column_) -> ColumnElement[float | Decimal]:
    if _dialect(session) == "postgresql":
        return func.extract("epoch", end - start) / 86400.0
    return func.julianday(end) - func.julianday(start)


def _kern_ids(session: DbSession) -> dict[str, uuid.UUID]:
    return {slug: id_ for slug, id_ in session.execute(select(Kern.slug, Kern.id))}


def _case_filters(session: DbSession, filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.kern:
        where.append(Case.kern_id == _kern_ids(session).get(filters.kern))
    if filters.life_domain:
        where.append(exists().where(CaseLifeDomain.case_id == Case.id,
                                    CaseLifeDomain.code == filters.life_domain))
    return where


def _referral_filters(session: DbSession, filters: Filters, *,
                      period: bool = True) -> list[ColumnElement[bool]]:
    where = _case_filters(session, filters)
    if period:
        where += [Referral.created_at >= _param_time(session, filters.start_at),
                  Referral.created_at < _param_time(session, filters.end_before)]
    if filters.legal_framework:
        where.append(exists().where(
            service_legal_framework.c.service_id == Referral.service_id,
            service_legal_framework.c.taxonomy_term_id == TaxonomyTerm.id,
            TaxonomyTerm.taxonomy == "wettelijk-kader",
            TaxonomyTerm.code == filters.legal_framework))
    return where


def _param_time(session: DbSession, moment: datetime) -> datetime:
    # SQLite stores naive UTC text; compare like with like.
    return moment.replace(tzinfo=None) if _dialect(session) == "sqlite" else moment


def _referrals(session: DbSession, filters: Filters, *columns: Any,
               period: bool = True) -> Select[Any]:
    return (select(*columns).select_from(Referral).join(Case, Case.id == Referral.case_id)
            .where(*_referral_filters(session, filters, period=period)))


def _month_label(year: int, month: int) -> str:
    from flask_babel import format_date

    return str(format_date(date(year, month, 1), "MMM yyyy"))


def _tier_columns(with_totals: bool = True) -> list[Column]:
    columns = [Column(t.code, TIER_SHORT[t.code]) for t in TIERS]
    if with_totals:
        columns += [Column("totaal", _l("totaal"), SUM),
                    Column("licht", _l("aandeel algemeen + voorliggend"), SHARE,
                           numerator=("algemeen", "voorliggend"))]
    return columns


def _kern_rows(session: DbSession, filters: Filters) -> list[tuple[str, object]]:
    kernen = session.execute(select(Kern.slug, Kern.name).order_by(Kern.sort_order, Kern.name))
    return [(slug, name) for slug, name in kernen if not filters.kern or slug == filters.kern]


# --- the dashboard ------------------------------------------------------------------------------

def per_month(session: DbSession, filters: Filters) -> Table:
    month = _month_expr(session, Referral.created_at)
    table = Table("per-maand", _l("Verwijzingen per maand en niveau"), _l("Maand"),
                  rows=[(_ym(ym), _month_label(*ym)) for ym in filters.months],
                  columns=_tier_columns(), chart=("algemeen", "voorliggend", "maatwerk"))
    stmt = (_referrals(session, filters, month, Referral.tier, func.count(Referral.id),
                       func.count(distinct(Referral.case_id))).group_by(month, Referral.tier))
    for key, tier, n, cases in session.execute(stmt):
        table.cells[(key, tier)] = Cell(n, cases)
    return suppress(table)


def _grouping(session: DbSession, filters: Filters,
              by: str) -> tuple[list[tuple[str, object]], Callable[[uuid.UUID | None], str]]:
    """Rows and a kern id → row key function: per kern, or per kernteam (the team whose
    kernen include the case's kern; kernen without a team in a row of their own)."""
    if by == "kern":
        slugs = {id_: slug for slug, id_ in _kern_ids(session).items()}
        return _kern_rows(session, filters), lambda kern_id: slugs.get(kern_id, "?")
    kern_team = dict(session.execute(select(team_kern.c.kern_id, team_kern.c.team_id)).all())
    if filters.kern:  # the kernteam of the chosen kern only
        chosen = kern_team.get(_kern_ids(session).get(filters.kern))
        teams = session.execute(select(Team.id, Team.name).where(Team.id == chosen)).all()
    else:
        teams = session.execute(select(Team.id, Team.name).order_by(Team.name)).all()
    rows = [(str(id_), name) for id_, name in teams] + [(NO_TEAM, _l("kernen zonder kernteam"))]
    return rows, lambda kern_id: str(kern_team[kern_id]) if kern_id in kern_team else NO_TEAM


GROUP_HEADERS = {"kern": _l("Kern"), "kernteam": _l("Kernteam")}


def _hidden_like_kernen(session: DbSession, filters: Filters, table: Table,
                        build: Callable[..., Table]) -> None:
    """A kernteam's row is the sum of its kernen's rows in the per-kern table, which is on
    the same page: subtracting the kernen that are shown from a team's sum would give
    back a kern that is hidden there.  So a team's count is hidden ("x") wherever one of
    its kernen is hidden in the per-kern table; ``suppress`` then adds what else must go."""
    per_kern = build(session, filters, by="kern")
    slug_ids = _kern_ids(session)
    kern_team = dict(session.execute(select(team_kern.c.kern_id, team_kern.c.team_id)).all())
    for (slug, column), cell in per_kern.cells.items():
        if slug == TOTAL_ROW or not cell.hidden or column not in table.count_columns:
            continue
        team = kern_team.get(slug_ids.get(slug))
        key = str(team) if team is not None else NO_TEAM
        if any(k == key for k, _ in table.rows):
            table.cell(key, column).hidden = HIDDEN
NO_TEAM = "zonder-kernteam"


def per_kern(session: DbSession, filters: Filters, by: str = "kern") -> Table:
    rows, key_of = _grouping(session, filters, by)
    table = Table("per-kern" if by == "kern" else "per-kernteam",
                  _l("Verwijzingen per kern en niveau") if by == "kern"
                  else _l("Verwijzingen per kernteam en niveau"), GROUP_HEADERS[by],
                  rows=rows, columns=_tier_columns(),
                  chart=("algemeen", "voorliggend", "maatwerk"))
    stmt = (_referrals(session, filters, Case.kern_id, Referral.tier, func.count(Referral.id),
                       func.count(distinct(Referral.case_id))).group_by(Case.kern_id, Referral.tier))
    for kern_id, tier, n, cases in session.execute(stmt):
        cell = table.cell(key_of(kern_id), tier)  # several kernen add up in one kernteam
        table.cells[(key_of(kern_id), tier)] = Cell((cell.value or 0) + n, (cell.cases or 0) + cases)
    if by == "kernteam":
        _hidden_like_kernen(session, filters, table, per_kern)
    return suppress(table)


def skip_reasons(session: DbSession, filters: Filters) -> Table:
    """Referrals to heavier provisions past lighter ones, per reason the lighter one was
    skipped (a referral with two reasons counts under each)."""
    tiers = ("voorliggend", "maatwerk")
    table = Table("redenen", _l("Waarom lichtere voorzieningen zijn overgeslagen"), _l("Reden"),
                  rows=[(t.code, t.label) for t in SKIP_REASONS],
                  columns=[Column(t, _l("naar %(tier)s", tier=TIER_SHORT[t])) for t in tiers],
                  chart=tiers, total_row=False,
                  note=_l("Aantal verwijzingen naar een voorliggende of maatwerkvoorziening "
                          "waarbij een lichtere voorziening om deze reden is overgeslagen. "
                          "Eén verwijzing kan meer redenen hebben."))
    stmt = (_referrals(session, filters, ReferralSkip.reason, Referral.tier,
                       func.count(distinct(Referral.id)), func.count(distinct(Referral.case_id)))
            .join(ReferralSkip, ReferralSkip.referral_id == Referral.id)
            .where(Referral.tier.in_(tiers)).group_by(ReferralSkip.reason, Referral.tier))
    known = {key for key, _ in table.rows}
    for reason, tier, n, cases in session.execute(stmt):
        if reason in known:
            table.cells[(reason, tier)] = Cell(n, cases)
    return suppress(table)


def decisions(session: DbSession, filters: Filters) -> Table:
    """How the lightest-suitable rule decided each referral (its recorded outcome code),
    per tier of the provision chosen."""
    table = Table("afweging", _l("Hoe is gekozen: lichtste hulp, onderbouwd zwaarder of buiten "
                                 "de suggesties"), _l("Keuze"),
                  rows=[(t.code, t.label) for t in DECISIONS],
                  columns=[*_tier_columns(False), Column("totaal", _l("totaal"), SUM)],
                  chart=("algemeen", "voorliggend", "maatwerk"),
                  note=_l("Elke verwijzing legt vast wat de regel zag en besliste. ‘Zwaarder, met "
                          "onderbouwing’: er waren lichtere opties, elk met een reden, en de "
                          "afweging is vastgelegd."))
    stmt = (_referrals(session, filters, Referral.decision, Referral.tier, func.count(Referral.id),
                       func.count(distinct(Referral.case_id)))
            .group_by(Referral.decision, Referral.tier))
    for decision, tier, n, cases in session.execute(stmt):
        table.cells[(decision, tier)] = Cell(n, cases)
    return suppress(table)


def outcomes(session: DbSession, filters: Filters) -> Table:
    columns = [Column(o, OUTCOME_LABELS[o]) for o in REFERRAL_OUTCOMES]
    columns += [Column("totaal", _l("totaal"), SUM),
                Column("bereikt", _l("aandeel (deels) bereikt"), SHARE,
                       numerator=("reached", "partly"))]
    table = Table("uitkomsten", _l("Uitkomsten van afgeronde verwijzingen per niveau"),
                  _l("Niveau"), rows=[(t.code, t.label) for t in TIERS], columns=columns,
                  chart=REFERRAL_OUTCOMES)
    stmt = (_referrals(session, filters, Referral.tier, Referral.outcome, func.count(Referral.id),
                       func.count(distinct(Referral.case_id)))
            .where(Referral.outcome.is_not(None)).group_by(Referral.tier, Referral.outcome))
    for tier, outcome, n, cases in session.execute(stmt):
        table.cells[(tier, outcome)] = Cell(n, cases)
    return suppress(table)


def handover_time(session: DbSession, filters: Filters) -> Table:
    """Average days from opening the case to the warm handover, per tier."""
    days = _days_between(session, Case.created_at, Referral.handed_over_at)
    table = Table("doorlooptijd", _l("Tijd van casus tot warme overdracht"), _l("Niveau"),
                  rows=[(t.code, t.label) for t in TIERS],
                  columns=[Column("n", _l("overdrachten")),
                           Column("dagen", _l("gemiddeld aantal dagen"), AVERAGE)],
                  chart=("dagen",), unit="dagen")
    handed = Referral.handed_over_at.is_not(None)
    per_tier = (_referrals(session, filters, Referral.tier, func.avg(days), func.count(Referral.id),
                           func.count(distinct(Referral.case_id)))
                .where(handed).group_by(Referral.tier))
    for tier, avg, n, cases in session.execute(per_tier):
        table.cells[(tier, "n")] = Cell(n, cases)
        table.cells[(tier, "dagen")] = Cell(float(avg) if avg is not None else None, cases)
    # The overall average from the per-tier ones (one scan less).  Its residents: at least
    # the largest tier's; it is shown only when no tier is hidden, so that is enough.
    parts = [(table.cells[(k, "dagen")].value, table.cells[(k, "n")].value,
              table.cells[(k, "n")].cases or 0) for k, _label in table.rows if (k, "n") in table.cells]
    handovers = sum(n or 0 for _avg, n, _cases in parts)
    overall = (sum(avg * (n or 0) for avg, n, _cases in parts if avg is not None) / handovers
               if handovers else None)
    table.total_averages["dagen"] = (overall, max((c for *_rest, c in parts), default=0))
    for key, _label in table.rows:
        table.cells.setdefault((key, "dagen"), Cell(None, 0))
    return suppress(table)


def overdue(session: DbSession, filters: Filters) -> Table:
    """Reviews and check-ins past their date today, per kern (the period does not apply;
    the legal framework applies to reviews only)."""
    slugs = {id_: slug for slug, id_ in _kern_ids(session).items()}
    on = filters.on
    table = Table("achterstand", _l("Evaluaties en check-ins over de datum (vandaag)"), _l("Kern"),
                  rows=_kern_rows(session, filters),
                  columns=[Column("evaluaties", _l("evaluaties te laat")),
                           Column("checkins", _l("check-ins te laat"))],
                  chart=("evaluaties", "checkins"), row_lines=False)
    reviews = (_referrals(session, filters, Case.kern_id, func.count(Referral.id),
                          func.count(distinct(Referral.case_id)), period=False)
               .where(Referral.status == "active", Referral.review_date < on)
               .group_by(Case.kern_id))
    for kern_id, n, cases in session.execute(reviews):
        table.cells[(slugs.get(kern_id, "?"), "evaluaties")] = Cell(n, cases)
    checkins = (select(Case.kern_id, func.count(Case.id))
                .where(Case.next_checkin < on, Case.anonymised_at.is_(None),
                       *_case_filters(session, filters))
                .group_by(Case.kern_id))
    for kern_id, n in session.execute(checkins):
        table.cells[(slugs.get(kern_id, "?"), "checkins")] = Cell(n, n)
    return suppress(table)


def _period(session: DbSession, column: Column_, filters: Filters) -> list[ColumnElement[bool]]:
    return [column >= _param_time(session, filters.start_at),
            column < _param_time(session, filters.end_before)]


def _date_period(column: Column_, filters: Filters) -> list[ColumnElement[bool]]:
    return [column >= filters.start_at.date(), column < filters.end_before.date()]


def signal_sources(session: DbSession, filters: Filters) -> Table:
    """Where the signal came from, for the cases opened in the period; households (a case
    with two or more people registered) counted apart."""
    from app.domain.cases import SIGNAL_SOURCE_LABELS

    unknown = "onbekend"
    table = Table("signalen", _l("Waar het signaal vandaan kwam (casussen geopend in de periode)"),
                  _l("Signaal van"),
                  rows=[(code, SIGNAL_SOURCE_LABELS[code]) for code in SIGNAL_SOURCES]
                  + [(unknown, _l("niet vastgelegd"))],
                  columns=[Column("casussen", _l("casussen")),
                           Column("gezinnen", _l("waarvan gezinnen (2 of meer personen)"))],
                  chart=("casussen",), row_lines=False)
    people = (select(func.count(HouseholdMember.id)).where(HouseholdMember.case_id == Case.id)
              .correlate(Case).scalar_subquery())
    stmt = (select(Case.signal_source, func.count(Case.id),
                   func.sum(case((people >= 2, 1), else_=0)))
            .where(*_case_filters(session, filters), *_period(session, Case.created_at, filters))
            .group_by(Case.signal_source))
    for source, n, households in session.execute(stmt):
        key = source if source in SIGNAL_SOURCES else unknown
        table.cells[(key, "casussen")] = Cell(n, n)
        table.cells[(key, "gezinnen")] = Cell(households or 0, households or 0)
    return suppress(table)


def plan_reviews(session: DbSession, filters: Filters, by: str = "kern") -> Table:
    """Household plans reviewed in the period, per kern or kernteam: on time (on or before
    the date that was planned) or late."""
    rows, key_of = _grouping(session, filters, by)
    table = Table("planevaluaties" if by == "kern" else "planevaluaties-kernteam",
                  _l("Plannen geëvalueerd in de periode: op tijd of te laat"),
                  GROUP_HEADERS[by], rows=rows,
                  columns=[Column("op-tijd", _l("op tijd")), Column("te-laat", _l("te laat")),
                           Column("totaal", _l("totaal"), SUM),
                           Column("aandeel", _l("aandeel op tijd"), SHARE, numerator=("op-tijd",))],
                  chart=("op-tijd", "te-laat"),
                  note=_l("Een evaluatie zonder geplande datum telt als op tijd."))
    late = case((and_(PlanReview.due_on.is_not(None), PlanReview.held_on > PlanReview.due_on),
                 "te-laat"), else_="op-tijd")
    stmt = (select(Case.kern_id, late, func.count(PlanReview.id), func.count(distinct(Case.id)))
            .select_from(PlanReview).join(Case, Case.id == PlanReview.case_id)
            .where(*_case_filters(session, filters), *_date_period(PlanReview.held_on, filters))
            .group_by(Case.kern_id, late))
    for kern_id, column, n, cases in session.execute(stmt):
        cell = table.cell(key_of(kern_id), column)
        table.cells[(key_of(kern_id), column)] = Cell((cell.value or 0) + n, (cell.cases or 0) + cases)
    if by == "kernteam":
        _hidden_like_kernen(session, filters, table, plan_reviews)
    return suppress(table)


def self_reliance(session: DbSession, filters: Filters, by: str = "kern") -> Table:
    """Households whose self-reliance (ZRM) was scored again in the period, per kern:
    improved (the latest score is higher than the intake's in a life domain, lower in
    none), unchanged or mixed, or worse.  Computed here per case; only counts leave."""
    rows, key_of = _grouping(session, filters, by)
    table = Table("zelfredzaamheid" if by == "kern" else "zelfredzaamheid-kernteam",
                  _l("Zelfredzaamheid (ZRM): huishoudens met een nieuwe meting in de periode"),
                  GROUP_HEADERS[by], rows=rows,
                  columns=[Column("beter", _l("verbeterd")),
                           Column("gelijk", _l("gelijk of wisselend")),
                           Column("slechter", _l("verslechterd")),
                           Column("totaal", _l("totaal"), SUM),
                           Column("aandeel", _l("aandeel verbeterd"), SHARE, numerator=("beter",))],
                  chart=("beter", "gelijk", "slechter"))
    scored = (select(ZrmScore.case_id).where(ZrmScore.moment == "evaluatie",
                                             *_date_period(ZrmScore.assessed_on, filters)))
    stmt = (select(Case.id, Case.kern_id, ZrmScore.life_domain, ZrmScore.moment,
                   ZrmScore.assessed_on, ZrmScore.score)
            .join(ZrmScore, ZrmScore.case_id == Case.id)
            .where(Case.id.in_(scored), *_case_filters(session, filters),
                   ZrmScore.assessed_on < filters.end_before.date())
            .order_by(Case.id, ZrmScore.life_domain, ZrmScore.assessed_on,
                      ZrmScore.moment != "intake"))
    first: dict[tuple[uuid.UUID, str], int] = {}
    last: dict[tuple[uuid.UUID, str], int] = {}
    kern_of: dict[uuid.UUID, uuid.UUID | None] = {}
    for case_id, kern_id, domain, _moment, _on, score in session.execute(stmt):
        kern_of[case_id] = kern_id
        first.setdefault((case_id, domain), score)
        last[(case_id, domain)] = score
    verdict: dict[uuid.UUID, tuple[bool, bool]] = {}
    for (case_id, domain), start in first.items():
        change = last[(case_id, domain)] - start
        up, down = verdict.get(case_id, (False, False))
        verdict[case_id] = (up or change > 0, down or change < 0)
    counts: dict[tuple[str, str], int] = {}
    for case_id, (up, down) in verdict.items():
        column = "slechter" if down and not up else "beter" if up and not down else "gelijk"
        key = (key_of(kern_of[case_id]), column)
        counts[key] = counts.get(key, 0) + 1
    for key, n in counts.items():
        table.cells[key] = Cell(n, n)
    if by == "kernteam":
        _hidden_like_kernen(session, filters, table, self_reliance)
    return suppress(table)


def dashboard(session: DbSession, filters: Filters) -> list[Table]:
    return [build(session, filters) for build in DASHBOARD.values()]


# --- the map's health -------------------------------------------------------------------------

def provisions_per_kern(session: DbSession, filters: Filters | None = None) -> Table:
    """Published provisions per kern (located in it or serving it) and tier; a provision
    in several kernen counts in each, one for all of Berkelland in its own row."""
    areas = select(ServiceArea.service_id.label("sid"), ServiceArea.kern_id.label("kid")).where(
        or_(ServiceArea.kern_id.is_not(None), ServiceArea.name == MUNICIPALITY))
    places = (select(ServiceAtLocation.service_id.label("sid"), Location.kern_id.label("kid"))
              .join(Location, Location.id == ServiceAtLocation.location_id)
              .where(Location.kern_id.is_not(None)))
    links = union(areas, places).subquery()
    stmt = (select(links.c.kid, Service.tier, func.count(distinct(Service.id)))
            .join(Service, Service.id == links.c.sid).where(Service.is_public)
            .group_by(links.c.kid, Service.tier))
    slugs = {id_: slug for slug, id_ in _kern_ids(session).items()}
    rows = _kern_rows(session, Filters((2000, 1), (2000, 1), date(2000, 1, 1)))  # every kern
    rows.append((WHOLE_MUNICIPALITY, _l("heel Berkelland")))
    table = Table("voorzieningen", _l("Voorzieningen per kern en niveau"), _l("Kern"), rows=rows,
                  columns=_tier_columns(with_totals=False), residents=False, total_row=False,
                  chart=("algemeen", "voorliggend", "maatwerk"),
                  note=_l("Gepubliceerde voorzieningen. Een voorziening in meer kernen telt in "
                          "elke kern mee."))
    for kern_id, tier, n in session.execute(stmt):
        table.cells[(slugs.get(kern_id, WHOLE_MUNICIPALITY) if kern_id else WHOLE_MUNICIPALITY,
                     tier)] = Cell(n)
    return suppress(table)


def freshness(session: DbSession, filters: Filters) -> Table:
    """Per tier: checked by a person within its review interval, past it, or never (on the
    day of ``filters.on``)."""
    on = filters.on
    if _dialect(session) == "postgresql":
        age = literal(on) - Service.assured_date
    else:
        age = func.julianday(literal(on.isoformat())) - func.julianday(Service.assured_date)
    in_time = and_(Service.assured_date.is_not(None), age <= Service.review_interval_days)
    late = and_(Service.assured_date.is_not(None), age > Service.review_interval_days)
    stmt = (select(Service.tier,
                   func.sum(case((in_time, 1), else_=0)), func.sum(case((late, 1), else_=0)),
                   func.sum(case((Service.assured_date.is_(None), 1), else_=0)))
            .where(Service.is_public).group_by(Service.tier))
    table = Table("actualiteit", _l("Hoe actueel is de kaart?"), _l("Niveau"),
                  rows=[(t.code, t.label) for t in TIERS],
                  columns=[Column("op-tijd", _l("op tijd gecontroleerd")),
                           Column("te-laat", _l("controle te laat")),
                           Column("nooit", _l("nooit gecontroleerd")),
                           Column("totaal", _l("totaal"), SUM),
                           Column("aandeel", _l("aandeel op tijd"), SHARE, numerator=("op-tijd",))],
                  residents=False, chart=("op-tijd", "te-laat", "nooit"),
                  note=_l("Op tijd: door een redacteur gecontroleerd binnen de eigen "
                          "controletermijn van de voorziening."))
    for tier, good, bad, never in session.execute(stmt):
        table.cells[(tier, "op-tijd")] = Cell(int(good or 0))
        table.cells[(tier, "te-laat")] = Cell(int(bad or 0))
        table.cells[(tier, "nooit")] = Cell(int(never or 0))
    return suppress(table)


def open_reports(session: DbSession, filters: Filters | None = None) -> Table:
    stmt = (select(ChangeReport.kind, Service.tier, func.count(ChangeReport.id))
            .join(Service, Service.id == ChangeReport.service_id)
            .where(ChangeReport.resolved_at.is_(None)).group_by(ChangeReport.kind, Service.tier))
    table = Table("meldingen", _l("Openstaande meldingen van wijzigingen"), _l("Soort melding"),
                  rows=[(k, REPORT_KIND_LABELS[k]) for k in REPORT_KINDS],
                  columns=_tier_columns(with_totals=False) + [Column("totaal", _l("totaal"), SUM)],
                  residents=False, chart=("algemeen", "voorliggend", "maatwerk"))
    for kind, tier, n in session.execute(stmt):
        table.cells[(kind, tier)] = Cell(n)
    return suppress(table)


def top_searches(session: DbSession, filters: Filters) -> Table:
    """The most frequent public searches without any result in the period (words only)."""
    words = func.lower(SearchSignal.query)
    stmt = (select(words, func.count(SearchSignal.id))
            .where(SearchSignal.result_count == 0, SearchSignal.query != "",
                   SearchSignal.at >= _param_time(session, filters.start_at),
                   SearchSignal.at < _param_time(session, filters.end_before))
            .group_by(words).order_by(func.count(SearchSignal.id).desc(), words))
    if filters.kern:
        stmt = stmt.where(SearchSignal.kern == filters.kern)
    stmt = stmt.limit(TOP_SEARCHES)
    found = list(session.execute(stmt))
    table = Table("zoekopdrachten", _l("Meest gezocht zonder resultaat"), _l("Zoekwoorden"),
                  rows=[(f"q{i}", q) for i, (q, _n) in enumerate(found)],
                  columns=[Column("n", _l("keer gezocht"))], residents=False, total_row=False,
                  chart=("n",))
    for i, (_q, n) in enumerate(found):
        table.cells[(f"q{i}", "n")] = Cell(n)
    return suppress(table)


TableBuilder = Callable[[DbSession, Filters], Table]
DASHBOARD: dict[str, TableBuilder] = {"per-maand": per_month, "per-kern": per_kern, "afweging": decisions,
             "redenen": skip_reasons,
             "uitkomsten": outcomes, "doorlooptijd": handover_time, "achterstand": overdue,
             "signalen": signal_sources, "planevaluaties": plan_reviews,
             "zelfredzaamheid": self_reliance,
             "per-kernteam": lambda s, f: per_kern(s, f, by="kernteam"),
             "planevaluaties-kernteam": lambda s, f: plan_reviews(s, f, by="kernteam"),
             "zelfredzaamheid-kernteam": lambda s, f: self_reliance(s, f, by="kernteam")}
MAP: dict[str, TableBuilder] = {"voorzieningen": provisions_per_kern, "actualiteit": freshness,
       "meldingen": open_reports, "zoekopdrachten": top_searches}


def map_health(session: DbSession, filters: Filters) -> list[Table]:
    return [build(session, filters) for build in MAP.values()]
