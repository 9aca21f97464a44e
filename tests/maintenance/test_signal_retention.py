"""Search signals keep what residents typed for SIGNAL_RETENTION_DAYS only (#14, finding 15):
``flask retention`` erases the words, the counts per kern and life domain stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.domain import signals
from app.extensions import db
from app.models import SearchSignal

OLD_WORDS = "hulp voor mijn buurman van nummer 12"


def _hour(days_ago: int) -> datetime:
    return (datetime.now(UTC) - timedelta(days=days_ago)).replace(minute=0, second=0,
                                                                  microsecond=0)


def test_retention_erases_old_search_words_and_keeps_the_counts(app, staff_login):
    assert app.config["SIGNAL_RETENTION_DAYS"] == 180
    db.session.add_all([
        SearchSignal(at=_hour(200), query=OLD_WORDS, kern="rietmolen", life_domains="wonen",
                     result_count=0),
        SearchSignal(at=_hour(190), query=OLD_WORDS, kern="rietmolen", result_count=0),
        SearchSignal(at=_hour(10), query="maaltijdgroepje", kern="rietmolen", result_count=0),
    ])
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention"])
    assert result.exit_code == 0, result.output
    assert "2 zoeksignaal" in result.output
    db.session.expire_all()
    rows = db.session.scalars(select(SearchSignal).order_by(SearchSignal.at)).all()
    assert [r.query for r in rows] == ["", "", "maaltijdgroepje"]
    assert [r.kern for r in rows] == ["rietmolen"] * 3 and rows[0].life_domains == "wonen"

    # the signals view still counts the old searches per kern and life domain, without words
    year = signals.overview(db.session, days=365, now=datetime.now(UTC))
    assert year.per_kern["rietmolen"].searches == 3
    assert year.per_domain["wonen"].searches == 1
    assert [q for q, _n, _z in year.top_queries] == ["maaltijdgroepje"]
    editor = staff_login("editor")
    page = editor.get("/staff/signalen?dagen=365&kern=rietmolen").get_data(as_text=True)
    assert "buurman" not in page
    assert "maaltijdgroepje" in page
    listing = editor.get("/staff/signalen/lijst?soort=zoeken&kern=rietmolen&dagen=365")
    assert listing.status_code == 200 and "buurman" not in listing.get_data(as_text=True)
    assert listing.get_data(as_text=True).count("<tr") >= 4  # the old rows are still listed

    # a shorter period from the command line; running again changes nothing more
    result = app.test_cli_runner().invoke(args=["retention", "--signal-days", "5"])
    assert "1 zoeksignaal" in result.output
    db.session.expire_all()
    assert db.session.scalars(select(SearchSignal.query)).all() == ["", "", ""]


def test_signal_retention_days_comes_from_config(tmp_path):
    import pytest

    from app.config import Config, ConfigError

    env = {"SECRET_KEY": "k" * 40}
    assert Config.from_env(tmp_path, {**env, "SIGNAL_RETENTION_DAYS": "90"}) \
        .as_flask_config()["SIGNAL_RETENTION_DAYS"] == 90
    with pytest.raises(ConfigError, match="SIGNAL_RETENTION_DAYS"):
        Config.from_env(tmp_path, {**env, "SIGNAL_RETENTION_DAYS": "nooit"})
