"""``python -m bench.referral``: the lightest-suitable rule on judged referral cases.

    python -m bench.referral [--sets tuned,heldout] [--backend whoosh|memory|postgres]
                             [--database-url postgresql://…  (WIPED)] [--show]

Each case is asked through the staff suggestions API (``/staff/api/suggestions``), signed in
as a kerncoach with a second factor, on a freshly built site: once with the resident's
question, once with the question narrowed to an indicated provision's name.  See
``bench/referral/README.md`` for the case format and the figures.  ``--show`` prints the
tuned cases that miss (never the held-out ones: nobody who tunes the rule reads them).
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("tuned", "heldout")
TIER_WEIGHT = {"algemeen": 0, "voorliggend": 1, "maatwerk": 2}
PASSWORD = "referral-bench-password-" + "x" * 8


@dataclass(frozen=True)
class Case:
    id: str
    need: dict
    lightest: tuple[str, ...]
    suitable: tuple[str, ...]
    narrowed_q: str = ""
    safety: bool = False
    story: str = ""


def read_cases(path: Path) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            cases.append(Case(row["id"], row["need"], tuple(row["lightest"]), tuple(row["suitable"]),
                              row.get("narrowed_q") or "", bool(row.get("safety")), row.get("story", "")))
        except KeyError as exc:
            raise SystemExit(f"{path}:{n}: missing {exc}") from None
    return cases


@dataclass
class Result:
    case: Case
    got: list[dict]
    narrowed: list[dict] | None
    safety_route: bool
    inactive: int = 0
    first_ok: bool = False
    shown_ok: bool = False
    order_ok: bool = True
    narrowed_hides: bool = False
    recall: float = 0.0
    notes: list[str] = field(default_factory=list)


def _login(app, client) -> None:
    """A kerncoach with a second factor, signed in through the real forms."""
    import pyotp

    from app.extensions import db
    from app.models import User

    with app.app_context():
        user = User(email="bench-kerncoach@voormekaar.test", display_name="Bench", role="staff",
                    is_active=True)
        user.set_password(PASSWORD)
        user.totp_secret = pyotp.random_base32()
        db.session.add(user)
        db.session.commit()
        secret, email = user.totp_secret, user.email
        db.session.remove()
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/staff/login").get_data(as_text=True)).group(1)
    response = client.post("/staff/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    if not response.headers.get("Location", "").startswith("/staff/login/code"):
        raise SystemExit(f"bench sign-in failed ({response.status_code})")
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/staff/login/code").get_data(as_text=True)).group(1)
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    if response.status_code != 302:
        raise SystemExit(f"bench second factor failed ({response.status_code})")


def _ask(client, need: dict, q: str) -> list[dict]:
    args: list[tuple[str, str]] = [("leefgebied", d) for d in need["leefgebied"]]
    args += [("doelgroep", g) for g in need.get("doelgroep") or ()]
    if need.get("kern"):
        args.append(("kern", need["kern"]))
    if need.get("leeftijd") is not None:
        args.append(("leeftijd", str(need["leeftijd"])))
    if q:
        args.append(("q", q))
    response = client.get("/staff/api/suggestions", query_string=args)
    if response.status_code != 200:
        raise SystemExit(f"suggestions {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return response.get_json()


def _safety(app, need: dict) -> bool:
    from app import services
    from app.domain import referral as rule

    with app.app_context():
        found = rule.Need(
            life_domains=frozenset(need["leefgebied"]), kern=need.get("kern"), age=need.get("leeftijd"),
            target_groups=frozenset(need.get("doelgroep") or ()), question=need.get("q", ""))
        if hasattr(services, "language"):
            return rule.needs_safety_route(found, services.language())
        return rule.needs_safety_route(found)  # before the safety route read the thesaurus


def evaluate(app, client, cases: list[Case], refs: dict[str, str], inactive: set[str]) -> list[Result]:
    results = []
    for case in cases:
        got = _ask(client, case.need, case.need.get("q", ""))
        narrowed = _ask(client, case.need, case.narrowed_q) if case.narrowed_q else None
        r = Result(case, got, narrowed, _safety(app, case.need))
        ids = [s["id"] for s in got]
        lightest = {refs[k] for k in case.lightest if k in refs}
        suitable = {refs[k] for k in case.suitable if k in refs}
        r.inactive = sum(1 for i in ids if i in inactive) + sum(
            1 for s in narrowed or () if s["id"] in inactive)
        r.first_ok = bool(ids) and ids[0] in lightest
        r.shown_ok = bool(lightest & set(ids))
        for listing in (got, narrowed or []):
            weights = [TIER_WEIGHT[s["tier"]] for s in listing]
            if weights != sorted(weights):
                r.order_ok = False
        if narrowed is not None:
            r.narrowed_hides = not lightest <= {s["id"] for s in narrowed}
        r.recall = len(suitable & set(ids)) / len(suitable) if suitable else 1.0
        results.append(r)
    return results


def table(title: str, results: list[Result]) -> str:
    n = len(results)
    narrowed = [r for r in results if r.narrowed is not None]
    safety = [r for r in results if r.case.safety]
    calm = [r for r in results if not r.case.safety]
    lines = [title,
             f"  lightest first          {sum(r.first_ok for r in results):3d} / {n}"
             f"  ({sum(r.first_ok for r in results) / n:.0%})",
             f"  lightest shown          {sum(r.shown_ok for r in results):3d} / {n}",
             f"  tier order broken       {sum(not r.order_ok for r in results):3d}",
             f"  inactive shown          {sum(r.inactive for r in results):3d}",
             f"  narrowed hides lightest {sum(r.narrowed_hides for r in narrowed):3d} / {len(narrowed)}",
             f"  suitable recall         {sum(r.recall for r in results) / n:.2f}",
             f"  suggestions per case    {sum(len(r.got) for r in results) / n:.1f}",
             f"  safety route            {sum(r.safety_route for r in safety):3d} / {len(safety)}"
             f" safety cases; {sum(r.safety_route for r in calm)} false alarms in {len(calm)}"]
    return "\n".join(lines)


def _show(results: list[Result], refs: dict[str, str]) -> None:
    names = {v: k for k, v in refs.items()}
    for r in results:
        problems = []
        if not r.first_ok:
            problems.append("first")
        if r.narrowed_hides:
            problems.append("narrowed")
        if not r.order_ok:
            problems.append("order")
        if r.case.safety != r.safety_route:
            problems.append("safety")
        if not problems:
            continue
        print(f"- {r.case.id} [{', '.join(problems)}] q={r.case.need.get('q')!r} "
              f"narrowed={r.case.narrowed_q!r} lightest={list(r.case.lightest)}")
        print(f"    got: {[names.get(s['id'], s['id']) + ':' + s['tier'][:3] for s in r.got[:8]]}")
        if r.narrowed_hides:
            print(f"    narrowed: {[names.get(s['id'], s['id']) for s in (r.narrowed or [])[:8]]}")


def main(argv: list[str] | None = None) -> int:
    from bench.relevance.__main__ import build_site

    parser = argparse.ArgumentParser(prog="python -m bench.referral", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="tuned,heldout")
    parser.add_argument("--backend", default="whoosh", choices=("whoosh", "memory", "postgres"))
    parser.add_argument("--database-url", default=None, help="PostgreSQL database to use (it is WIPED)")
    parser.add_argument("--show", action="store_true", help="print the tuned cases that miss")
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)
    if args.backend == "postgres" and not args.database_url:
        parser.error("--backend postgres needs --database-url (a scratch database: it is wiped)")
    for name in [s for s in args.sets.split(",") if s]:
        if name not in SETS:
            parser.error(f"unknown set {name!r}")
        path = HERE / name / "cases.jsonl"
        if not path.exists():
            print(f"(set {name}: no cases.jsonl yet, skipped)")
            continue
        cases = read_cases(path)
        workdir = Path(tempfile.mkdtemp(prefix=f"bw-referral-{name}-"))
        try:
            started = time.perf_counter()
            app, refs = build_site(name, workdir, args.backend, args.database_url, folder=HERE / name)
            built = time.perf_counter() - started
            from sqlalchemy import select

            from app.extensions import db
            from app.models import Service

            with app.app_context():
                inactive = {str(i) for i in db.session.scalars(select(Service.id).where(~Service.is_public))}
                db.session.remove()
            client = app.test_client()
            _login(app, client)
            results = evaluate(app, client, cases, refs, inactive)
            print(table(f"{name} ({len(cases)} cases, {len(refs)} provisions, backend {args.backend}; "
                        f"site built in {built:.1f} s)", results))
            print()
            if args.show and name == "tuned":
                _show(results, refs)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
