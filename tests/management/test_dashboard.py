"""Management information (#7) over HTTP: referrals with known numbers give known figures;
a cell of fewer than 5 residents reads "<5" in the page, the chart and the CSV alike (the
same cells, from one suppression); totals cannot be used to subtract it back; filters
work from the URL; every view is audited; a manager never reaches a case."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.domain import management
from app.extensions import db
from app.models import AuditEntry, SearchSignal
from tests.management.conftest import INITIALS, QUESTION, TODAY, make_referrals

TABLES = ("per-maand", "per-kern", "afweging", "redenen", "uitkomsten", "doorlooptijd", "achterstand",
          "signalen", "planevaluaties", "zelfredzaamheid")
MAP_TABLES = ("voorzieningen", "actualiteit", "meldingen", "zoekopdrachten")


def page_table(body: str, key: str) -> list[list[str]]:
    """The cells of the page's table ``key``, line by line, as text."""
    part = body[body.index(f'id="tabel-{key}"'):]
    part = part[:part.index("</table>")]
    lines = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", part, re.S):
        lines.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                      for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
    return lines


def chart_values(body: str, key: str) -> list[str]:
    part = body[body.index(f'aria-labelledby="grafiek-{key}-titel'):]
    part = part[:part.index("</svg>")]
    return [html.unescape(t) for t in re.findall(r'class="mgmt-chart__value">(.*?)</text>', part)]


