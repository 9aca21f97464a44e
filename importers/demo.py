"""Loads the demo social map (``data/demo/sociale_kaart.json``) into the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from app.domain.directory import UpsertReport, Vocabulary, upsert_organization
from app.domain.ladder import service_access_conflict
from app.models.base import DbSession
from app.schemas.records import OrganizationIn
from importers.reference import DATA, load_reference

DEMO_FILE = DATA / "demo" / "sociale_kaart.json"
SOURCE = "berkellandwijzer-demo"


class DemoDataError(ValueError):
    pass


def flatten_errors(messages: object, path: str = "") -> list[str]:
    out: list[str] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            out.extend(flatten_errors(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        out.extend(f"{path}: {m}" for m in messages)
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            out.extend(flatten_errors(value, f"{path}[{index}]"))
    else:
        out.append(f"{path}: {messages}")
    return out


def read_demo(path: Path = DEMO_FILE) -> list[dict[str, Any]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    schema = OrganizationIn()
    records, problems = [], []
    seen_keys: set[tuple[str, str]] = set()
    for index, org in enumerate(raw["organizations"]):
        try:
            record = schema.load(org)
        except ValidationError as error:
            name = org.get("key") or f"#{index + 1}"
            problems += [f"organisatie {name}: {m}" for m in flatten_errors(error.messages)]
            continue
        for kind, items in (("locatie", record["locations"]), ("voorziening", record["services"]),
                            ("organisatie", [record])):
            for item in items:
                if (kind, item["key"]) in seen_keys:
                    problems.append(f"{kind} {item['key']}: sleutel komt twee keer voor")
                seen_keys.add((kind, item["key"]))
        for number, service in enumerate(record["services"]):
            conflict = service_access_conflict(service)
            if conflict is not None:
                problems.append(f"organisatie {record['key']}: services.{number}.{conflict.field}: "
                                f"{conflict.message}")
        records.append(record)
    if problems:
        raise DemoDataError("\n".join(problems))
    return records


def load_demo(session: DbSession, path: Path = DEMO_FILE,
              progress: Callable[[int, int], None] | None = None) -> UpsertReport:
    load_reference(session)
    records = read_demo(path)
    vocab = Vocabulary(session)
    report = UpsertReport()
    for done, record in enumerate(records, start=1):
        upsert_organization(session, SOURCE, record, report, vocab)
        if progress:
            progress(done, len(records))
    session.flush()
    return report
