"""Freshness: overdue entries are marked on their public page, leave public search after
the grace period, and come back after one "gecontroleerd" click by an editor."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from app.domain import freshness
from app.extensions import db
from app.runtime import freshness_today, grace_days
from tests.maintenance.conftest import public_service, search_ids
from tests.staff.conftest import csrf_token


def _age(service, days_past_due: int) -> None:
    service.assured_date = date.today() - timedelta(days=service.review_interval_days + days_past_due)
    db.session.commit()


def test_states_and_boundaries():
    today = date(2026, 6, 1)
    entry = SimpleNamespace(assured_date=today - timedelta(days=182), review_interval_days=182,
                            is_public=True)
    assert not freshness.is_stale(entry, today)  # due today, not yet past
    assert freshness.state_of(entry, today, grace=90) == freshness.SOON
    assert freshness.is_stale(entry, today + timedelta(days=1))
    assert not freshness.is_withdrawn(entry, today + timedelta(days=90), grace=90)
    assert freshness.is_withdrawn(entry, today + timedelta(days=91), grace=90)
    assert not freshness.search_visible(entry, today + timedelta(days=91), grace=90)
    never = SimpleNamespace(assured_date=None, review_interval_days=182, is_public=True)
    assert freshness.state_of(never, today, grace=90) == freshness.NEVER
    assert freshness.search_visible(never, today, grace=90)  # imports are never withdrawn
    closed = SimpleNamespace(kind="closed")
    assert freshness.state_of(entry, today, [closed], grace=90) == freshness.REPORTED_CLOSED


def test_overdue_entry_is_marked_on_its_public_page(app, client):
    service = public_service()
    service.assured_date = date.today()
    db.session.commit()
    fresh = client.get(f"/voorziening/{service.id}").get_data(as_text=True)
    assert "Mogelijk verouderd" not in fresh
    assert "Meld een wijziging" in fresh

    _age(service, 10)
    html = client.get(f"/voorziening/{service.id}").get_data(as_text=True)
    assert "Mogelijk verouderd: laatst gecontroleerd op" in html
    assert "niet in de zoekresultaten" not in html  # still within the grace period
    assert str(service.id) in search_ids(client, q=service.name)


def test_past_grace_out_of_search_and_back_after_one_check(app, client, staff_login):
    service = public_service()
    sid = str(service.id)
    assert sid in search_ids(client, q=service.name)

    listed = {s["id"] for s in client.get("/api/v1/services?per_page=1000").get_json()["contents"]}
    assert sid in listed

    _age(service, app.config["FRESHNESS_GRACE_DAYS"] + 5)  # the index follows the commit
    assert sid not in search_ids(client, q=service.name)
    # The open data API lists what public search shows; the entry itself still answers.
    listed = {s["id"] for s in client.get("/api/v1/services?per_page=1000").get_json()["contents"]}
    assert sid not in listed
    assert client.get(f"/api/v1/services/{sid}").status_code == 200
    page = client.get(f"/voorziening/{sid}")
    assert page.status_code == 200  # the row and its page stay
    assert "We controleren deze informatie" in page.get_data(as_text=True)

    editor = staff_login("editor")
    worklist = editor.get("/staff/actueel").get_data(as_text=True)
    assert f'id="voorziening-{sid}"' in worklist
    first = worklist.index('id="voorziening-')
    assert worklist[first:].startswith(f'id="voorziening-{sid}"')  # withdrawn: before the rest
    response = editor.post(f"/staff/actueel/{sid}/gecontroleerd",
                           data={"csrf_token": csrf_token(editor, "/staff/actueel")})
    assert response.status_code == 303
    db.session.expire_all()
    assert service.assured_date == date.today()
    assert service.assurer_email == editor.staff_user.email
    assert sid in search_ids(client, q=service.name)  # back, without any reindex
    assert "Mogelijk verouderd" not in client.get(f"/voorziening/{sid}").get_data(as_text=True)
    done = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "is gecontroleerd en staat weer in de zoekresultaten" in done
    assert f'id="voorziening-{sid}"' not in done


def test_daily_command_withdraws_when_time_passes(app, client):
    """No commit happens when the grace period ends: the results page already leaves the
    entry out (it checks freshness when it loads the rows), and `flask freshness` brings
    the index itself up to date."""
    service = public_service()
    sid = str(service.id)
    grace = app.config["FRESHNESS_GRACE_DAYS"]
    _age(service, grace)  # the last day of the grace period
    assert sid in search_ids(client, q=service.name)
    app.config["FRESHNESS_CLOCK"] = lambda: date.today() + timedelta(days=1)
    try:
        assert sid not in search_ids(client, q=service.name)  # the page does not wait
        result = app.test_cli_runner().invoke(args=["freshness"])
        assert result.exit_code == 0, result.output
        assert "1 out of public search" in result.output
        assert sid not in search_ids(client, q=service.name)
    finally:
        app.config.pop("FRESHNESS_CLOCK")


def test_worklist_filters_by_kern_and_editor(app, staff_login):
    from app.domain.freshness import worklist

    service = public_service()
    _age(service, 3)
    service.assurer_email = "erik@voormekaar.test"
    db.session.commit()
    day = {"on": freshness_today(), "grace": grace_days()}
    slugs = worklist(db.session, **day)[0].kernen
    items = worklist(db.session, **day, editor="erik@voormekaar.test")
    assert [i.service.id for i in items] == [service.id]
    if slugs:
        assert service.id in {i.service.id for i in worklist(db.session, **day, kern=slugs[0])}
    editor = staff_login("editor")
    html = editor.get("/staff/actueel?redacteur=erik@voormekaar.test").get_data(as_text=True)
    assert f'id="voorziening-{service.id}"' in html
    assert html.count('class="freshness-item ') == 1
    assert "te laat" in html


def test_worklist_sorts_most_overdue_first(app):
    from sqlalchemy import select

    from app.models import Service

    a, b = db.session.scalars(select(Service).where(Service.status == "active").limit(2))
    a.assured_date = date.today() - timedelta(days=a.review_interval_days + 5)
    b.assured_date = date.today() - timedelta(days=b.review_interval_days + 40)
    db.session.commit()
    items = freshness.worklist(db.session, on=freshness_today(), grace=grace_days())
    assert [i.service.id for i in items[:2]] == [b.id, a.id]
