"""Who may do what on a case, enforced on the server (issue 14, findings 2 and 5).

``EXPECTED`` below is the role × case-action matrix: the specification.  The tests walk
every cell over HTTP — each case role (regisseur, collega, aandachtsfunctionaris, coach,
staff not on the case, editor, manager, admin) posts every write route of a case:

* allowed → the write succeeds (a redirect, and the database changed);
* not allowed → 403 (404 for staff not on the case: an id reveals nothing) and no row of
  the case's tables changed.

Closed and anonymised cases refuse every write with 409 and a Dutch message, whoever
posts.  ``python -m tests.staff.test_case_permissions`` prints the matrix as a table;
``docs/case-permissions.md`` records it and must match.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from tests import sites
from tests.staff.conftest import DATABASES, csrf_token, login_client, make_user

ROLES = ("regisseur", "collega", "aandachtsfunctionaris", "coach", "niet-betrokken",
         "editor", "manager", "admin")
MEMBER_ROLES = ("collega", "aandachtsfunctionaris", "coach")
WORKERS = {"regisseur", "collega", "aandachtsfunctionaris"}
DIRECTOR = {"regisseur"}
QUESTION = "Ik heb schulden en de post stapelt zich op"
DOC = Path(__file__).resolve().parents[2] / "docs" / "case-permissions.md"


@dataclass(frozen=True)
class Action:
    code: str  # the action's name in ``app.domain.cases.CASE_ACTIONS``
    label: str  # for the recorded table
    endpoint: str  # the view
    path: str  # under /staff/casussen/<id>; {consent}, {proposed}… are filled in
    form: dict = field(default_factory=dict)
    prepare: str = ""  # what the case needs first (see ``_prepare``)


def _today(days: int = 0) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


ACTIONS = (
    Action("bewerken", "Gegevens bewerken", "staff.case_edit", "/bewerken", {
        "initials": "J.K.", "birth_year": "1958", "kern": "Rekken", "question": QUESTION + " (bijgewerkt)",
        "own_strength": "Dochter", "leefgebied": "financien", "zrm-financien": "3"}),
    Action("collega-toevoegen", "Collega toevoegen", "staff.case_member", "/collega",
           {"user": "{extra}", "role": "collega"}),
    Action("regie-overdragen", "Regie overdragen", "staff.case_handover", "/regie",
           {"user": "{extra}", "reason": "Verhuisd naar Eibergen"}),
    Action("escaleren", "Escaleren", "staff.case_escalate", "/escalatie",
           {"reason": "Regels staan maatwerk in de weg", "coach": "{coach}"}, prepare="decided"),
    Action("escalatie-besluit", "Escalatiebesluit vastleggen", "staff.case_escalate", "/escalatie",
           {"decision": "Doorbraak: tijdelijke vergoeding"}, prepare="escalated"),
    Action("veiligheidsroute", "Veiligheidsroute vastleggen", "staff.case_safety", "/veiligheid", {
        "consulted_on": _today(), "consulted_with": "Veilig Thuis, mw. Aydin",
        "advice": "Veiligheidsplan maken", "plan": "Zus vangt op"}),
    Action("veiligheid-uitzondering", "Uitzondering op de veiligheidsroute", "staff.case_safety",
           "/veiligheid", {"kind": "uitzondering", "reason": "Al in beeld bij Veilig Thuis"}),
    Action("toestemming", "Toestemming vastleggen", "staff.case_consent", "/toestemming",
           {"partner": "Stadsbank Oost Nederland", "scope": "Schuldenoverzicht", "given_on": _today()}),
    Action("toestemming-intrekken", "Toestemming intrekken", "staff.case_consent_withdraw",
           "/toestemming/{consent}/intrekken"),
    Action("waakvlam-ritme", "Waakvlamritme instellen", "staff.case_waakvlam", "/waakvlam",
           {"weeks": "6"}),
    Action("waakvlamcontact", "Waakvlamcontact vastleggen", "staff.case_checkin", "/contact",
           {"note": "Gebeld: gaat goed"}),
    Action("afsluiten", "Casus afsluiten", "staff.case_close", "/sluiten", prepare="all-ended"),
    Action("verwijzen", "Verwijzen (voorziening kiezen)", "staff.case_refer", "/verwijzen",
           {"service": "{lightest}"}),
    Action("overdracht", "Warme overdracht vastleggen", "staff.referral_handover",
           "/verwijzingen/{proposed}/overdracht", {
               "contact_person": "Mw. De Vries", "agreed_outcome": "Vaste lasten betaald",
               "intensity": "1 keer per week", "duration": "6 maanden",
               "review_date": _today(56), "monitoring": "Belafspraak"}),
    Action("hulp-gestart", "Hulp gestart", "staff.referral_activate",
           "/verwijzingen/{handed_over}/start"),
    Action("evalueren", "Verwijzing evalueren", "staff.referral_review",
           "/verwijzingen/{active}/evaluatie",
           {"decision": "continue", "note": "Gaat goed", "next_review": _today(60)}),
    Action("verwijzing-beeindigen", "Verwijzing beëindigen", "staff.referral_end",
           "/verwijzingen/{active}/einde", {"outcome": "reached", "note": ""}),
    Action("plan", "Doel in het plan zetten", "staff.plan_goal", "/plan/doel",
           {"life_domain": "financien", "goal": "Weer overzicht over de post"}),
    Action("plan", "Doel bereikt", "staff.plan_goal_reached", "/plan/doel/{goal}/bereikt"),
    Action("zorg-elders", "Hulp van buiten Voormekaar vastleggen", "staff.plan_outside_care",
           "/plan/elders", {"provider": "Thuiszorg via de huisarts", "legal_framework": "zvw"}),
    Action("plan-evaluatie", "Plan evalueren", "staff.plan_review", "/plan/evaluatie",
           {"zrm-financien": "3", "note": "Post is op orde", "next_review": _today(90)}),
)

# The specification: which case roles may do each action.  Nobody who is not on the case
# (other staff, editor, manager, admin) writes anything.
EXPECTED: dict[str, set[str]] = {
    "bewerken": DIRECTOR,
    "collega-toevoegen": DIRECTOR,
    "regie-overdragen": DIRECTOR,
    "escaleren": WORKERS,
    "escalatie-besluit": {"coach"},  # only the coach the escalation names (issue 17)
    "veiligheidsroute": WORKERS,
    "veiligheid-uitzondering": {"aandachtsfunctionaris"},
    "toestemming": WORKERS,
    "toestemming-intrekken": WORKERS,
    "waakvlam-ritme": DIRECTOR,
    "waakvlamcontact": WORKERS,
    "afsluiten": DIRECTOR,
    "verwijzen": DIRECTOR,
    "overdracht": DIRECTOR,
    "hulp-gestart": DIRECTOR,
    "evalueren": DIRECTOR,
    "verwijzing-beeindigen": DIRECTOR,
    "plan": DIRECTOR,
    "zorg-elders": WORKERS,
    "plan-evaluatie": DIRECTOR,
}
MATRIX = [(role, action) for action in ACTIONS for role in ROLES]


def matrix_markdown() -> str:
    """The role × case-action matrix as a markdown table (from ``EXPECTED``)."""
    def refusal(role):
        return "404" if role == "niet-betrokken" else "403"

    head = "| Actie (POST) | " + " | ".join(ROLES) + " |"
    lines = [head, "|" + "---|" * (len(ROLES) + 1)]
    for action in ACTIONS:
        cells = ["ja" if role in EXPECTED[action.code] else f"nee ({refusal(role)})" for role in ROLES]
        lines.append(f"| {action.label} (`{action.code}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module", params=DATABASES)
def app(request, tmp_path_factory):
    """The demo map, indexed once for this module on each configured database (SQLite, and
    PostgreSQL when ``TEST_POSTGRES_URL`` is set); each test makes its own users and case."""
    with sites.site(request.param, tmp_path_factory.mktemp("permissions")) as app:
        yield app


_found: dict[str, list] = {}


def _suggestions(case):
    from app.domain import cases
    from app.services import language, search_engine

    key = str(db.engine.url)  # the ids differ per database
    if key not in _found:
        _found[key] = cases.suggestions(db.session, search_engine(), cases.need_of(case), language()).all
    return _found[key]


@dataclass
class Setup:
    case_id: uuid.UUID
    director: object
    ids: dict


def make_case(role: str, actor=None) -> Setup:
    """A case about debts with a referral in each state, a consent and an escalation; the
    ``actor`` gets ``role`` on it."""
    from app.domain import cases
    from app.models import CaseEvent, CaseMember, Consent, PlanGoal, Referral

    director = actor if role == "regisseur" else make_user("staff")
    case = cases.open_case(db.session, director, cases.CaseInput(
        initials="J.K.", birth_year=1958, kern="Rekken", question=QUESTION,
        own_strength="Dochter komt langs", life_domains={"financien": 2}))
    if role == "coach":
        actor.coach_qualified = True
    if role in MEMBER_ROLES:
        case.members.append(CaseMember(
            user_id=actor.id, role=role, added_by_id=director.id,
            expertise="huiselijk-geweld-kindermishandeling" if role == "aandachtsfunctionaris" else None))
    found = _suggestions(case)
    ids = {"lightest": found[0].id, "extra": str(make_user("staff").id),
           "coach": str(make_user("staff", coach_qualified=True).id)}
    for status, option in zip(("proposed", "handed_over", "active"), reversed(found), strict=False):
        made = Referral(service_id=uuid.UUID(option.id), tier=option.tier, status=status,
                        decision="lichtste", created_by_id=director.id)
        if status != "proposed":
            made.contact_person, made.agreed_outcome, made.monitoring = "Mw. X", "Resultaat", "Bellen"
            made.intensity, made.duration = "wekelijks", "3 maanden"
            made.review_date = date.today() + timedelta(days=30)
        case.referrals.append(made)
    consent = Consent(partner="Stadsbank", scope="Schulden", given_on=date.today(),
                      recorded_by_id=director.id)
    case.consents.append(consent)
    goal = PlanGoal(life_domain="financien", goal="Rekeningen op tijd betalen",
                    created_by_id=director.id)
    case.goals.append(goal)
    case.events.append(CaseEvent(kind="escalatie", detail="Vastgelopen", by_id=director.id,
                                 coach_id=actor.id if role == "coach" else None))
    db.session.commit()
    ids["consent"] = str(consent.id)
    ids["goal"] = str(goal.id)
    for made in case.referrals:
        ids[made.status] = str(made.id)
    return Setup(case.id, director, ids)


def _prepare(setup: Setup, action: Action) -> None:
    from app.models import Case, CaseEvent

    case = db.session.get(Case, setup.case_id)
    if action.prepare == "all-ended":
        for made in case.referrals:
            made.status, made.outcome = "ended", "not_started"
    if action.prepare == "decided":  # a new escalation once the last one is decided
        case.events.append(CaseEvent(kind="escalatie-besluit", detail="Besloten",
                                     by_id=setup.director.id))
    db.session.commit()


def _client_for(app, role: str):
    user = make_user("staff" if role in ROLES[:5] else role)
    client = app.test_client()
    login_client(client, user)
    return client, user


def _rows_of_cases() -> list:
    """Every row of every table that holds case data (not the audit log, not users)."""
    from app.staff.case_export import case_tables

    rows = []
    for table in case_tables():
        rows.append((table.name, sorted(repr(tuple(r)) for r in db.session.execute(select(table)))))
    return rows


def _post(client, setup: Setup, action: Action):
    fill = {k: v for k, v in setup.ids.items()}
    path = f"/staff/casussen/{setup.case_id}" + action.path.format(**fill)
    data = {k: (v.format(**fill) if isinstance(v, str) else v) for k, v in action.form.items()}
    data["csrf_token"] = csrf_token(client)
    return client.post(path, data=data)


# --------------------------------------------------------------------------- tests

def test_the_matrix_covers_every_case_action_and_every_post_route(app):
    from app.domain import cases

    assert set(EXPECTED) == set(cases.CASE_ACTIONS) == {a.code for a in ACTIONS}
    assert {k: set(v) for k, v in cases.CASE_ACTIONS.items()} == EXPECTED
    assert set(ROLES) == set(cases.CASE_ACTORS)
    posts = {rule.endpoint for rule in app.url_map.iter_rules()
             if "POST" in rule.methods and rule.rule.startswith("/staff/casussen/<")}
    assert posts == {a.endpoint for a in ACTIONS}, "a POST route on a case without a matrix row"


def test_the_recorded_matrix_is_current():
    assert DOC.read_text(encoding="utf-8").split("<!-- matrix -->")[1].strip() == matrix_markdown().strip()


@pytest.mark.parametrize(("role", "action"), MATRIX, ids=[f"{r}-{a.code}" for r, a in MATRIX])
def test_every_case_role_and_action(app, role, action):
    client, user = _client_for(app, role)
    setup = make_case(role, user)
    _prepare(setup, action)
    before = _rows_of_cases()
    response = _post(client, setup, action)
    db.session.expire_all()
    after = _rows_of_cases()
    if role in EXPECTED[action.code]:
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        assert after != before
    else:
        assert response.status_code == (404 if role == "niet-betrokken" else 403)
        assert after == before


@pytest.mark.parametrize("state", ["closed", "anonymised"])
@pytest.mark.parametrize("action", ACTIONS, ids=[a.code for a in ACTIONS])
def test_a_closed_or_anonymised_case_takes_no_write(app, action, state):
    from app.models import Case
    from app.models.base import utcnow

    role = next(r for r in ROLES if r in EXPECTED[action.code])
    client, user = _client_for(app, role)
    setup = make_case(role, user)
    _prepare(setup, action)
    case = db.session.get(Case, setup.case_id)
    case.status, case.closed_at = "closed", utcnow()
    if state == "anonymised":
        case.anonymised_at = utcnow()
    db.session.commit()
    before = _rows_of_cases()
    response = _post(client, setup, action)
    db.session.expire_all()
    assert response.status_code == 409, response.get_data(as_text=True)[:2000]
    word = "geanonimiseerd" if state == "anonymised" else "afgesloten"
    assert f"Deze casus is {word}: er kan niets meer worden vastgelegd" in response.get_data(as_text=True)
    assert _rows_of_cases() == before


if __name__ == "__main__":
    print(matrix_markdown())


# Forms on the case page, by action (the safety forms show only while a route is needed,
# editing and referring are links; ``escaleren`` shows as the decision form once escalated).
_ON_CASE_PAGE = ("collega-toevoegen", "regie-overdragen", "escalatie-besluit", "toestemming",
                 "toestemming-intrekken", "waakvlam-ritme", "waakvlamcontact", "afsluiten",
                 "overdracht", "hulp-gestart", "evalueren", "verwijzing-beeindigen")


@pytest.mark.parametrize("role", ["regisseur", *MEMBER_ROLES])
def test_the_case_page_shows_a_form_only_when_the_table_allows_it(app, role):
    client, user = _client_for(app, role)
    setup = make_case(role, user)
    page = client.get(f"/staff/casussen/{setup.case_id}").get_data(as_text=True)
    by_code = {a.code: a for a in ACTIONS}
    for code in _ON_CASE_PAGE:
        action = by_code[code]
        target = f"/staff/casussen/{setup.case_id}" + action.path.format(**setup.ids)
        shown = f'action="{target}"' in page
        assert shown == (role in EXPECTED[code]), (role, code)
    edit_link = f'href="/staff/casussen/{setup.case_id}/bewerken"' in page
    assert edit_link == (role in EXPECTED["bewerken"])
