"""Reference data every installation needs: kernen, PC4 postcodes and the profile taxonomies.

Sources are the files in ``data/`` (provenance in ``data/README.md``); the taxonomies
come from ``app.vocabulary``.  Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import csv
from pathlib import Path

from flask_babel import force_locale
from sqlalchemy import select

from app.hsds import stable_id
from app.models import Kern, Postcode, Taxonomy, TaxonomyTerm
from app.models.base import DbSession
from app.vocabulary import TAXONOMIES, TAXONOMY_DESCRIPTIONS, ZRM_NAMES

DATA = Path(__file__).resolve().parent.parent / "data"
PROFILE_URI = "https://berkellandwijzer.nl/profile"


def load_kernen(session: DbSession, path: Path = DATA / "kernen.csv", *, first_order: int = 0) -> int:
    existing = {k.name: k for k in session.scalars(select(Kern))}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for order, row in enumerate(rows):
        values = {
            "slug": row["slug"],
            "latitude": float(row["lat"]),
            "longitude": float(row["lon"]),
            "population": row["population"],
            "source": f"coördinaten: {row['coordinates_source']}; "
                      f"inwoners: {row['population_source']}",
            "sort_order": first_order + order,
        }
        kern = existing.get(row["name"])
        if kern is None:
            session.add(Kern(name=row["name"], **values))
        else:
            for key, value in values.items():
                if getattr(kern, key) != value:
                    setattr(kern, key, value)
    session.flush()
    return len(rows)


def load_postcodes(session: DbSession, path: Path = DATA / "postcodes.csv") -> int:
    kernen = {k.name: k for k in session.scalars(select(Kern))}
    existing = {p.pc4: p for p in session.scalars(select(Postcode))}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        kern = kernen.get(row["kern"]) if row["kern"] else None
        postcode = existing.get(row["postcode"])
        values = {
            "place": row["place"],
            "municipality": row["municipality"],
            "latitude": float(row["lat"]),
            "longitude": float(row["lon"]),
            "kind": row["kind"],
            # a row without a kern leaves a link another file made (a neighbouring
            # municipality's kernen, ``load-reference --postcodes``) as it is
            "kern_id": kern.id if kern else (postcode.kern_id if postcode is not None else None),
        }
        if postcode is None:
            session.add(Postcode(pc4=row["postcode"], **values))
        else:
            for key, value in values.items():
                if getattr(postcode, key) != value:
                    setattr(postcode, key, value)
    session.flush()
    return len(rows)


def load_taxonomies(session: DbSession) -> int:
    count = 0
    with force_locale("nl"):
        for name, terms in TAXONOMIES.items():
            taxonomy = session.scalar(select(Taxonomy).where(Taxonomy.name == name))
            if taxonomy is None:
                # Derived ids: every installation exports the same term ids (HSDS exchange).
                taxonomy = Taxonomy(id=stable_id("taxonomy", name), name=name,
                                    description=TAXONOMY_DESCRIPTIONS[name],
                                    uri=f"{PROFILE_URI}#{name}", version="1")
                session.add(taxonomy)
                session.flush()
            current = {t.code: t for t in taxonomy.terms}
            for term in terms:
                term_name = ZRM_NAMES.get(term.code) if name == "leefgebied" else None
                values = {
                    "name": term_name or str(term.label),
                    "description": str(term.description or term.label),
                    "taxonomy": name,
                    "language": "nl",
                }
                existing = current.get(term.code)
                if existing is None:
                    session.add(TaxonomyTerm(id=stable_id("taxonomy_term", name, term.code),
                                             code=term.code, taxonomy_id=taxonomy.id, **values))
                else:
                    for key, value in values.items():
                        if getattr(existing, key) != value:
                            setattr(existing, key, value)
                count += 1
    session.flush()
    return count


def load_reference(session: DbSession, *, kernen: Path | None = None,
                   postcodes: Path | None = None) -> dict[str, int]:
    """Berkelland's kernen and postcodes from ``data/`` (and, when given, another file of
    kernen or postcodes in the same columns, e.g. a neighbouring municipality's), and the
    profile taxonomies."""
    counts = {"kernen": load_kernen(session), "postcodes": load_postcodes(session)}
    if kernen is not None:
        counts["kernen"] += load_kernen(session, kernen, first_order=counts["kernen"])
    if postcodes is not None:
        counts["postcodes"] += load_postcodes(session, postcodes)
    counts["taxonomy_terms"] = load_taxonomies(session)
    return counts
