"""Generator of the held-out referral set (map.json + cases.jsonl).

Fictional social map of Oost Gelre.  Written by a helper session on 2026-12-02.
NEVER tune the referral rule on this set; see README.md.

Run:  python3 bench/referral/heldout/build.py   (writes map.json and cases.jsonl next to it)
The ids are uuid5 under a fixed random namespace (not the relevance set's), so rebuilding
gives the same ids.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from content import LOCS, ORGS, SERVICES
from judged import CASES

HERE = Path(__file__).resolve().parent
NS = uuid.UUID("5d0c9a4e-2f7b-4c61-9e38-b1a7d2f04c93")
STAMP = "2026-11-28T09:00:00Z"


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def term(taxonomy: str, code: str) -> dict:
    return {"taxonomy_term": {"code": code, "taxonomy": taxonomy}}


def organization(key: str) -> dict:
    o = ORGS[key]
    oid = uid("org", key)
    out = {"id": oid, "name": o["name"], "description": o.get("description", ""),
           "website": o.get("website"), "email": o.get("email"), "phones": [], "contacts": []}
    if o.get("phone"):
        out["phones"].append({"id": uid("org-phone", key), "organization_id": oid,
                              "number": o["phone"], "type": "voice"})
    return {k: v for k, v in out.items() if v is not None}


def location(key: str) -> dict:
    loc = LOCS[key]
    lid = uid("loc", key)
    out = {
        "id": lid, "location_type": "physical", "organization_id": uid("org", loc["org"]),
        "name": loc["name"], "latitude": loc["lat"], "longitude": loc["lon"],
        "addresses": [{"id": uid("addr", key), "location_id": lid, "address_1": loc["street"],
                       "city": loc["city"], "state_province": "Gelderland",
                       "postal_code": loc["pc"], "country": "NL", "address_type": "physical"}],
        "accessibility": [], "attributes": [],
    }
    if loc.get("access"):
        out["accessibility"].append({"id": uid("acc", key), "location_id": lid,
                                     "description": loc["access"]})
    if loc.get("transport"):
        out["transportation"] = loc["transport"]
    return out


def service(s: dict) -> dict:
    sid = uid("svc", s["key"])
    attrs = [term("voorzieningsniveau", s["tier"]), term("toegang", s["access"])]
    attrs += [term("leefgebied", c) for c in s["dom"]]
    attrs += [term("doelgroep", c) for c in s["grp"]]
    attrs += [term("wettelijk-kader", c) for c in s["law"]]
    out = {
        "id": sid, "organization_id": uid("org", s["org"]), "name": s["name"],
        "description": s["desc"], "status": s.get("status", "active"),
        "last_modified": STAMP, "organization": organization(s["org"]),
        "phones": [], "schedules": [], "service_areas": [], "service_at_locations": [],
        "languages": [], "cost_options": [], "contacts": [], "attributes": attrs,
    }
    if s.get("ages"):
        lo, hi = s["ages"]
        if lo is not None:
            out["minimum_age"] = lo
        if hi is not None:
            out["maximum_age"] = hi
    for field, key in (("application_process", "app"), ("fees_description", "fees"),
                       ("eligibility_description", "elig"), ("email", "email"),
                       ("url", "url")):
        if s.get(key):
            out[field] = s[key]
    if s.get("phone"):
        out["phones"].append({"id": uid("svc-phone", s["key"]), "service_id": sid,
                              "number": s["phone"], "type": "voice"})
    for i, area in enumerate(s["areas"]):
        out["service_areas"].append({"id": uid("area", s["key"], str(i)), "service_id": sid,
                                     "name": area, "extent_type": "text"})
    for lk in s.get("locs", []):
        out["service_at_locations"].append({"id": uid("sal", s["key"], lk), "service_id": sid,
                                            "location_id": uid("loc", lk),
                                            "location": location(lk)})
    for i, sch in enumerate(s.get("sched", [])):
        byday, opens, closes, desc = sch
        row = {"id": uid("sched", s["key"], str(i)), "service_id": sid, "freq": "WEEKLY",
               "byday": byday, "description": desc}
        if opens:
            row["opens_at"] = opens + ":00"
        if closes:
            row["closes_at"] = closes + ":00"
        if not byday:
            row = {"id": row["id"], "service_id": sid, "description": desc}
        out["schedules"].append(row)
    for i, lang in enumerate(s.get("langs", ["nl"])):
        out["languages"].append({"id": uid("lang", s["key"], str(i)), "service_id": sid,
                                 "code": lang})
    if "cost" in s:
        amount, text = s["cost"]
        row = {"id": uid("cost", s["key"]), "service_id": sid, "currency": "EUR",
               "amount_description": text}
        if amount is not None:
            row["amount"] = amount
        out["cost_options"].append(row)
    return out


def main() -> None:
    keys = [s["key"] for s in SERVICES]
    assert len(keys) == len(set(keys)), "duplicate service key"
    services = [service(s) for s in SERVICES]
    (HERE / "map.json").write_text(json.dumps(services, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    by_key = {s["key"]: s for s in SERVICES}
    lines = []
    for c in CASES:
        for k in set(c["suitable"]) | set(c["lightest"]):
            assert k in by_key, f"{c['id']}: unknown key {k}"
            assert by_key[k].get("status", "active") == "active", f"{c['id']}: inactive {k}"
            areas = by_key[k]["areas"]
            assert c["need"]["kern"] in areas, f"{c['id']}: {k} does not serve {c['need']['kern']}"
        assert set(c["lightest"]) <= set(c["suitable"]), f"{c['id']}: lightest not in suitable"
        row = {"id": c["id"], "story": c["story"], "need": c["need"]}
        if c.get("narrowed_q"):
            row["narrowed_q"] = c["narrowed_q"]
        row["lightest"] = [uid("svc", k) for k in c["lightest"]]
        row["suitable"] = [uid("svc", k) for k in c["suitable"]]
        row["safety"] = c["safety"]
        lines.append(json.dumps(row, ensure_ascii=False))
    (HERE / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(services)} services, {len(lines)} cases written")


if __name__ == "__main__":
    main()
