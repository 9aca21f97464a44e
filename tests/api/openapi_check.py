"""Validate an API response against an OpenAPI 3.1 document, the way a consuming system does.

``ResponseChecker(document)`` finds the operation of a request path (``/services/{id}``
matches ``/services/3f25...``), takes the schema of the response's status and media type
(``application/json``; for ``application/x-ndjson`` each line against that media type's
schema) and validates it with ``jsonschema`` (JSON Schema 2020-12, the dialect of OpenAPI
3.1) with format checks, every ``$ref`` resolved in the document itself.  References to
the official compiled HSDS schemas (``https://raw.githubusercontent.com/openreferral/
specification/3.0/schema/...``) resolve to a local copy of them when one is given, never
over the network.

``strict=True`` closes every object schema of the document (``unevaluatedProperties:
false``): a response property that the document does not declare is then an error. The
served document stays open so that other publishers' HSDS data (the official examples)
validates against it too; our own responses must pass the closed reading, so nothing the
API sends is undeclared.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

OFFICIAL_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
DOCUMENT_URI = "urn:berkellandwijzer:openapi"


def _close(node):
    """Every object schema gets ``unevaluatedProperties: false`` (in place)."""
    if isinstance(node, dict):
        for value in node.values():
            _close(value)
        if node.get("type") == "object" or "properties" in node:
            node.setdefault("unevaluatedProperties", False)
    elif isinstance(node, list):
        for value in node:
            _close(value)
    return node


class ResponseChecker:
    def __init__(self, document: dict, *, strict: bool = False,
                 official_schemas: Path | None = None):
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.document = copy.deepcopy(document)
        if strict:
            _close(self.document.get("components", {}).get("schemas", {}))
            for item in self.document.get("paths", {}).values():
                _close(item)
        resources = [(DOCUMENT_URI, Resource.from_contents(
            self.document, default_specification=DRAFT202012))]
        if official_schemas is not None:
            for path in sorted(official_schemas.glob("*.json")) + sorted(
                    official_schemas.glob("compiled/*.json")):
                contents = json.loads(path.read_text(encoding="utf-8"))
                relative = path.relative_to(official_schemas).as_posix()
                resource = Resource.from_contents(contents, default_specification=DRAFT202012)
                resources.append((OFFICIAL_BASE + relative, resource))
                resources.append((path.resolve().as_uri(), resource))
        self.registry = Registry().with_resources(resources)
        self._paths = []
        for template in self.document.get("paths", {}):
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template.rstrip("/") or "/"))
            self._paths.append((template, re.compile(pattern + "/?")))

    def operation(self, path: str) -> str:
        """The path template a request path belongs to (the most literal one wins)."""
        matches = [t for t, rx in self._paths if rx.fullmatch(path)]
        assert matches, f"{path}: no operation in the document"
        return min(matches, key=lambda t: t.count("{"))

    def schema_pointer(self, path: str, status: int, media_type: str) -> str:
        template = self.operation(path)
        responses = self.document["paths"][template]["get"]["responses"]
        key = str(status) if str(status) in responses else "default"
        assert key in responses, f"GET {template}: status {status} is not documented"
        content = responses[key].get("content", {})
        assert media_type in content, (
            f"GET {template} {status}: {media_type} is not documented ({', '.join(content)})")
        escaped = template.replace("~", "~0").replace("/", "~1")
        kind = media_type.replace("~", "~0").replace("/", "~1")
        return f"{DOCUMENT_URI}#/paths/{escaped}/get/responses/{key}/content/{kind}/schema"

    def errors(self, path: str, status: int, media_type: str, body) -> list[str]:
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(
            {"$ref": self.schema_pointer(path, status, media_type)}, registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [f"{path} [{status} {media_type}] /{'/'.join(map(str, e.absolute_path))}: "
                f"{e.message[:300]}"
                for e in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))]

    def errors_against(self, name: str, body, where: str) -> list[str]:
        """Validate against one of the official HSDS schemas (``compiled/service.json``)."""
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator({"$ref": OFFICIAL_BASE + name}, registry=self.registry,
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [f"{where} [{name}] /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
                for e in validator.iter_errors(body)]

    def check_response(self, path: str, response) -> list[str]:
        """A Flask/werkzeug test response (or anything with status_code, mimetype, text)."""
        media_type = response.mimetype
        text = response.get_data(as_text=True) if hasattr(response, "get_data") else response.text
        if media_type == "application/x-ndjson":
            out = []
            for line in text.splitlines():
                out.extend(self.errors(path, response.status_code, media_type, json.loads(line)))
            return out
        return self.errors(path, response.status_code, media_type, json.loads(text))


def hsds_reference() -> Path:
    """Where the official HSDS 3.0 material is: ``HSDS_SCHEMA_DIR``'s parent when that is
    set (as for ``tests/api/test_conformance.py``), else ``../shared/hsds-3.0`` beside the
    repository.  Tests that need it skip when it is absent; the product never reads it."""
    import os

    configured = os.environ.get("HSDS_SCHEMA_DIR")
    if configured:
        return Path(configured).parent
    return Path(__file__).resolve().parents[2].parent / "shared" / "hsds-3.0"
