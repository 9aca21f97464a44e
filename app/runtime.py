"""The clocks and settings that the domain receives as arguments.

The domain (``app/domain``) never reads ``current_app`` or the clock itself: views, CLI
commands and the indexer take the values from here and pass them on.  Tests fix a clock by
setting a callable in the configuration (``FRESHNESS_CLOCK``, ``MANAGEMENT_CLOCK``,
``REPORT_CLOCK``, ``SIGNAL_CLOCK``); outside an application context the real clock and the
defaults apply.

The domain never imports this module (it sits above the domain, beside the views); the
defaults are those of ``app.config.Config``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

from flask import current_app, has_app_context

from app.config import Config
from app.domain.freshness import Visibility

_T = TypeVar("_T")


def _clock(name: str, default: Callable[[], _T]) -> _T:
    clock = current_app.config.get(name) if has_app_context() else None
    value: _T = clock() if clock else default()
    return value


def freshness_today() -> date:
    """Today for freshness (review dates, withdrawal from search)."""
    return _clock("FRESHNESS_CLOCK", date.today)


def management_today() -> date:
    """Today for the management figures (default period, overdue reviews)."""
    return _clock("MANAGEMENT_CLOCK", date.today)


def report_now() -> datetime:
    """The current UTC time for change reports (tokens, rate limit, resolution)."""
    return _clock("REPORT_CLOCK", lambda: datetime.now(UTC))


def signal_now() -> datetime:
    """The current UTC time for search signals."""
    return _clock("SIGNAL_CLOCK", lambda: datetime.now(UTC))


def grace_days() -> int:
    """``FRESHNESS_GRACE_DAYS``: days past the review date before an entry leaves search."""
    default = Config.FRESHNESS_GRACE_DAYS
    if has_app_context():
        return int(current_app.config.get("FRESHNESS_GRACE_DAYS", default))
    return default


def few_results() -> int:
    """``SIGNAL_FEW_RESULTS``: a public search with at most this many results is a signal."""
    default = Config.SIGNAL_FEW_RESULTS
    if has_app_context():
        return int(current_app.config.get("SIGNAL_FEW_RESULTS", default))
    return default



def visibility() -> Visibility:
    """What public pages show today: the freshness clock and FRESHNESS_GRACE_DAYS."""
    return Visibility(freshness_today(), grace_days())
