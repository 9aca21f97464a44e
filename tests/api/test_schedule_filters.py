"""The UK profile's schedule filters on the demo map: ``day``, ``start_time``, ``end_time``.

Open Referral UK's API (``OpenReferralUK/uk-profile``, ``schema/openapi.json``) adds them to
``/services`` and ``/service_at_locations``.  Here a service matches when one of its
schedules is open on that day and overlaps the window [start_time, end_time).  Before
these filters existed the parameters were ignored: every test below then fails, because
the whole map comes back.
"""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Schedule, Service, ServiceAtLocation
from tests.api.helpers import get, ids


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _open(schedule: Schedule, day: str | None, start: time | None, end: time | None) -> bool:
    """The rule, written out independently of the query."""
    days = {part.strip().lstrip("+-0123456789") for part in (schedule.byday or "").split(",")}
    if day and day not in days and not (schedule.byday is None and schedule.freq == "DAILY"):
        return False
    if start is None and end is None:
        return True
    if schedule.opens_at is None or schedule.closes_at is None:
        return False
    overnight = schedule.closes_at <= schedule.opens_at
    return ((end is None or schedule.opens_at < end)
            and (start is None or overnight or schedule.closes_at > start))


def expected(everything: list[str], day=None, start=None, end=None) -> list[str]:
    start, end = (_clock(start) if start else None), (_clock(end) if end else None)
    keep = {str(s.service_id) for s in db.session.scalars(select(Schedule))
            if s.service_id and _open(s, day, start, end)}
    return [i for i in everything if i in keep]


CASES = [
    {"day": "SA"},
    {"day": "su"},  # codes are case-insensitive
    {"day": "WE", "start_time": "19:00", "end_time": "22:00"},
    {"day": "SA", "end_time": "12:00"},
    {"start_time": "21:30"},
    {"day": "MO", "start_time": "09:00", "end_time": "09:30"},
]


@pytest.mark.parametrize("query", CASES, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_services_open_on_a_day_within_a_window(api, query):
    everything = ids(api, "/api/v1/services")
    url = "/api/v1/services?" + "&".join(f"{k}={v}" for k, v in query.items())
    found = ids(api, url)
    want = expected(everything, (query.get("day") or "").upper() or None,
                    query.get("start_time"), query.get("end_time"))
    assert found == want  # the same services, in the public order
    assert 0 < len(found) < len(everything)
    assert "X-Ignored-Parameters" not in get(api, url).headers


def test_a_saturday_morning_finds_the_library_and_not_the_weekday_office(api):
    names = {s["name"] for s in get(api, "/api/v1/services?day=SA&start_time=10:30"
                                         "&end_time=11:00&per_page=1000").get_json()["contents"]}
    assert "Bibliotheek Neede" in names  # SA 10:00-13:00
    assert "Jongereninloop in Eibergen" not in names  # SA 20:00-23:00
    assert "Zondagse maaltijd in Eibergen" not in names  # SU only
    assert "De Luisterlijn: dag en nacht iemand om mee te praten" in names  # every day


def test_schedule_filters_combine_with_search_and_apply_to_service_at_locations(api):
    searched = ids(api, "/api/v1/services?search=repareren")
    on_saturday = ids(api, "/api/v1/services?search=repareren&day=SA&start_time=14:00")
    assert on_saturday and set(on_saturday) < set(searched)
    assert on_saturday == expected(searched, "SA", "14:00", None)  # Repair Café Eibergen
    sal_ids = ids(api, "/api/v1/service_at_locations?day=SU")
    services = {str(sid) for sid in db.session.scalars(
        select(ServiceAtLocation.service_id).where(
            ServiceAtLocation.id.in_([uuid.UUID(i) for i in sal_ids])))}
    sundays = set(expected(ids(api, "/api/v1/services"), "SU"))
    assert services and services <= sundays
    assert len(sal_ids) < len(ids(api, "/api/v1/service_at_locations"))


def test_the_filters_are_documented(api):
    spec = get(api, "/api/v1/openapi.json").get_json()
    for path in ("/services", "/service_at_locations"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert params["day"]["schema"]["enum"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        assert "HH:MM" in params["start_time"]["description"]
        assert params["end_time"]["schema"]["pattern"].startswith("^")


def test_an_ended_schedule_no_longer_counts(changing_app):
    api = changing_app.test_client()
    sunday = ids(api, "/api/v1/services?day=SU")
    service = db.session.get(Service, uuid.UUID(sunday[0]))
    for schedule in service.schedules:
        schedule.valid_to = date(2020, 12, 31)
    db.session.commit()
    assert sunday[0] not in ids(api, "/api/v1/services?day=SU")
