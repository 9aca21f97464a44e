"""Where an API search request spends its time, in-process, phase by phase.

    python -m bench.api_phases --workdir DIR [--requests 200]

``DIR`` is a site built by ``python -m bench.search_latency --workdir DIR`` (SQLite +
Whoosh).  Asks ``/api/v1/services?search=…`` with the tuned resident queries (as
``bench.search_latency --target api`` does) through Flask's test client and times, per
request, the search engine (``find_ids``), choosing the answer (``matching_services``, which
includes the engine), loading the page (``load_services``) and serialising it; prints the
median and p95 of each.  Run it beside the HTTP figures to see what is the engine's and what
the API's own.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

from bench.http_bench import percentile, site_env
from bench.search_latency import paths


def _timed(module, name: str, key: str, spent: dict[str, list[float]]) -> None:
    original = getattr(module, name)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.setdefault(key, []).append((time.perf_counter() - started) * 1000)

    setattr(module, name, timed)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    from app import create_app
    from app.api import queries, views
    from app.config import _normalise_database_url

    env = site_env(args.workdir, "whoosh", None)
    app = create_app({"SQLALCHEMY_DATABASE_URI": _normalise_database_url(env["DATABASE_URL"]),
                      "SEARCH_BACKEND": "whoosh", "SEARCH_INDEX_DIR": env["SEARCH_INDEX_DIR"],
                      "INSTANCE_PATH": str(args.workdir / "instance"),
                      "SECRET_KEY": env["SECRET_KEY"]})
    logging.getLogger("berkellandwijzer.request").setLevel(logging.WARNING)
    spent: dict[str, list[float]] = {}
    _timed(queries, "find_ids", "engine (find_ids)", spent)
    _timed(queries, "matching_services", "choosing the answer (incl. engine)", spent)
    _timed(queries, "load_services", "loading the page", spent)
    _timed(views, "_listing", "serialising the page", spent)
    client = app.test_client()
    asked = [path for _, path in paths("api")]
    for path in asked[:20]:  # warm-up
        client.get(path)
    spent.clear()
    whole = spent.setdefault("whole request", [])
    for path in (asked * (args.requests // len(asked) + 1))[:args.requests]:
        started = time.perf_counter()
        response = client.get(path)
        whole.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    print(f"API search, in-process, {args.requests} requests; load average "
          f"{os.getloadavg()[0]:.1f}")
    print("| phase | median (ms) | p95 (ms) |")
    print("|---|---|---|")
    for key, values in spent.items():
        print(f"| {key} | {statistics.median(values):.1f} | {percentile(values, 95):.1f} |")


if __name__ == "__main__":
    main()
