"""A kerncoach works a case end to end over HTTP, on the demo map, with CSRF on.

Log in, open a case, get suggestions, try an indicated provision while lighter ones fit
(refused, the lighter options named), give reasons and the weighing (accepted), hand over,
start, review, end, waakvlam — and the audit log shows every step.  Plus: need-to-know
access, the safety route, the suggestions JSON, retention and no personal data leaking.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import date, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import select, text

from app.extensions import db
from app.models import AuditEntry, Case, Referral
from tests.staff.conftest import csrf_token, login_client, make_user

QUESTION = "Ik heb schulden en de post stapelt zich op; mijn buurvrouw Zwartbes helpt soms"
TIER_ORDER = {"algemeen": 0, "voorliggend": 1, "maatwerk": 2}


@pytest.fixture
def app(demo_app):
    """The staff fixtures use ``app``: here it is the demo map, indexed."""
    return demo_app


def open_case(client, **fields) -> str:
    data = {"initials": "J.K.", "birth_year": "1958", "kern": "Rekken", "question": QUESTION,
            "own_strength": "Dochter komt elke week langs", "leefgebied": ["financien"],
            "zrm-financien": "2", "csrf_token": csrf_token(client, "/staff/casussen/nieuw")}
    data.update(fields)
    response = client.post("/staff/casussen/nieuw", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    match = re.search(r"/staff/casussen/([0-9a-f-]{36})$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def post(client, url: str, case_id: str, **data):
    data["csrf_token"] = csrf_token(client, f"/staff/casussen/{case_id}")
    return client.post(url, data=data)


def audit_actions(object_id: str) -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == object_id)
                                   .order_by(AuditEntry.id)))


def test_a_case_end_to_end(staff_login):
    coach = staff_login("staff")
    case_id = open_case(coach)
    page = coach.get(f"/staff/casussen/{case_id}").get_data(as_text=True)
    assert "VMK-" in page and "J.K." in page and "Rekken" in page

    # Suggestions, lightest first, as JSON for the screen.
    age = date.today().year - 1958
    response = coach.get(f"/staff/api/suggestions?leefgebied=financien&kern=Rekken&leeftijd={age}")
    assert response.status_code == 200
    found = response.get_json()
    assert found and set(found[0]) == {"id", "name", "tier", "kernen", "reason", "fit"}
    tiers = [s["tier"] for s in found]
    assert tiers == sorted(tiers, key=TIER_ORDER.get)
    heavy = found[-1]
    lighter = [s for s in found if TIER_ORDER[s["tier"]] < TIER_ORDER[heavy["tier"]]]
    assert heavy["tier"] in ("voorliggend", "maatwerk") and lighter

    # The referral screen: own strength first, then the ladder, lightest first.
    screen = coach.get(f"/staff/casussen/{case_id}/verwijzen").get_data(as_text=True)
    assert (screen.index("Eigen kracht") < screen.index(escape(lighter[0]["name"]))
            < screen.index(escape(heavy["name"])))

    refer_url = f"/staff/casussen/{case_id}/verwijzen"
    token = csrf_token(coach, refer_url)
    refused = coach.post(refer_url, data={"service": heavy["id"], "csrf_token": token})
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    for option in lighter:
        assert escape(option["name"]) in body  # every lighter option is shown
    assert 'name="reden-alle"' in body  # one reason may cover them all
    assert 'name="kernwaarden"' in body and "Vrij toegankelijke hulp gaat voor hulp-op-maat" in body
    assert db.session.scalar(select(Referral).where(Referral.case_id == uuid.UUID(case_id))) is None

    # One reason for every lighter option and the weighing: four inputs, accepted.
    data = {"service": heavy["id"], "csrf_token": token, "reden-alle": "al-geprobeerd",
            "kernwaarden": "Inwoner wil na twee pogingen echte schuldhulp",
            "rechtmatigheid": "Valt onder de Wet gemeentelijke schuldhulpverlening",
            "financieel": "Voorkomt huisuitzetting; kosten lager dan de schade"}
    accepted = coach.post(refer_url, data=data)
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[:3000]
    made = db.session.scalar(select(Referral).where(Referral.case_id == uuid.UUID(case_id)))
    assert made.status == "proposed" and made.decision == "onderbouwd"
    assert {str(s.service_id) for s in made.skips} >= {o["id"] for o in lighter}
    assert made.need["vraag"] == QUESTION and made.need["leefgebieden"] == ["financien"]
    assert made.group_reason == "al-geprobeerd" and made.shown["lichter"]
    referral_id = str(made.id)
    base = f"/staff/casussen/{case_id}/verwijzingen/{referral_id}"

    # Warm handover needs the agreements.
    incomplete = post(coach, base + "/overdracht", case_id, contact_person="Mw. De Vries")
    assert incomplete.status_code == 422
    review_on = (date.today() + timedelta(weeks=8)).isoformat()
    handed = post(coach, base + "/overdracht", case_id, contact_person="Mw. De Vries",
                  agreed_outcome="Vaste lasten op tijd betaald", intensity="1 keer per week",
                  duration="6 maanden", review_date=review_on, monitoring="Belafspraak na 4 weken")
    assert handed.status_code == 302
    assert post(coach, base + "/start", case_id).status_code == 302
    # The case page shows the agreements and the status.
    page = coach.get(f"/staff/casussen/{case_id}").get_data(as_text=True)
    assert "Vaste lasten op tijd betaald" in page and "loopt" in page

    next_review = (date.today() + timedelta(weeks=16)).isoformat()
    reviewed = post(coach, base + "/evaluatie", case_id, decision="continue",
                    note="Gaat goed, nog niet klaar", next_review=next_review)
    assert reviewed.status_code == 302
    ended = post(coach, base + "/einde", case_id, outcome="reached", note="")
    assert ended.status_code == 302
    db.session.expire_all()
    made = db.session.get(Referral, uuid.UUID(referral_id))
    assert made.status == "ended" and made.outcome == "reached"
    assert [t.to_status for t in made.transitions] == [
        "proposed", "handed_over", "active", "evaluated", "active", "ended"]

    # Waakvlam: every 6 weeks; a contact moves the next date on.
    assert post(coach, f"/staff/casussen/{case_id}/waakvlam", case_id, weeks="6").status_code == 302
    assert post(coach, f"/staff/casussen/{case_id}/contact", case_id,
                note="Gebeld: gaat goed, post is bij").status_code == 302
    case = db.session.get(Case, uuid.UUID(case_id))
    assert case.checkin_weeks == 6 and case.next_checkin == date.today() + timedelta(weeks=6)

    # The audit log holds every step, in order.
    actions = audit_actions(case_id)
    for step in ("create", "read", "suggestions", "referral-refused", "waakvlam", "checkin"):
        assert step in actions, (step, actions)
    assert audit_actions(referral_id) == ["refer", "hand-over", "activate", "review", "end"]

    # The admin can search it.
    admin = staff_login("admin")
    log_page = admin.get(f"/staff/audit?object={referral_id}").get_data(as_text=True)
    assert log_page.count("<tr>") == 1 + 5  # header + five steps
    assert coach.get("/staff/audit").status_code == 403


def test_a_case_is_need_to_know(staff_login, app):
    owner = staff_login("staff")
    case_id = open_case(owner)
    url = f"/staff/casussen/{case_id}"
    colleague = staff_login("staff")
    assert colleague.get(url).status_code == 404  # not even whether it exists
    assert "refused" in audit_actions(case_id)
    assert staff_login("manager").get(url).status_code == 403
    assert staff_login("admin").get(url).status_code == 403
    assert app.test_client().get(url).status_code in (302, 401)

    # The regisseur adds the colleague: now they see it, and it is on their worklist.
    added = post(owner, url + "/collega", case_id, user=str(colleague.staff_user.id), role="collega")
    assert added.status_code == 302
    assert colleague.get(url).status_code == 200
    assert "VMK-" in colleague.get("/staff/casussen/").get_data(as_text=True)
    # but only the regisseur closes or hands over
    refused = post(colleague, url + "/sluiten", case_id)
    assert refused.status_code == 403


def test_handing_over_the_case_moves_the_regie(staff_login):
    owner = staff_login("staff")
    case_id = open_case(owner)
    other = staff_login("staff")
    url = f"/staff/casussen/{case_id}"
    assert post(owner, url + "/regie", case_id, user=str(other.staff_user.id), reason="").status_code == 422
    assert post(owner, url + "/regie", case_id, user=str(other.staff_user.id),
                reason="Verhuisd naar Eibergen, collega is kerncoach daar").status_code == 302
    case = db.session.get(Case, uuid.UUID(case_id))
    db.session.refresh(case)
    assert case.director_id == other.staff_user.id
    assert owner.get(url).status_code == 200  # the former regisseur keeps read access
    assert post(owner, url + "/sluiten", case_id).status_code == 403  # but no longer directs


def test_safety_comes_first_as_a_step(staff_login):
    """A need that touches violence at home cannot be referred anywhere before the safety
    route is recorded: Veilig Thuis consulted (when, with whom, the advice) and the safety
    plan's agreements.  An incomplete route is refused at its field, keeping what was typed."""
    coach = staff_login("staff")
    case_id = open_case(coach, question="Moeder vertelt dat haar partner haar slaat, de kinderen zijn bang",
                        leefgebied=["huiselijke-relaties"], **{"zrm-financien": ""})
    refer_url = f"/staff/casussen/{case_id}/verwijzen"
    screen = coach.get(refer_url).get_data(as_text=True)
    assert "Eerst: veiligheid" in screen and "0800-2000" in screen
    assert 'name="service"' not in screen  # nothing to choose yet

    found = coach.get("/staff/api/suggestions?leefgebied=huiselijke-relaties&kern=Rekken").get_json()
    refused = post(coach, refer_url, case_id, service=found[0]["id"])
    assert refused.status_code == 422 and "Veiligheid eerst" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Referral).where(Referral.case_id == uuid.UUID(case_id))) is None

    today = date.today().isoformat()
    incomplete = post(coach, f"/staff/casussen/{case_id}/veiligheid", case_id, next="verwijzen",
                      consulted_on=today, consulted_with="Mw. Aydin, Veilig Thuis",
                      advice="Veiligheidsplan met moeder en haar zus", plan="")
    assert incomplete.status_code == 422
    body = incomplete.get_data(as_text=True)
    assert "afspraken van het veiligheidsplan" in body
    assert 'value="Mw. Aydin, Veilig Thuis"' in body and "Veiligheidsplan met moeder en haar zus" in body
    assert 'id="plan" name="plan" rows="2" aria-invalid="true"' in body

    done = post(coach, f"/staff/casussen/{case_id}/veiligheid", case_id, next="verwijzen",
                consulted_on=today, consulted_with="Mw. Aydin, Veilig Thuis",
                advice="Veiligheidsplan met moeder en haar zus",
                plan="Moeder en kinderen slapen bij de zus; huisverbod wordt aangevraagd")
    assert done.status_code == 302 and done.headers["Location"].endswith("/verwijzen")
    assert "safety-route" in audit_actions(case_id)
    screen = coach.get(refer_url).get_data(as_text=True)
    assert "Eerst: veiligheid" not in screen and 'name="service"' in screen
    made = post(coach, refer_url, case_id, service=found[0]["id"])
    assert made.status_code == 302