def csv_lines(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def row_of(lines, label):
    return next(line for line in lines if line[0] == label)


@pytest.fixture
def known(app):
    """7 residents in Rekken referred to an algemene voorziening, 3 in Neede to maatwerk."""
    make_referrals("Rekken", "algemeen", 7, outcome="reached", handover_days=10)
    make_referrals("Neede", "maatwerk", 3, skips=("wachtlijst",), outcome="not_reached",
                   handover_days=30)


def test_known_numbers_in_page_chart_and_csv(staff_login, known):
    manager = staff_login("manager")
    response = manager.get("/staff/cijfers")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    for key in TABLES:
        shown = page_table(body, key)
        data = csv_lines(manager, f"/staff/cijfers/{key}.csv")
        assert shown == data, key  # the CSV is exactly the table on the page
    per_kern = page_table(body, "per-kern")
    assert per_kern[0][:4] == ["Kern", "algemeen", "voorliggend", "maatwerk"]
    rekken, neede = row_of(per_kern, "Rekken"), row_of(per_kern, "Neede")
    assert rekken[1:6] == ["7", "0", "0", "7", "100%"]
    assert neede[3] == "<5"  # 3 residents
    assert "3" not in neede[1:]  # nowhere the real number
    # The chart says the same, bar by bar (algemeen, voorliggend, maatwerk per kern).
    values = chart_values(body, "per-kern")
    rows = [line for line in per_kern[1:] if line[0] != "Totaal"]
    assert values == [cell for line in rows for cell in line[1:4]]
    assert "<5" in values and "7" in values
    # How the rule decided: 7 lightest (algemeen), 3 heavier with a justification (maatwerk).
    decided = page_table(body, "afweging")
    assert row_of(decided, "Lichtste passende voorziening")[1] == "7"
    assert row_of(decided, "Zwaarder, met onderbouwing")[3] == "<5"
    assert "3" not in row_of(decided, "Zwaarder, met onderbouwing")[1:]
    # March 2025: 7 algemeen, 3 maatwerk.
    march = row_of(page_table(body, "per-maand"), "mrt 2025")
    assert march[1] == "7" and march[3] == "<5"


def test_totals_cannot_reveal_a_small_cell(app, known):
    with app.test_request_context():
        filters = management.parse_filters({}, {"rekken", "neede"}, on=TODAY)
        for table in management.dashboard(db.session, filters):
            counts = table.count_columns
            rows = [k for k, _ in table.rows]
            lines = [[(r, c) for r in rows] for c in counts]
            if table.row_lines:
                lines += [[(r, c) for c in counts] for r in rows]
            for line in lines:
                hidden = sum(1 for k in line if table.cell(*k).hidden)
                assert hidden != 1 or len(line) == 1, (table.key, line)
            if table.has_hidden and table.total_row:
                assert not any(c.shown for c in [table.cell(management.TOTAL_ROW, col.key)
                                                 for col in table.columns if col.kind != "count"])
        per_kern = management.per_kern(db.session, filters)
        assert per_kern.cell("neede", "totaal").text == "x"
        assert per_kern.cell(management.TOTAL_ROW, "maatwerk").text == "x"
        assert per_kern.cell(management.TOTAL_ROW, "totaal").text == "x"
        assert per_kern.cell("rekken", "totaal").text == "7"


def test_suppression_rules_on_a_table(app):
    with app.test_request_context():
        table = management.Table(
            "t", "T", "Rij", rows=[("a", "A"), ("b", "B"), ("c", "C")],
            columns=[management.Column("p", "P"), management.Column("q", "Q"),
                     management.Column("s", "som", management.SUM),
                     management.Column("d", "deel", management.SHARE, numerator=("p",))])
        for (r, c), (n, cases) in {("a", "p"): (9, 9), ("a", "q"): (6, 6), ("b", "p"): (4, 2),
                                   ("b", "q"): (12, 12), ("c", "p"): (20, 20),
                                   ("c", "q"): (8, 8)}.items():
            table.cells[(r, c)] = management.Cell(n, cases)
        management.suppress(table)
        text = {(r, c): table.cell(r, c).text for r in "abc" for c in "pqsd"}
        assert text[("b", "p")] == "<5"  # 4 referrals, 2 residents
        assert text[("b", "q")] == "x"  # the row's only other cell
        assert text[("a", "p")] == "x"  # column p: smallest other (9), row a crosses
        assert text[("a", "q")] == "x"  # then row a needs a second, column q gets it
        assert text[("c", "p")] == "20" and text[("c", "q")] == "8"
        assert text[("c", "s")] == "28" and text[("c", "d")] == "71%"
        assert text[("a", "s")] == text[("b", "s")] == "x"
        assert table.cell(management.TOTAL_ROW, "s").text == "x"


def test_a_share_or_average_of_fewer_than_5_residents_is_hidden(staff_login, app):
    make_referrals("Eibergen", "algemeen", 6, outcome="reached", handover_days=10)
    make_referrals("Eibergen", "voorliggend", 5, outcome="partly", handover_days=20)
    make_referrals("Borculo", "maatwerk", 2, outcome="stopped_early", handover_days=40)
    manager = staff_login("manager")
    body = manager.get("/staff/cijfers?kern=eibergen").get_data(as_text=True)
    time = page_table(body, "doorlooptijd")
    assert row_of(time, "Algemene voorziening")[1:] == ["6", "10,0"]
    assert row_of(time, "Voorliggende voorziening")[1:] == ["5", "20,0"]
    assert row_of(time, "Totaal")[1:] == ["11", "14,5"]
    outcomes = page_table(body, "uitkomsten")
    assert row_of(outcomes, "Algemene voorziening")[1:] == ["6", "0", "0", "0", "0", "6", "100%"]
    # All kernen: Borculo's 2 residents hide the maatwerk figures and every total.
    body = manager.get("/staff/cijfers").get_data(as_text=True)
    time = page_table(body, "doorlooptijd")
    assert row_of(time, "Maatwerkvoorziening")[1:] == ["<5", "x"]
    assert row_of(time, "Totaal")[1:] == ["x", "x"]
    outcomes = page_table(body, "uitkomsten")
    assert row_of(outcomes, "Maatwerkvoorziening")[4] == "<5"
    assert row_of(outcomes, "Maatwerkvoorziening")[-2:] == ["x", "x"]  # total and share


def test_filters_live_in_the_url(staff_login, app, known):
    make_referrals("Beltrum", "voorliggend", 6, domain="huisvesting", law="zvw")
    make_referrals("Beltrum", "maatwerk", 5, law="jeugdwet",
                   when=datetime(2024, 1, 20, 9, 0, tzinfo=UTC))
    manager = staff_login("manager")

    body = manager.get("/staff/cijfers?kern=rekken").get_data(as_text=True)
    assert [line[0] for line in page_table(body, "per-kern")] == ["Kern", "Rekken", "Totaal"]
    assert row_of(page_table(body, "per-maand"), "mrt 2025")[1:4] == ["7", "0", "0"]
    assert 'href="/staff/cijfers/per-kern.csv?' in body and "kern=rekken" in body
    assert '<option value="rekken" selected>' in body

    body = manager.get("/staff/cijfers?leefgebied=huisvesting").get_data(as_text=True)
    assert row_of(page_table(body, "per-kern"), "Beltrum")[1:5] == ["0", "6", "0", "6"]
    assert row_of(page_table(body, "per-kern"), "Rekken")[1:5] == ["0", "0", "0", "0"]

    body = manager.get("/staff/cijfers?wet=zvw").get_data(as_text=True)
    assert row_of(page_table(body, "per-kern"), "Rekken")[4] == "0"
    assert row_of(page_table(body, "per-kern"), "Beltrum")[4] == "6"

    # January 2024 lies outside the default period (the last 12 months) ...
    body = manager.get("/staff/cijfers?wet=jeugdwet").get_data(as_text=True)
    assert row_of(page_table(body, "per-kern"), "Beltrum")[3] == "0"
    # ... and inside an explicit one; the CSV follows the same filters.
    url = "/staff/cijfers/per-kern.csv?van=2024-01&tot=2024-03&wet=jeugdwet"
    assert row_of(csv_lines(manager, url), "Beltrum")[1:5] == ["0", "0", "5", "5"]
    body = manager.get("/staff/cijfers?van=2024-01&tot=2024-03&wet=jeugdwet").get_data(as_text=True)
    assert [line[0] for line in page_table(body, "per-maand")][1:] == [
        "jan 2024", "feb 2024", "mrt 2024", "Totaal"]
    # Nonsense falls back to the defaults instead of failing.
    assert manager.get("/staff/cijfers?van=gisteren&kern=atlantis&wet=x").status_code == 200


def test_skip_reasons_and_overdue(staff_login, app):
    make_referrals("Ruurlo", "maatwerk", 6, skips=("wachtlijst", "al-geprobeerd"))
    make_referrals("Ruurlo", "voorliggend", 5, skips=("past-niet",))
    make_referrals("Haarlo", "algemeen", 5, review_date=date(2025, 6, 1))
    make_referrals("Gelselaar", "algemeen", 2, review_date=date(2025, 6, 1),
                   next_checkin=date(2025, 6, 2))
    make_referrals("Geesteren", "algemeen", 6, next_checkin=date(2025, 5, 1))
    make_referrals("Geesteren", "algemeen", 5, next_checkin=date(2025, 7, 1))  # not yet due
    manager = staff_login("manager")
    body = manager.get("/staff/cijfers").get_data(as_text=True)
    reasons = page_table(body, "redenen")
    assert row_of(reasons, "Wachtlijst")[1:] == ["0", "6"]
    assert row_of(reasons, "Al geprobeerd")[1:] == ["0", "6"]
    assert row_of(reasons, "Past niet bij de vraag")[1:] == ["5", "0"]
    late = page_table(body, "achterstand")
    assert row_of(late, "Haarlo")[1] == "5"
    assert row_of(late, "Gelselaar")[1:] == ["<5", "<5"]
    assert row_of(late, "Geesteren")[2] == "6"


def test_every_view_and_download_is_audited(staff_login, known):
    manager = staff_login("manager")
    manager.get("/staff/cijfers?kern=neede")
    manager.get("/staff/cijfers/per-kern.csv?kern=neede")
    manager.get("/staff/cijfers/kaart")
    manager.get("/staff/cijfers/kaart/actualiteit.csv")
    db.session.expire_all()
    entries = list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "management").order_by(AuditEntry.id)))
    assert [(e.action, e.object_id) for e in entries] == [
        ("read", "cijfers"), ("export", "per-kern"), ("read", "kaart"),
        ("export", "kaart/actualiteit")]
    assert all(e.user_id == manager.staff_user.id for e in entries)
    assert "kern=neede" in entries[0].detail and "van=2024-07" in entries[0].detail


