"""One family, one plan, one regisseur (issue 17), over HTTP on the demo map.

The Beltrum family of SCENARIOS.md: a father (44) on sick leave with debts, a son (14) who
skips school, a daughter (10).  One case for the household; the suggestions for the son
use the son's age (not the father's); each referral is for someone; the plan shows the
goals in the family's words, who does what (their own strength, each referral, care that
started elsewhere), money first, the ZRM trend; the plan prints for the family; a
household's people are need-to-know, audited, in the access export and erased by the
retention command."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Case, HouseholdMember, Referral, ZrmScore
from tests.staff.conftest import csrf_token

YEAR = date.today().year
QUESTION = "Vader is ziek thuis, de rekeningen stapelen zich op en onze zoon gaat niet naar school"


@pytest.fixture
def app(demo_app):
    return demo_app


def open_household(client, **extra) -> str:
    data = {
        "initials": "H.B.", "birth_year": str(YEAR - 44), "kern": "Beltrum",
        "question": QUESTION, "own_strength": "Oma past op de kinderen; de buurman helpt met de post",
        "leefgebied": ["financien", "huiselijke-relaties"], "zrm-financien": "2",
        "zrm-huiselijke-relaties": "3", "signaal": "school-leerplicht",
        "lid-1-rol": "ouder", "lid-1-wie": "vader", "lid-1-jaar": str(YEAR - 44),
        "lid-1-leefgebied": "financien",
        "lid-2-rol": "kind", "lid-2-wie": "zoon", "lid-2-jaar": str(YEAR - 14),
        "lid-2-leefgebied": "werk-en-opleiding",
        "lid-3-rol": "kind", "lid-3-wie": "dochter", "lid-3-jaar": str(YEAR - 10),
        "lid-4-rol": "", "lid-5-rol": "",
        "csrf_token": csrf_token(client, "/staff/casussen/nieuw"),
    }
    data.update(extra)
    response = client.post("/staff/casussen/nieuw", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return re.search(r"/staff/casussen/([0-9a-f-]{36})$", response.headers["Location"]).group(1)


def _members(case_id) -> dict[str, HouseholdMember]:
    db.session.expire_all()
    case = db.session.get(Case, __import__("uuid").UUID(case_id))
    return {m.label: m for m in case.household}


def _names(html: str) -> set[str]:
    """The provisions offered to choose on the referral screen (suggestions and others)."""
    return {n.strip() for n in re.findall(r'<label for="kies-[0-9a-f-]{36}">(?:<strong>)?([^<]+)', html)}


def test_intake_records_the_household_and_where_the_signal_came_from(staff_login):
    coach = staff_login("staff")
    case_id = open_household(coach)
    people = _members(case_id)
    assert [(p.role, p.birth_year, p.life_domains) for p in people.values()] == [
        ("ouder", YEAR - 44, ["financien"]), ("kind", YEAR - 14, ["werk-en-opleiding"]),
        ("kind", YEAR - 10, None)]
    case = db.session.get(Case, people["zoon"].case_id)
    assert case.signal_source == "school-leerplicht"
    # the son's need is the household's too, and the intake's ZRM scores start the trend
    assert {d.code for d in case.life_domains} == {"financien", "huiselijke-relaties",
                                                   "werk-en-opleiding"}
    assert sorted((z.life_domain, z.score, z.moment) for z in case.zrm_scores) == [
        ("financien", 2, "intake"), ("huiselijke-relaties", 3, "intake")]
    page = coach.get(f"/staff/casussen/{case_id}").get_data(as_text=True)
    assert "zoon, 14 jaar" in page and "school of leerplicht" in page


def test_a_wrong_household_row_names_the_row_and_keeps_what_was_typed(staff_login):
    coach = staff_login("staff")
    response = coach.post("/staff/casussen/nieuw", data={
        "kern": "Beltrum", "question": QUESTION, "leefgebied": ["financien"],
        "lid-1-rol": "ouder", "lid-1-jaar": str(YEAR - 44),
        "lid-2-rol": "opa", "lid-2-jaar": "1950",
        "csrf_token": csrf_token(coach, "/staff/casussen/nieuw")})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Gezinslid 2: kies ouder, partner, kind of huisgenoot." in html
    assert 'value="1950"' in html  # nothing typed is lost
    assert db.session.scalar(select(Case).where(Case.question == QUESTION)) is None


def test_suggestions_for_the_son_use_his_age_not_his_fathers(staff_login):
    coach = staff_login("staff")
    case_id = open_household(coach)
    son = _members(case_id)["zoon"]
    household = coach.get(f"/staff/casussen/{case_id}/verwijzen").get_data(as_text=True)
    for_son = coach.get(f"/staff/casussen/{case_id}/verwijzen?voor={son.id}").get_data(as_text=True)
    assert "Beltrum · 44 jaar" in household and "Beltrum · 14 jaar" in for_son
    # school absence help is for children up to 18: shown for the son, not for his father
    assert "Leerplicht: hulp als uw kind niet naar school gaat" in _names(for_son)
    assert "Leerplicht: hulp als uw kind niet naar school gaat" not in _names(household)
    # and help for adults only (18+) is not suggested for a 14-year-old
    assert "Bijstandsuitkering aanvragen" not in _names(for_son)


def test_a_referral_for_the_son_is_recorded_for_him_with_his_age(staff_login):
    coach = staff_login("staff")
    case_id = open_household(coach)
    son = _members(case_id)["zoon"]
    page = coach.get(f"/staff/casussen/{case_id}/verwijzen?voor={son.id}").get_data(as_text=True)
    lightest = re.search(r'name="service" value="([0-9a-f-]{36})"', page).group(1)
    response = coach.post(f"/staff/casussen/{case_id}/verwijzen", data={
        "service": lightest, "voor": str(son.id),
        "csrf_token": csrf_token(coach, f"/staff/casussen/{case_id}/verwijzen")})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    made = db.session.scalar(select(Referral).where(Referral.member_id == son.id))
    assert made is not None and made.need["leeftijd"] == 14
    assert made.need["leefgebieden"] == ["werk-en-opleiding"]
    plan = coach.get(f"/staff/casussen/{case_id}/plan").get_data(as_text=True)
    son_block = plan.split("zoon, 14 jaar")[1].split("<article")[0]
    assert made.service.name in son_block


def test_a_member_of_another_case_is_refused_not_ignored(staff_login):
    coach = staff_login("staff")
    first, second = open_household(coach), open_household(coach)
    stranger = _members(second)["zoon"]
    page = coach.get(f"/staff/casussen/{first}/verwijzen").get_data(as_text=True)
    lightest = re.search(r'name="service" value="([0-9a-f-]{36})"', page).group(1)
    response = coach.post(f"/staff/casussen/{first}/verwijzen", data={
        "service": lightest, "voor": str(stranger.id),
        "csrf_token": csrf_token(coach, f"/staff/casussen/{first}/verwijzen")})
    assert response.status_code == 422
    assert "Kies een gezinslid van deze casus." in response.get_data(as_text=True)


def test_the_plan_money_first_goals_outside_care_review_and_trend(staff_login):
    coach = staff_login("staff")
    case_id = open_household(coach)
    people = _members(case_id)
    token = csrf_token(coach, f"/staff/casussen/{case_id}/plan")
    base = f"/staff/casussen/{case_id}/plan"
    assert coach.post(base + "/doel", data={
        "life_domain": "huiselijke-relaties", "goal": "Minder ruzie aan tafel",
        "csrf_token": token}).status_code == 302
    assert coach.post(base + "/doel", data={
        "life_domain": "financien", "goal": "Elke maand de vaste lasten betalen",
        "own_part": "Oom kijkt mee met de post", "member": str(people["vader"].id),
        "csrf_token": token}).status_code == 302
    assert coach.post(base + "/elders", data={
        "provider": "Fysiotherapie via de huisarts", "legal_framework": "zvw",
        "member": str(people["vader"].id), "started_on": (date.today() - timedelta(days=30)).isoformat(),
        "csrf_token": token}).status_code == 302
    bad = coach.post(base + "/elders", data={"provider": "", "csrf_token": token})
    assert bad.status_code == 422 and "Vul in wie de hulp geeft." in bad.get_data(as_text=True)

    plan = coach.get(base).get_data(as_text=True)
    assert "Bestaanszekerheid voorop" in plan
    father = plan.split("vader, 44 jaar")[1].split("<article")[0]
    assert "Elke maand de vaste lasten betalen" in father and "Oom kijkt mee met de post" in father
    assert "Fysiotherapie via de huisarts" in father and "Zorgverzekeringswet" in father
    whole = plan.split("Het hele gezin")[1].split("<article")[0]
    assert "Oma past op de kinderen" in whole and "Minder ruzie aan tafel" in whole

    # a review: the scores now, the next date; the trend shows the change
    next_review = (date.today() + timedelta(days=90)).isoformat()
    assert coach.post(base + "/evaluatie", data={
        "zrm-financien": "4", "zrm-huiselijke-relaties": "3", "note": "Schuldhulp loopt",
        "next_review": next_review, "csrf_token": token}).status_code == 302
    db.session.expire_all()
    scores = db.session.scalars(select(ZrmScore).where(ZrmScore.moment == "evaluatie")).all()
    assert sorted((z.life_domain, z.score) for z in scores) == [("financien", 4),
                                                                 ("huiselijke-relaties", 3)]
    plan = coach.get(base).get_data(as_text=True)
    trend = plan.split('id="zrm"')[1]
    assert trend.index("Geldzaken") < trend.index("Relaties thuis")  # money first
    assert "beter (+2)" in trend and "gelijk" in trend
    printed = coach.get(base + "/afdruk").get_data(as_text=True)
    assert "Ons plan" in printed and "Elke maand de vaste lasten betalen" in printed
    assert "Eerst zorgen we samen dat geld en wonen op orde zijn." in printed
    actions = set(db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_id == case_id)))
    assert {"plan-goal", "outside-care", "plan-review", "read-plan"} <= actions


def test_a_colleague_outside_the_case_cannot_open_the_plan(staff_login, app):
    coach = staff_login("staff")
    case_id = open_household(coach)
    other = staff_login("staff")
    assert other.get(f"/staff/casussen/{case_id}/plan").status_code == 404
    assert other.get(f"/staff/casussen/{case_id}/plan/afdruk").status_code == 404


def test_the_access_export_and_retention_cover_the_household(staff_login):
    from app.domain import cases
    from app.models.base import utcnow

    coach = staff_login("staff")
    case_id = open_household(coach)
    export = coach.get(f"/staff/casussen/{case_id}/inzage").get_data(as_text=True)
    assert "zoon" in export and str(YEAR - 14) in export
    case = db.session.get(Case, __import__("uuid").UUID(case_id))
    case.status, case.closed_at = "closed", utcnow() - timedelta(days=4000)
    db.session.commit()
    assert cases.anonymise_ended(db.session, older_than_days=365) == 1
    db.session.commit()
    db.session.expire_all()
    people = db.session.scalars(select(HouseholdMember).where(
        HouseholdMember.case_id == case.id)).all()
    assert people and all(p.label is None and p.birth_year is None for p in people)
    assert [p.role for p in people] == ["ouder", "kind", "kind"]  # the figures keep the shape


def test_the_worklist_opens_the_plan_and_reminds_of_plan_reviews(staff_login):
    from app.models import Case

    coach = staff_login("staff")
    case_id = open_household(coach)
    case = db.session.get(Case, __import__("uuid").UUID(case_id))
    case.plan_review_date = date.today() - timedelta(days=1)
    db.session.commit()
    page = coach.get("/staff/casussen/").get_data(as_text=True)
    plans = page.split('id="plannen"')[1].split("</section>")[0]
    assert f'href="/staff/casussen/{case_id}/plan#evaluatie"' in plans and "te laat" in plans
    mine = page.split('id="casussen"')[1]
    assert f'href="/staff/casussen/{case_id}/plan"' in mine and "3 personen" in mine


def test_money_help_comes_first_inside_a_tier_when_money_is_a_household_need():
    """Bestaanszekerheid voorop: with the same tier and relevance, help for money or
    housing is suggested before other help; without that need, the usual order."""
    from app.domain import referral as rule

    candidates = [
        rule.Candidate(id="a", name="Aaa koffieochtend", tier="algemeen",
                       whole_municipality=True, life_domains=frozenset({"sociaal-netwerk"})),
        rule.Candidate(id="b", name="Bbb formulierenhulp", tier="algemeen",
                       whole_municipality=True, life_domains=frozenset({"financien"})),
        rule.Candidate(id="c", name="Ccc budgetcoach", tier="voorliggend",
                       whole_municipality=True, life_domains=frozenset({"financien"})),
    ]
    need = rule.Need(life_domains=frozenset({"financien", "sociaal-netwerk"}), kern="Beltrum")
    plain = [s.id for s in rule.options(need, candidates).all]
    first = [s.id for s in rule.options(
        rule.Need(**{**need.__dict__, "existence_first": True}), candidates).all]
    assert plain == ["a", "b", "c"]  # by name inside the tier
    assert first == ["b", "a", "c"]  # money first inside the tier; never above a lighter tier
