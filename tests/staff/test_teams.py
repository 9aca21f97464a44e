"""Kerngericht werken (issue 17 item 3): kernteams, the aandachtsfunctionaris proposed by
kern and concern, escalations decided by a trained coach, and the kernteam's counts on
the worklist — over HTTP, with the second factor and CSRF on, as a user notices them.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.domain import cases
from app.extensions import db
from app.models import AuditEntry, Case, Kern, Team, User
from tests.staff.conftest import csrf_token, login_client, make_user

HG = "huiselijk-geweld-kindermishandeling"
QUESTION = "Mevrouw Zwartbes maakt zich zorgen over haar kleinzoon"


@pytest.fixture
def kernen(app):
    made = {}
    for number, name in enumerate(("Borculo", "Eibergen", "Rekken", "Beltrum")):
        kern = Kern(name=name, slug=name.lower(), latitude=52.1, longitude=6.6, sort_order=number)
        db.session.add(kern)
        made[name] = kern
    db.session.commit()
    return made


def signed_in(app, user):
    client = app.test_client()
    login_client(client, user)
    client.staff_user = user
    return client


def visible_text(html: str) -> str:
    """What a reader sees: the page without tags (and so without attribute values)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def audit_rows(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def team(name: str, *kernen: Kern) -> Team:
    made = Team(name=name, kernen=list(kernen))
    db.session.add(made)
    db.session.commit()
    return made


def open_case(director: User, kern: str) -> Case:
    case = cases.open_case(db.session, director, cases.CaseInput(
        initials="M.Z.", birth_year=1951, kern=kern, question=QUESTION,
        life_domains={"financien": 2}))
    db.session.commit()
    return case


# --------------------------------------------------------------------------- admin

def test_the_admin_creates_a_kernteam_and_sets_team_specialism_and_coach(app, kernen):
    admin = signed_in(app, make_user("admin"))
    femke = make_user("staff", display_name="Femke de Vries")
    token = csrf_token(admin, "/staff/admin/teams")
    created = admin.post("/staff/admin/teams", data={
        "name": "Eibergen", "kern": [str(kernen["Eibergen"].id), str(kernen["Rekken"].id)],
        "csrf_token": token})
    assert created.status_code == 302
    made = db.session.scalar(select(Team).where(Team.name == "Eibergen"))
    assert [k.name for k in made.kernen] == ["Eibergen", "Rekken"]
    assert audit_rows("team_created")[0].object_id == str(made.id)

    saved = admin.post(f"/staff/admin/teams/medewerker/{femke.id}", data={
        "team": str(made.id), "specialism": HG, "coach": "1", "csrf_token": token})
    assert saved.status_code == 302
    db.session.refresh(femke)
    assert (femke.team_id, femke.specialism, femke.coach_qualified) == (made.id, HG, True)
    [row] = audit_rows("staff_profile_changed")
    assert row.object_id == str(femke.id) and row.user_id == admin.staff_user.id

    page = admin.get("/staff/admin/teams").get_data(as_text=True)
    seen = visible_text(page)
    assert "Kernteam Eibergen" in seen and "Eibergen, Rekken" in seen
    assert "Aandachtsfunctionaris huiselijk geweld en kindermishandeling" in seen
    assert HG not in seen  # never a code on screen

    renamed = admin.post(f"/staff/admin/teams/{made.id}", data={
        "name": "Eibergen-Rekken", "kern": [str(kernen["Rekken"].id)], "csrf_token": token})
    assert renamed.status_code == 302
    db.session.refresh(made)
    assert made.name == "Eibergen-Rekken" and [k.name for k in made.kernen] == ["Rekken"]
    assert audit_rows("team_changed")


def test_a_kern_belongs_to_one_kernteam_and_wrong_input_is_refused(app, kernen):
    admin = signed_in(app, make_user("admin"))
    eibergen = team("Eibergen", kernen["Eibergen"], kernen["Rekken"])
    editor = make_user("editor")
    token = csrf_token(admin, "/staff/admin/teams")
    taken = admin.post("/staff/admin/teams", data={
        "name": "Beltrum", "kern": [str(kernen["Beltrum"].id), str(kernen["Rekken"].id)],
        "csrf_token": token})
    assert taken.status_code == 422
    assert "Rekken hoort al bij kernteam Eibergen" in taken.get_data(as_text=True)
    assert admin.post("/staff/admin/teams", data={"name": " ", "csrf_token": token}).status_code == 422
    assert admin.post("/staff/admin/teams", data={"name": "eibergen", "csrf_token": token}
                      ).status_code == 422
    assert db.session.scalar(select(Team).where(Team.name == "Beltrum")) is None
    wrong = admin.post(f"/staff/admin/teams/medewerker/{editor.id}", data={
        "team": str(eibergen.id), "csrf_token": token})
    assert wrong.status_code == 422
    assert "Alleen medewerkers van Voormekaar horen bij een kernteam" in wrong.get_data(as_text=True)
    staff = make_user("staff")
    bad = admin.post(f"/staff/admin/teams/medewerker/{staff.id}", data={
        "specialism": "alles", "csrf_token": token})
    assert bad.status_code == 422
    db.session.refresh(staff)
    assert staff.specialism is None and not audit_rows("staff_profile_changed")


@pytest.mark.parametrize("role", ["staff", "editor", "manager"])
def test_only_the_admin_manages_kernteams(app, kernen, role):
    client = signed_in(app, make_user(role))
    target = make_user("staff")
    token = csrf_token(client, "/staff/")
    assert client.get("/staff/admin/teams").status_code == 403
    assert client.post("/staff/admin/teams", data={
        "name": "Eibergen", "kern": [str(kernen["Eibergen"].id)], "csrf_token": token}
    ).status_code == 403
    assert client.post(f"/staff/admin/teams/medewerker/{target.id}", data={
        "coach": "1", "specialism": HG, "csrf_token": token}).status_code == 403
    db.session.refresh(target)
    assert db.session.scalar(select(Team)) is None
    assert not target.coach_qualified and target.specialism is None


def test_the_admin_forms_need_the_csrf_token(app, kernen):
    admin = signed_in(app, make_user("admin"))
    response = admin.post("/staff/admin/teams", data={"name": "Eibergen"})
    assert response.status_code == 400
    assert db.session.scalar(select(Team)) is None


# --------------------------------------------------------------------------- proposal

def _expert_options(page: str, expertise: str) -> list[tuple[str, bool, str]]:
    select_html = re.search(rf'<select[^>]*id="expert-{expertise}"[^>]*>(.*?)</select>', page, re.S)
    assert select_html, f"no form for {expertise}"
    return [(value, bool(selected), " ".join(label.split()))
            for value, selected, label in re.findall(
                r'<option value="([^"]*)"( selected)?>(.*?)</option>', select_html.group(1), re.S)]


def test_the_aandachtsfunctionaris_of_the_case_kernteam_is_proposed_by_concern(app, kernen):
    eibergen = team("Eibergen", kernen["Eibergen"], kernen["Rekken"])
    borculo = team("Borculo", kernen["Borculo"])
    femke = make_user("staff", display_name="Femke de Vries", team_id=eibergen.id, specialism=HG)
    anna = make_user("staff", display_name="Anna Bos", team_id=eibergen.id, specialism="dementie")
    piet = make_user("staff", display_name="Piet Ter Horst", team_id=borculo.id, specialism=HG)
    director = make_user("staff", display_name="Regisseur", team_id=eibergen.id)
    regisseur = signed_in(app, director)
    case = open_case(director, "Rekken")

    page = regisseur.get(f"/staff/casussen/{case.id}").get_data(as_text=True)
    options = _expert_options(page, HG)
    assert options[0] == (str(femke.id), True, "Aandachtsfunctionaris huiselijk geweld en "
                          "kindermishandeling — Femke de Vries (kernteam Eibergen)")
    assert {str(piet.id), str(anna.id)} <= {value for value, _, _ in options[1:]}  # still choosable
    assert not any(selected for _, selected, _ in options[1:])
    assert _expert_options(page, "dementie")[0][:2] == (str(anna.id), True)
    assert HG not in visible_text(page)

    other = open_case(director, "Borculo")
    page = regisseur.get(f"/staff/casussen/{other.id}").get_data(as_text=True)
    assert _expert_options(page, HG)[0][:2] == (str(piet.id), True)

    added = regisseur.post(f"/staff/casussen/{case.id}/collega", data={
        "user": str(femke.id), "role": "aandachtsfunctionaris", "expertise": HG,
        "csrf_token": csrf_token(regisseur, f"/staff/casussen/{case.id}")})
    assert added.status_code == 302
    db.session.refresh(case)
    assert any(m.user_id == femke.id and m.expertise == HG for m in case.members)
    page = regisseur.get(f"/staff/casussen/{case.id}").get_data(as_text=True)
    assert _expert_options(page, HG)[0][0] == ""  # already on the case: nobody proposed again


# --------------------------------------------------------------------------- escalation

def test_an_escalation_names_a_trained_coach_who_alone_records_the_decision(app, kernen):
    director = make_user("staff", display_name="Regisseur", coach_qualified=True)
    untrained = make_user("staff", display_name="Jan Zonder Training")
    coach = make_user("staff", display_name="Coach Hendriks", coach_qualified=True)
    regisseur = signed_in(app, director)
    case = open_case(director, "Rekken")
    url = f"/staff/casussen/{case.id}/escalatie"
    token = csrf_token(regisseur, f"/staff/casussen/{case.id}")

    page = regisseur.get(f"/staff/casussen/{case.id}").get_data(as_text=True)
    coach_select = re.search(r'<select[^>]*id="escalation-coach".*?</select>', page, re.S).group(0)
    assert "Coach Hendriks" in coach_select and "Jan Zonder Training" not in coach_select
    assert f'value="{director.id}"' not in coach_select

    refused = regisseur.post(url, data={"reason": "Regels staan maatwerk in de weg",
                                        "coach": str(untrained.id), "csrf_token": token})
    assert refused.status_code == 422
    assert "Jan Zonder Training is niet getraind als coach" in refused.get_data(as_text=True)
    himself = regisseur.post(url, data={"reason": "Regels staan maatwerk in de weg",
                                        "coach": str(director.id), "csrf_token": token})
    assert himself.status_code == 422
    assert "De regisseur van de casus kan niet de coach van de escalatie zijn" in \
        himself.get_data(as_text=True)
    nobody = regisseur.post(url, data={"reason": "Vastgelopen", "csrf_token": token})
    assert nobody.status_code == 422
    db.session.refresh(case)
    assert not case.events

    assert regisseur.post(url, data={"reason": "Regels staan maatwerk in de weg",
                                     "coach": str(coach.id), "csrf_token": token}).status_code == 302
    [asked] = audit_rows("escalate")
    assert asked.object_id == str(case.id) and asked.detail == f"coach {coach.id}"

    own = regisseur.post(url, data={"decision": "Doorbraak", "csrf_token": token})
    assert own.status_code == 403
    assert "Alleen de coach die bij de escalatie is genoemd" in own.get_data(as_text=True)
    page = regisseur.get(f"/staff/casussen/{case.id}").get_data(as_text=True)
    assert 'name="decision"' not in page and "De coach legt het besluit vast." in page

    coach_client = signed_in(app, coach)
    coach_page = coach_client.get(f"/staff/casussen/{case.id}").get_data(as_text=True)
    assert "Besluit van de coach" in coach_page
    decided = coach_client.post(url, data={
        "decision": "Doorbraak: tijdelijke vergoeding",
        "csrf_token": csrf_token(coach_client, f"/staff/casussen/{case.id}")})
    assert decided.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert [(e.kind, e.coach_id, e.by_id) for e in case.events] == [
        ("escalatie", coach.id, director.id), ("escalatie-besluit", coach.id, coach.id)]
    assert any(m.user_id == coach.id and m.role == "coach" for m in case.members)
    [decision] = audit_rows("escalation-decision")
    assert decision.user_id == coach.id and decision.object_id == str(case.id)


def test_a_colleague_on_the_case_cannot_be_its_coach(app, kernen):
    director = make_user("staff")
    colleague = make_user("staff", display_name="Collega Coach", coach_qualified=True)
    case = open_case(director, "Rekken")
    cases.add_member(db.session, case, director, colleague)
    db.session.commit()
    with pytest.raises(cases.CaseError) as refused:
        cases.escalate(db.session, case, director, "Vastgelopen", coach=colleague)
    assert "werkt al mee aan deze casus" in str(refused.value.message)


# --------------------------------------------------------------------------- worklist

def test_the_worklist_counts_the_kernteam_cases_without_showing_them(app, kernen):
    eibergen = team("Eibergen", kernen["Eibergen"], kernen["Rekken"])
    director = make_user("staff", team_id=eibergen.id)
    viewer = make_user("staff", team_id=eibergen.id)
    secret = open_case(director, "Rekken")
    helped = open_case(director, "Rekken")
    cases.add_member(db.session, helped, director, viewer)
    open_case(director, "Eibergen")
    open_case(director, "Borculo")  # another team's kern: not counted
    closed = open_case(director, "Rekken")
    closed.status = "closed"
    db.session.commit()

    client = signed_in(app, viewer)
    page = client.get("/staff/casussen/").get_data(as_text=True)
    section = page.split('id="kernteam-overzicht"')[1].split("</section>")[0]
    rows = {name: [int(n) for n in numbers] for name, *numbers in re.findall(
        r'<th scope="row">(\w+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>', section)}
    assert rows == {"Eibergen": [1, 1, 0], "Rekken": [2, 1, 1]}
    assert "Kernteam Eibergen: open casussen (3)" in visible_text(section)
    assert secret.reference not in page  # not a member: no reference, no link
    assert f"/staff/casussen/{secret.id}" not in page
    assert "M.Z." not in section and "1951" not in section and "Zwartbes" not in page
    assert helped.reference in page  # a member still finds it under "Mijn casussen"
    assert client.get(f"/staff/casussen/{secret.id}").status_code == 404  # access unchanged

    loner = signed_in(app, make_user("staff"))
    assert "U hoort nog niet bij een kernteam" in loner.get("/staff/casussen/").get_data(as_text=True)


def test_every_specialism_has_a_label_and_the_models_agree():
    from app.domain import teams
    from app.models.user import SPECIALISMS

    assert cases.EXPERTISE == SPECIALISMS
    assert all(teams.specialism_label(code).startswith("Aandachtsfunctionaris ")
               for code in SPECIALISMS)