def test_who_sees_what(staff_login, app, known):
    case_id = str(make_referrals("Rekken", "algemeen", 1)[0].id)
    manager = staff_login("manager")
    assert manager.get("/staff/casussen/").status_code in (403, 404)
    assert manager.get(f"/staff/casussen/{case_id}").status_code in (403, 404)
    assert manager.get("/staff/cijfers").status_code == 200
    admin = staff_login("admin")
    assert admin.get("/staff/cijfers").status_code == 200
    editor = staff_login("editor")
    assert editor.get("/staff/cijfers").status_code == 403
    assert editor.get("/staff/cijfers/per-kern.csv").status_code == 403
    assert editor.get("/staff/cijfers/kaart").status_code == 200
    body = editor.get("/staff/cijfers/kaart").get_data(as_text=True)
    assert 'href="/staff/cijfers?' not in body  # no link to what the editor may not see
    coach = staff_login("staff")
    assert coach.get("/staff/cijfers").status_code == 403
    assert coach.get("/staff/cijfers/kaart").status_code == 403
    assert manager.get("/staff/cijfers/onbekend.csv").status_code == 404


def test_nothing_about_a_resident_is_shown(staff_login, known):
    manager = staff_login("manager")
    pages = [manager.get("/staff/cijfers").get_data(as_text=True),
             manager.get("/staff/cijfers/kaart").get_data(as_text=True)]
    pages += [manager.get(f"/staff/cijfers/{key}.csv").get_data(as_text=True) for key in TABLES]
    pages += [manager.get(f"/staff/cijfers/kaart/{key}.csv").get_data(as_text=True)
              for key in MAP_TABLES]
    for text in pages:
        assert "VMK-2025" not in text
        assert INITIALS not in text and "Zwartbes" not in text and QUESTION[:20] not in text
        assert "/staff/casussen" not in text  # no drill-down from a figure to a case


