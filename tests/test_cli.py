"""Operator commands, as an operator runs them."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import Service, User


def test_load_demo_twice_reports_unchanged(runner):
    first = runner.invoke(args=["load-demo"])
    assert first.exit_code == 0, first.output
    assert "service:" in first.output and "0 updated" in first.output
    total = db.session.scalar(select(func.count()).select_from(Service))
    second = runner.invoke(args=["load-demo"])
    assert second.exit_code == 0, second.output
    assert f"service: 0 created, 0 updated, {total} unchanged" in second.output


def test_reindex_rebuilds_from_scratch(app, runner):
    runner.invoke(args=["load-demo"])
    engine = app.extensions["bw_search"]
    engine.rebuild([])  # an empty (or lost) index
    assert engine.ids() == set()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    total = db.session.scalar(select(func.count()).select_from(Service))
    assert f"Indexed {total} provisions." in result.output
    assert len(engine.ids()) == total


def test_search_check_finds_and_repairs_a_mismatch(app, runner):
    runner.invoke(args=["load-demo"])
    engine = app.extensions["bw_search"]
    some = sorted(engine.ids())[:3]
    engine.remove(some)  # as if the process died between commit and index write
    result = runner.invoke(args=["search-check"])
    assert result.exit_code == 1
    assert "missing from index: 3" in result.output
    result = runner.invoke(args=["search-check", "--repair"])
    assert "repaired" in result.output
    assert set(some) <= engine.ids()
    assert runner.invoke(args=["search-check"]).exit_code == 0


def test_search_check_finds_an_edit_the_index_missed(app, runner):
    """The commit landed, the index write did not: ids match but the content is old."""
    from app import indexing
    from search import SearchQuery

    runner.invoke(args=["load-demo"])
    engine = app.extensions["bw_search"]
    service = db.session.scalar(select(Service).where(Service.name.like("%Trefpoint%")))
    old_document = next(indexing.iter_documents(db.session, [service.id]))
    service.name = "Trefpoint Borculo: koffie en een praatje (Zonnebloemkamer)"
    db.session.commit()  # the index follows ...
    engine.index([old_document])  # ... but pretend that write was lost
    assert str(service.id) not in [h.id for h in engine.search(SearchQuery(text="zonnebloemkamer")).hits]
    result = runner.invoke(args=["search-check"])
    assert result.exit_code == 1 and "outdated in index: 1" in result.output
    assert "repaired" in runner.invoke(args=["search-check", "--repair"]).output
    found = engine.search(SearchQuery(text="zonnebloemkamer")).hits
    assert [h.id for h in found if h.strong] == [str(service.id)]
    assert runner.invoke(args=["search-check"]).exit_code == 0


def test_create_user_reads_the_password_from_stdin(runner):
    password = "lang-genoeg-wachtwoord"
    result = runner.invoke(args=["create-user", "Anouk@Voormekaar.example", "--role", "staff"],
                           input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert user.email == "anouk@voormekaar.example" and user.role == "staff"
    assert user.check_password(password) and password not in user.password_hash
    assert password not in result.output


def test_create_user_refuses_short_passwords_duplicates_and_unknown_roles(runner):
    short = runner.invoke(args=["create-user", "a@b.nl", "--role", "editor"], input="kort\nkort\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    assert runner.invoke(args=["create-user", "a@b.nl", "--role", "boss"]).exit_code != 0
    ok = "nog-een-lang-wachtwoord"
    runner.invoke(args=["create-user", "a@b.nl", "--role", "editor"], input=f"{ok}\n{ok}\n")
    again = runner.invoke(args=["create-user", "a@b.nl", "--role", "editor"],
                          input=f"{ok}\n{ok}\n")
    assert again.exit_code != 0 and "already exists" in again.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1
