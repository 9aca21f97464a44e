"""The open data API: Open Referral HSDS 3.0 at ``/api/v1``, read only, no key.

``views.py`` holds the (thin) views, ``params.py`` the query parameters, ``queries.py``
what they select, ``openapi.py`` the OpenAPI description generated from the marshmallow
schemas (``app.hsds.serialize`` and ``params``).  Every response is JSON (or NDJSON),
carries ``Access-Control-Allow-Origin: *`` and an ``ETag``; conditional requests get 304.
"""

from __future__ import annotations

from flask import Blueprint

URL_PREFIX = "/api/v1"

bp = Blueprint("api", __name__, url_prefix=URL_PREFIX, static_folder="static",
               static_url_path="/static")

from app.api import views  # noqa: E402,F401  (registers the routes on bp)


def init_app(app) -> None:
    from app.extensions import csrf

    csrf.exempt(bp)  # read only, token-free
    app.register_blueprint(bp)
