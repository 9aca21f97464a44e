"""``flask import hsds PATH``: picks the reader (JSON file or tabular data package) and maps.

Only reading and mapping happen here; ``importers/runner.py`` validates and writes.
``stream_hsds`` maps while the runner reads (what ``flask import`` uses: a large file is never
held mapped as a whole); ``read_hsds`` maps everything at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.models.base import DbSession
from importers import hsds_datapackage, hsds_json
from importers.hsds_mapping import Batch, Item, iter_items
from importers.runner import ImportFailed, known_terms

#: Every HSDS import shares one source: HSDS ids are UUIDs, unique whoever published them,
#: so a re-import of the same records (from JSON or from a data package) updates them.
SOURCE = "hsds"


def is_datapackage(path: Path) -> bool:
    return path.is_dir() or path.name == "datapackage.json"


def stream_hsds(session: DbSession, path: Path) -> tuple[Batch, str]:
    """``batch.stream`` is an iterator that reads and maps ``path`` one service at a time as
    ``run_import`` takes them (once).  A file that cannot be read raises ``ImportFailed``
    with the reading problems alone: what was mapped before it broke off is not checked."""
    batch = Batch()
    terms = known_terms(session)
    if is_datapackage(path):
        sources = hsds_datapackage.read(path, batch.notices, batch.left_out)
    else:
        sources = hsds_json.read(path)
    batch.stream = _read_or_refuse(iter_items(sources, terms, batch))
    return batch, SOURCE


def _read_or_refuse(items: Iterator[Item]) -> Iterator[Item]:
    try:
        yield from items
    except hsds_json.ReadError as error:
        raise ImportFailed(error.problems) from None


def read_hsds(session: DbSession, path: Path) -> tuple[Batch, str]:
    """Read and map all of ``path``; reading problems end up in ``batch.problems``."""
    batch, source = stream_hsds(session, path)
    try:
        batch.items = list(batch.all_items())
    except ImportFailed as error:
        batch.items = []
        batch.terms.clear()
        batch.left_out.clear()
        batch.problems[:] = error.problems
    batch.stream = None
    return batch, source
