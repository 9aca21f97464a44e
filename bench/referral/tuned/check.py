"""Check the tuned referral cases against the demo map.

    python bench/referral/tuned/check.py

Checks every line of ``cases.jsonl`` as described in ``bench/referral/README.md``:

- the line parses as a JSON object with the fields of the format, and ids are unique;
- every key in ``lightest`` and ``suitable`` is a service of ``data/demo/sociale_kaart.json``
  with ``status`` "active";
- every life-domain and target-group code is one the README lists;
- every ``lightest`` key is in ``suitable``, and ``lightest`` sits on the lowest tier of ``suitable``;
- the kern is one of Berkelland's kernen (``data/kernen.csv``);
- every suitable service serves that kern (or all of Berkelland) and the age in ``leeftijd``.

Prints the counts and exits 1 when anything is wrong.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CASES = HERE / "cases.jsonl"
MAP = ROOT / "data" / "demo" / "sociale_kaart.json"
KERNEN = ROOT / "data" / "kernen.csv"

# The codes bench/referral/README.md allows.
LEEFGEBIEDEN = {
    "financien", "werk-en-opleiding", "tijdsbesteding", "huisvesting", "huiselijke-relaties",
    "geestelijke-gezondheid", "lichamelijke-gezondheid", "middelengebruik", "basale-adl",
    "instrumentele-adl", "sociaal-netwerk", "maatschappelijke-participatie", "justitie",
}
DOELGROEPEN = {
    "kinderen", "jongeren", "ouders", "volwassenen", "ouderen", "mantelzorgers", "nieuwkomers",
    "mensen-met-een-beperking", "vrijwilligers",
}
TIERS = ("algemeen", "voorliggend", "maatwerk")
CASE_FIELDS = {"id", "story", "need", "narrowed_q", "lightest", "suitable", "safety"}
NEED_FIELDS = {"leefgebied", "kern", "leeftijd", "doelgroep", "q"}


def load_services() -> dict[str, dict]:
    data = json.loads(MAP.read_text(encoding="utf-8"))
    return {s["key"]: s for org in data["organizations"] for s in org["services"]}


def load_kernen() -> set[str]:
    with KERNEN.open(encoding="utf-8", newline="") as f:
        return {row["name"] for row in csv.DictReader(f)}


def check_case(case: dict, services: dict[str, dict], kernen: set[str]) -> list[str]:
    errors: list[str] = []

    def err(msg: str) -> None:
        errors.append(msg)

    missing = {"id", "story", "need", "lightest", "suitable", "safety"} - case.keys()
    if missing:
        err(f"missing fields {sorted(missing)}")
        return errors
    if case.keys() - CASE_FIELDS:
        err(f"unknown fields {sorted(case.keys() - CASE_FIELDS)}")
    if not isinstance(case["story"], str) or not case["story"].strip():
        err("story must be a non-empty string")
    if not isinstance(case["safety"], bool):
        err("safety must be true or false")
    if "narrowed_q" in case and (not isinstance(case["narrowed_q"], str) or not case["narrowed_q"].strip()):
        err("narrowed_q, when present, must be a non-empty string")

    need = case["need"]
    if not isinstance(need, dict):
        err("need must be an object")
        return errors
    if {"leefgebied", "kern", "doelgroep", "q"} - need.keys():
        err(f"need is missing {sorted({'leefgebied', 'kern', 'doelgroep', 'q'} - need.keys())}")
        return errors
    if need.keys() - NEED_FIELDS:
        err(f"need has unknown fields {sorted(need.keys() - NEED_FIELDS)}")
    if not isinstance(need["q"], str) or not need["q"].strip():
        err("need.q must be a non-empty string")
    if not need["leefgebied"]:
        err("need.leefgebied is empty")
    for code in need["leefgebied"]:
        if code not in LEEFGEBIEDEN:
            err(f"unknown life-domain code {code!r}")
    for code in need["doelgroep"]:
        if code not in DOELGROEPEN:
            err(f"unknown target-group code {code!r}")
    kern = need["kern"]
    if kern not in kernen:
        err(f"{kern!r} is not a Berkelland kern")
    age = need.get("leeftijd")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= 110):
        err(f"leeftijd {age!r} is not a whole number of years")
        age = None

    lightest, suitable = case["lightest"], case["suitable"]
    for name, keys in (("lightest", lightest), ("suitable", suitable)):
        if not isinstance(keys, list) or not keys:
            err(f"{name} must be a non-empty list")
            return errors
        if len(set(keys)) != len(keys):
            err(f"{name} lists a key twice")
    for key in dict.fromkeys(lightest + suitable):
        service = services.get(key)
        if service is None:
            err(f"{key!r} is not a service of the demo map")
        elif service["status"] != "active":
            err(f"{key!r} is {service['status']}, not active")
    for key in lightest:
        if key not in suitable:
            err(f"lightest {key!r} is not in suitable")
    known = [k for k in suitable if k in services]
    for key in known:
        service = services[key]
        if "Berkelland" not in service["kernen"] and kern not in service["kernen"]:
            err(f"{key!r} does not serve {kern} (serves {', '.join(service['kernen'])})")
        if age is not None:
            low, high = service["minimum_age"], service["maximum_age"]
            if (low is not None and age < low) or (high is not None and age > high):
                err(f"{key!r} is for ages {low}-{high}, the need is about someone of {age}")
    if known:
        lowest = min(TIERS.index(services[k]["tier"]) for k in known)
        for key in lightest:
            if key in services and TIERS.index(services[key]["tier"]) != lowest:
                err(f"lightest {key!r} is {services[key]['tier']}, but suitable holds a "
                    f"{TIERS[lowest]} provision")
    return errors


def main() -> int:
    services = load_services()
    kernen = load_kernen()
    problems: list[str] = []
    cases: list[dict] = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            problems.append(f"line {number}: empty line")
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc})")
            continue
        if not isinstance(case, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        label = f"line {number} ({case.get('id', '?')})"
        problems += [f"{label}: {msg}" for msg in check_case(case, services, kernen)]
        cases.append(case)

    ids = Counter(c.get("id") for c in cases)
    problems += [f"id {i!r} is used {n} times" for i, n in ids.items() if n > 1]

    per_tier: Counter[str] = Counter()
    for case in cases:
        tiers = {services[k]["tier"] for k in case.get("lightest", []) if k in services}
        per_tier[min(tiers, key=TIERS.index) if tiers else "?"] += 1
    safety = sum(1 for c in cases if c.get("safety") is True)
    print(f"cases: {len(cases)}")
    print(f"safety: {safety} true, {len(cases) - safety} false")
    print(f"with narrowed_q: {sum(1 for c in cases if 'narrowed_q' in c)}")
    print("lightest per tier: " + ", ".join(f"{t} {per_tier[t]}" for t in TIERS))
    print("kernen: " + ", ".join(f"{k} {n}" for k, n in
                                 Counter(c["need"]["kern"] for c in cases
                                         if isinstance(c.get("need"), dict)).most_common()))
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
