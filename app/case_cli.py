"""``flask --app wsgi retention``: the AVG retention periods — for cases, and for the words
of public search signals (``SIGNAL_RETENTION_DAYS``, ``app.domain.signals``).

Registered by ``create_app`` (``app/__init__.py``), beside the other command modules.
"""

from __future__ import annotations

import click
from flask import Flask, current_app

from app.domain.cases import anonymise_ended
from app.domain.signals import prune_search_words
from app.extensions import db


def init_app(app: Flask) -> None:
    app.cli.add_command(retention_command)


@click.command("retention")
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Days after closing; default: the CASE_RETENTION_DAYS setting (730).")
@click.option("--signal-days", type=click.IntRange(min=0), default=None,
              help="Days a search signal keeps its words; default: SIGNAL_RETENTION_DAYS (180).")
def retention_command(days: int | None, signal_days: int | None) -> None:
    """Erase personal fields and free text of cases closed more than DAYS ago, and again of
    cases already anonymised (anything written afterwards); and the words of search
    signals older than SIGNAL_DAYS."""
    period = days if days is not None else current_app.config["CASE_RETENTION_DAYS"]
    count = anonymise_ended(db.session, older_than_days=period)
    db.session.commit()
    click.echo(f"{count} casus(sen) geanonimiseerd of opnieuw gewist (gesloten langer dan "
               f"{period} dagen geleden, of eerder geanonimiseerd).")

    from app.runtime import signal_now

    keep = signal_days if signal_days is not None else current_app.config["SIGNAL_RETENTION_DAYS"]
    pruned = prune_search_words(db.session, keep, now=signal_now())
    db.session.commit()
    click.echo(f"{pruned} zoeksignaal/-signalen zonder zoekwoorden verder bewaard "
               f"(ouder dan {keep} dagen).")
