"""Management dashboard render time on a year of data.

    python -m bench.dashboard_bench [--referrals 20000] [--requests 20] [--keep DIR]

1. Loads the demo map into a scratch SQLite file and bulk-inserts synthetic cases with
   ``--referrals`` referrals (one or two per case) spread over the last 12 months and the
   11 kernen: tiers, life domains, skipped lighter options, handovers, outcomes, reviews
   and check-ins.
2. Signs a manager in through the real form and renders ``/staff/cijfers`` (and the map
   page) through the Flask test client, ``--requests`` times each, without and with
   filters.  Prints the median and 95th percentile per page.  The target is < 300 ms.

Every request also writes its audit entry, as in production.  Nothing needs the network.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PASSWORD = "bench horse battery staple"  # noqa: S105  (a throw-away account in a scratch database)
TIERS = (("algemeen", 0.55), ("voorliggend", 0.28), ("maatwerk", 0.17))
DOMAINS = ("financien", "huisvesting", "sociaal-netwerk", "geestelijke-gezondheid",
           "lichamelijke-gezondheid", "huiselijke-relaties", "basale-adl", "werk-en-opleiding")
REASONS = ("al-geprobeerd", "past-niet", "wachtlijst", "niet-bereikbaar", "anders")
OUTCOMES = ("reached", "reached", "partly", "not_reached", "stopped_early")


def _app(workdir: Path):
    from app import create_app

    return create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'dashboard.db'}",
        "SEARCH_BACKEND": "memory",
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "INSTANCE_PATH": str(workdir / "instance"),
        "SECRET_KEY": "bench-secret-0123456789abcdef0123456789",
    })


def _pick(rng: random.Random, weighted) -> str:
    point, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if point <= total:
            return value
    return weighted[-1][0]


def generate(session, referrals: int, seed: int = 7) -> tuple[int, int]:
    """Bulk-insert synthetic cases and ``referrals`` referrals; returns (cases, referrals)."""
    from sqlalchemy import insert, select

    from app.models import (
        Case,
        CaseLifeDomain,
        Kern,
        Referral,
        ReferralSkip,
        Service,
        User,
    )

    rng = random.Random(seed)
    director = User(email="regie.bench@voormekaar.test", display_name="Regie", role="staff",
                    is_active=True)
    director.set_password(PASSWORD)
    session.add(director)
    session.flush()
    kernen = list(session.scalars(select(Kern.id)))
    services = {tier: list(session.scalars(select(Service.id).where(Service.tier == tier)))
                for tier, _w in TIERS}
    now = datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    cases, made, domains, skips = [], [], [], []
    number = 0
    while len(made) < referrals:
        number += 1
        case_id = uuid.uuid4()
        opened = now - timedelta(days=rng.uniform(0, 364), hours=rng.uniform(0, 23))
        cases.append({"id": case_id, "reference": f"VMK-B-{number:06d}", "initials": "A.B.",
                      "birth_year": rng.randint(1930, 2010), "kern_id": rng.choice(kernen),
                      "question": "synthetisch", "director_id": director.id,
                      "status": "open", "created_at": opened, "safety_concern": False,
                      "next_checkin": today + timedelta(days=rng.randint(-60, 60))
                      if rng.random() < 0.15 else None})
        for code in rng.sample(DOMAINS, rng.choice((1, 1, 2))):
            domains.append({"case_id": case_id, "code": code, "zrm_score": rng.randint(1, 5)})
        for _ in range(1 if rng.random() < 0.7 else 2):
            if len(made) >= referrals:
                break
            tier = _pick(rng, TIERS)
            created = opened + timedelta(days=rng.uniform(0, 10))
            referral_id = uuid.uuid4()
            handed = created + timedelta(days=rng.uniform(1, 40)) if rng.random() < 0.75 else None
            status, outcome, review = "proposed", None, None
            if handed is not None:
                if rng.random() < 0.5:
                    status, outcome = "ended", rng.choice(OUTCOMES)
                else:
                    status = "active"
                    review = (handed + timedelta(days=rng.randint(30, 120))).date()
            justified = tier != "algemeen" and rng.random() < 0.8
            weighed = "synthetisch" if justified else None
            made.append({"id": referral_id, "case_id": case_id,
                         "service_id": rng.choice(services[tier]), "tier": tier,
                         "status": status, "outcome": outcome, "review_date": review,
                         "created_at": created, "handed_over_at": handed,
                         "decision": "onderbouwd" if justified else "lichtste",
                         "weighing_core_values": weighed, "weighing_lawfulness": weighed,
                         "weighing_cost": weighed})
            if justified:
                for reason in rng.sample(REASONS, rng.choice((1, 1, 2))):
                    skips.append({"id": uuid.uuid4(), "referral_id": referral_id,
                                  "service_id": rng.choice(services["algemeen"]),
                                  "tier": "algemeen", "reason": reason})
    for model, rows in ((Case, cases), (CaseLifeDomain, domains), (Referral, made),
                        (ReferralSkip, skips)):
        for start in range(0, len(rows), 5000):
            session.execute(insert(model), rows[start:start + 5000])
    session.commit()
    return len(cases), len(made)


def _sign_in(client, email: str, totp_secret: str) -> None:
    """Through the real forms: password, then the code (every role has a second factor)."""
    import pyotp

    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/staff/login", data={"email": email, "password": PASSWORD,
                                                  "csrf_token": token})
    assert response.headers.get("Location", "").startswith("/staff/login/code"), "sign-in failed"
    page = client.get("/staff/login/code").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(totp_secret).now(),
                                                       "csrf_token": token})
    assert response.status_code == 302, "second factor failed"


def _time(client, url: str, requests: int) -> tuple[float, float, float]:
    """Median and p95 wall-clock time, and median CPU time of this process (the latter is
    what a busy, shared machine disturbs least), in milliseconds."""
    client.get(url)  # warm up (templates compiled, caches filled)
    times, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--referrals", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        app = _app(workdir)
        from app.extensions import db
        from app.models import User
        from importers.demo import load_demo

        with app.app_context():
            db.create_all()
            load_demo(db.session)
            db.session.commit()
            started = time.perf_counter()
            cases, referrals = generate(db.session, args.referrals)
            print(f"generated {referrals} referrals for {cases} cases over 12 months in "
                  f"{time.perf_counter() - started:.1f} s")
            manager = User(email="manager.bench@voormekaar.test", display_name="Manager",
                           role="manager", is_active=True)
            manager.set_password(PASSWORD)
            import pyotp

            totp_secret = manager.totp_secret = pyotp.random_base32()
            db.session.add(manager)
            db.session.commit()
            db.session.remove()
        client = app.test_client()
        _sign_in(client, "manager.bench@voormekaar.test", totp_secret)
        this_month = date.today().strftime("%Y-%m")
        urls = {
            "dashboard, no filters": "/staff/cijfers",
            "dashboard, kern + leefgebied + wet": "/staff/cijfers?kern=rekken&leefgebied=financien&wet=wmo",
            "dashboard, one month": f"/staff/cijfers?van={this_month}&tot={this_month}",
            "CSV per month": "/staff/cijfers/per-maand.csv",
            "map health": "/staff/cijfers/kaart",
        }
        print(f"{'page':40} {'median':>9} {'p95':>9} {'cpu':>9}   ({args.requests} requests each;"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        for name, url in urls.items():
            median, p95, cpu = _time(client, url, args.requests)
            print(f"{name:40} {median:6.1f} ms {p95:6.1f} ms {cpu:6.1f} ms")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