def test_only_an_aandachtsfunctionaris_records_a_safety_exception(staff_login):
    coach = staff_login("staff")
    colleague = staff_login("staff")
    case_id = open_case(coach, question="Zorgen over verwaarlozing van de kinderen",
                        leefgebied=["huiselijke-relaties"], safety_concern="1")
    url = f"/staff/casussen/{case_id}/veiligheid"
    refused = post(coach, url, case_id, kind="uitzondering", reason="Al in beeld bij de jeugdarts")
    assert refused.status_code == 403 and "aandachtsfunctionaris" in refused.get_data(as_text=True)
    added = post(coach, f"/staff/casussen/{case_id}/collega", case_id,
                 user=str(colleague.staff_user.id), role="aandachtsfunctionaris",
                 expertise="huiselijk-geweld-kindermishandeling")
    assert added.status_code == 302
    assert post(colleague, url, case_id, kind="uitzondering", reason="").status_code == 422
    ok = post(colleague, url, case_id, kind="uitzondering",
              reason="Gezin is al in beeld bij Veilig Thuis; het plan loopt via hen")
    assert ok.status_code == 302
    assert "safety-exception" in audit_actions(case_id)
    screen = coach.get(f"/staff/casussen/{case_id}/verwijzen").get_data(as_text=True)
    assert 'name="service"' in screen


