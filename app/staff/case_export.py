"""Right of access (AVG art. 15): everything held about a case, derived from the model.

``case_tables()`` walks the SQLAlchemy metadata: the case table and every table that
hangs off it by foreign key (members, consents, referrals, their skips and status
history, check-ins, events, safety routes … and any child table added later).  Each
column of those tables is either shown (``SHOWN``: a Dutch label) or left out with a
reason (``LEFT_OUT``); ``tests/staff/test_case_export.py`` fails when a column is
neither, so a new column cannot silently stay out of the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import Table

from app.domain.cases import FAMILY_ROLE_LABELS, SIGNAL_SOURCE_LABELS, member_name
from app.extensions import db
from app.models import Base, Case, User
from app.staff import case_labels as labels
from app.templating import tier_label
from app.vocabulary import LEGAL_FRAMEWORKS, LIFE_DOMAINS, label

ROOT = "case_file"

# Table → the section's title.
SECTIONS = {
    "case_file": _l("Gegevens"),
    "case_life_domain": _l("Leefgebieden"),
    "case_member": _l("Wie toegang heeft tot de casus"),
    "safety_route": _l("Veiligheidsroute"),
    "consent": _l("Toestemmingen om informatie te delen"),
    "referral": _l("Verwijzingen en afspraken"),
    "referral_skip": _l("Lichtere hulp die niet is gekozen, en waarom"),
    "referral_transition": _l("Verloop van de verwijzing"),
    "checkin": _l("Waakvlamcontacten"),
    "case_event": _l("Gebeurtenissen"),
    "household_member": _l("Het gezin"),
    "plan_goal": _l("Doelen in het plan"),
    "outside_care": _l("Hulp van buiten Voormekaar"),
    "zrm_score": _l("Zelfredzaamheid (ZRM) door de tijd"),
    "plan_review": _l("Evaluaties van het plan"),
}

SHOWN: dict[str, dict[str, object]] = {
    "case_file": {
        "reference": _l("Casusnummer"), "initials": _l("Voorletters"),
        "birth_year": _l("Geboortejaar"), "kern_id": _l("Kern"), "question": _l("Uw vraag"),
        "own_strength": _l("Wat u zelf kunt en wie helpt"),
        "safety_concern": _l("Zorg om veiligheid vastgelegd"), "director_id": _l("Uw regisseur"),
        "status": _l("Status"), "created_at": _l("Geopend"), "closed_at": _l("Afgesloten op"),
        "checkin_weeks": _l("Waakvlam: contact elke … weken"),
        "next_checkin": _l("Volgende waakvlamcontact"), "anonymised_at": _l("Geanonimiseerd op"),
        "signal_source": _l("Waar het signaal vandaan kwam"),
        "plan_review_date": _l("Volgende evaluatie van het plan"),
    },
    "household_member": {
        "role": _l("Rol in het gezin"), "label": _l("Hoe het gezin deze persoon noemt"),
        "birth_year": _l("Geboortejaar"), "life_domains": _l("Waar het om gaat"),
        "is_contact": _l("De inwoner van de casus"),
    },
    "plan_goal": {
        "member_id": _l("Voor wie"), "life_domain": _l("Leefgebied"), "goal": _l("Doel"),
        "own_part": _l("Wat het gezin en het netwerk zelf doen"), "reached_on": _l("Bereikt op"),
        "created_by_id": _l("Vastgelegd door"), "created_at": _l("Vastgelegd op"),
    },
    "outside_care": {
        "member_id": _l("Voor wie"), "provider": _l("Wie de hulp geeft"), "what": _l("Wat"),
        "legal_framework": _l("Wettelijk kader"), "pgb": _l("Persoonsgebonden budget (pgb)"),
        "started_on": _l("Sinds"), "ended_on": _l("Tot"), "recorded_by_id": _l("Vastgelegd door"),
        "recorded_at": _l("Vastgelegd op"),
    },
    "zrm_score": {
        "life_domain": _l("Leefgebied"), "score": _l("ZRM-score (1 tot en met 5)"),
        "moment": _l("Moment"), "assessed_on": _l("Op"), "by_id": _l("Door"),
    },
    "plan_review": {
        "due_on": _l("Gepland op"), "held_on": _l("Gehouden op"), "note": _l("Afspraken"),
        "by_id": _l("Door"), "at": _l("Vastgelegd op"),
    },
    "case_life_domain": {"code": _l("Leefgebied"), "zrm_score": _l("ZRM-score (1 tot en met 5)")},
    "case_member": {
        "user_id": _l("Medewerker"), "role": _l("Rol"), "expertise": _l("Deskundigheid"),
        "added_by_id": _l("Toegevoegd door"), "added_at": _l("Toegevoegd op"),
    },
    "consent": {
        "partner": _l("Met wie"), "scope": _l("Welke informatie, en waarvoor"),
        "given_on": _l("Gegeven op"), "withdrawn_on": _l("Ingetrokken op"),
        "recorded_by_id": _l("Vastgelegd door"),
    },
    "referral": {
        "service_id": _l("Voorziening"), "member_id": _l("Voor wie"), "tier": _l("Soort hulp"),
        "status": _l("Status"),
        "decision": _l("Hoe de keuze is gemaakt"),
        "need": _l("Uw hulpvraag zoals die bij de keuze gold"),
        "shown": _l("Welke hulp we bekeken"),
        "group_reason": _l("Reden voor alle lichtere hulp samen"),
        "group_reason_note": _l("Toelichting bij die reden"),
        "weighing_core_values": _l("Afweging: kernwaarden"),
        "weighing_lawfulness": _l("Afweging: rechtmatigheid"),
        "weighing_cost": _l("Afweging: financieel"),
        "outside_reason": _l("Reden voor hulp buiten de suggesties"),
        "contact_person": _l("Contactpersoon"), "agreed_outcome": _l("Beoogd resultaat"),
        "intensity": _l("Intensiteit"), "duration": _l("Duur"), "review_date": _l("Evaluatie"),
        "monitoring": _l("Hoe we het volgen"), "outcome": _l("Uitkomst"),
        "outcome_note": _l("Toelichting bij de uitkomst"), "created_by_id": _l("Gekozen door"),
        "created_at": _l("Gekozen op"), "handed_over_at": _l("Overgedragen op"),
        "ended_at": _l("Beëindigd op"),
    },
    "referral_skip": {
        "service_id": _l("Voorziening"), "tier": _l("Soort hulp"), "reason": _l("Reden"),
        "note": _l("Toelichting"), "fit": _l("Waarom deze hulp paste"),
        "shared": _l("Reden gold voor alle lichtere hulp samen"),
    },
    "referral_transition": {
        "from_status": _l("Van"), "to_status": _l("Naar"), "decision": _l("Besluit bij evaluatie"),
        "note": _l("Toelichting"), "by_id": _l("Door"), "at": _l("Op"),
    },
    "checkin": {"at": _l("Op"), "note": _l("Hoe het ging"), "by_id": _l("Door")},
    "case_event": {"kind": _l("Wat"), "detail": _l("Toelichting"), "by_id": _l("Door"),
                   "at": _l("Op"), "coach_id": _l("Coach die over de escalatie besluit")},
    "safety_route": {
        "kind": _l("Soort"), "consulted_on": _l("Veilig Thuis geraadpleegd op"),
        "consulted_with": _l("Met wie"), "advice": _l("Advies van Veilig Thuis"),
        "plan": _l("Afspraken van het veiligheidsplan"),
        "reason": _l("Waarom de route niet nodig was"), "by_id": _l("Door"), "at": _l("Op"),
    },
}

_KEY = "an internal random key: says nothing about the person"
_LINK = "the link to the case or referral this row belongs to (the section shows it)"
LEFT_OUT: dict[str, dict[str, str]] = {
    "case_file": {"id": _KEY},
    "case_life_domain": {"case_id": _LINK},
    "case_member": {"id": _KEY, "case_id": _LINK},
    "consent": {"id": _KEY, "case_id": _LINK},
    "referral": {"id": _KEY, "case_id": _LINK},
    "referral_skip": {"id": _KEY, "referral_id": _LINK},
    "referral_transition": {"id": _KEY, "referral_id": _LINK},
    "checkin": {"id": _KEY, "case_id": _LINK},
    "case_event": {"id": _KEY, "case_id": _LINK},
    "safety_route": {"id": _KEY, "case_id": _LINK},
    "household_member": {"id": _KEY, "case_id": _LINK, "position": _l("volgorde op het scherm")},
    "plan_goal": {"id": _KEY, "case_id": _LINK, "position": _l("volgorde op het scherm")},
    "outside_care": {"id": _KEY, "case_id": _LINK},
    "zrm_score": {"id": _KEY, "case_id": _LINK},
    "plan_review": {"id": _KEY, "case_id": _LINK},
}


def case_tables() -> list[Table]:
    """The case table and every table that refers to it, directly or through another
    such table, in metadata order."""
    found = {ROOT}
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name in found:
                continue
            if any(fk.column.table.name in found for fk in table.foreign_keys):
                found.add(table.name)
                changed = True
    return [t for t in Base.metadata.sorted_tables if t.name in found]


# --------------------------------------------------------------------------- values

@dataclass
class Item:
    label: str
    value: str


@dataclass
class Block:
    title: str  # "" for the case itself
    items: list[Item]
    children: list[Section]


@dataclass
class Section:
    table: str
    title: str
    blocks: list[Block]


def _user(user) -> str:
    return (user.display_name or user.email) if user is not None else "–"


def _value(table: str, column: str, row) -> str:
    value = getattr(row, column)
    if value is None or value == "":
        return "–"
    if column.endswith("_id"):
        return _reference(column, row, value)
    if isinstance(value, bool | datetime | date):
        return _typed(value)
    shown = _BY_TABLE_COLUMN.get((table, column)) or _BY_COLUMN.get(column)
    return shown(value, row) if shown is not None else str(value)


def _reference(column: str, row, value) -> str:
    """A foreign key: the kern's, the provision's or the household member's name (as the plan
    names them: "zoon, 14 jaar"); any other id is a user's."""
    if column == "kern_id":
        return row.kern.name
    if column == "service_id":
        return row.service.name if row.service is not None else "–"
    if column == "member_id":
        member = getattr(row, "member", None)
        return member_name(member) if member is not None else "–"
    return _user(db.session.get(User, value))


