"""A local stand-in for PDOK Locatieserver v3.1 (the machine running the tests has no internet).

It serves ``<base>/free`` on 127.0.0.1 (a free port) in PDOK's response format,

    {"response": {"numFound", "start", "maxScore", "numFoundExact", "docs": [...]}}

answers 400 to query parameters outside v3.1's OpenAPI spec (as v3.1 does), applies
``fq`` (``type:postcode``, ``type:(woonplaats OR adres)``, ``gemeentenaam:Berkelland``), ``q``
(words, or a Solr field query such as ``postcode:7271*``), ``fl``, ``rows`` and ``start``, and
records every request. Faults on demand: an HTTP status, a raw body, or a delay.

Usage::

    with PdokStandin(docs) as pdok:
        PdokGeocoder(pdok.url).geocode("Rekken")
        pdok.requests[-1].params  # [("q", "Rekken"), ...]
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

BASE_PATH = "/bzk/locatieserver/search/v3_1"

# the free endpoint's parameters in the OpenAPI spec; anything else is a 400 in v3.1
FREE_PARAMETERS = frozenset({"q", "fl", "sort", "df", "rows", "start", "wt", "indent", "lat", "lon", "fq"})
DEFAULT_FL = "id,weergavenaam,type,score"
DEFAULT_FQ = "type:(gemeente OR woonplaats OR weg OR postcode OR adres)"
SEARCHED_FIELDS = ("weergavenaam", "postcode", "woonplaatsnaam", "gemeentenaam", "straatnaam")


@dataclass
class Recorded:
    method: str
    path: str
    params: list[tuple[str, str]]
    headers: dict[str, str]

    def param(self, name: str) -> str | None:
        values = [v for k, v in self.params if k == name]
        return values[-1] if values else None

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


@dataclass
class PdokStandin:
    docs: list[dict] = field(default_factory=list)
    base_path: str = BASE_PATH
    requests: list[Recorded] = field(default_factory=list)
    # faults: an HTTP status with a body, a raw 200 body, a delay before answering (seconds)
    status: int | None = None
    raw_body: bytes | None = None
    delay: float = 0.0

    def __post_init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._released = threading.Event()

    # -- lifecycle

    def start(self) -> PdokStandin:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                standin._handle(self)

            def log_message(self, format: str, *args) -> None:  # noqa: A002
                pass  # keep pytest output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()  # let a delayed answer go
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> PdokStandin:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the stand-in first"
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The base URL, as PDOK_URL would be configured (without /free)."""
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    # -- HTTP

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = parse_qsl(parts.query, keep_blank_values=True)
        self.requests.append(Recorded("GET", parts.path, params, dict(handler.headers.items())))
        if self.delay:
            self._released.wait(self.delay)
        if self.status is not None:
            body = self.raw_body if self.raw_body is not None else b'{"title": "Internal Server Error"}'
            return self._send(handler, self.status, body)
        if self.raw_body is not None:
            return self._send(handler, 200, self.raw_body)
        if parts.path.rstrip("/") != f"{self.base_path}/free":
            return self._send(handler, 404, _problem(404, "Not Found", f"no endpoint {parts.path}"))
        status, payload = self.free(params)
        self._send(handler, status, json.dumps(payload).encode())

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass  # the client gave up (a timeout test)

    # -- the free endpoint

    def free(self, params: list[tuple[str, str]]) -> tuple[int, dict]:
        unknown = sorted({k for k, _ in params} - FREE_PARAMETERS)
        if unknown:
            return 400, json.loads(_problem(400, "Bad Request", f"unknown query parameter(s): {unknown}"))
        single = dict(params)  # last value wins, as in Solr, except fq which accumulates
        try:
            rows = int(single.get("rows", "10"))
            start = int(single.get("start", "0"))
        except ValueError:
            return 400, json.loads(_problem(400, "Bad Request", "rows and start must be integers"))
        if single.get("wt", "json") != "json" or rows < 0 or start < 0:
            return 400, json.loads(_problem(400, "Bad Request", "invalid wt, rows or start"))
        filters = [fq for k, fq in params if k == "fq"] or [DEFAULT_FQ]
        q = single.get("q", "*:*")

        hits = []
        for doc in self.docs:
            if not all(_passes(doc, fq) for fq in filters):
                continue
            score = _score(doc, q)
            if score > 0:
                hits.append((score, doc))
        hits.sort(key=lambda hit: (-hit[0], hit[1].get("weergavenaam", "")))
        fields = [f.strip() for f in single.get("fl", DEFAULT_FL).split(",") if f.strip()]
        docs = [_select(doc, score, fields) for score, doc in hits[start:start + rows]]
        return 200, {"response": {
            "numFound": len(hits),
            "start": start,
            "maxScore": hits[0][0] if hits else 0.0,
            "numFoundExact": True,
            "docs": docs,
        }}


def _problem(status: int, title: str, detail: str) -> bytes:
    return json.dumps({"title": title, "status": status, "detail": detail}).encode()


_FIELD_QUERY = re.compile(r"(\w+):\(?([^()]*)\)?")


def _passes(doc: dict, fq: str) -> bool:
    if fq.strip() == "*":
        return True
    match = _FIELD_QUERY.fullmatch(fq.strip())
    if match is None:
        return False
    name, values = match.groups()
    wanted = {v.strip().lower() for v in re.split(r"\s+OR\s+", values) if v.strip()}
    return str(doc.get(name, "")).lower() in wanted


def _score(doc: dict, q: str) -> float:
    q = q.strip()
    if q in ("", "*:*"):
        return 1.0
    field_query = re.fullmatch(r"(\w+):(\S+)", q)
    if field_query is not None:
        name, value = field_query.groups()
        actual = str(doc.get(name, "")).lower()
        value = value.lower()
        if value.endswith("*"):
            return 1.0 if actual.startswith(value[:-1]) else 0.0
        return 2.0 if actual == value else 0.0
    words = set(re.findall(r"\w+", " ".join(str(doc.get(f, "")) for f in SEARCHED_FIELDS).lower()))
    score = 0.0
    for token in re.findall(r"\w+", q.lower()):
        if token in words:
            score += 1.0
        elif any(word.startswith(token) for word in words):
            score += 0.5
        else:
            return 0.0  # every word must match
    return score


def _select(doc: dict, score: float, fields: list[str]) -> dict:
    if "*" in fields:
        return {**doc, "score": score}
    full = {**doc, "score": score}
    return {f: full[f] for f in fields if f in full}
