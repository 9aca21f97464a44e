"""Opening hours: is a provision open at a given moment (Europe/Amsterdam)?"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from app.models import Schedule

TZ = ZoneInfo("Europe/Amsterdam")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def local_now() -> datetime:
    return datetime.now(TZ)


def utc_offset(value: str | None) -> int | float | None:
    """A schedule's ``timezone`` as HSDS has it (hours from UTC); this site's own
    "Europe/Amsterdam" is not an HSDS value and is left out."""
    try:
        hours = float(value) if value is not None else None
    except ValueError:
        return None
    return int(hours) if hours is not None and hours.is_integer() else hours


#: An RFC 5545 BYDAY item: a day, maybe with its place in the month ("1TU", "-1FR").
BYDAY_ITEM = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")


def byday_items(byday: str | None) -> list[tuple[int | None, str]]:
    """"1TU,-1FR" → [(1, "TU"), (-1, "FR")]; a plain day has no place (None)."""
    items = []
    for part in (byday or "").split(","):
        match = BYDAY_ITEM.match(part.strip().upper())
        if match:
            items.append((int(match[1]) if match[1] else None, match[2]))
    return items


def ends_on(schedule: Schedule) -> date | None:
    """The last day the schedule applies (the earlier of ``until`` and ``valid_to``)."""
    ends = [d for d in (getattr(schedule, "until", None), schedule.valid_to) if d is not None]
    return min(ends) if ends else None


def has_ended(schedule: Schedule, on: date) -> bool:
    end = ends_on(schedule)
    return end is not None and end < on


def is_every_week(schedule: Schedule) -> bool:
    """Open on the same weekdays every week: only then is a row weekly opening hours.

    A monthly schedule ("the first Tuesday"), one every other week, or one limited to some
    weeks, month days or year days is not: it never counts as "open now"."""
    if (schedule.freq or "WEEKLY") != "WEEKLY" or (schedule.interval or 1) != 1:
        return False
    if any(getattr(schedule, k, None) for k in ("byweekno", "bymonthday", "byyearday")):
        return False
    return all(place is None for place, _day in byday_items(schedule.byday))


def current_schedules(schedules: Iterable[Schedule], on: date) -> list[Schedule]:
    """The schedules that still apply on ``on`` (an ended one is history, not a promise)."""
    return [s for s in schedules if not has_ended(s, on)]


def weekly_slots(schedules: Iterable[Schedule], on: date | None = None) -> list[tuple[int, int, int]]:
    """(weekday, opens minute, closes minute) for every schedule row with times that is open
    every week and has not ended."""
    on = on or local_now().date()
    slots = []
    for s in schedules:
        if not (s.byday and s.opens_at and s.closes_at):
            continue
        if not is_every_week(s) or has_ended(s, on):
            continue
        for day in s.byday.split(","):
            day = day.strip().upper()[-2:]
            if day in DAYS:
                slots.append((DAYS.index(day), s.opens_at.hour * 60 + s.opens_at.minute,
                              s.closes_at.hour * 60 + s.closes_at.minute))
    return sorted(set(slots))


def is_open(slots: Iterable[tuple[int, int, int]], moment: datetime) -> bool:
    moment = moment.astimezone(TZ) if moment.tzinfo else moment.replace(tzinfo=TZ)
    minute = moment.hour * 60 + moment.minute
    return any(day == moment.weekday() and opens <= minute < closes
               for day, opens, closes in slots)


def moment_key(moment: datetime) -> tuple[int, int]:
    """The (weekday, minute of day) a search engine's open_at filter takes."""
    moment = moment.astimezone(TZ) if moment.tzinfo else moment.replace(tzinfo=TZ)
    return moment.weekday(), moment.hour * 60 + moment.minute