def _typed(value: bool | datetime | date) -> str:
    if isinstance(value, bool):
        return str(_l("ja") if value else _l("nee"))
    if isinstance(value, datetime):
        return format_datetime(value, "short")
    return format_date(value, "long")


def _life_domain(value, row) -> str:
    return str(label(LIFE_DOMAINS, value))


def _colleague_added(value, row) -> str:
    if row.kind != "collega-toegevoegd":
        return str(value)
    role, expertise = (value.split(":") + ["", ""])[:2]
    return labels.member_role(role) + (f" ({labels.expertise_label(expertise)})" if expertise else "")


def _shown_names(value, row) -> str:
    names = [s.get("naam", "") for key in ("suggesties", "lichter") for s in value.get(key) or []]
    return ", ".join(dict.fromkeys(n for n in names if n)) or "–"


def _skip_reason(value, row) -> str:
    return labels.skip_reason(value)


#: (table, column) → how its code reads; looked up before ``_BY_COLUMN``.
_BY_TABLE_COLUMN = {
    ("case_life_domain", "code"): _life_domain,
    ("plan_goal", "life_domain"): _life_domain,
    ("zrm_score", "life_domain"): _life_domain,
    ("household_member", "life_domains"):
        lambda value, row: ", ".join(str(label(LIFE_DOMAINS, c)) for c in value) or "–",
    ("household_member", "role"): lambda value, row: str(FAMILY_ROLE_LABELS.get(value, value)),
    ("case_file", "signal_source"): lambda value, row: str(SIGNAL_SOURCE_LABELS.get(value, value)),
    ("outside_care", "legal_framework"): lambda value, row: str(label(LEGAL_FRAMEWORKS, value)),
    ("zrm_score", "moment"):
        lambda value, row: str(_l("intake") if value == "intake" else _l("evaluatie")),
    ("case_file", "status"):
        lambda value, row: str(_l("open") if value == "open" else _l("afgesloten")),
    ("referral", "decision"): lambda value, row: labels.referral_decision(value),
    ("referral_transition", "decision"): lambda value, row: labels.review_decision(value),
    ("referral", "group_reason"): _skip_reason,
    ("referral", "reason"): _skip_reason,
    ("referral_skip", "group_reason"): _skip_reason,
    ("referral_skip", "reason"): _skip_reason,
    ("case_member", "role"): lambda value, row: labels.member_role(value),
    ("safety_route", "kind"):
        lambda value, row: str(_l("veiligheidsroute") if value == "route" else _l("uitzondering")),
    ("case_event", "detail"): _colleague_added,
}

