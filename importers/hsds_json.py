"""Reads HSDS 3.0 JSON: a list of fully nested services, a page envelope, or NDJSON.

Also accepted, because the HSDS examples use them: a single service object, an organisation
with its ``services`` nested, and a ``service_at_location`` with its ``service``.  Only
parsing: ``importers/hsds_mapping.py`` maps, ``importers/runner.py`` validates and writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from importers import limits
from importers.hsds_mapping import Problem


class ReadError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _is_page(obj: object) -> bool:
    """An HSDS 3.0 ``Page`` (a paginated response saved as a file): a ``contents`` list.

    None of the paging fields (``total_items``, ``total_pages``, ``page_number``, ``size``,
    ``first_page``, ``last_page``, ``empty``) is required, and no HSDS object has
    ``contents``, so the list alone decides (an object with an ``id`` is never a page).
    """
    return isinstance(obj, dict) and isinstance(obj.get("contents"), list) and "id" not in obj


def _services_in(obj: object, place: str) -> Iterator[tuple[str, object]]:
    """Unwrap what a JSON value holds into (place, service) pairs."""
    if _is_page(obj):
        assert isinstance(obj, dict)
        for index, item in enumerate(obj["contents"], start=1):
            yield from _services_in(item, _place(place, f"contents[{index}]"))
    elif isinstance(obj, dict) and isinstance(obj.get("services"), list) and "status" not in obj:
        yield from _organization_services(obj, place)
    elif isinstance(obj, dict) and isinstance(obj.get("service"), dict) and "location" in obj:
        yield place or "service_at_location", _linked_service(obj)
    else:
        yield place or "voorziening", obj


def _place(place: str, step: str) -> str:
    return f"{place}{step}" if place else step


def _organization_services(obj: dict[str, Any], place: str) -> Iterator[tuple[str, object]]:
    """An organisation with its ``services`` nested: each service with its organisation."""
    org = {k: v for k, v in obj.items() if k != "services"}
    for index, service in enumerate(obj["services"], start=1):
        if isinstance(service, dict):
            service = {**service, "organization": service.get("organization") or org}
        yield _place(place, f"services[{index}]"), service


def _linked_service(obj: dict[str, Any]) -> dict[str, Any]:
    """A ``service_at_location`` with its ``service``: the service, linked to that place."""
    link = {k: v for k, v in obj.items() if k != "service"}
    service = dict(obj["service"])
    links = [sal for sal in service.get("service_at_locations") or []
             if isinstance(sal, dict) and sal.get("id") != link.get("id")]
    service["service_at_locations"] = [*links, link]
    return service


def read(path: Path) -> Iterator[tuple[str, str, object]]:
    """Yield (file name, place, nested HSDS service); raise ReadError when unreadable.

    The file is streamed: a list (or NDJSON) holds one service in memory at a time, so a
    large file costs what its services cost once mapped, not ten times the file.  A file
    larger than ``limits.MAX_JSON_BYTES``, nested deeper than ``limits.MAX_JSON_DEPTH`` or
    with more than ``limits.MAX_SERVICES`` services is refused with a problem.
    """
    name = path.name
    size = path.stat().st_size
    if size > limits.MAX_JSON_BYTES:
        raise ReadError([Problem(name, "", "(bestand)", None,
                                 f"Het bestand is {limits.megabytes(size)}; de grens voor een "
                                 f"import is {limits.megabytes(limits.MAX_JSON_BYTES)}. Splits "
                                 "het bestand of lees het in als datapakket.")])
    _check_text(path)
    with path.open("rb") as handle:
        first = _first_line(handle)
    if first is not None:
        yield from _ndjson(path)
        return
    count = 0
    for place, value in _stream(path):
        for where, service in _services_in(value, ""):
            count += 1
            if count > limits.MAX_SERVICES:
                raise ReadError([_too_many(name)])
            if place is None:
                yield name, where, service
            else:
                yield name, place + ("" if where == "voorziening" else f" ({where})"), service


def _too_many(name: str) -> Problem:
    return Problem(name, "", "(bestand)", None,
                   f"Het bestand heeft meer dan {limits.MAX_SERVICES} voorzieningen, de grens "
                   "voor één import. Lees het in delen in.")


def _deep(name: str, place: str) -> Problem:
    return Problem(name, place, "(json)", None,
                   f"De JSON is dieper genest dan {limits.MAX_JSON_DEPTH} niveaus; een "
                   "HSDS-voorziening heeft er ongeveer 8. Dit bestand lees ik niet in.")


def _check_text(path: Path) -> None:
    """UTF-8 (with or without BOM), checked in chunks without holding the file."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                raise ReadError([Problem(path.name, "", "(bestand)", None,
                                         f"Het bestand is geen UTF-8-tekst ({error.reason}).")]
                                ) from None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise ReadError([Problem(path.name, "", "(bestand)", None,
                                     f"Het bestand is geen UTF-8-tekst ({error.reason}).")]
                            ) from None


