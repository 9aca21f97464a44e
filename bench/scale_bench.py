"""The scale-out benchmark of issue #8, in one command: both search backends side by side.

    python -m bench.scale_bench --database-url postgresql://postgres@127.0.0.1:5432/bw_bench
        [--sizes 10000,100000,1000000] [--whoosh-up-to 100000] [--queries 100]
        [--http-provisions 10000] [--http-seconds 20]

1. Search latency (median, p95) of Whoosh and the PostgreSQL backend on the same synthetic
   provisions, for plain, filtered, fuzzy and geographic queries, at each size; with the time
   to load the provisions and to build each index (``bench.pg_search_bench``).  Whoosh runs
   up to ``--whoosh-up-to`` provisions: building a Whoosh index of a million provisions
   takes longer than the whole PostgreSQL run.
2. Search pages per second over HTTP with gunicorn and 2 workers at ``--http-provisions``,
   SQLite + Whoosh and PostgreSQL, each without and with the Redis page cache
   (``bench.http_bench``).
3. Import speed: the HSDS importer on ``--import-provisions`` provisions (SQLite, the Whoosh
   index kept in step on commit), first import and unchanged re-import, and export
   (``bench.import_bench``).

The PostgreSQL database given is WIPED (its ``public`` schema is dropped): use a scratch one.
Everything runs on this machine, client included; the load average is printed with each
part, because other work on a 2-core machine moves the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import time


def _heading(text: str) -> None:
    print(f"\n=== {text} (load average {os.getloadavg()[0]:.1f}) ===", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_POSTGRES_URL"),
                        help="scratch PostgreSQL database (WIPED); default $BENCH_POSTGRES_URL")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--whoosh-up-to", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--http-provisions", type=int, default=10_000)
    parser.add_argument("--http-seconds", type=float, default=20.0)
    parser.add_argument("--import-provisions", type=int, default=10_000)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (a scratch database: it is wiped) or set "
                     "BENCH_POSTGRES_URL")

    from bench import http_bench, import_bench, pg_search_bench

    started = time.perf_counter()
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        backends = "whoosh,postgres" if size <= args.whoosh_up_to else "postgres"
        _heading(f"search latency at {size:,} provisions ({backends})")
        pg_search_bench.main(["--sizes", str(size), "--queries", str(args.queries),
                              "--backends", backends, "--database-url", args.database_url])

    _heading(f"search pages over HTTP at {args.http_provisions:,} provisions")
    http_bench.main(["--provisions", str(args.http_provisions), "--seconds",
                     str(args.http_seconds), "--backends", "whoosh,postgres",
                     "--database-url", args.database_url, "--cache-url", args.cache_url])

    _heading(f"HSDS import of {args.import_provisions:,} provisions (SQLite)")
    import_bench.main(["--size", str(args.import_provisions), "--search", "whoosh"])
    print(f"\nWhole benchmark: {(time.perf_counter() - started) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
