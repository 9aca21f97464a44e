"""Search latency of Whoosh and the PostgreSQL backend side by side, on the same documents.

    python -m bench.pg_search_bench --sizes 10000,100000 [--queries 100]
        [--database-url postgresql://postgres@127.0.0.1:5432/bw_bench]

The database (``--database-url``, default ``$BENCH_POSTGRES_URL``) is WIPED: its ``public``
schema is dropped and recreated for every size — point it at a scratch database.  For each
size N it loads N synthetic provisions (``bench.synthetic``) into PostgreSQL, builds a Whoosh
index (temp folder) and the PostgreSQL search tables from the same documents, then times
``backend.search()`` — the engine call behind the results page, facets included, 200 hits —
for the query kinds of ``bench.search_bench``: plain, filtered (kern + tier + free), fuzzy
(a misspelt word) and geographic (5 km around a kern).  Prints median and p95 in ms.
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
from bench.synthetic import ACTIVITIES, generate, misspell
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


def run_size(n: int, queries: int, url: str, workdir: Path) -> list[tuple]:
    from app import create_app, indexing
    from app.extensions import db
    from app.models import Kern
    from importers.reference import load_reference
    from tests.conftest import _reset_postgres

    _reset_postgres(url)
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SEARCH_BACKEND": "memory",  # the loader's commits need no index; both are built below
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    rows = []
    with app.app_context():
        db.create_all()
        load_reference(db.session)
        started = time.perf_counter()
        generate(db.session, n)
        db.session.commit()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        documents = list(indexing.iter_documents(db.session))
        read_s = time.perf_counter() - started
        kernen = list(db.session.scalars(db.select(Kern)))
        db.session.remove()

        whoosh = make_backend("whoosh", workdir / f"index-{n}")
        postgres = make_backend("postgres", None, database_url=url)
        builds = {}
        for name, engine in (("Whoosh", whoosh), ("PostgreSQL", postgres)):
            started = time.perf_counter()
            engine.rebuild(documents)
            builds[name] = time.perf_counter() - started
        print(f"N={n}: loaded into PostgreSQL in {load_s:.1f}s, documents read in {read_s:.1f}s; "
              f"index build Whoosh {builds['Whoosh']:.1f}s, PostgreSQL {builds['PostgreSQL']:.1f}s",
              flush=True)
        for kind in QUERY_KINDS:
            rng = random.Random(f"{n}-{kind}")
            batch = [make_query(kind, rng, kernen) for _ in range(queries)]
            for name, engine in (("Whoosh", whoosh), ("PostgreSQL", postgres)):
                median, p95 = time_engine(engine, batch)
                rows.append((n, name, kind, median, p95))
                print(f"  {name:10} {kind:10} median {median:7.1f} ms   p95 {p95:7.1f} ms", flush=True)
        whoosh.close()
        postgres.close()
        db.engine.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_POSTGRES_URL"),
                        help="scratch PostgreSQL database (wiped); default $BENCH_POSTGRES_URL")
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (a scratch database: it is wiped) or set BENCH_POSTGRES_URL")
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            rows.extend(run_size(n, args.queries, args.database_url, Path(tmp)))
    print("\n| N | query | Whoosh median / p95 ms | PostgreSQL median / p95 ms |\n|---|---|---|---|")
    by_key = {(n, engine, kind): (m, p) for n, engine, kind, m, p in rows}
    for n in sizes:
        for kind in QUERY_KINDS:
            w, p = by_key[(n, "Whoosh", kind)], by_key[(n, "PostgreSQL", kind)]
            print(f"| {n:,} | {kind} | {w[0]:.1f} / {w[1]:.1f} | {p[0]:.1f} / {p[1]:.1f} |")


if __name__ == "__main__":
    main()
