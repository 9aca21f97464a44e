"""The right-of-access export (AVG art. 15) holds everything recorded about a case
(issue 14, finding 7).

The export is derived from the model: every column of every table that hangs off the case
is shown with a Dutch label or left out with a reason; a new column that is neither fails
here.  And a case with everything filled in shows all of it on the export page.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from markupsafe import escape

from app.domain import cases
from app.domain import referral as rule
from app.extensions import db
from app.services import language, search_engine
from app.staff.case_export import LEFT_OUT, SHOWN, case_tables, exported_tables
from tests.staff.conftest import make_user


@pytest.fixture
def app(demo_site):
    """The demo map on SQLite and, when ``TEST_POSTGRES_URL`` is set, PostgreSQL."""
    return demo_site


def test_every_column_of_every_case_table_is_exported_or_left_out_with_a_reason():
    tables = case_tables()
    names = {t.name for t in tables}
    # the walk finds the case's children by foreign key, not by a list kept by hand
    assert {"case_file", "case_member", "referral", "referral_skip", "referral_transition",
            "checkin", "consent", "case_event", "safety_route", "case_life_domain"} <= names
    assert "audit_log" not in names and "user_account" not in names
    assert exported_tables() == names, "a case table the export does not walk"
    problems = []
    for table in tables:
        shown, left = SHOWN.get(table.name, {}), LEFT_OUT.get(table.name, {})
        for column in table.columns:
            if column.name in shown and column.name in left:
                problems.append(f"{table.name}.{column.name}: both shown and left out")
            elif column.name in left and not left[column.name].strip():
                problems.append(f"{table.name}.{column.name}: left out without a reason")
            elif column.name not in shown and column.name not in left:
                problems.append(f"{table.name}.{column.name}: neither exported nor left out")
        stale = (set(shown) | set(left)) - {c.name for c in table.columns}
        problems += [f"{table.name}.{name}: no such column" for name in sorted(stale)]
    assert not problems, "\n".join(problems)


def test_the_export_shows_everything_recorded(app, staff_login):
    coach = staff_login("staff")
    director = coach.staff_user
    expert = make_user("staff", display_name="Aandachtsfunctionaris Van Dijk")
    with app.test_request_context():
        case = cases.open_case(db.session, director, cases.CaseInput(
            initials="J.K.", birth_year=1958, kern="Rekken",
            question="Ik heb schulden en mijn partner wordt soms boos", own_strength="Zus helpt",
            life_domains={"financien": 2}, safety_concern=True))
        cases.add_member(db.session, case, director, expert, role="aandachtsfunctionaris",
                         expertise="huiselijk-geweld-kindermishandeling")
        cases.record_safety_route(db.session, case, director, cases.SafetyRouteInput(
            consulted_on=date.today(), consulted_with="Mw. Aydin van Veilig Thuis",
            advice="Advies: veiligheidsplan met de zus", plan="Plan: zus vangt op bij ruzie"))
        need = cases.need_of(case, search="schuldhulp")
        found = cases.suggestions(db.session, search_engine(), need, language())
        lightest = found.all[0]
        first = cases.choose(db.session, case, director, search_engine(), cases.Choice(
            lightest.id, {}, rule.Weighing()), search="schuldhulp", language=language())
        shown = {s.id for s in found.all}
        outside = next(c for c in cases.candidates(db.session) if c.id not in shown)
        cases.choose(db.session, case, director, search_engine(), cases.Choice(
            outside.id, {}, rule.Weighing(), outside_reason="Buiten de kaart: de huisarts kent haar"),
            search="schuldhulp", language=language())
        heavy = next(s for s in reversed(found.all) if s.tier != lightest.tier)
        cases.choose(db.session, case, director, search_engine(), cases.Choice(
            heavy.id, {}, rule.Weighing("Kernwaarde zwaar", "Wettelijke taak", "Kosten laag"),
            group_reason=rule.SkipReason("anders", "Groepsreden: wachtlijsten overal")),
            search="schuldhulp", language=language())
        cases.hand_over(db.session, first, director, cases.Agreements(
            "Mw. De Vries", "Vaste lasten betaald", "1 keer per week", "6 maanden",
            date.today() + timedelta(weeks=8), "Monitoring: belafspraak na vier weken"))
        cases.activate(db.session, first, director)
        cases.review(db.session, first, director, "continue", "Evaluatienotitie: gaat vooruit",
                     next_review=date.today() + timedelta(weeks=12))
        cases.set_waakvlam(db.session, case, director, 7)
        cases.record_checkin(db.session, case, director, "Waakvlam: gebeld, gaat goed")
        cases.record_consent(db.session, case, director, "Stadsbank Oost", "Schuldenlijst",
                             date.today())
        db.session.commit()
        case_id = case.id

    page = coach.get(f"/staff/casussen/{case_id}/inzage").get_data(as_text=True)
    expected = [
        "Evaluatienotitie: gaat vooruit",  # review note
        "Monitoring: belafspraak na vier weken",  # referral monitoring
        "Aandachtsfunctionaris Van Dijk", "aandachtsfunctionaris",  # colleagues with access
        "huiselijk geweld en kindermishandeling",
        "Zorg om veiligheid vastgelegd",  # the safety flag
        "Waakvlam: contact elke … weken",  # the waakvlam rhythm
        "Verloop van de verwijzing", "overgedragen", "geëvalueerd",  # status history
        "Buiten de kaart: de huisarts kent haar",  # the reason outside the suggestions
        "Zwaarder, met onderbouwing", "Buiten de suggesties, met reden",  # decision codes
        "Lichtste passende voorziening",
        "zoekwoorden: schuldhulp",  # the need snapshot
        "Groepsreden: wachtlijsten overal",  # the group reason
        "Mw. Aydin van Veilig Thuis", "Advies: veiligheidsplan met de zus",  # safety route
        "Plan: zus vangt op bij ruzie",
        "Waakvlam: gebeld, gaat goed", "Stadsbank Oost", "Kernwaarde zwaar",
    ]
    missing = [text for text in expected if str(escape(text)) not in page]
    assert not missing, missing
    assert "<dd>7</dd>" in page  # every 7 weeks


def test_the_export_names_the_household_member_a_goal_is_for(app, staff_login):
    """"Voor wie" on the export is the person as the plan names them, not a dash."""
    from app.domain import plan

    coach = staff_login("staff")
    director = coach.staff_user
    with app.test_request_context():
        case = cases.open_case(db.session, director, cases.CaseInput(
            initials="B.V.", birth_year=1982, kern="Beltrum", question="Mijn zoon gaat niet naar school",
            life_domains={"werk-en-opleiding": 2}, household=[
                cases.MemberInput("ouder", 1982, "vader", is_contact=True),
                cases.MemberInput("kind", date.today().year - 14, "zoon", ("werk-en-opleiding",))]))
        son = next(m for m in case.household if m.label == "zoon")
        plan.add_goal(db.session, case, director, life_domain="werk-en-opleiding",
                      goal="Weer elke dag naar school", member_id=son.id)
        db.session.commit()
        case_id, son_name = case.id, cases.member_name(son)

    page = coach.get(f"/staff/casussen/{case_id}/inzage").get_data(as_text=True)
    assert "Weer elke dag naar school" in page
    assert str(escape(son_name)) in page and "zoon" in son_name
