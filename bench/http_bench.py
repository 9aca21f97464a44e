"""HTTP throughput of the public search page: gunicorn with 2 workers, 10,000 provisions.

    python -m bench.http_bench [--provisions 10000] [--seconds 20] [--clients 8] [--workers 2]
        [--cache-url redis://127.0.0.1:6379/0] [--backends whoosh,postgres
        --database-url postgresql://postgres@127.0.0.1:5432/bw_bench]

Builds a SQLite database with synthetic provisions (``bench/synthetic.py``) and a Whoosh
index in a temporary folder (and/or loads them into a scratch PostgreSQL database searched by
the PostgreSQL backend, ``--backends``), starts ``gunicorn wsgi:app`` on 127.0.0.1 with the settings of
``deploy/gunicorn.conf.py`` (sync workers), and lets ``--clients`` Python threads ask for
search pages (plain words, words with a kern filter, a misspelt word, a postcode nearby) as
fast as the server answers, for ``--seconds`` after a short warm-up.  Prints requests per
second and the latency median and p95, twice: without a page cache (every page searched and
rendered) and with the shared Redis page cache of ``app/page_cache.py`` (started empty).
Pure standard library on the client side (``http.client``, keep-alive where the server
allows it), so nothing extra to install.

The client runs on the same machine and takes CPU from the server: the figure is a lower
bound of what the server can do with a client elsewhere.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.synthetic import load, misspell, query_words

ROOT = Path(__file__).resolve().parent.parent
TARGET_PER_SECOND = 300


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


SECRET = "http-bench-secret-0123456789abcdef0123456789"  # noqa: S105 - a throwaway site


def site_env(workdir: Path, backend: str, database_url: str | None) -> dict[str, str]:
    """The servers' settings: SQLite + Whoosh in ``workdir``, or PostgreSQL for both."""
    if backend == "postgres":
        return {"DATABASE_URL": database_url, "SEARCH_BACKEND": "postgres",
                "SEARCH_INDEX_DIR": str(workdir / "unused-index"), "SECRET_KEY": SECRET}
    return {"DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}", "SEARCH_BACKEND": "whoosh",
            "SEARCH_INDEX_DIR": str(workdir / "index"), "SECRET_KEY": SECRET}


def build_site(workdir: Path, n: int, backend: str = "whoosh",
               database_url: str | None = None, *, realistic: bool = False) -> dict[str, str]:
    """N synthetic provisions and their search index; PostgreSQL's database is WIPED first.
    ``realistic``: 60-100-word descriptions recombined from the demo map's sentences."""
    from app import create_app, indexing
    from app.config import _normalise_database_url
    from app.extensions import db

    env = site_env(workdir, backend, database_url)
    if backend == "postgres":
        from tests.conftest import _reset_postgres

        _reset_postgres(database_url)
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": _normalise_database_url(env["DATABASE_URL"]),
                      "SEARCH_BACKEND": "memory", "SEARCH_INDEX_DIR": env["SEARCH_INDEX_DIR"],
                      "INSTANCE_PATH": str(workdir / "instance"), "SECRET_KEY": SECRET})
    with app.app_context():
        seconds = load(db.session, n, realistic=realistic)
        print(f"{n} synthetic provisions loaded into {backend_label(backend)} in "
              f"{seconds:.1f} s", flush=True)
        db.session.remove()
        db.engine.dispose()
    # The index of the configured backend, built as `flask reindex` does.
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": _normalise_database_url(env["DATABASE_URL"]),
                      "SEARCH_BACKEND": env["SEARCH_BACKEND"],
                      "SEARCH_INDEX_DIR": env["SEARCH_INDEX_DIR"],
                      "INSTANCE_PATH": str(workdir / "instance"), "SECRET_KEY": SECRET})
    with app.app_context():
        started = time.perf_counter()
        indexing.rebuild(db.session)
        print(f"search index ({env['SEARCH_BACKEND']}) built in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        db.session.remove()
        engine = app.extensions["bw_search"]
        if hasattr(engine, "close"):
            engine.close()
        db.engine.dispose()
    return env


def backend_label(backend: str) -> str:
    return "PostgreSQL" if backend == "postgres" else "SQLite + Whoosh"


def search_paths(count: int, seed: int = 20261130) -> list[str]:
    rng = random.Random(seed)
    words = query_words()
    kernen = ["borculo", "eibergen", "neede", "ruurlo", "beltrum", "rekken", "geesteren",
              "gelselaar", "haarlo", "noordijk", "rietmolen"]
    paths = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.5:
            params = {"q": rng.choice(words)}
        elif kind < 0.8:
            params = {"q": rng.choice(words), "kern": rng.choice(kernen)}
        elif kind < 0.9:
            params = {"q": misspell(rng.choice(words), rng)}
        else:
            params = {"q": rng.choice(words), "bij": "7271"}
        paths.append("/zoeken?" + urlencode(params))
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], workers: int, log_path: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    bin_dir = Path(sys.executable).parent
    log = open(log_path, "wb")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "wsgi:app"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                conn.close()
                return server, port
        except OSError:
            pass
        if server.poll() is not None or time.time() > deadline:
            raise SystemExit(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.3)


