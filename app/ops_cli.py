"""Backup and restore: ``flask --app wsgi backup PATH`` / ``flask --app wsgi restore PATH``.

* SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) — a consistent copy
  while the site keeps serving and writing; the backup is an ordinary SQLite file.
* PostgreSQL: ``pg_dump -Fc`` (consistent even while in use) and ``pg_restore`` in a single
  transaction.  The client tools must be installed (Debian: ``postgresql-client``) and be
  of the server's major version or newer.  The password, if the URL holds one, is passed
  in the environment (``PGPASSWORD``), never on the command line.

``restore`` refuses a database that already has tables unless ``--replace`` is given (then
SQLite's content is replaced page by page, PostgreSQL's schema ``public`` is dropped and
recreated first), and refuses a backup of the other engine.  Afterwards the search index is
rebuilt from the restored database (``--no-reindex`` to skip).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from app.extensions import db

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(click.ClickException):
    """One sentence for the operator."""


def init_app(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def _url() -> URL:
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def _pg_env(url: URL) -> dict[str, str]:
    """libpq's own variables: nothing secret on the command line."""
    env = {**os.environ, "PGHOST": url.host or "127.0.0.1", "PGPORT": str(url.port or 5432),
           "PGDATABASE": url.database or ""}
    if url.username:
        env["PGUSER"] = url.username
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools "
                          "(Debian: apt-get install postgresql-client).")
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{Path(args[0]).name} failed: {detail[-1] if detail else result.returncode}")


# --------------------------------------------------------------------------- backup

def backup(target: Path) -> str:
    """Write a backup of the configured database to ``target``; returns the method used."""
    url = _url()
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)  # online: consistent while others read and write
        finally:
            dest.close()
            source.close()
        os.chmod(target, 0o600)
        return "sqlite online backup"
    if url.get_backend_name() == "postgresql":
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}"], _pg_env(url))
        os.chmod(target, 0o600)
        return "pg_dump"
    raise BackupError(f"No backup method for {url.get_backend_name()}.")


# --------------------------------------------------------------------------- restore

def _kind_of(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file.")


def _table_names() -> list[str]:
    return inspect(db.engine).get_table_names()


def restore(source: Path, replace: bool = False) -> str:
    """Restore ``source`` into the configured database (which must be empty unless ``replace``)."""
    url = _url()
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    kind = _kind_of(source)
    engine_kind = url.get_backend_name()
    if kind != engine_kind:
        raise BackupError(f"{source} is a {kind} backup; the configured database is {engine_kind}.")
    existing = _table_names()
    if existing and not replace:
        raise BackupError(f"The database already has {len(existing)} tables; restore into an "
                          "empty database, or give --replace to overwrite it.")
    db.session.remove()
    db.engine.dispose()
    if kind == "sqlite":
        backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = backup_file.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"{source} is damaged (integrity check: {check}).")
            dest = sqlite3.connect(_sqlite_path(url))
            try:
                backup_file.backup(dest)  # replaces the whole content of the destination
            finally:
                dest.close()
        finally:
            backup_file.close()
        return "sqlite online backup"
    if existing:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        db.engine.dispose()
    _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={url.database}", str(source)], _pg_env(url))
    return "pg_restore"


# --------------------------------------------------------------------------- commands

@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Back up the database to PATH (SQLite online backup, or pg_dump -Fc)."""
    method = backup(path)
    click.echo(f"Backed up to {path} ({method}, {path.stat().st_size} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a database that already has tables.")
@click.option("--no-reindex", is_flag=True, help="Do not rebuild the search index afterwards.")
def restore_command(path: Path, replace: bool, no_reindex: bool) -> None:
    """Restore the database from PATH, made by `backup`; then rebuild the search index."""
    method = restore(path, replace=replace)
    click.echo(f"Restored {path} ({method}, {len(_table_names())} tables).")
    if not no_reindex:
        from app import indexing

        count = indexing.rebuild(db.session)
        click.echo(f"Indexed {count} provisions.")
