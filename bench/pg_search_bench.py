"""Search latency of Whoosh and the PostgreSQL backend side by side, on the same documents.

    python -m bench.pg_search_bench --sizes 10000,100000 [--queries 100]
        [--backends whoosh,postgres] [--reuse [--reuse-index]]
        [--database-url postgresql://postgres@127.0.0.1:5432/bw_bench]

The database (``--database-url``, default ``$BENCH_POSTGRES_URL``) is WIPED: its ``public``
schema is dropped and recreated for every size — point it at a scratch database.  For each
size N it loads N synthetic provisions (``bench.synthetic``) into PostgreSQL, builds a Whoosh
index (temp folder) and the PostgreSQL search tables from the same documents, then times
``backend.search()`` — the engine call behind the results page, facets included, 200 hits —
for the query kinds of ``bench.search_bench``: plain, filtered (kern + tier + free), fuzzy
(a misspelt word) and geographic (5 km around a kern).  Prints median and p95 in ms, and the
seconds it took to import the N provisions, to read them back as search documents and to
rebuild each search index.

``--backends postgres`` leaves Whoosh out (its build of 1,000,000 documents takes very long).
``--reuse`` keeps the provisions of an earlier run when the database holds exactly N (import
then shows "reused"); ``--reuse-index`` with ``--backends postgres`` also keeps the PostgreSQL
search tables when they hold N documents, to time queries only.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.search_bench import QUERY_KINDS, percentile
from bench.synthetic import ACTIVITIES, load, misspell
from search import GeoFilter, SearchQuery, make_backend


def make_query(kind: str, rng: random.Random, kernen) -> SearchQuery:
    """The queries of ``bench.search_bench.make_params``, as the engine receives them."""
    word = rng.choice(ACTIVITIES)
    kern = rng.choice(kernen)
    if kind == "plain":
        return SearchQuery(text=word)
    if kind == "filtered":
        return SearchQuery(text=word, kern=kern.slug, tiers=("algemeen",), free=True)
    if kind == "fuzzy":
        return SearchQuery(text=misspell(word, rng))
    return SearchQuery(text=word, geo=GeoFilter(kern.latitude, kern.longitude, 5.0))


def time_engine(engine, queries: list[SearchQuery]) -> tuple[float, float]:
    for q in queries[:5]:  # warm caches, searchers and connections
        engine.search(q)
    timings = []
    for q in queries:
        started = time.perf_counter()
        engine.search(q)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 95)


ENGINES = {"whoosh": "Whoosh", "postgres": "PostgreSQL"}


def _held_provisions(url: str) -> int | None:
    """How many services the database holds (None when it has no schema of ours)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT to_regclass('service') IS NULL")).scalar_one():
                return None
            return conn.execute(text("SELECT count(*) FROM service")).scalar_one()
    finally:
        engine.dispose()


def run_size(n: int, queries: int, url: str, workdir: Path, backends: list[str],
             reuse: bool = False, reuse_index: bool = False) -> tuple[list[tuple], list[tuple]]:
    """Latency rows (n, engine, kind, median, p95) and build rows (n, engine, step, seconds)."""
    from app import create_app, indexing
    from app.extensions import db
    from app.models import Kern
    from tests.conftest import _reset_postgres

    reused = (reuse or reuse_index) and _held_provisions(url) == n
    if not reused:
        _reset_postgres(url)
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SEARCH_BACKEND": "memory",  # the loader's commits need no index; both are built below
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    rows: list[tuple] = []
    builds: list[tuple] = []
    with app.app_context():
        if reused:
            load_s = None
        else:
            load_s = load(db.session, n)
        kernen = list(db.session.scalars(db.select(Kern)))

        engines = {}
        for key in backends:
            if key == "whoosh":
                engines[key] = make_backend("whoosh", workdir / f"index-{n}")
            else:
                engines[key] = make_backend("postgres", None, database_url=url)
        keep_pg = reused and reuse_index and "whoosh" not in engines and len(engines["postgres"].ids()) == n
        read_s = None
        if not keep_pg:
            started = time.perf_counter()
            documents = list(indexing.iter_documents(db.session))
            read_s = time.perf_counter() - started
        db.session.remove()
        builds.append((n, "database", "import", load_s))
        builds.append((n, "database", "read documents", read_s))
        for key, engine in engines.items():
            seconds = None
            if not keep_pg:
                started = time.perf_counter()
                engine.rebuild(documents)
                seconds = time.perf_counter() - started
            builds.append((n, ENGINES[key], "rebuild", seconds))
        if not keep_pg:
            del documents
        done = builds[-2 - len(engines):]
        print(f"N={n}: " + ", ".join(f"{who} {step} {_secs(s)}" for _, who, step, s in done), flush=True)
        for kind in QUERY_KINDS:
            rng = random.Random(f"{n}-{kind}")
            batch = [make_query(kind, rng, kernen) for _ in range(queries)]
            for key, engine in engines.items():
                median, p95 = time_engine(engine, batch)
                rows.append((n, ENGINES[key], kind, median, p95))
                print(f"  {ENGINES[key]:10} {kind:10} median {median:7.1f} ms   p95 {p95:7.1f} ms",
                      flush=True)
        for engine in engines.values():
            engine.close()
        db.engine.dispose()
    return rows, builds


def _secs(seconds: float | None) -> str:
    return "reused" if seconds is None else f"{seconds:.1f}s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--backends", default="whoosh,postgres",
                        help="comma-separated: whoosh, postgres (a Whoosh build of 1,000,000 takes long)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the provisions already in the database when it holds exactly N "
                             "(only the largest size survives a run of several)")
    parser.add_argument("--reuse-index", action="store_true",
                        help="with --reuse and --backends postgres: also keep the PostgreSQL search "
                             "tables when they hold N documents (no read, no rebuild)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_POSTGRES_URL"),
                        help="scratch PostgreSQL database (wiped); default $BENCH_POSTGRES_URL")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (a scratch database: it is wiped) or set BENCH_POSTGRES_URL")
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if not backends or set(backends) - set(ENGINES):
        parser.error(f"--backends: choose from {', '.join(ENGINES)}")
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, builds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r, b = run_size(n, args.queries, args.database_url, Path(tmp), backends,
                            args.reuse, args.reuse_index)
            rows.extend(r)
            builds.extend(b)
    names = [ENGINES[b] for b in backends]
    print("\n| N | query | " + " | ".join(f"{e} median / p95 ms" for e in names) + " |")
    print("|---|---|" + "---|" * len(names))
    by_key = {(n, engine, kind): (m, p) for n, engine, kind, m, p in rows}
    for n in sizes:
        for kind in QUERY_KINDS:
            cells = [by_key[(n, e, kind)] for e in names]
            print(f"| {n:,} | {kind} | " + " | ".join(f"{m:.1f} / {p:.1f}" for m, p in cells) + " |")
    print("\n| N | step | seconds |\n|---|---|---|")
    for n, who, step, seconds in builds:
        label = f"{who} {step}" if who != "database" else {
            "import": "import N provisions into PostgreSQL (shared)",
            "read documents": "read N search documents from the database (shared)",
        }[step]
        print(f"| {n:,} | {label} | {_secs(seconds)} |")


if __name__ == "__main__":
    main()