def test_escalation_and_decision_are_recorded(staff_login):
    """The regisseur escalates naming a trained coach; only that coach decides (issue 17)."""
    coach = staff_login("staff")
    trained = staff_login("staff", coach_qualified=True)
    case_id = open_case(coach)
    url = f"/staff/casussen/{case_id}/escalatie"
    assert post(coach, url, case_id, reason="", coach=str(trained.staff_user.id)).status_code == 422
    assert post(coach, url, case_id, reason="Regels staan maatwerk in de weg",
                coach=str(trained.staff_user.id)).status_code == 302
    assert post(coach, url, case_id, decision="Doorbraak: tijdelijke vergoeding").status_code == 403
    assert post(trained, url, case_id, decision="Doorbraak: tijdelijke vergoeding").status_code == 302
    case = db.session.get(Case, uuid.UUID(case_id))
    db.session.refresh(case)
    assert [e.kind for e in case.events] == ["escalatie", "escalatie-besluit"]


def test_consent_is_recorded_and_withdrawn(staff_login):
    coach = staff_login("staff")
    case_id = open_case(coach)
    url = f"/staff/casussen/{case_id}/toestemming"
    assert post(coach, url, case_id, partner="Stadsbank Oost Nederland", scope="",
                given_on=date.today().isoformat()).status_code == 422
    assert post(coach, url, case_id, partner="Stadsbank Oost Nederland",
                scope="Overzicht van schulden, voor de aanvraag", given_on=date.today().isoformat()
                ).status_code == 302
    case = db.session.get(Case, uuid.UUID(case_id))
    db.session.refresh(case)
    consent = case.consents[0]
    assert post(coach, f"{url}/{consent.id}/intrekken", case_id).status_code == 302
    db.session.refresh(consent)
    assert consent.withdrawn_on == date.today()


