"""Opening hours: is a provision open at a given moment (Europe/Amsterdam)?"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def local_now() -> datetime:
    return datetime.now(TZ)


def weekly_slots(schedules: Iterable) -> list[tuple[int, int, int]]:
    """(weekday, opens minute, closes minute) for every schedule row with times."""
    slots = []
    for s in schedules:
        if not (s.byday and s.opens_at and s.closes_at):
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
