"""Self-check of the held-out referral set.  Reads only the files in this folder.

    python3 bench/referral/heldout/check.py

Checks, for cases.jsonl against map.json and kernen.csv:
* every line is a JSON object with exactly the fields of the README format, ids h01..h30 unique;
* need.kern is a kern of kernen.csv; leefgebied and doelgroep codes are valid; leeftijd is a
  whole number; q and story are non-empty; safety is a boolean; narrowed_q, if present, a string;
* every id in lightest and suitable is a service of map.json that is active;
* lightest is non-empty and a subset of suitable; no duplicates;
* every suitable service serves the case's kern and fits its age (when both are given);
* lightest is all of one tier, and that tier is the lowest tier among the suitable services.
Prints the counts and exits 1 on the first list of problems.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

LEEFGEBIED = {"financien", "werk-en-opleiding", "tijdsbesteding", "huisvesting",
              "huiselijke-relaties", "geestelijke-gezondheid", "lichamelijke-gezondheid",
              "middelengebruik", "basale-adl", "instrumentele-adl", "sociaal-netwerk",
              "maatschappelijke-participatie", "justitie"}
DOELGROEP = {"kinderen", "jongeren", "ouders", "volwassenen", "ouderen", "mantelzorgers",
             "nieuwkomers", "mensen-met-een-beperking", "vrijwilligers"}
TIERS = ["algemeen", "voorliggend", "maatwerk"]
FIELDS = {"id", "story", "need", "narrowed_q", "lightest", "suitable", "safety"}
NEED_FIELDS = {"leefgebied", "kern", "leeftijd", "doelgroep", "q"}


def tier_of(service: dict) -> str | None:
    for a in service.get("attributes", []):
        t = a.get("taxonomy_term", {})
        if t.get("taxonomy") == "voorzieningsniveau":
            return t.get("code")
    return None


def main() -> int:
    services = {s["id"]: s for s in json.loads((HERE / "map.json").read_text(encoding="utf-8"))}
    with (HERE / "kernen.csv").open(encoding="utf-8") as f:
        kernen = {row["name"] for row in csv.DictReader(f)}
    problems: list[str] = []
    seen: set[str] = set()
    cases = []
    for n, line in enumerate((HERE / "cases.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"line {n}: empty line")
            continue
        try:
            c = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not JSON ({e})")
            continue
        cid = c.get("id", f"line {n}")

        def bad(msg: str) -> None:
            problems.append(f"{cid}: {msg}")

        if not isinstance(c, dict):
            bad("not an object")
            continue
        if set(c) - FIELDS or {"id", "story", "need", "lightest", "suitable", "safety"} - set(c):
            bad(f"fields {sorted(c)}")
        if cid in seen:
            bad("duplicate id")
        seen.add(cid)
        need = c.get("need", {})
        if set(need) - NEED_FIELDS or {"leefgebied", "kern", "doelgroep", "q"} - set(need):
            bad(f"need fields {sorted(need)}")
        if need.get("kern") not in kernen:
            bad(f"kern {need.get('kern')!r} not in kernen.csv")
        lg = need.get("leefgebied", [])
        if not lg or not isinstance(lg, list) or set(lg) - LEEFGEBIED:
            bad(f"leefgebied {lg}")
        dg = need.get("doelgroep", [])
        if not isinstance(dg, list) or set(dg) - DOELGROEP:
            bad(f"doelgroep {dg}")
        age = need.get("leeftijd")
        if age is not None and (not isinstance(age, int) or isinstance(age, bool)
                                or not 0 <= age <= 120):
            bad(f"leeftijd {age!r}")
        if not isinstance(need.get("q"), str) or not need["q"].strip():
            bad("empty q")
        if not isinstance(c.get("story"), str) or not c["story"].strip():
            bad("empty story")
        if "narrowed_q" in c and (not isinstance(c["narrowed_q"], str) or not c["narrowed_q"].strip()):
            bad("narrowed_q not a non-empty string")
        if not isinstance(c.get("safety"), bool):
            bad("safety not a boolean")
        light, suit = c.get("lightest", []), c.get("suitable", [])
        if not light:
            bad("lightest empty")
        if len(set(light)) != len(light) or len(set(suit)) != len(suit):
            bad("duplicate ids in lightest/suitable")
        if not set(light) <= set(suit):
            bad("lightest not a subset of suitable")
        for sid in set(light) | set(suit):
            s = services.get(sid)
            if s is None:
                bad(f"{sid} not in map.json")
                continue
            if s.get("status") != "active":
                bad(f"{sid} ({s['name']}) is {s.get('status')}")
            areas = {a["name"] for a in s.get("service_areas", [])}
            if areas and need.get("kern") not in areas and "Oost Gelre" not in areas:
                bad(f"{sid} ({s['name']}) does not serve {need.get('kern')}")
            lo, hi = s.get("minimum_age"), s.get("maximum_age")
            if age is not None and ((lo is not None and age < lo) or (hi is not None and age > hi)):
                bad(f"{sid} ({s['name']}) is for ages {lo}-{hi}, case is {age}")
        tiers_l = {tier_of(services[i]) for i in light if i in services}
        tiers_s = {tier_of(services[i]) for i in suit if i in services}
        if len(tiers_l) > 1:
            bad(f"lightest mixes tiers {tiers_l}")
        elif tiers_l and tiers_s:
            lowest = min(tiers_s, key=TIERS.index)
            if tiers_l != {lowest}:
                bad(f"lightest is {tiers_l} but a suitable service is {lowest}")
        cases.append(c)
    expected = [f"h{i:02d}" for i in range(1, len(cases) + 1)]
    if [c["id"] for c in cases] != expected:
        problems.append(f"ids are not {expected[0]}..{expected[-1]} in order")
    if problems:
        print("\n".join(problems))
        return 1
    active = [s for s in services.values() if s.get("status") == "active"]
    lightest_tier = Counter(tier_of(services[c["lightest"][0]]) for c in cases)
    print(f"map.json: {len(services)} services, {len(active)} active "
          f"({dict(Counter(tier_of(s) for s in active))}), "
          f"{len(services) - len(active)} not active")
    print(f"cases.jsonl: {len(cases)} cases, {sum(c['safety'] for c in cases)} safety, "
          f"{sum('narrowed_q' in c for c in cases)} with narrowed_q; lightest tier "
          f"{dict(lightest_tier)}; {sum(len(c['suitable']) for c in cases)} suitable judgements")
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
