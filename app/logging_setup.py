"""Log lines without personal data: one per request, and the app's own messages.

``LOG_FORMAT=json`` writes one JSON object per line (for a log collector); the default
``text`` writes the same fields readably.  Every request ends with one line from the logger
``berkellandwijzer.request``::

    {"time": "2026-11-30T16:10:00.123Z", "level": "INFO", "logger": "berkellandwijzer.request",
     "message": "request", "request_id": "9f0c…", "method": "GET", "path": "/zoeken",
     "status": 200, "duration_ms": 12.4}

What is deliberately never written: the client's address, the query string (a search can
hold a resident's name, illness or street), form data, cookies, e-mail addresses and the
User-Agent.  The path is ``request.path``, i.e. without the query string; the app's paths
hold only slugs and random ids.  SQL parameters are hidden from error messages by the
engine option ``hide_parameters`` (``app.config``).

The request id is taken from an incoming ``X-Request-ID`` header when it looks like one
(nginx: ``proxy_set_header X-Request-ID $request_id``), else generated; it is sent back in
the response's ``X-Request-ID`` and put on every line logged while the request runs.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, has_request_context, request, request_started

REQUEST_LOGGER = "berkellandwijzer.request"
REQUEST_ID_HEADER = "X-Request-ID"
_ENV_ID = "berkellandwijzer.request_id"
_ENV_START = "berkellandwijzer.request_start"
_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_HANDLER_MARK = "_berkellandwijzer"
# Fields of a request line, in this order; nothing else from the request is ever logged.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")

log = logging.getLogger(REQUEST_LOGGER)


def current_request_id() -> str | None:
    if not has_request_context():
        return None
    return request.environ.get(_ENV_ID)


class RequestIdFilter(logging.Filter):
    """Puts the request id on every record logged while a request runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, request fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            data["request_id"] = request_id
        for name in REQUEST_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                data[name] = value
        if record.exc_info:
            # The type and traceback, as text; SQL parameters are hidden by the engine.
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = None
        text = super().format(record)
        extra = " ".join(f"{name}={getattr(record, name)}" for name in REQUEST_FIELDS
                         if getattr(record, name, None) is not None)
        return f"{text} {extra}" if extra else text


def configure_logging(fmt: str = "text", level: int = logging.INFO, stream=None) -> logging.Handler:
    """One handler on the root logger (replacing ours from an earlier call); idempotent."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    # The development server's access line holds the client address and the query string.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return handler


def _start_request(sender=None, **_extra) -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    request.environ[_ENV_ID] = incoming if _GOOD_ID.match(incoming) else uuid.uuid4().hex
    request.environ[_ENV_START] = time.perf_counter()


def _end_request(response: Response) -> Response:
    request_id = request.environ.get(_ENV_ID)
    if request_id:
        response.headers[REQUEST_ID_HEADER] = request_id
    started = request.environ.get(_ENV_START)
    duration = round((time.perf_counter() - started) * 1000, 1) if started else None
    log.info("request", extra={
        "request_id": request_id,
        "method": request.method,
        "path": request.path,  # never the query string
        "status": response.status_code,
        "duration_ms": duration,
    })
    return response


def init_app(app: Flask) -> None:
    """Request ids and one log line per request; a log handler outside tests."""
    # A signal, not before_request: it runs before every before_request function (the
    # staff guard stays the first of those) and so times every request.
    request_started.connect(_start_request, app)
    app.after_request(_end_request)
    if not app.testing:
        configure_logging(app.config["LOG_FORMAT"])
