"""Security headers on every response (pages, errors, static files, JSON).

The Content-Security-Policy is strict: scripts, styles, fonts and connections only from
this site, no inline script or style (the templates have none; JSON-LD is data, not
script), images from this site, ``data:`` (the NL Design System CSS draws its form icons
as inline SVG) and the map-tile host (PDOK's BRT-Achtergrondkaart, or ``MAP_TILES_URL``).
Staff pages are never stored by the browser or a proxy.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

from app.config import DEFAULT_TILES_URL

STAFF_PREFIX = "/staff"


def tiles_origin(app: Flask) -> str:
    parts = urlsplit(app.config["MAP_TILES_URL"] or DEFAULT_TILES_URL)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(app: Flask) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": f"'self' data: {tiles_origin(app)}",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", current_app.extensions["bw_csp"])
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy",
                       "geolocation=(self), camera=(), microphone=(), payment=(), usb=()")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.path == STAFF_PREFIX or request.path.startswith(STAFF_PREFIX + "/"):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
        headers.add("Vary", "Cookie")
    return response


def init_app(app: Flask) -> None:
    app.extensions["bw_csp"] = content_security_policy(app)
    app.after_request(set_security_headers)