def test_map_health(staff_login, app):
    from app.models import ChangeReport, Service

    service = db.session.scalars(select(Service).where(Service.tier == "maatwerk")).first()
    db.session.add(ChangeReport(service_id=service.id, kind="hours", message="Andere tijden"))
    for _ in range(3):
        db.session.add(SearchSignal(at=datetime(2025, 5, 1, 10, tzinfo=UTC), query="Klusbus",
                                    result_count=0))
    db.session.add(SearchSignal(at=datetime(2025, 5, 1, 11, tzinfo=UTC), query="hondenuitlaat",
                                result_count=0))
    db.session.add(SearchSignal(at=datetime(2025, 5, 1, 11, tzinfo=UTC), query="yoga",
                                result_count=1))
    db.session.commit()
    editor = staff_login("editor")
    body = editor.get("/staff/cijfers/kaart").get_data(as_text=True)
    provisions = page_table(body, "voorzieningen")
    assert provisions[0][:4] == ["Kern", "algemeen", "voorliggend", "maatwerk"]
    assert int(row_of(provisions, "heel Berkelland")[1]) > 0
    fresh = page_table(body, "actualiteit")
    public = db.session.scalars(select(Service).where(Service.status == "active",
                                                      Service.publication == "published")).all()
    assert row_of(fresh, "Totaal")[4] == str(len(public))
    reports = page_table(body, "meldingen")
    assert row_of(reports, "openingstijden")[3] == "1"
    searches = page_table(body, "zoekopdrachten")
    assert searches[1:] == [["klusbus", "3"], ["hondenuitlaat", "1"]]  # not suppressed: not residents
    assert csv_lines(editor, "/staff/cijfers/kaart/zoekopdrachten.csv") == searches
    assert chart_values(body, "zoekopdrachten") == ["3", "1"]
