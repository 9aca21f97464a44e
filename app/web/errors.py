"""Error pages that stay pages: calm, in the visitor's language, no internals.

Under ``/api/`` every error is JSON (``{"status": …, "error": …}``), never HTML — also a
404 for a path no route knows, a 405, a 413, a 500 and a 503.  Elsewhere a plain Dutch
page (``errors/error.html``, which needs no database).

Also here, as the first ``before_request`` function: a request whose path, query string,
form fields or JSON body holds a control character (``app.hygiene.forbidden_control``:
NUL everywhere; other C0 controls except tab/CR/LF in form and JSON text) is refused
with a 400 before any view or database sees it.  And when the database cannot be reached
(``OperationalError``: PostgreSQL down, an SQLite file that cannot be opened) the answer
is a 503 with ``Retry-After``, not a 500.

After that check, bidi control characters (``app.hygiene.strip_bidi``) are taken out of
every query-string value and form field (except secrets: passwords, codes, tokens), so the
report form, case texts, editor forms and search words never store reversed text; entry data
from imports is cleaned by the record schemas (``app/schemas/records.py``).
"""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.exceptions import HTTPException

from app.hygiene import BIDI_CONTROLS, forbidden_control, strip_bidi

log = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30
_API_MESSAGES = {400: "bad request", 413: "request too large",
                 503: "service unavailable: the database cannot be reached",
                 500: "internal server error"}


def is_api() -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int, message: str | None = None) -> Response:
    body = {"status": status, "error": message or _API_MESSAGES.get(status, "error")}
    return Response(json.dumps(body, ensure_ascii=False) + "\n", status=status,
                    content_type="application/json; charset=utf-8")


def error_response(status: int, **flags) -> Response:
    """JSON under /api/, else the plain page (rendered without touching the database)."""
    if is_api():
        response = api_error(status, flags.get("message"))
    else:
        flags.pop("message", None)
        response = Response(render_template("errors/error.html", code=status, **flags),
                            status=status, content_type="text/html; charset=utf-8")
    if status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


# --- control characters ----------------------------------------------------------------

def _json_strings(data, found: list) -> None:
    if isinstance(data, str):
        found.append((data, True))
    elif isinstance(data, dict):
        for key, value in data.items():
            found.append((str(key), False))
            _json_strings(value, found)
    elif isinstance(data, list):
        for value in data:
            _json_strings(value, found)


def request_has_control_characters() -> bool:
    values: list[tuple[str, bool]] = [(request.path, False)]  # (text, multi-line allowed)
    for key, value in request.args.items(multi=True):
        values += [(key, False), (value, False)]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        for key, value in request.form.items(multi=True):
            values += [(key, False), (value, True)]
        for key, upload in request.files.items(multi=True):
            values += [(key, False), (upload.filename or "", False)]
        if request.is_json:
            _json_strings(request.get_json(silent=True), values)
    return any(forbidden_control(text, multiline=multi) for text, multi in values)


def _secret(name: str) -> bool:
    return "password" in name or name in ("code", "csrf_token", "token")


def _without_bidi(values: MultiDict[str, str]) -> ImmutableMultiDict[str, str] | None:
    """A copy without bidi controls (secrets untouched); None when nothing changes."""
    if not any(BIDI_CONTROLS.search(v) for k, v in values.items(multi=True) if not _secret(k)):
        return None
    return ImmutableMultiDict([(k, v if _secret(k) else strip_bidi(v))
                               for k, v in values.items(multi=True)])


def clean_request():
    """First before_request: refuse control characters, strip bidi controls."""
    if request_has_control_characters():
        return error_response(400, control=True,
                              message="control characters are not allowed in the request")
    args = _without_bidi(request.args)
    if args is not None:
        request.args = args
        request.__dict__.pop("values", None)  # combined args + form: computed again
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        form = _without_bidi(request.form)
        if form is not None:
            request.form = form
            request.__dict__.pop("values", None)
    return None


def init_app(app: Flask) -> None:
    # First of all before_request functions: nothing else sees a NUL byte.
    app.before_request_funcs.setdefault(None, []).insert(0, clean_request)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        if is_api():
            return api_error(400, "csrf token missing or invalid")
        return render_template("errors/error.html", code=400, csrf=True), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code < 400:  # a redirect raised as an exception (e.g. a routing redirect)
            return error
        if is_api():
            return api_error(code, (error.name or "error").lower())
        response = error_response(code)
        allowed = getattr(error, "valid_methods", None)  # a MethodNotAllowed
        if code == 405 and allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error):
        log.error("database unavailable: %s", type(getattr(error, "orig", error)).__name__)
        return error_response(503)

    @app.errorhandler(500)
    def server_error(error):
        return error_response(500)
