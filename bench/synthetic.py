"""Synthetic but Dutch-looking provisions, loaded straight into the database (Core inserts)."""

from __future__ import annotations

import random
import time as clock
import uuid
from datetime import time

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from app.models import (
    CostOption,
    Kern,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
    service_life_domain,
    service_target_group,
)
from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES

ACTIVITIES = [
    "inloop", "koffieochtend", "spreekuur", "cursus", "praatgroep", "maaltijd", "wandelgroep",
    "huisbezoek", "taalcafé", "schuldhulp", "thuisadministratie", "mantelzorgondersteuning",
    "dagbesteding", "begeleiding", "vervoer", "klussendienst", "boodschappenhulp", "beweegles",
    "voorleesuur", "jongereninloop", "opvoedadvies", "budgetcursus", "computerhulp",
    "repaircafé", "buurtkamer", "geheugentraining", "rouwgroep", "fietsmaatje", "zwemles",
    "huiswerkbegeleiding", "sollicitatietraining", "vrijwilligersvacaturebank",
]
AUDIENCES = ["ouderen", "jongeren", "mantelzorgers", "nieuwkomers", "ouders", "vrijwilligers",
             "mensen met dementie", "alleenstaanden", "kinderen", "iedereen"]
SENTENCES = [
    "U bent welkom zonder afspraak.", "Een vrijwilliger helpt u verder.",
    "Samen met anderen praat u over {a}.", "Wij helpen bij geldzaken en post.",
    "De {a} is gratis.", "U ontmoet mensen uit het dorp.", "Er is koffie en thee.",
    "Bel of mail ons voor een afspraak.", "Wij denken mee over uw vraag.",
    "Na een gesprek kijken we wat u nodig heeft.", "De groep komt elke week samen.",
    "U leert stap voor stap nieuwe dingen.", "Ook uw familie is welkom.",
]
TIERS = ["algemeen"] * 6 + ["voorliggend"] * 3 + ["maatwerk"]
ACCESS = {"algemeen": "vrij-toegankelijk", "voorliggend": "verwijzing-huisarts",
          "maatwerk": "beschikking-gemeente"}
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]


def _demo_sentences() -> tuple[list[str], list[str]]:
    """Sentences and names of the demo map: real B1 wording to recombine (``realistic``)."""
    import json
    import re
    from pathlib import Path

    demo = json.loads((Path(__file__).resolve().parent.parent / "data" / "demo" / "sociale_kaart.json")
                      .read_text(encoding="utf-8"))
    sentences: list[str] = []
    names: list[str] = []
    for org in demo["organizations"]:
        for service in org.get("services", []):
            names.append(service["name"])
            for field in ("description", "eligibility", "application_process"):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", service.get(field) or "")
                              if len(s.split()) >= 4]
    return sorted(set(sentences)), sorted(set(names))


def _long_description(rng: random.Random, sentences: list[str]) -> str:
    """60-100 words of recombined demo sentences."""
    target = rng.randint(60, 100)
    words: list[str] = []
    while len(words) < target:
        words += rng.choice(sentences).split()
    return " ".join(words[:target]).rstrip(",;:") + "."


