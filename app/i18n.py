"""Languages of the interface, and the visitor's choice among them.

Choice: ?lang= (remembered in a cookie) → cookie → browser → default (nl).

The public site speaks seven languages; the staff side speaks Dutch and English
(kerncoaches and welzijnswerkers work in Dutch; the catalogues of the other languages
hold only what a resident can see: ``app/translations/public.pot``).  Whether a
native speaker has reviewed a catalogue is kept in ``app/translations/reviews.json``
(docs/translations.md).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_request_context, request

from app.config import STAFF_LOCALES, SUPPORTED_LOCALES

LANG_COOKIE = "lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as its readers look for it
    direction: str = "ltr"


LANGUAGES = (
    Language("nl", "Nederlands"),
    Language("en", "English"),
    Language("ar", "العربية", "rtl"),
    Language("pl", "Polski"),
    Language("uk", "Українська"),
    Language("tr", "Türkçe"),
    Language("ti", "ትግርኛ"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
assert tuple(BY_CODE) == SUPPORTED_LOCALES, "app.config.SUPPORTED_LOCALES and LANGUAGES differ"


def is_staff_request() -> bool:
    return request.path.startswith("/staff")


def offered_locales() -> tuple[str, ...]:
    """The languages this request may be answered in."""
    return STAFF_LOCALES if has_request_context() and is_staff_request() else SUPPORTED_LOCALES


def select_locale() -> str:
    if not has_request_context():  # CLI, index updates: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    offered = offered_locales()
    requested = request.args.get("lang")
    if requested in offered:
        return requested
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in offered:
        return remembered
    best = request.accept_languages.best_match(offered)
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return best or (default if default in offered else "nl")


def remember_locale(response):
    """after_request: keep an explicit ?lang= choice for the next pages."""
    requested = request.args.get("lang")
    if requested in SUPPORTED_LOCALES and request.cookies.get(LANG_COOKIE) != requested:
        response.set_cookie(LANG_COOKIE, requested, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response


def direction(code: str) -> str:
    language = BY_CODE.get(code)
    return language.direction if language else "ltr"


REVIEWS = TRANSLATIONS / "reviews.json"


@functools.cache
def _reviews() -> dict:
    try:
        return json.loads(REVIEWS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def native_review(code: str) -> dict | None:
    """Who reviewed the catalogue and when, or None while no native speaker has
    (``app/translations/reviews.json``).  Dutch is the source language."""
    if code == "nl":
        return {"by": "source language"}
    review = _reviews().get(code)
    return review if isinstance(review, dict) and review.get("by") else None
