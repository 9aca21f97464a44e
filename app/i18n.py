"""Language choice: ?lang= (remembered in a cookie) → cookie → browser → default (nl)."""

from __future__ import annotations

from flask import current_app, has_request_context, request

from app.config import SUPPORTED_LOCALES

LANG_COOKIE = "lang"


def select_locale() -> str:
    if not has_request_context():  # CLI, index updates: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    requested = request.args.get("lang")
    if requested in SUPPORTED_LOCALES:
        return requested
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in SUPPORTED_LOCALES:
        return remembered
    best = request.accept_languages.best_match(SUPPORTED_LOCALES)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_locale(response):
    """after_request: keep an explicit ?lang= choice for the next pages."""
    requested = request.args.get("lang")
    if requested in SUPPORTED_LOCALES and request.cookies.get(LANG_COOKIE) != requested:
        response.set_cookie(LANG_COOKIE, requested, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response
