"""'Meld een wijziging': the public form, its spam protection and rate limit, and the
reports in the editors' worklist."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import ChangeReport, ReportThrottle
from tests.conftest import make_app
from tests.maintenance.conftest import Clock, open_form, post_report, public_service
from tests.staff.conftest import csrf_token


def _reports() -> int:
    return db.session.scalar(select(func.count()).select_from(ChangeReport))


def test_report_from_public_page_lands_in_worklist_and_resolving_erases_email(
        app, client, report_clock, staff_login, caplog):
    service = public_service()
    service.assured_date = date.today()  # fresh: only the report puts it on the list
    db.session.commit()
    page = client.get(f"/voorziening/{service.id}").get_data(as_text=True)
    assert f'href="/voorziening/{service.id}/melden"' in page

    caplog.set_level(logging.DEBUG)
    response = post_report(client, service.id, report_clock, kind="hours",
                           message="Op dinsdag is het nu van 10 tot 12 uur",
                           email="melder@example.org", remote_addr="203.0.113.9")
    assert response.status_code == 303, response.get_data(as_text=True)
    thanks = client.get(response.headers["Location"])
    assert "Bedankt voor uw melding" in thanks.get_data(as_text=True)
    logged = caplog.text
    assert "melder@example.org" not in logged and "203.0.113.9" not in logged
    assert "Op dinsdag" not in logged

    editor = staff_login("editor")
    worklist = editor.get("/staff/actueel").get_data(as_text=True)
    assert f'id="voorziening-{service.id}"' in worklist
    assert "Op dinsdag is het nu van 10 tot 12 uur" in worklist
    assert "melder@example.org" in worklist  # editors see it, to reply
    report = db.session.scalar(select(ChangeReport))
    assert report.reply_email == "melder@example.org"

    response = editor.post(f"/staff/actueel/meldingen/{report.id}/afgehandeld",
                           data={"csrf_token": csrf_token(editor, "/staff/actueel")})
    assert response.status_code == 303
    db.session.expire_all()
    assert report.resolved_at is not None and report.reply_email is None
    assert report.resolved_by_id == editor.staff_user.id
    after = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "melder@example.org" not in after
    assert f'id="voorziening-{service.id}"' not in after
    # Nothing about the address is stored, only a keyed hash.
    throttle = db.session.scalar(select(ReportThrottle))
    assert "203.0.113.9" not in throttle.key_hash and len(throttle.key_hash) == 64


def test_closed_report_marks_entry_for_checking_at_once(app, client, report_clock, staff_login):
    service = public_service()
    service.assured_date = date.today()
    db.session.commit()
    editor = staff_login("editor")
    assert f'id="voorziening-{service.id}"' not in editor.get("/staff/actueel").get_data(as_text=True)

    response = post_report(client, service.id, report_clock, kind="closed", message="")
    assert response.status_code == 303
    worklist = editor.get("/staff/actueel").get_data(as_text=True)
    first = worklist.index('id="voorziening-')
    assert worklist[first:].startswith(f'id="voorziening-{service.id}"')  # at the top
    assert "gemeld: gestopt" in worklist


def test_honeypot_too_fast_forged_and_stale_posts_are_refused(app, client, report_clock):
    service = public_service()
    too_fast = post_report(client, service.id, report_clock, wait=timedelta(seconds=1))
    assert too_fast.status_code == 400
    assert "Dat ging erg snel" in too_fast.get_data(as_text=True)

    trap = post_report(client, service.id, report_clock, website="http://spam.example")
    assert trap.status_code == 400

    old = post_report(client, service.id, report_clock, wait=timedelta(days=1, minutes=1))
    assert old.status_code == 400
    assert "verlopen" in old.get_data(as_text=True)

    forged = post_report(client, service.id, report_clock, token="eyJzIjoiMSIsInQiOjB9.forged")
    assert forged.status_code == 400

    other = public_service("Taal") or public_service()
    csrf, token_for_other = open_form(client, other.id)
    report_clock.now += timedelta(seconds=5)
    if other.id != service.id:  # a token is bound to its entry
        wrong = client.post(f"/voorziening/{service.id}/melden", data={
            "csrf_token": csrf, "token": token_for_other, "kind": "closed"})
        assert wrong.status_code == 400
    assert _reports() == 0

    invalid = post_report(client, service.id, report_clock, kind="", message="", email="geen-adres")
    assert invalid.status_code == 422
    html = invalid.get_data(as_text=True)
    assert "Kies wat er niet klopt" in html and "Dit is geen e-mailadres" in html
    assert 'aria-invalid="true"' in html
    assert _reports() == 0

    ok = post_report(client, service.id, report_clock)
    assert ok.status_code == 303
    assert _reports() == 1


def test_csrf_stays_on_for_the_public_form(app, client, report_clock):
    service = public_service()
    _, token = open_form(client, service.id)
    report_clock.now += timedelta(seconds=5)
    response = client.post(f"/voorziening/{service.id}/melden",
                           data={"token": token, "kind": "closed"})
    assert response.status_code == 400
    assert _reports() == 0


def test_rate_limit_counts_across_two_app_instances(app, tmp_path, report_clock):
    """Two workers (two create_app() instances) on one database share the count."""
    other = make_app(tmp_path / "worker-b", app.config["SQLALCHEMY_DATABASE_URI"])
    clock_b = Clock(report_clock.now)
    other.config["REPORT_CLOCK"] = clock_b
    service = public_service()
    clients = [app.test_client(), other.test_client()]
    clocks = [report_clock, clock_b]
    limit = app.config["REPORT_RATE_LIMIT"]
    for attempt in range(limit):
        which = attempt % 2
        if which == 1:
            with other.app_context():
                response = post_report(clients[1], service.id, clocks[1])
        else:
            response = post_report(clients[0], service.id, clocks[0])
        assert response.status_code == 303, (attempt, response.get_data(as_text=True))
    with other.app_context():
        refused_b = post_report(clients[1], service.id, clock_b)
        assert refused_b.status_code == 429
    refused_a = post_report(clients[0], service.id, report_clock)
    assert refused_a.status_code == 429
    assert "over een uur" in refused_a.get_data(as_text=True)
    assert _reports() == limit
    # Another address is not affected; an hour later the first may report again.
    assert post_report(clients[0], service.id, report_clock,
                       remote_addr="198.51.100.8").status_code == 303
    report_clock.now += timedelta(minutes=61)
    assert post_report(clients[0], service.id, report_clock).status_code == 303
    with other.app_context():
        db.engine.dispose()


def test_daily_command_prunes_old_throttle_rows(app, client, report_clock):
    service = public_service()
    assert post_report(client, service.id, report_clock).status_code == 303
    report_clock.now += timedelta(days=2)
    result = app.test_cli_runner().invoke(args=["freshness"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(ReportThrottle)) == 0
    assert _reports() == 1  # the report itself stays