def generate(session: Session, n: int, seed: int = 1859, *, realistic: bool = False) -> None:
    """Insert n active, published provisions (about 5 per organisation) with places nearby.

    ``realistic``: names and 60-100-word descriptions recombined from the demo map's own
    sentences (its vocabulary, compounds and B1 phrasing), instead of a small sentence pool."""
    rng = random.Random(seed)
    sentences, demo_names = _demo_sentences() if realistic else ([], [])
    kernen = list(session.scalars(select(Kern)))
    terms = {(t.taxonomy, t.code): t.id for t in session.scalars(select(TaxonomyTerm))}
    orgs, services, areas, locations, sals = [], [], [], [], []
    schedules, costs, domains, groups = [], [], [], []
    for i in range(n):
        if i % 5 == 0:
            org_id = uuid.uuid4()
            kern = rng.choice(kernen)
            orgs.append({"id": org_id, "name": f"Stichting {rng.choice(ACTIVITIES).title()} "
                         f"{kern.name} {i // 5}", "description": "", "source": "bench",
                         "external_id": f"org-{i}"})
            loc_id = uuid.uuid4()
            locations.append({"id": loc_id, "organization_id": org_id, "name": f"Huis {i // 5}",
                              "latitude": kern.latitude + rng.uniform(-0.02, 0.02),
                              "longitude": kern.longitude + rng.uniform(-0.03, 0.03),
                              "kern_id": kern.id, "location_type": "physical"})
        activity = rng.choice(ACTIVITIES)
        audience = rng.choice(AUDIENCES)
        tier = rng.choice(TIERS)
        sid = uuid.uuid4()
        if realistic:
            name = f"{rng.choice(demo_names).split(':')[0]} in {kern.name}"
            description = _long_description(rng, sentences)
        else:
            text = " ".join(rng.choice(SENTENCES).format(a=activity) for _ in range(4))
            name = f"{activity.capitalize()} voor {audience} in {kern.name}"
            description = f"{text} Voor {audience}."
        services.append({
            "id": sid, "organization_id": org_id, "name": name, "description": description,
            "tier": tier, "access": ACCESS[tier], "status": "active", "publication": "published",
            "source": "bench", "external_id": f"svc-{i}", "version": 1,
            "review_interval_days": 182,
        })
        if rng.random() < 0.3:
            areas.append({"id": uuid.uuid4(), "service_id": sid, "name": "Berkelland",
                          "extent_type": "text", "kern_id": None})
        else:
            areas.append({"id": uuid.uuid4(), "service_id": sid, "name": kern.name,
                          "extent_type": "text", "kern_id": kern.id})
        sals.append({"id": uuid.uuid4(), "service_id": sid, "location_id": loc_id})
        if rng.random() < 0.6:
            opens = rng.choice([9, 10, 13, 14, 19])
            schedules.append({"id": uuid.uuid4(), "service_id": sid, "freq": "WEEKLY",
                              "byday": ",".join(rng.sample(DAYS, rng.randint(1, 3))),
                              "opens_at": time(opens), "closes_at": time(opens + 2)})
        costs.append({"id": uuid.uuid4(), "service_id": sid, "currency": "EUR",
                      "amount": 0 if rng.random() < 0.7 else 2.5})
        for code in rng.sample(LIFE_DOMAIN_CODES, rng.randint(1, 3)):
            domains.append({"service_id": sid, "taxonomy_term_id": terms[("leefgebied", code)]})
        for code in rng.sample(TARGET_GROUP_CODES, rng.randint(1, 2)):
            groups.append({"service_id": sid, "taxonomy_term_id": terms[("doelgroep", code)]})
    for model, rows in ((Organization, orgs), (Location, locations), (Service, services),
                        (ServiceArea, areas), (ServiceAtLocation, sals), (Schedule, schedules),
                        (CostOption, costs)):
        for start in range(0, len(rows), 5000):
            session.execute(insert(model), rows[start:start + 5000])
    for table, rows in ((service_life_domain, domains), (service_target_group, groups)):
        for start in range(0, len(rows), 5000):
            session.execute(insert(table), rows[start:start + 5000])


def load(session: Session, n: int, *, realistic: bool = False) -> float:
    """A fresh database with the reference data and n synthetic provisions; the seconds the
    provisions took.  Ends with ANALYZE, as autovacuum would after such a load: without
    statistics PostgreSQL scans whole tables for each batch of documents read later."""
    from app.models import Base
    from importers.reference import load_reference

    Base.metadata.create_all(session.get_bind())
    load_reference(session)
    started = clock.perf_counter()
    generate(session, n, realistic=realistic)
    session.commit()
    session.execute(text("ANALYZE"))
    session.commit()
    return clock.perf_counter() - started


def query_words(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(ACTIVITIES) for _ in range(1000)]


def misspell(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap two letters
