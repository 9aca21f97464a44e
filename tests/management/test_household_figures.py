"""Management figures for households and plans (issue 17 item 7): where signals came from,
plans reviewed on time, households whose self-reliance (ZRM) improved — per kern, with
known numbers, every cell under the same suppression rule as the rest of the dashboard
(fewer than 5 households: "<5"), page and CSV alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.extensions import db
from app.models import HouseholdMember, PlanReview, ZrmScore
from tests.management.conftest import make_referrals
from tests.management.test_dashboard import csv_lines, page_table, row_of

WHEN = datetime(2025, 3, 10, 10, 0, tzinfo=UTC)


def _households(kern: str, count: int, *, source: str, due: date, held: date,
                intake: int, later: int) -> None:
    for case in make_referrals(kern, "algemeen", count, when=WHEN):
        case.signal_source = source
        case.household = [HouseholdMember(role="ouder", position=0, birth_year=1980),
                          HouseholdMember(role="kind", position=1, birth_year=2012)]
        case.plan_reviews.append(PlanReview(due_on=due, held_on=held, note="besproken"))
        case.zrm_scores.append(ZrmScore(life_domain="financien", score=intake, moment="intake",
                                        assessed_on=date(2025, 3, 10)))
        case.zrm_scores.append(ZrmScore(life_domain="financien", score=later, moment="evaluatie",
                                        assessed_on=held))
    db.session.commit()


def test_household_figures_with_known_numbers_and_suppression(staff_login, app):
    # 6 households in Rekken, signalled by school, reviewed on time, better off;
    # 3 in Neede, signalled by the huisarts, reviewed late, worse: fewer than 5 → "<5"
    _households("Rekken", 6, source="school-leerplicht", due=date(2025, 5, 1),
                held=date(2025, 4, 28), intake=2, later=4)
    _households("Neede", 3, source="huisarts", due=date(2025, 5, 1), held=date(2025, 5, 20),
                intake=3, later=2)
    manager = staff_login("manager")
    body = manager.get("/staff/cijfers").get_data(as_text=True)

    signals = page_table(body, "signalen")
    assert row_of(signals, "school of leerplicht")[1:] == ["6", "6"]
    assert row_of(signals, "de huisarts")[1:] == ["<5", "<5"]
    assert "3" not in row_of(signals, "de huisarts")

    reviews = page_table(body, "planevaluaties")
    assert row_of(reviews, "Rekken")[1:] == ["6", "0", "6", "100%"]
    neede = row_of(reviews, "Neede")
    assert neede[2] == "<5" and neede[3:] == ["x", "x"]  # the total would give it away

    zrm = page_table(body, "zelfredzaamheid")
    assert row_of(zrm, "Rekken")[1:] == ["6", "0", "0", "6", "100%"]
    assert row_of(zrm, "Neede")[3] == "<5"
    for key in ("signalen", "planevaluaties", "zelfredzaamheid"):
        assert page_table(body, key) == csv_lines(manager, f"/staff/cijfers/{key}.csv"), key


def test_kernteam_views_add_up_the_kernen_and_never_give_a_hidden_kern_back(staff_login, app):
    """A kernteam's row is the sum of its kernen (the admin's grouping, not code); kernen
    without a team have their own row.  Where a kern is hidden in the per-kern table
    (fewer than 5), the team it belongs to is hidden too: otherwise the team's sum minus
    the kernen shown would give the hidden kern back."""
    from sqlalchemy import select

    from app.models import Kern, Team

    kernen = {k.name: k for k in db.session.scalars(select(Kern))}
    db.session.add(Team(name="Eibergen", kernen=[kernen["Eibergen"], kernen["Rekken"],
                                                  kernen["Beltrum"]]))
    db.session.add(Team(name="Borculo", kernen=[kernen["Borculo"], kernen["Haarlo"]]))
    db.session.commit()
    for kern, count in (("Eibergen", 5), ("Rekken", 5), ("Beltrum", 6), ("Borculo", 7),
                        ("Haarlo", 2), ("Neede", 5)):
        _households(kern, count, source="school-leerplicht", due=date(2025, 5, 1),
                    held=date(2025, 4, 28), intake=2, later=4)
    manager = staff_login("manager")
    body = manager.get("/staff/cijfers").get_data(as_text=True)
    per_team = page_table(body, "per-kernteam")
    assert per_team[0][0] == "Kernteam"
    assert row_of(per_team, "Eibergen")[1] == "16"  # 5 in Eibergen, 5 in Rekken, 6 in Beltrum
    assert row_of(page_table(body, "per-kern"), "Haarlo")[1] == "<5"
    assert row_of(per_team, "Borculo")[1] == "x"  # 9 − Borculo's 7 would give Haarlo's 2
    for key in ("zelfredzaamheid-kernteam", "planevaluaties-kernteam"):
        team_table = page_table(body, key)
        assert row_of(team_table, "Eibergen")[1] == "16", key
        assert row_of(team_table, "Borculo")[1] == "x", key