def test_worklist_shows_reviews_and_checkins_due(staff_login):
    coach = staff_login("staff")
    case_id = open_case(coach)
    case = db.session.get(Case, uuid.UUID(case_id))
    case.checkin_weeks, case.next_checkin = 4, date.today() - timedelta(days=1)
    db.session.commit()
    page = coach.get("/staff/casussen/").get_data(as_text=True)
    section = page[page.index("Waakvlamcontacten"):page.index("Verwijzingen die wachten")]
    assert case.reference in section and "te laat" in section


def test_suggestions_api_says_which_parameter_is_wrong(staff_login, app):
    coach = staff_login("staff")
    bad = coach.get("/staff/api/suggestions?leefgebied=geluk&kern=Atlantis&leeftijd=-3")
    assert bad.status_code == 400
    errors = bad.get_json()["errors"]
    assert set(errors) == {"leefgebied", "kern", "leeftijd"}
    assert app.test_client().get("/staff/api/suggestions?leefgebied=financien").status_code == 401
    # age and target group narrow the list
    young = coach.get("/staff/api/suggestions?leefgebied=financien&leeftijd=17&doelgroep=jongeren")
    old = coach.get("/staff/api/suggestions?leefgebied=financien&leeftijd=80&doelgroep=ouderen")
    assert young.status_code == old.status_code == 200
    assert {s["id"] for s in young.get_json()} != {s["id"] for s in old.get_json()}


def test_the_audit_log_cannot_be_altered(staff_login):
    coach = staff_login("staff")
    open_case(coach)
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("UPDATE audit_log SET action = 'nothing'"))
        db.session.flush()
    db.session.rollback()
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("DELETE FROM audit_log"))
        db.session.flush()
    db.session.rollback()


def test_no_personal_data_in_logs_urls_or_public_pages(staff_login, app, caplog):
    caplog.set_level(logging.DEBUG)
    coach = staff_login("staff")
    case_id = open_case(coach, initials="Q.X.")
    coach.get(f"/staff/casussen/{case_id}")
    text_logged = caplog.text
    assert "Zwartbes" not in text_logged and "Q.X." not in text_logged
    entries = db.session.scalars(select(AuditEntry)).all()
    assert all("Zwartbes" not in (e.detail or "") for e in entries)
    public = app.test_client().get("/zoeken?q=Zwartbes").get_data(as_text=True)
    assert "Zwartbes" not in public.split("</form>", 2)[-1]  # only echoed in the search box
    assert "1958" not in coach.get("/staff/casussen/").get_data(as_text=True)


def test_right_of_access_export_is_readable(staff_login):
    coach = staff_login("staff")
    case_id = open_case(coach)
    page = coach.get(f"/staff/casussen/{case_id}/inzage").get_data(as_text=True)
    assert "AVG" in page and QUESTION.split(";")[0] in page and "Dochter komt elke week langs" in page
    assert "export" in audit_actions(case_id)


def test_bad_case_input_is_refused_with_a_clear_message(staff_login):
    coach = staff_login("staff")
    token = csrf_token(coach, "/staff/casussen/nieuw")
    response = coach.post("/staff/casussen/nieuw", data={
        "kern": "Rekken", "question": "Hulp", "birth_year": "1850", "leefgebied": ["financien"],
        "csrf_token": token})
    assert response.status_code == 422
    assert "geboortejaar" in response.get_data(as_text=True).lower()
    response = coach.post("/staff/casussen/nieuw", data={
        "kern": "Rekken", "question": "Hulp", "csrf_token": token})
    assert response.status_code == 422 and "leefgebied" in response.get_data(as_text=True).lower()
    no_token = coach.post("/staff/casussen/nieuw", data={"kern": "Rekken", "question": "x",
                                                         "leefgebied": ["financien"]})
    assert no_token.status_code in (400, 403)
    assert db.session.scalar(select(Case)) is None


def test_a_deactivated_colleague_loses_access(staff_login, app):
    owner = staff_login("staff")
    case_id = open_case(owner)
    user = make_user("staff")
    client = app.test_client()
    login_client(client, user)
    post(owner, f"/staff/casussen/{case_id}/collega", case_id, user=str(user.id), role="collega")
    assert client.get(f"/staff/casussen/{case_id}").status_code == 200
    user.is_active = False
    db.session.commit()
    assert client.get(f"/staff/casussen/{case_id}").status_code in (302, 401, 403, 404)
