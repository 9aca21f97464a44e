"""Latency of the public search page over HTTP, asked as residents ask it.

    python -m bench.search_latency [--provisions 10000] [--seconds 30] [--backends whoosh,postgres
        --database-url postgresql://postgres@127.0.0.1:5432/bw_bench] [--workdir DIR]
        [--target page|api]

Builds N provisions with realistic text (``bench/synthetic.py --realistic``: names and 60-100-word
B1 descriptions recombined from the demo map's own sentences), starts ``gunicorn wsgi:app`` with
one sync worker and no page cache, and asks for ``/zoeken`` pages one at a time with the 304
resident queries of ``bench/relevance/tuned`` (plain words, inflections, compounds, everyday
words, typos, whole questions, English, a kern in the words, a postcode nearby), in a fixed
shuffled order, for ``--seconds`` after a warm-up. Prints the median and p95 latency over all
pages and per kind of query. Target: p95 <= 50 ms at 10,000 provisions.

``--target api`` asks the same queries of the open-data API instead:
``/api/v1/services?search=…`` (with ``postcode`` and ``proximity`` for the queries near a
postcode; queries near a place *name* are left out, the API takes postcodes only), the
default page of 50.

One client at a time measures what one resident waits for; ``bench.http_bench`` measures
throughput with many clients.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.http_bench import build_site, percentile, site_env, start_server
from bench.relevance import HERE, read_queries

TARGET_P95_MS = 50.0


def paths(target: str = "page") -> list[tuple[str, str]]:
    """(kind, path) of every tuned query, shuffled once (seeded)."""
    out = []
    for query in read_queries(HERE / "tuned" / "queries.jsonl"):
        if target == "api":
            args: dict[str, object] = {"search": query.q}
            if query.bij and not query.bij[:4].isdigit():
                continue  # a place name: the API takes postcodes and coordinates only
            if query.bij:
                args["postcode"] = query.bij
                args["proximity"] = query.straal or 10
            out.append((query.kind, "/api/v1/services?" + urlencode(args)))
            continue
        args = {"q": query.q}
        if query.bij:
            args["bij"] = query.bij
        if query.straal:
            args["straal"] = query.straal
        out.append((query.kind, "/zoeken?" + urlencode(args)))
    random.Random(20261202).shuffle(out)
    return out


def measure(port: int, seconds: float, warmup: float = 5.0,
            target: str = "page") -> dict[str, list[float]]:
    """Latencies (ms) per kind of query, one request at a time on one kept-alive connection."""
    kinds = paths(target)
    complete = b"</html>" if target == "page" else b'"contents"'
    out: dict[str, list[float]] = {"all": []}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    begin = time.perf_counter()
    record_from, stop_at = begin + warmup, begin + warmup + seconds
    i = 0
    while time.perf_counter() < stop_at:
        kind, path = kinds[i % len(kinds)]
        i += 1
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or complete not in body:
            raise SystemExit(f"{path}: HTTP {response.status}")
        if started >= record_from:
            out["all"].append(elapsed)
            out.setdefault(kind, []).append(elapsed)
    conn.close()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--backends", default="whoosh")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_POSTGRES_URL"))
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the SQLite database and index here (reused when present)")
    parser.add_argument("--target", choices=("page", "api"), default="page",
                        help="the search page /zoeken, or the API's /api/v1/services?search=")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bw-latency-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            if backend == "postgres" and not args.database_url:
                parser.error("--backends postgres needs --database-url (a scratch database: it is wiped)")
            if backend == "whoosh" and (workdir / "bench.db").exists() and (workdir / "index").exists():
                env = site_env(workdir, backend, None)
            else:
                env = build_site(workdir, args.provisions, backend, args.database_url, realistic=True)
            server, port = start_server(env, 1, workdir / "gunicorn.log")
            try:
                rows.append((backend, measure(port, args.seconds, target=args.target)))
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    what = "Search page" if args.target == "page" else "API search (/api/v1/services?search=)"
    print(f"\n{what} latency over HTTP: {args.provisions} provisions with 60-100-word "
          f"descriptions, gunicorn 1 sync worker, no page cache, one request at a time, "
          f"{args.seconds:.0f} s; load average at the end {os.getloadavg()[0]:.1f}")
    print("| backend | kind | pages | median (ms) | p95 (ms) |")
    print("|---|---|---|---|---|")
    for backend, result in rows:
        for kind, values in sorted(result.items(), key=lambda kv: (kv[0] != "all", kv[0])):
            print(f"| {backend} | {kind} | {len(values)} | {statistics.median(values):.1f} | "
                  f"{percentile(values, 95):.1f} |")
        p95 = percentile(result["all"], 95)
        print(f"{backend}: p95 {p95:.1f} ms, target <= {TARGET_P95_MS:.0f} ms: "
              f"{'meets' if p95 <= TARGET_P95_MS else 'misses'}")


if __name__ == "__main__":
    main()
