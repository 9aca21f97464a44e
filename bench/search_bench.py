"""Search speed through the application: Whoosh (the product) beside SQLite FTS5.

    python -m bench.search_bench [--sizes 1000,10000,100000] [--queries 100]

For each size N it makes a fresh SQLite database with N synthetic provisions, builds both
indexes from the same documents, then times ``app.domain.finder.find`` — the function the
results page calls (search, facets, loading the rows, ordering by the ladder) — for plain,
filtered, fuzzy and geographic queries.  Prints median and p95 in milliseconds, plus the
compressed size of a results page.  Nothing here needs the network.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.fts5_backend import Fts5Backend
from bench.synthetic import ACTIVITIES, load, misspell

QUERY_KINDS = ("plain", "filtered", "fuzzy", "geographic")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def make_params(kind: str, rng: random.Random, kernen):
    from app.domain.finder import SearchParams

    word = rng.choice(ACTIVITIES)
    kern = rng.choice(kernen)
    if kind == "plain":
        return SearchParams(q=word)
    if kind == "filtered":
        return SearchParams(q=word, kern=kern.slug, tiers=("algemeen",), free=True)
    if kind == "fuzzy":
        return SearchParams(q=misspell(word, rng))
    return SearchParams(q=word, lat=kern.latitude, lon=kern.longitude, radius_km=5)


def run_size(n: int, queries: int, workdir: Path) -> list[tuple]:
    from app import create_app, indexing, runtime
    from app.domain.finder import find
    from app.extensions import db
    from app.models import Kern

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / f'bench-{n}.db'}",
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_DIR": str(workdir / f"index-{n}"),
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    rows = []
    with app.app_context():
        load_s = load(db.session, n)

        documents = list(indexing.iter_documents(db.session))
        whoosh = app.extensions["bw_search"]
        started = time.perf_counter()
        whoosh.rebuild(documents)
        whoosh_build = time.perf_counter() - started
        fts5 = Fts5Backend()
        started = time.perf_counter()
        fts5.rebuild(documents)
        fts5_build = time.perf_counter() - started
        print(f"N={n}: loaded in {load_s:.1f}s; index build Whoosh {whoosh_build:.1f}s, "
              f"FTS5 {fts5_build:.1f}s", flush=True)

        kernen = list(db.session.scalars(db.select(Kern)))
        for engine_name, engine in (("Whoosh", whoosh), ("SQLite FTS5", fts5)):
            for kind in QUERY_KINDS:
                rng = random.Random(f"{n}-{kind}")
                params = [make_params(kind, rng, kernen) for _ in range(queries)]
                for p in params[:5]:  # warm up caches and searchers
                    find(db.session, engine, p, visibility=runtime.visibility())
                timings = []
                for p in params:
                    started = time.perf_counter()
                    find(db.session, engine, p, visibility=runtime.visibility())
                    timings.append((time.perf_counter() - started) * 1000)
                    db.session.expunge_all()
                rows.append((n, engine_name, kind, statistics.median(timings),
                             percentile(timings, 95)))
                print(f"  {engine_name:12} {kind:10} median {rows[-1][3]:7.1f} ms   "
                      f"p95 {rows[-1][4]:7.1f} ms", flush=True)

        db.session.remove()
        db.engine.dispose()
    return rows


def page_weight(workdir: Path) -> str:
    """Compressed bytes of a results page and every asset it loads (all from this site)."""
    import re

    from app import create_app
    from app.extensions import db
    from importers.demo import load_demo

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'weight.db'}",
        "SEARCH_BACKEND": "memory", "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        from app import indexing

        indexing.rebuild(db.session)
        client = app.test_client()
        html = client.get("/zoeken?q=eenzaam").get_data()
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
        third_party = re.findall(rb'(?:href|src)="(?:https?:)?//', html)
        total = len(gzip.compress(html))
        for asset in assets:
            total += len(gzip.compress(client.get(asset.decode()).get_data()))
        db.engine.dispose()
    return (f"results page for 'eenzaam' on the demo map: {total / 1024:.1f} KB gzip with "
            f"{len(assets)} assets; third-party requests: {len(third_party)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print(page_weight(workdir), flush=True)
        rows = []
        for n in sizes:
            rows.extend(run_size(n, args.queries, workdir))
    print("\n| N | engine | query | median ms | p95 ms |\n|---|---|---|---|---|")
    for n, engine, kind, median, p95 in rows:
        print(f"| {n:,} | {engine} | {kind} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