#: column → how its code reads, in whichever table.
_BY_COLUMN = {
    "tier": lambda value, row: str(tier_label(value)),
    "status": lambda value, row: labels.referral_status(value),
    "from_status": lambda value, row: labels.referral_status(value),
    "to_status": lambda value, row: labels.referral_status(value),
    "outcome": lambda value, row: labels.referral_outcome(value),
    "fit": lambda value, row: labels.fit_label(value),
    "expertise": lambda value, row: labels.expertise_label(value),
    "need": lambda value, row: _need(value, label, LIFE_DOMAINS),
    "shown": _shown_names,
}


def _need(need: dict, label, domains) -> str:
    parts = []
    if need.get("leefgebieden"):
        parts.append(str(_l("leefgebieden: %(list)s", list=", ".join(
            str(label(domains, c)) for c in need["leefgebieden"]))))
    for key, text in (("kern", _l("kern")), ("leeftijd", _l("leeftijd")),
                      ("vraag", _l("vraag")), ("zoekwoorden", _l("zoekwoorden"))):
        if need.get(key) not in (None, ""):
            parts.append(f"{text}: {need[key]}")
    if need.get("doelgroepen"):
        parts.append(str(_l("doelgroepen: %(list)s", list=", ".join(need["doelgroepen"]))))
    if need.get("veiligheid"):
        parts.append(str(_l("zorg om veiligheid")))
    return "; ".join(parts) or "–"