def _first_line(handle: IO[bytes]) -> bytes | None:
    """The first line when the file is NDJSON (a complete object on it, more lines follow)."""
    start = handle.read(4096).removeprefix(codecs_bom())
    if not start.lstrip().startswith(b"{"):  # a list (or not JSON): never read as lines
        return None
    handle.seek(0)
    line = handle.readline(10_000_000).removeprefix(codecs_bom())
    if not line.endswith(b"\n"):
        return None
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return None
    for rest in handle:
        if rest.strip():
            return line
    return None


def codecs_bom() -> bytes:
    import codecs

    return codecs.BOM_UTF8


def _stream(path: Path) -> Iterator[tuple[str | None, object]]:
    """(place, value): each item of a top-level list as soon as it is complete, or the one
    top-level value (place None).  Nesting is counted while parsing: nothing recurses."""
    import ijson

    name = path.name
    with path.open("rb") as handle:
        if handle.read(3) != codecs_bom():
            handle.seek(0)
        stack: list[Any] = []  # containers being built, innermost last
        keys: list[Any] = []   # the key each open map is waiting to fill
        top_is_list = False
        index = 0

        def place() -> str:
            return f"voorziening {index + 1}" if top_is_list else ""

        try:
            for event, value in ijson.basic_parse(handle, use_float=True):
                if event in ("start_map", "start_array"):
                    if len(stack) >= limits.MAX_JSON_DEPTH:
                        raise ReadError([_deep(name, place())])
                    container: dict[str, Any] | list[Any] = {} if event == "start_map" else []
                    if not stack and event == "start_array":
                        top_is_list = True
                    elif stack:
                        _put(stack, keys, container)
                    stack.append(container)
                    keys.append(None)
                    continue
                if event == "map_key":
                    keys[-1] = value
                    continue
                if event in ("end_map", "end_array"):
                    done = stack.pop()
                    keys.pop()
                    if top_is_list and len(stack) == 1:
                        stack[0].pop()  # the list itself keeps nothing
                        index += 1
                        yield f"voorziening {index}", done
                    elif not stack and not top_is_list:
                        yield None, done
                    continue
                if not stack:
                    yield None, value  # a bare number or string: the mapping names it
                elif top_is_list and len(stack) == 1:
                    index += 1
                    yield f"voorziening {index}", value
                else:
                    _put(stack, keys, value)
        except ReadError:
            raise
        except ijson.JSONError as error:
            raise _syntax_error(path, error) from None


def _put(stack: list[Any], keys: list[Any], value: object) -> None:
    parent = stack[-1]
    if isinstance(parent, dict):
        parent[keys[-1]] = value
    else:
        parent.append(value)


def _syntax_error(path: Path, error: Exception) -> ReadError:
    """The position of a syntax error as ``json`` words it (line and column) for files it
    can hold; for larger ones the parser's own words."""
    name = path.name
    if path.stat().st_size <= 20_000_000:
        try:
            json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exact:
            return ReadError([Problem(name, f"regel {exact.lineno}", "(json)", None,
                                      f"Dit is geen geldige JSON: {exact.msg} "
                                      f"(kolom {exact.colno}).")])
        except RecursionError:
            return ReadError([_deep(name, "")])
    words = " ".join(str(error).split())
    return ReadError([Problem(name, "", "(json)", None, f"Dit is geen geldige JSON: {words}.")])


def _depth(value: object) -> int:
    """How deep a parsed value nests (iteratively)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            todo.extend((child, level + 1) for child in
                        (item.values() if isinstance(item, dict) else item))
    return deepest


def _ndjson(path: Path) -> Iterator[tuple[str, str, object]]:
    """Check every line first (all broken lines are reported), then yield line by line."""
    name = path.name

    def lines() -> Iterator[tuple[int, str]]:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line

    def parse(number: int, line: str) -> tuple[object, Problem | None]:
        try:
            value = json.loads(line)
        except RecursionError:
            return None, _deep(name, f"regel {number}")
        except json.JSONDecodeError as error:
            return None, Problem(name, f"regel {number}", "(json)", line[:60],
                                 f"Dit is geen geldige JSON: {error.msg} (kolom {error.colno}).")
        if _depth(value) > limits.MAX_JSON_DEPTH:
            return None, _deep(name, f"regel {number}")
        return value, None

    problems: list[Problem] = []
    count = 0
    for number, line in lines():
        _value, problem = parse(number, line)
        count += 1
        if problem is not None:
            problems.append(problem)
            if len(problems) >= 100:
                break
    if problems:
        raise ReadError(problems)
    if count > limits.MAX_SERVICES:
        raise ReadError([_too_many(name)])
    for number, line in lines():
        obj, _problem = parse(number, line)
        for place, service in _services_in(obj, ""):
            yield name, f"regel {number}" + ("" if place == "voorziening" else f" ({place})"), \
                service
