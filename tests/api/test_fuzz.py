"""The open-data API under fuzzing: schemathesis generates requests from the served OpenAPI
document (valid and invalid parameters, odd Unicode, control characters, huge numbers) for
every operation, on SQLite and PostgreSQL.  Whatever comes in, the API answers without a
server error, and in JSON — never an HTML error page.

Bounded (``max_examples``) so it runs in the suite; raise ``FUZZ_EXAMPLES`` for a longer
run: ``FUZZ_EXAMPLES=500 pytest tests/api/test_fuzz.py``.
"""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))


def test_the_api_never_answers_with_a_server_error(api_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case):
            response = case.call()
            where = f"{case.method} {case.formatted_path} {case.query!r}"
            if response.status_code >= 500:
                failures.append(f"{where} -> {response.status_code}: {response.text[:200]}")
            elif response.status_code != 304:
                kind = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])
                kind = kind[0] if isinstance(kind, list) else kind
                if "json" not in kind:
                    failures.append(f"{where} answered {kind}")

        fuzz()
    assert operations >= 8
    assert not failures, f"{len(failures)} bad answers, e.g.:\n" + "\n".join(failures[:10])


HOSTILE = ["\x00", "a\x00b", "\x1b[31m", "\u202etxet", "%", "'; DROP TABLE service; --",
           "x" * 5000, "-1", "1e309", "\ud7ff\ue000", "../../etc/passwd", "[]", "{}"]


def test_every_query_parameter_refuses_hostile_values_without_a_server_error(api_app):
    """Every query parameter of every operation, with NUL and other control bytes, bidi
    overrides, huge and malformed values: a 200 or a 4xx in JSON, never a 500."""
    client = api_app.test_client()
    document = client.get("/api/v1/openapi.json").get_json()
    bad: list[str] = []
    tried = 0
    for path, item in document["paths"].items():
        if "{" in path:
            path = path.replace("{id}", "00000000-0000-0000-0000-000000000000")
            path = path.split("{")[0].rstrip("/") if "{" in path else path
        params = [p for p in item.get("get", {}).get("parameters", []) if p.get("in") == "query"]
        for param in params:
            for value in HOSTILE:
                tried += 1
                response = client.get(f"/api/v1{path}", query_string={param["name"]: value})
                if response.status_code >= 500 or "json" not in (response.content_type or ""):
                    bad.append(f"{path}?{param['name']}={value[:20]!r} -> {response.status_code} "
                               f"{response.content_type}")
    assert tried > 100
    assert not bad, f"{len(bad)} of {tried}:\n" + "\n".join(bad[:15])