def _items(table: str, row) -> list[Item]:
    return [Item(str(text), _value(table, column, row)) for column, text in SHOWN[table].items()]


_CHILDREN = {  # relationship on the parent → table
    "case_file": (("life_domains", "case_life_domain"), ("members", "case_member"),
                  ("safety_routes", "safety_route"), ("consents", "consent"),
                  ("referrals", "referral"), ("checkins", "checkin"), ("events", "case_event"),
                  ("household", "household_member"), ("goals", "plan_goal"),
                  ("outside_care", "outside_care"), ("zrm_scores", "zrm_score"),
                  ("plan_reviews", "plan_review")),
    "referral": (("skips", "referral_skip"), ("transitions", "referral_transition")),
}


def _sections(table: str, row) -> list[Section]:
    return [Section(child, str(SECTIONS[child]),
                    [Block("", _items(child, item), _sections(child, item))
                     for item in getattr(row, name)])
            for name, child in _CHILDREN.get(table, ())]


def export_of(case: Case) -> Block:
    """The whole case as labelled values: the case's own fields, then a section per child
    table (a referral's skips and status history inside the referral)."""
    return Block("", _items("case_file", case), _sections("case_file", case))


def exported_tables() -> set[str]:
    """The tables ``export_of`` walks (for the test: it must be every case table)."""
    tables = {"case_file"}
    for children in _CHILDREN.values():
        tables.update(t for _, t in children)
    return tables
