"""``python -m bench.relevance``: recall@10, MRR, P@1, nDCG@10 and queries without an answer,
per kind of query, on the tuned and the held-out set, through the API and the results page,
beside a plain SQLite FTS5 baseline.

    python -m bench.relevance [--sets tuned,heldout] [--backend whoosh|memory|postgres]
                              [--database-url postgresql://…  (WIPED)] [--via api,page]
                              [--json FILE] [--show N]

``--show N`` prints the N worst queries of the tuned set with what came back (never for the
held-out set: nobody who tunes the search reads it).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.relevance import HERE, KINDS, Query, Scores, page_ids, read_queries, score, summarise

SETS = ("tuned", "heldout")


THESAURUS: str | None = None  # --thesaurus: another thesaurus folder


def _app(workdir: Path, backend: str, database_url: str | None):
    from app import create_app

    url = database_url or f"sqlite:///{workdir / 'relevance.db'}"
    extra = {"THESAURUS_DIR": THESAURUS} if THESAURUS else {}
    return create_app({
        **extra,
        "INSTANCE_PATH": str(workdir / "instance"),
        "SQLALCHEMY_DATABASE_URI": url.replace("postgresql://", "postgresql+psycopg://", 1),
        "SEARCH_BACKEND": backend,
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "SECRET_KEY": "relevance-bench-" + "x" * 32,
        "RATELIMIT_ENABLED": False,
    })


def _wipe_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def build_site(name: str, workdir: Path, backend: str, database_url: str | None = None,
               folder: Path | None = None):
    """A fresh site holding the set's map; returns (app, reference -> provision id).

    ``name`` "tuned": the demo map; otherwise the HSDS map of ``folder`` (default: this set's
    folder), with its own ``kernen.csv`` and ``postcodes.csv``."""
    from sqlalchemy import select

    from app import indexing
    from app.extensions import db
    from app.models import Service
    from importers.reference import load_reference

    if database_url:
        _wipe_postgres(database_url)
    app = _app(workdir, backend, database_url)
    folder = folder or HERE / name
    with app.app_context():
        db.create_all()
        if name == "tuned":
            from importers.demo import SOURCE, load_demo

            load_reference(db.session)
            load_demo(db.session)
            db.session.commit()
        else:
            load_reference(db.session, kernen=folder / "kernen.csv", postcodes=folder / "postcodes.csv")
            db.session.commit()
            result = app.test_cli_runner().invoke(args=["import", "hsds", str(folder / "map.json")])
            if result.exit_code != 0:
                raise SystemExit(f"the {name} map did not import:\n{result.output}")
            SOURCE = "hsds"  # noqa: N806 (the importer's source name)
        indexing.rebuild(db.session)
        refs = {ext: str(ident) for ext, ident in db.session.execute(
            select(Service.external_id, Service.id).where(Service.source == SOURCE))}
        db.session.remove()
    return app, refs


def _place(query: Query):
    """A place name typed in the "near" box, as the results page geocodes it."""
    from app import services
    from app.extensions import db

    return services.geocoder(db.session).geocode(query.bij)


def ask_api(client, query: Query) -> tuple[list[str], bool, bool]:
    args: dict[str, object] = {"search": query.q, "per_page": 50}
    if query.bij:
        if re.fullmatch(r"\d{4}(\s?[A-Za-z]{2})?", query.bij.strip()):
            args["postcode"] = query.bij.strip()
        else:  # a place: the API takes its coordinates
            place = _place(query)
            if place is not None:
                args["lat"], args["lon"] = f"{place.latitude:.6f}", f"{place.longitude:.6f}"
        if query.straal and ("postcode" in args or "lat" in args):
            args["proximity"] = int(query.straal) * 1000
    response = client.get("/api/v1/services", query_string=args)
    if response.status_code != 200:
        body = response.get_data(as_text=True)[:300]
        raise SystemExit(f"API {response.status_code} for {query.id}: {body}")
    ids = [item["id"] for item in response.get_json()["contents"]]
    return ids, bool(ids), bool(ids)


def ask_page(client, query: Query) -> tuple[list[str], bool, bool]:
    args: dict[str, object] = {"q": query.q}
    if query.bij:
        args["bij"] = query.bij
    if query.straal:
        args["straal"] = int(query.straal)
    response = client.get("/zoeken", query_string=args)
    if response.status_code != 200:
        raise SystemExit(f"/zoeken {response.status_code} for {query.id}")
    ids, main = page_ids(response.get_data(as_text=True))
    return ids, bool(ids), main > 0


def fts5_asker(app):
    """A plain FTS5 index of the same documents (Snowball stems, AND then OR): the baseline."""
    from app import indexing, services
    from app.extensions import db
    from bench.fts5_backend import Fts5Backend
    from search import GeoFilter, SearchQuery

    engine = Fts5Backend()
    with app.app_context():
        engine.index(indexing.iter_documents(db.session))
        geocoder = services.geocoder(db.session)
        places = {}

        def ask(query: Query) -> tuple[list[str], bool, bool]:
            geo = None
            if query.bij:
                place = places.get(query.bij) or geocoder.geocode(query.bij)
                places[query.bij] = place
                if place is not None:
                    geo = GeoFilter(place.latitude, place.longitude,
                                    float(query.straal) if query.straal else None)
            hits = engine.search(SearchQuery(text=query.q, geo=geo, limit=50, with_facets=False)).hits
            return [h.id for h in hits], bool(hits), bool(hits)

        return ask


def evaluate(queries: list[Query], ask, refs: dict[str, str]) -> list[tuple[Query, Scores, list[str]]]:
    out = []
    for query in queries:
        ids, answered, main = ask(query)
        back = {v: k for k, v in refs.items()}
        ranked = [back.get(i, i) for i in ids]
        out.append((query, score(ranked, query.grades, answered=answered, main=main), ranked))
    return out


def table(name: str, results: dict[str, list]) -> str:
    """Markdown table: per kind, per way of asking."""
    ways = list(results)
    head = "| kind | n | " + " | ".join(f"{w}: R@10 / MRR / P@1 / nDCG@10 / no answer" for w in ways) + " |"
    lines = [f"### {name}", "", head, "|" + "---|" * (2 + len(ways))]
    kinds = [k for k in KINDS if any(q.kind == k for q, _, _ in next(iter(results.values())))]
    for kind in [*kinds, "all"]:
        cells = []
        n = ""
        for way in ways:
            rows = [(q, s) for q, s, _ in results[way] if kind == "all" or q.kind == kind]
            s = summarise(rows)
            if kind == "none":
                n = str(s.none_n)
                cells.append(f"found nothing: {s.none_empty}/{s.none_n}")
            else:
                n = str(s.n)
                extra = (f" · none-queries empty {s.none_empty}/{s.none_n}"
                         if kind == "all" and s.none_n else "")
                cells.append(f"{s.recall:.2f} / {s.mrr:.2f} / {s.p1:.2f} / {s.ndcg:.2f} / "
                             f"{s.no_answer}{extra}")
        lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="tuned,heldout")
    parser.add_argument("--backend", default="whoosh", choices=("whoosh", "memory", "postgres"))
    parser.add_argument("--database-url", default=None, help="PostgreSQL database to use (it is WIPED)")
    parser.add_argument("--via", default="api,page")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="write the per-query scores here")
    parser.add_argument("--show", type=int, default=0, help="print the N worst tuned queries")
    parser.add_argument("--thesaurus", default=None, help="another thesaurus folder (default data/thesaurus)")
    parser.add_argument("--record", action="store_true",
                        help="write the tuned set's API figures to bench/relevance/tuned/recorded.json "
                             "(a test keeps the search from falling below them)")
    args = parser.parse_args(argv)
    global THESAURUS
    THESAURUS = args.thesaurus
    logging.disable(logging.INFO)  # one request line per query would bury the tables
    if args.backend == "postgres" and not args.database_url:
        parser.error("--backend postgres needs --database-url (a scratch database: it is wiped)")
    sets = [s for s in args.sets.split(",") if s]
    for name in sets:
        if name not in SETS:
            parser.error(f"unknown set {name!r}")
        if not (HERE / name / "queries.jsonl").exists():
            print(f"(set {name}: no queries.jsonl yet, skipped)")
    ways = [w for w in args.via.split(",") if w]
    report: dict[str, dict] = {}
    for name in sets:
        path = HERE / name / "queries.jsonl"
        if not path.exists():
            continue
        queries = read_queries(path)
        workdir = Path(tempfile.mkdtemp(prefix=f"bw-relevance-{name}-"))
        try:
            started = time.perf_counter()
            app, refs = build_site(name, workdir, args.backend, args.database_url)
            built = time.perf_counter() - started
            client = app.test_client()
            results: dict[str, list] = {}
            askers = {"api": lambda q, c=client: ask_api(c, q), "page": lambda q, c=client: ask_page(c, q)}
            for way in ways:
                with app.app_context():
                    results[way] = evaluate(queries, askers[way], refs)
            if not args.no_baseline:
                results["fts5"] = evaluate(queries, fts5_asker(app), refs)
            print(table(f"{name} ({len(queries)} queries, {len(refs)} provisions, backend {args.backend}; "
                        f"site built in {built:.1f} s)", results))
            print()
            report[name] = {way: [{"id": q.id, "kind": q.kind, "recall": s.recall, "rr": s.rr, "p1": s.p1,
                                   "ndcg": s.ndcg, "answered": s.answered} for q, s, _ in rows]
                            for way, rows in results.items()}
            if args.show and name == "tuned":
                _show(results[ways[0]], args.show, refs)
            if args.record and name == "tuned" and "api" in results:
                record(results["api"])
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


RECORDED = HERE / "tuned" / "recorded.json"


def figures(rows) -> dict[str, float]:
    s = summarise([(q, sc) for q, sc, _ in rows])
    return {"recall_at_10": round(s.recall, 3), "mrr": round(s.mrr, 3), "p_at_1": round(s.p1, 3),
            "ndcg_at_10": round(s.ndcg, 3), "no_answer": s.no_answer}


def record(rows) -> None:
    RECORDED.write_text(json.dumps(figures(rows), indent=1) + "\n", encoding="utf-8")
    print(f"recorded in {RECORDED.relative_to(HERE.parent.parent)}")


def _show(rows, n: int, refs) -> None:
    worst = sorted(rows, key=lambda r: (r[1].ndcg + r[1].recall, r[0].id))
    for query, s, ranked in worst[:n]:
        if query.kind == "none" and not s.answered:
            continue
        wanted = ", ".join(f"{k}:{g}" for k, g in sorted(query.grades.items(), key=lambda kv: -kv[1]))
        print(f"- {query.id} [{query.kind}] {query.q!r} bij={query.bij or '-'}  R@10 {s.recall:.2f} "
              f"nDCG {s.ndcg:.2f}")
        print(f"    got:    {', '.join(ranked[:10]) or '(nothing)'}")
        print(f"    wanted: {wanted or '(nothing)'}")


if __name__ == "__main__":
    sys.exit(main())
