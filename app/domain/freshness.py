"""Freshness of an entry: when was it last checked by a person, and is that too long ago?"""

from __future__ import annotations

from datetime import date, timedelta


def review_due(assured: date | None, interval_days: int) -> date | None:
    return assured + timedelta(days=interval_days) if assured else None


def is_stale(service, today: date) -> bool:
    """Past its review interval (never checked counts as stale once it has a history)."""
    due = review_due(service.assured_date, service.review_interval_days or 182)
    return due is not None and today > due
