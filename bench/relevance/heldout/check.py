"""Self-check of the held-out set: queries parse, kinds known, graded ids are active services."""
import csv
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"plain", "inflection", "compound", "synonym", "typo", "question", "english", "kern",
         "postcode", "none"}
services = json.loads((HERE / "map.json").read_text(encoding="utf-8"))
status = {s["id"]: s["status"] for s in services}
areas = {s["id"]: {a["name"] for a in s["service_areas"]} for s in services}
kernen = {r["name"] for r in csv.DictReader(open(HERE / "kernen.csv", encoding="utf-8"))}
pcs = {r["postcode"]: r for r in csv.DictReader(open(HERE / "postcodes.csv", encoding="utf-8"))}
errors = []
assert len(status) == len(services), "duplicate service id"
for s in services:
    if not areas[s["id"]] <= kernen:
        errors.append(f"{s['name']}: area not a kern {areas[s['id']] - kernen}")
    for sal in s["service_at_locations"]:
        loc = sal["location"]
        pc = loc["addresses"][0]["postal_code"][:4]
        if pc not in pcs or pcs[pc]["kern"] != loc["addresses"][0]["city"]:
            errors.append(f"{s['name']}: postcode {pc} / city mismatch")
        if abs(loc["latitude"] - float(pcs[pc]["lat"])) > 0.03 or \
                abs(loc["longitude"] - float(pcs[pc]["lon"])) > 0.04:
            errors.append(f"{s['name']}: location far from PC4 centroid")
kinds, ids, n_graded = Counter(), set(), 0
for n, line in enumerate((HERE / "queries.jsonl").read_text(encoding="utf-8").splitlines(), 1):
    q = json.loads(line)
    if set(q) - {"id", "q", "kind", "grades", "bij", "straal"}:
        errors.append(f"line {n}: unknown keys")
    if q["id"] in ids:
        errors.append(f"line {n}: duplicate id")
    ids.add(q["id"])
    if q["kind"] not in KINDS:
        errors.append(f"line {n}: unknown kind {q['kind']}")
    kinds[q["kind"]] += 1
    if q["kind"] == "none" and q["grades"]:
        errors.append(f"{q['id']}: none-query with grades")
    if q["kind"] != "none" and not q["grades"]:
        errors.append(f"{q['id']}: no grades")
    if q["kind"] == "postcode" and (q.get("bij") not in pcs or not 2 <= q.get("straal", 0) <= 10):
        errors.append(f"{q['id']}: bad bij/straal")
    for sid, g in q["grades"].items():
        n_graded += 1
        if sid not in status:
            errors.append(f"{q['id']}: unknown id {sid}")
        elif status[sid] != "active":
            errors.append(f"{q['id']}: graded non-active {sid}")
        if g not in (1, 2):
            errors.append(f"{q['id']}: grade {g}")
        if q["kind"] == "postcode" and pcs[q["bij"]]["kern"] not in areas.get(sid, ()):
            errors.append(f"{q['id']}: {sid} does not serve {pcs[q['bij']]['kern']}")
for k in KINDS:
    need = 10 if k in ("plain", "inflection", "compound", "synonym", "typo") else 8
    if kinds[k] < need:
        errors.append(f"kind {k}: only {kinds[k]}")
print(f"{len(services)} services ({sum(v == 'active' for v in status.values())} active), "
      f"{sum(kinds.values())} queries, {n_graded} grades; kinds {dict(kinds)}")
print("\n".join(errors) if errors else "check OK")
