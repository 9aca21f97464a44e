"""Reads HSDS 3.0 JSON: a list of fully nested services, a page envelope, or NDJSON.

Also accepted, because the HSDS examples use them: a single service object, an organisation
with its ``services`` nested, and a ``service_at_location`` with its ``service``.  Only
parsing: ``importers/hsds_mapping.py`` maps, ``importers/runner.py`` validates and writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from importers.hsds_mapping import Problem


class ReadError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _services_in(obj, place: str) -> Iterator[tuple[str, object]]:
    """Unwrap what a JSON value holds into (place, service) pairs."""
    if isinstance(obj, dict) and isinstance(obj.get("contents"), list) and "total_items" in obj:
        for index, item in enumerate(obj["contents"], start=1):
            yield from _services_in(item, f"{place}contents[{index}]" if place else
                                    f"contents[{index}]")
        return
    if isinstance(obj, dict) and isinstance(obj.get("services"), list) and "status" not in obj:
        org = {k: v for k, v in obj.items() if k != "services"}
        for index, service in enumerate(obj["services"], start=1):
            if isinstance(service, dict):
                service = {**service, "organization": service.get("organization") or org}
            yield f"{place}services[{index}]" if place else f"services[{index}]", service
        return
    if isinstance(obj, dict) and isinstance(obj.get("service"), dict) and "location" in obj:
        link = {k: v for k, v in obj.items() if k != "service"}
        service = dict(obj["service"])
        links = [sal for sal in service.get("service_at_locations") or []
                 if isinstance(sal, dict) and sal.get("id") != link.get("id")]
        service["service_at_locations"] = [*links, link]
        yield place or "service_at_location", service
        return
    yield place or "voorziening", obj


def read(path: Path) -> Iterator[tuple[str, str, object]]:
    """Yield (file name, place, nested HSDS service); raise ReadError when unreadable."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError([Problem(name, "", "(bestand)", None,
                                 f"Het bestand is geen UTF-8-tekst ({error.reason}).")]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as whole_error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        if len(lines) < 2:
            raise ReadError([Problem(name, f"regel {whole_error.lineno}", "(json)", None,
                                     f"Dit is geen geldige JSON: {whole_error.msg} "
                                     f"(kolom {whole_error.colno}).")]) from None
        yield from _ndjson(name, lines)
        return
    if isinstance(document, list):
        for index, item in enumerate(document, start=1):
            for place, service in _services_in(item, ""):
                yield name, f"voorziening {index}" + ("" if place == "voorziening" else
                                                       f" ({place})"), service
        return
    for place, service in _services_in(document, ""):
        yield name, place, service


def _ndjson(name: str, lines: list[tuple[int, str]]) -> Iterator[tuple[str, str, object]]:
    problems = []
    parsed = []
    for number, line in lines:
        try:
            parsed.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(Problem(name, f"regel {number}", "(json)", line[:60],
                                    f"Dit is geen geldige JSON: {error.msg} (kolom {error.colno})."))
    if problems:
        raise ReadError(problems)
    for number, obj in parsed:
        for place, service in _services_in(obj, ""):
            yield name, f"regel {number}" + ("" if place == "voorziening" else f" ({place})"), \
                service
