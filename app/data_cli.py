"""Data in and out: ``flask --app wsgi import hsds|spreadsheet PATH``, ``export hsds PATH``, ``drafts``.

Imports are all or nothing (``importers/runner.py``): on any problem the command prints
every problem (file, row, field, value, why) in Dutch and exits with status 1, and the
database is untouched.  ``--dry-run`` checks and counts without saving.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db

import_group = AppGroup("import", help="Gegevens inlezen (HSDS 3.0 of het spreadsheet-sjabloon).")
export_group = AppGroup("export", help="Gegevens uitvoeren als HSDS 3.0.")


def init_app(app: Flask) -> None:
    app.cli.add_command(import_group)
    app.cli.add_command(export_group)
    app.cli.add_command(drafts_command)


def _progress():
    """Prints a line per stage step; quiet for small files."""
    state: dict[str, str | None] = {"stage": None}

    def update(stage: str, done: int, total: int) -> None:
        if done < 1000 if not total else total < 1000:  # total 0: a file read as it streams
            return
        if stage != state["stage"]:
            state["stage"] = stage
        click.echo(f"  {stage}: {done} van {total}" if total else f"  {stage}: {done}", err=True)

    return update


def _run(batch_reader, path: Path, source: str | None, dry_run: bool) -> None:
    from app.schemas.records import kern_names_in, kernen_known
    from importers.runner import ImportFailed, run_import

    try:
        with kernen_known(kern_names_in(db.session)):
            batch, default_source = batch_reader(db.session, path)
            report = run_import(db.session, batch, source=source or default_source,
                                dry_run=dry_run, progress=_progress())
    except ImportFailed as error:
        db.session.rollback()
        count = len(error.problems)
        click.echo(f"Er is niets ingelezen: {count} {'probleem' if count == 1 else 'problemen'} in "
                   f"{path.name}.", err=True)
        for problem in error.problems:
            click.echo(f"- {problem}", err=True)
        sys.exit(1)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for line in report.lines():
        click.echo(line)


@import_group.command("hsds")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Alleen controleren en tellen; niets opslaan.")
@click.option("--source", default=None,
              help="Naam van de bron (standaard: de bestandsnaam); een herhaalde import uit "
                   "dezelfde bron werkt bij in plaats van dubbel in te lezen.")
def import_hsds_command(path: Path, dry_run: bool, source: str | None) -> None:
    """Lees HSDS 3.0 in: JSON (lijst, pagina of NDJSON) of een datapakket (map met CSV's)."""
    from importers.hsds_import import stream_hsds

    _run(stream_hsds, path, source, dry_run)


@import_group.command("spreadsheet")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Alleen controleren en tellen; niets opslaan.")
@click.option("--source", default=None,
              help="Naam van de bron (standaard: de bestandsnaam).")
def import_spreadsheet_command(path: Path, dry_run: bool, source: str | None) -> None:
    """Lees het spreadsheet-sjabloon in (CSV of XLSX, Nederlandse kolomkoppen)."""
    from importers.spreadsheet import read_spreadsheet

    _run(read_spreadsheet, path, source, dry_run)


@export_group.command("hsds")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "datapackage"]), default="json",
              show_default=True,
              help="json: één bestand met volledig geneste voorzieningen; datapackage: een map "
                   "met CSV-bestanden en datapackage.json.")
def export_hsds_command(path: Path, fmt: str) -> None:
    """Schrijf alle gepubliceerde voorzieningen als HSDS 3.0 naar PATH."""
    from flask_babel import ngettext

    from app.hsds.export import export_datapackage, export_json, left_out

    if fmt == "json":
        count = export_json(db.session, path)
        click.echo(ngettext("%(num)d voorziening geschreven naar %(path)s.",
                            "%(num)d voorzieningen geschreven naar %(path)s.", count,
                            path=str(path)))
    else:
        count = export_datapackage(db.session, path)
        click.echo(ngettext(
            "%(num)d voorziening geschreven naar de map %(path)s (datapackage.json + CSV).",
            "%(num)d voorzieningen geschreven naar de map %(path)s (datapackage.json + CSV).",
            count, path=str(path)))
    skipped = left_out(db.session)
    if skipped.drafts:
        click.echo(ngettext(
            "%(num)d concept niet uitgevoerd: een concept is nog niet af. Een redacteur vult "
            "het aan en publiceert het (zie: flask --app wsgi drafts); daarna gaat het mee.",
            "%(num)d concepten niet uitgevoerd: een concept is nog niet af. Een redacteur vult "
            "ze aan en publiceert ze (zie: flask --app wsgi drafts); daarna gaan ze mee.",
            skipped.drafts))
    if skipped.withdrawn:
        click.echo(ngettext(
            "%(num)d voorziening niet uitgevoerd: ze is te lang niet gecontroleerd en daarom "
            "ingetrokken (niet in de zoekresultaten en de lijsten van de API). Na een controle "
            "door een redacteur gaat ze weer mee.",
            "%(num)d voorzieningen niet uitgevoerd: ze zijn te lang niet gecontroleerd en daarom "
            "ingetrokken (niet in de zoekresultaten en de lijsten van de API). Na een controle "
            "door een redacteur gaan ze weer mee.",
            skipped.withdrawn))


@click.command("drafts")
def drafts_command() -> None:
    """Concepten uit een import die een redacteur nog moet aanvullen, met de reden."""
    from app.models import Service

    drafts = db.session.scalars(
        select(Service).where(Service.publication == "draft", Service.draft_reason.is_not(None))
        .order_by(Service.name)).all()
    if not drafts:
        click.echo("Geen concepten om aan te vullen.")
        return
    click.echo(f"{len(drafts)} concept(en) om aan te vullen:")
    for service in drafts:
        click.echo(f"- {service.name} [{service.source} / {service.external_id}]: "
                   f"{service.draft_reason}")
