"""Operator commands: ``flask --app wsgi <command>``.

``db upgrade`` (Flask-Migrate) · ``load-reference`` · ``load-demo`` · ``reindex`` ·
``search-check [--repair]`` · ``create-user EMAIL --role ROLE`` · ``rotate-totp-key`` ·
``stats`` · ``freshness``
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


def init_app(app: Flask) -> None:
    for command in (load_reference_command, load_demo_command, reindex_command,
                    search_check_command, create_user_command, rotate_totp_key_command,
                    stats_command, freshness_command):
        app.cli.add_command(command)


def _progress(label: str) -> Callable[[int, int], None]:
    bars: list[ProgressBar[int]] = []  # made at the first step, when the total is known

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=None))
            bars[0].__enter__()
        bars[0].update(1)
        if done == total:
            bars[0].__exit__(None, None, None)

    return update


@click.command("load-reference")
@click.option("--kernen", "kernen_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Also load these kernen (same columns as data/kernen.csv).")
@click.option("--postcodes", "postcodes_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Also load these PC4 postcodes (same columns as data/postcodes.csv).")
def load_reference_command(kernen_file: Path | None, postcodes_file: Path | None) -> None:
    """Load the kernen, PC4 postcodes and profile taxonomies from data/."""
    from importers.reference import load_reference

    counts = load_reference(db.session, kernen=kernen_file, postcodes=postcodes_file)
    db.session.commit()
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items()))


@click.command("load-demo")
@click.option("--path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Another file in the demo format (default: data/demo/sociale_kaart.json).")
def load_demo_command(path: str | None) -> None:
    """Load the demo social map of Berkelland. Running it twice changes nothing."""
    from pathlib import Path

    from importers.demo import DEMO_FILE, DemoDataError, load_demo

    try:
        report = load_demo(db.session, Path(path) if path else DEMO_FILE,
                           progress=_progress("Organisaties"))
    except DemoDataError as error:
        db.session.rollback()
        raise click.ClickException(f"The demo data has errors; nothing was loaded:\n{error}") \
            from None
    db.session.commit()
    for kind, counts in report.by_kind.items():
        click.echo(f"{kind}: {counts['created']} created, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged")


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the database (built aside, then swapped in)."""
    from app import indexing

    count = indexing.rebuild(db.session)
    click.echo(f"Indexed {count} provisions.")


@click.command("search-check")
@click.option("--repair", is_flag=True, help="Index what is missing and remove what is extra.")
def search_check_command(repair: bool) -> None:
    """Compare the search index with the database."""
    from app import indexing

    diff = indexing.check(db.session)
    click.echo(f"missing from index: {len(diff['missing'])}, extra in index: {len(diff['extra'])}, "
               f"outdated in index: {len(diff['stale'])}")
    if repair and any(diff.values()):
        indexing.repair(db.session)
        click.echo("repaired")
    elif any(diff.values()):
        raise SystemExit(1)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["staff", "editor", "manager", "admin"]))
@click.option("--name", "display_name", default=None, help="Name shown to colleagues.")
def create_user_command(email: str, role: str, display_name: str | None) -> None:
    """Create a staff account; the password is read from a prompt or stdin, never an argument."""
    from app.domain import accounts

    account = accounts.new_account(email, role, display_name)
    _refuse(accounts.problems(db.session, account), account.email)  # before asking for a password
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        accounts.create_user(db.session, account, password)
    except accounts.AccountRefused as refused:
        db.session.rollback()
        _refuse(refused.problems, account.email)
    db.session.commit()
    click.echo(f"Created {account.role} account {account.email}. The user sets up the second "
               "factor (TOTP) at the first sign-in and is then shown one-time recovery codes.")


def _refuse(problems: dict[str, str], email: str) -> None:
    """Stop with the first problem of a new account, in English."""
    from app import passwords
    from app.domain import accounts

    messages = {
        accounts.EMAIL_INVALID: "That is not an email address (name@domain.nl, no spaces).",
        accounts.EMAIL_TAKEN: f"A user with email {email} already exists.",
        accounts.NAME_TOO_LONG: f"The name may be at most {accounts.MAX_NAME_LENGTH} characters.",
        accounts.ROLE_UNKNOWN: "Unknown role.",
        passwords.TOO_SHORT: f"The password must be at least {passwords.MIN_LENGTH} characters "
                             "long.",
        passwords.TOO_LONG: f"The password must be at most {passwords.MAX_LENGTH} characters "
                            "long.",
        passwords.TOO_GUESSABLE: "This password is too easy to guess (a common password, a word "
                                 "with digits, a repeat or a sequence); choose a longer phrase of "
                                 "unrelated words.",
    }
    for field, code in problems.items():
        if field == "email" and code == accounts.EMAIL_INVALID:
            raise click.BadParameter(messages[code], param_hint="EMAIL")
        raise click.ClickException(messages.get(code, code))


@click.command("rotate-totp-key")
def rotate_totp_key_command() -> None:
    """Re-encrypt every stored TOTP secret with the first key of TOTP_ENCRYPTION_KEY (put
    the new key first, keep the old one after it until this has run, then drop it)."""
    from sqlalchemy.orm.attributes import flag_modified

    from app.models import User

    users = db.session.scalars(select(User).where(User.totp_secret.is_not(None))).all()
    for user in users:
        flag_modified(user, "totp_secret")  # written again: encrypted with the first key
    db.session.commit()
    click.echo(f"Re-encrypted {len(users)} TOTP secrets with the first key.")


@click.command("stats")
def stats_command() -> None:
    """Counts of what is in the database."""
    from app.models import Kern, Location, Organization, Service

    for model in (Kern, Organization, Service, Location):
        count = db.session.scalar(select(func.count()).select_from(model))
        click.echo(f"{model.__tablename__}: {count}")


@click.command("freshness")
def freshness_command() -> None:
    """Daily (cron): re-evaluate which entries are out of public search because their check
    is overdue past the grace period, and forget spam-throttle counts older than a day."""
    from app import runtime
    from app.domain import reports
    from app.indexing import refresh_visibility

    counts = refresh_visibility(db.session, on=runtime.freshness_today(), grace=runtime.grace_days())
    pruned = reports.prune_throttle(db.session, now=runtime.report_now())
    db.session.commit()
    click.echo(f"{counts['reindexed']} provisions re-evaluated: {counts['stale']} overdue, "
               f"{counts['withdrawn']} out of public search until checked; "
               f"{pruned} old report-throttle rows removed.")
