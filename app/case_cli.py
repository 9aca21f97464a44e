"""``flask --app wsgi retention``: the AVG retention period for cases.

Registered by ``app/staff/views_cases.py`` (the case feature owns its command).
"""

from __future__ import annotations

import click

from app.extensions import db


@click.command("retention")
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Days after closing; default: the CASE_RETENTION_DAYS setting (730).")
def retention_command(days: int | None) -> None:
    """Erase personal fields and free text of cases closed more than DAYS ago, and again of
    cases already anonymised (anything written afterwards)."""
    from flask import current_app

    from app.domain.cases import anonymise_ended

    period = days if days is not None else current_app.config["CASE_RETENTION_DAYS"]
    count = anonymise_ended(db.session, older_than_days=period)
    db.session.commit()
    click.echo(f"{count} casus(sen) geanonimiseerd of opnieuw gewist (gesloten langer dan "
               f"{period} dagen geleden, of eerder geanonimiseerd).")
