"""Import throughput: N synthetic provisions as HSDS 3.0 JSON, imported, re-imported, exported.

    python -m bench.import_bench [--size 10000] [--search memory|whoosh] [--keep DIR [--reuse]]

1. Makes N synthetic provisions (``bench/synthetic.py``, about 5 per organisation) in a scratch
   SQLite database, gives every place a street address and takes the coordinates off one in
   five (so the import geocodes them from the offline tables), and exports them as HSDS JSON
   and as a tabular data package — timed: that is the export figure.
2. Imports the JSON into an empty database the way ``flask import hsds`` does (read and map
   as it streams, validate everything, write in one transaction, commit, which also updates
   the search index) — the first-import figure.
3. Imports the same file again: everything is matched and found unchanged — the re-import
   figure.

Prints services per second for both imports and the export times, and the CPU seconds this
process used for each import (``time.process_time``): on a machine whose cores other work
shares, services per CPU second still compare runs fairly.  Nothing needs the network.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path


def _app(workdir: Path, name: str, search: str):
    from app import create_app

    return create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / f'{name}.db'}",
        "SEARCH_BACKEND": search,
        "SEARCH_INDEX_DIR": str(workdir / f"index-{name}"),
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })


def _add_addresses(session, seed: int = 1859) -> int:
    """Street addresses for the synthetic places; one in five loses its coordinates."""
    from sqlalchemy import insert, select, update

    from app.models import Address, Kern, Location, Postcode

    rng = random.Random(seed)
    kernen = {k.id: k for k in session.scalars(select(Kern))}
    pc4 = {}
    for postcode in session.scalars(select(Postcode).where(Postcode.kern_id.is_not(None))):
        pc4.setdefault(postcode.kern_id, postcode.pc4)
    rows, ungeocoded = [], []
    for number, (location_id, kern_id) in enumerate(session.execute(
            select(Location.id, Location.kern_id)), start=1):
        kern = kernen[kern_id]
        rows.append({"location_id": location_id, "address_1": f"Dorpsstraat {number}",
                     "postal_code": f"{pc4.get(kern_id, '7271')} {rng.choice('ABCDEFGH')}"
                                    f"{rng.choice('BCDEFGHJ')}",
                     "city": kern.name, "state_province": "Gelderland", "country": "NL",
                     "address_type": "physical"})
        if rng.random() < 0.2:
            ungeocoded.append(location_id)
    session.execute(insert(Address), rows)
    session.execute(update(Location).where(Location.id.in_(ungeocoded))
                    .values(latitude=None, longitude=None))
    return len(ungeocoded)


def run(size: int, search: str, workdir: Path, reuse: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    hsds_file = workdir / f"services-{size}.json"
    if reuse and hsds_file.exists():  # the file of an earlier run (--keep DIR --reuse)
        (workdir / "target.db").unlink(missing_ok=True)
        shutil.rmtree(workdir / "index-target", ignore_errors=True)
        figures.update(ungeocoded=float("nan"), export_json_s=float("nan"),
                       export_package_s=float("nan"))
    else:
        _make_file(size, workdir, hsds_file, figures)
    figures["file_mb"] = hsds_file.stat().st_size / 1e6
    _import_twice(size, search, workdir, hsds_file, figures)
    return figures


def _make_file(size: int, workdir: Path, hsds_file: Path, figures: dict) -> None:
    from app.extensions import db
    from app.hsds.export import export_datapackage, export_json
    from bench.synthetic import load

    source_app = _app(workdir, "source", "memory")
    with source_app.app_context():
        load(db.session, size)
        figures["ungeocoded"] = _add_addresses(db.session)
        db.session.commit()
        started = time.perf_counter()
        export_json(db.session, hsds_file)
        figures["export_json_s"] = time.perf_counter() - started
        db.session.expire_all()
        started = time.perf_counter()
        export_datapackage(db.session, workdir / f"package-{size}")
        figures["export_package_s"] = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()


def _import_twice(size: int, search: str, workdir: Path, hsds_file: Path, figures: dict) -> None:
    from app.extensions import db
    try:  # the streaming reader, as ``flask import hsds`` uses it
        from importers.hsds_import import stream_hsds as read_hsds
    except ImportError:  # before it existed
        from importers.hsds_import import read_hsds
    from importers.reference import load_reference
    from importers.runner import run_import

    target_app = _app(workdir, "target", search)
    with target_app.app_context():
        db.create_all()
        load_reference(db.session)
        db.session.commit()
        for label in ("first", "again"):
            db.session.expire_all()
            started, cpu = time.perf_counter(), time.process_time()
            batch, source = read_hsds(db.session, hsds_file)
            read = time.perf_counter()
            report = run_import(db.session, batch, source=source)
            written = time.perf_counter()
            db.session.commit()  # the after-commit listener brings the search index in step
            seconds = time.perf_counter() - started
            figures[f"{label}_cpu_s"] = time.process_time() - cpu
            figures[f"{label}_parts"] = (read - started, written - read,
                                         started + seconds - written)
            services = report.counts["service"]
            figures[f"{label}_s"] = seconds
            figures[f"{label}_per_s"] = size / seconds
            figures[f"{label}_counts"] = services
            figures[f"{label}_drafts"] = len(report.drafts)
        db.session.remove()
        db.engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--search", choices=("memory", "whoosh"), default="memory",
                        help="search backend kept in step on commit (the product uses whoosh)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep the files (default: a temp folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: import the HSDS file an earlier run left there "
                             "(no new synthetic map, no export figures)")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args.size, args.search, args.keep, reuse=args.reuse)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = run(args.size, args.search, Path(tmp))
    print(f"{args.size} synthetic services, HSDS JSON {figures['file_mb']:.1f} MB, "
          f"{figures['ungeocoded']:.0f} places without coordinates, search backend {args.search}")
    print(f"export JSON:        {figures['export_json_s']:.1f} s")
    print(f"export datapackage: {figures['export_package_s']:.1f} s")
    for label, title in (("first", "first import"), ("again", "re-import")):
        counts = figures[f"{label}_counts"]
        print(f"{title + ':':<19} {figures[f'{label}_s']:.1f} s = "
              f"{figures[f'{label}_per_s']:.0f} services/s  (created {counts['created']}, "
              f"updated {counts['updated']}, unchanged {counts['unchanged']}; "
              f"drafts {figures[f'{label}_drafts']})")
        read, write, commit = figures[f"{label}_parts"]
        print(f"{'':<19} read {read:.1f} s, (map+)check+write {write:.1f} s, "
              f"commit incl. search index {commit:.1f} s")
        print(f"{'':<19} CPU {figures[f'{label}_cpu_s']:.1f} s = "
              f"{args.size / figures[f'{label}_cpu_s']:.0f} services per CPU second")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
