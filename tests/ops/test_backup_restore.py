"""`flask backup PATH` / `flask restore PATH`: every row of every table comes back.

Backs up a filled database (the demo map, a staff account, a change report) through the
real command line, restores into an empty database and compares row counts per table and a
checksum of the full content of several tables.  SQLite (online backup API) always;
PostgreSQL (pg_dump -Fc / pg_restore) when TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from tests.ops.servers import BIN, ROOT, SECRET

CHECKSUM_TABLES = ("organization", "service", "location", "user_account", "change_report")


def _flask(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SEARCH_BACKEND": "memory",
           "SECRET_KEY": SECRET}
    return subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=300)


def _engine(url: str):
    return create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def _fill(tmp_path: Path, database_url: str, demo_db_file: Path) -> str:
    from tests.conftest import make_app

    if database_url.startswith("sqlite"):
        shutil.copy(demo_db_file, tmp_path / "source.db")
        database_url = f"sqlite:///{tmp_path / 'source.db'}"
    app = make_app(tmp_path, database_url)
    from app.extensions import db
    from app.models import Service
    from app.models.signals import ChangeReport
    from app.models.user import User

    with app.app_context():
        if not database_url.startswith("sqlite"):
            db.create_all()
            from importers.demo import load_demo

            load_demo(db.session)
        user = User(email="backup@voormekaar.test", display_name="Back Up", role="editor",
                    is_active=True)
        user.set_password("Nog-Een-Lang-Wachtwoord")
        db.session.add(user)
        service = db.session.scalars(select(Service).order_by(Service.name)).first()
        db.session.add(ChangeReport(service_id=service.id, kind="other", message="Ëén test — ok",
                                    reply_email="melder@example.nl", created_at=datetime.now(UTC)))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return database_url


def _snapshot(url: str) -> tuple[dict[str, int], dict[str, str]]:
    engine = _engine(url)
    try:
        inspector = inspect(engine)
        tables = sorted(inspector.get_table_names())
        counts, sums = {}, {}
        with engine.connect() as conn:
            for table in tables:
                counts[table] = conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            for table in CHECKSUM_TABLES:
                key = inspector.get_pk_constraint(table)["constrained_columns"]
                order = ", ".join(f'"{c}"' for c in key)
                rows = conn.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}')).all()  # noqa: S608
                sums[table] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    finally:
        engine.dispose()
    return counts, sums


def _empty_postgres_twin(url: str) -> str:
    """A new, empty database next to the test database (``<name>_restore``)."""
    parsed = make_url(url)
    name = f"{parsed.database}_restore"
    admin = _engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def _drop_database(admin_url: str, name: str) -> None:
    admin = _engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_then_restore_into_an_empty_database_finds_every_row(
        request, tmp_path, database_url, demo_db_file):
    source = _fill(tmp_path, database_url, demo_db_file)
    if source.startswith("sqlite"):
        target = f"sqlite:///{tmp_path / 'restored.db'}"
    else:
        if shutil.which("pg_dump") is None:
            pytest.skip("pg_dump is not installed (Debian: postgresql-client)")
        target = _empty_postgres_twin(source)
        request.addfinalizer(lambda: _drop_database(source, make_url(target).database))
    backup_file = tmp_path / "backups" / "site.backup"

    made = _flask(source, "backup", str(backup_file))
    assert made.returncode == 0, made.stderr
    assert "Backed up to" in made.stdout
    assert backup_file.stat().st_mode & 0o077 == 0  # holds personal data: owner only
    again = _flask(source, "backup", str(backup_file))
    assert again.returncode != 0 and "already exists" in again.stderr

    restored = _flask(target, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    assert "Indexed" in restored.stdout

    before, after = _snapshot(source), _snapshot(target)
    counts, sums = before
    assert counts["service"] > 10 and counts["user_account"] >= 1 and counts["change_report"] == 1
    assert after == before

    # A database with tables is not overwritten by accident; with --replace it is.
    refused = _flask(target, "restore", "--no-reindex", str(backup_file))
    assert refused.returncode != 0 and "--replace" in refused.stderr
    replaced = _flask(target, "restore", "--replace", "--no-reindex", str(backup_file))
    assert replaced.returncode == 0, replaced.stderr
    assert _snapshot(target) == before


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    result = _flask(f"sqlite:///{tmp_path / 'empty.db'}", "restore", str(junk))
    assert result.returncode != 0
    assert "neither a SQLite backup nor a pg_dump" in result.stderr