class Client(threading.Thread):
    def __init__(self, port: int, paths: list[str], stop_at: float, record_from: float) -> None:
        super().__init__(daemon=True)
        self.port, self.paths = port, paths
        self.stop_at, self.record_from = stop_at, record_from
        self.latencies: list[float] = []
        self.errors = 0
        self.reconnects = 0

    def run(self) -> None:
        conn = None
        i = 0
        while True:
            now = time.perf_counter()
            if now >= self.stop_at:
                break
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.reconnects += 1
            path = self.paths[i % len(self.paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Connection": "keep-alive"})
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and b"</html>" in body
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                ok = False
                if conn is not None:
                    conn.close()
                conn = None
            if started >= self.record_from:
                if ok:
                    self.latencies.append((time.perf_counter() - started) * 1000)
                else:
                    self.errors += 1
        if conn is not None:
            conn.close()


def measure(port: int, seconds: float, clients: int, warmup: float = 3.0) -> dict:
    paths = search_paths(5000)
    begin = time.perf_counter()
    record_from = begin + warmup
    stop_at = record_from + seconds
    threads = [Client(port, paths[k::clients], stop_at, record_from) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = [v for t in threads for v in t.latencies]
    return {
        "requests": len(latencies),
        "errors": sum(t.errors for t in threads),
        "per_second": len(latencies) / seconds,
        "median_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": percentile(latencies, 95) if latencies else float("nan"),
        "connections": sum(t.reconnects for t in threads),
    }


def run(backends: list[str], provisions: int, seconds: float, clients: int, workers: int,
        cache_url: str, database_url: str | None, workdir: Path | None) -> list[tuple]:
    """Rows of (backend, cache label, measure() result)."""
    from app import page_cache

    workdir = workdir or Path(tempfile.mkdtemp(prefix="bw-http-bench-"))
    keep = workdir.exists() and any(workdir.iterdir())
    workdir.mkdir(parents=True, exist_ok=True)
    runs = [("no page cache", "")] + ([("Redis page cache", cache_url)] if cache_url else [])
    rows = []
    try:
        for backend in backends:
            if backend == "whoosh" and (workdir / "bench.db").exists() \
                    and (workdir / "index").exists():
                env = site_env(workdir, backend, database_url)
                print(f"Reusing {workdir}", flush=True)
            else:
                env = build_site(workdir, provisions, backend, database_url)
            for label, url in runs:
                if url:
                    page_cache.forget(url, env["DATABASE_URL"])  # start cold
                server, port = start_server({**env, "CACHE_URL": url}, workers,
                                            workdir / "gunicorn.log")
                try:
                    rows.append((backend, label, measure(port, seconds, clients)))
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    finally:
        if not keep and workdir.name.startswith("bw-http-bench-"):
            shutil.rmtree(workdir, ignore_errors=True)
    return rows


def report(rows: list[tuple], provisions: int, seconds: float, clients: int,
           workers: int) -> None:
    distinct = len(set(search_paths(5000)))
    print(f"\nSearch page over HTTP: {provisions} provisions, gunicorn {workers} sync workers, "
          f"{clients} client threads, {seconds:.0f} s per run on {os.cpu_count()} cores (client "
          f"on the same machine); the clients cycle through {distinct} different search URLs; "
          f"load average at the end: {os.getloadavg()[0]:.1f}")
    for backend, label, result in rows:
        verdict = "meets" if result["per_second"] >= TARGET_PER_SECOND else "below"
        print(f"  {backend_label(backend):<16} {label:<17} {result['per_second']:5.0f} pages/s   "
              f"median {result['median_ms']:6.1f} ms   p95 {result['p95_ms']:6.1f} ms   "
              f"({result['requests']} pages, {result['errors']} errors)   "
              f"target >= {TARGET_PER_SECOND}: {verdict}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--provisions", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backends", default="whoosh",
                        help="whoosh, postgres or whoosh,postgres")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_POSTGRES_URL"),
                        help="scratch PostgreSQL database for --backends postgres (WIPED)")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0",
                        help="Redis for the page cache run; '' skips that run.")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="Keep the SQLite database and index here (reused when present).")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgres" in backends and not args.database_url:
        parser.error("--backends postgres needs --database-url (a scratch database: it is wiped)")
    rows = run(backends, args.provisions, args.seconds, args.clients, args.workers,
               args.cache_url, args.database_url, args.workdir)
    report(rows, args.provisions, args.seconds, args.clients, args.workers)
    if any(result["errors"] for _, _, result in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
