"""``flask import hsds PATH``: picks the reader (JSON file or tabular data package) and maps.

Only reading and mapping happen here; ``importers/runner.py`` validates and writes.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from importers import hsds_datapackage, hsds_json
from importers.hsds_mapping import Batch, map_services
from importers.runner import known_terms

#: Every HSDS import shares one source: HSDS ids are UUIDs, unique whoever published them,
#: so a re-import of the same records (from JSON or from a data package) updates them.
SOURCE = "hsds"


def is_datapackage(path: Path) -> bool:
    return path.is_dir() or path.name == "datapackage.json"


def read_hsds(session: Session, path: Path) -> tuple[Batch, str]:
    """Read and map ``path``; reading problems end up in ``batch.problems``."""
    batch = Batch()
    terms = known_terms(session)
    try:
        if is_datapackage(path):
            map_services(hsds_datapackage.read(path, batch.notices, batch.left_out), terms,
                         batch)
        else:  # streamed: each service is mapped as soon as it is read
            map_services(hsds_json.read(path), terms, batch)
    except hsds_json.ReadError as error:
        # what was mapped before the file broke off is not checked: the file is refused
        batch.items.clear()
        batch.terms.clear()
        batch.left_out.clear()
        batch.problems.clear()
        batch.problems.extend(error.problems)
    return batch, SOURCE
