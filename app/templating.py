"""Jinja helpers: labels for codes, opening hours, language switch links."""

from __future__ import annotations

import functools
from datetime import date, time
from typing import Any

from flask import Flask, request, url_for
from flask_babel import force_locale, format_date, format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2 import pass_context
from markupsafe import Markup

from app import vocabulary as v
from app.config import SUPPORTED_LOCALES
from app.domain.queries import card_of
from app.i18n import LANGUAGES, direction, native_review, offered_locales

DAY_NAMES = {
    "MO": _l("maandag"), "TU": _l("dinsdag"), "WE": _l("woensdag"), "TH": _l("donderdag"),
    "FR": _l("vrijdag"), "SA": _l("zaterdag"), "SU": _l("zondag"),
}
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "de": "Deutsch", "ar": "العربية",
                  "tr": "Türkçe", "pl": "Polski", "uk": "Українська", "ti": "ትግርኛ",
                  "fr": "Français", "es": "Español", "so": "Soomaali", "fa": "فارسی"}


def tier_label(code: str) -> str:
    return str(v.label(v.TIERS, code))


def tier_description(code: str) -> str:
    for term in v.TIERS:
        if term.code == code:
            return str(term.description)
    return ""


def access_line(code: str) -> str:
    return str(v.label(v.ACCESS, code))


def hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


WEEK = tuple(DAY_NAMES)  # Monday first, as Dutch calendars do


def _day_index(code: str) -> int:
    return WEEK.index(code) if code in WEEK else len(WEEK)


def days(byday: str | None) -> str:
    if not byday:
        return ""
    codes = sorted((d.strip() for d in byday.split(",") if d.strip()), key=_day_index)
    names = [str(DAY_NAMES.get(d, d)) for d in codes]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " " + _("en") + " " + names[-1]


def week_order(schedules) -> list:
    """Opening hours in week order, Monday first (then by opening time), whatever order
    they were entered in."""
    def key(schedule):
        codes = [d.strip() for d in (schedule.byday or "").split(",") if d.strip()]
        first = min((_day_index(c) for c in codes), default=len(WEEK))
        return first, schedule.opens_at or time.min

    return sorted(schedules, key=key)


ORDINALS = {1: _l("eerste"), 2: _l("tweede"), 3: _l("derde"), 4: _l("vierde"),
            5: _l("vijfde"), -1: _l("laatste"), -2: _l("een-na-laatste")}


def _and(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " " + _("en") + " " + names[-1]


def _month_day(text: str) -> str:
    number = int(text)
    if number == -1:
        return _("de laatste dag")
    if number < 0:
        return _("de %(num)de dag van achteren", num=-number)
    return _("de %(num)de", num=number)


def when(schedule) -> str:
    """When a schedule applies, in plain words: weekly days as before ("maandag en
    woensdag"), a monthly rule as what it is ("elke eerste dinsdag van de maand"), with
    its limits ("tot en met 27 juni 2026")."""
    from app.domain.opening import byday_items

    interval = schedule.interval or 1
    items = byday_items(schedule.byday)
    if (schedule.freq or "WEEKLY") == "MONTHLY":
        parts = []
        if items:
            names = [f"{ORDINALS.get(place, '')} {DAY_NAMES[day]}".strip() if place else
                     str(DAY_NAMES[day]) for place, day in items]
            parts.append(_("elke %(days)s van de maand", days=_and(names)))
        if schedule.bymonthday:
            days_ = [_month_day(d) for d in schedule.bymonthday.split(",") if d.strip()]
            parts.append(_("elke maand op %(days)s", days=_and(days_)))
        text = "; ".join(parts) or _("elke maand")
        if interval > 1:
            text += " " + _("(om de %(num)d maanden)", num=interval)
    else:
        text = days(schedule.byday)
        if interval > 1:
            text = _("om de %(num)d weken op %(days)s", num=interval, days=text)
    if schedule.byweekno:
        text += " " + _("(alleen in week %(weeks)s)", weeks=schedule.byweekno.replace(",", ", "))
    if schedule.byyearday:
        text += " " + _("(alleen op dag %(days)s van het jaar)",
                        days=schedule.byyearday.replace(",", ", "))
    start = schedule.dtstart or schedule.valid_from
    if start is not None and start > date.today():
        text += ", " + _("vanaf %(date)s", date=long_date(start))
    if schedule.count:
        text += ", " + ngettext("%(num)d keer", "%(num)d keer", schedule.count)
    from app.domain.opening import ends_on

    end = ends_on(schedule)
    if end is not None:
        text += ", " + _("tot en met %(date)s", date=long_date(end))
    return text


def money(amount) -> str:
    if amount is None:
        return ""
    if amount == 0:
        return _("Gratis")
    text = f"{amount:.2f}".replace(".", ",")
    return f"€ {text}"


def long_date(value: date | None) -> str:
    return format_date(value, format="long") if value else ""


def switch_language_url(code: str) -> str:
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    values: dict[str, Any] = {**(request.view_args or {}), **args}
    return url_for(request.endpoint or "public.home", **values)


def current_locale() -> str:
    return str(get_locale() or "nl")


def language_menu() -> list[dict]:
    """The languages this page is offered in, each named in itself; a catalogue that no
    native speaker has reviewed says so, in its own language (docs/translations.md)."""
    offered = offered_locales()
    menu = []
    for language in LANGUAGES:
        if language.code not in offered:
            continue
        note = ""
        if native_review(language.code) is None:
            with force_locale(language.code):
                note = _("Vertaling nog niet nagekeken door een moedertaalspreker")
        menu.append({"code": language.code, "name": language.name, "dir": language.direction,
                     "note": note, "current": language.code == current_locale()})
    return menu


def isolate(text) -> Markup:
    """A visitor's own words inside a translated sentence, kept in their own direction
    (an Arabic sentence around a Dutch query, or the other way round)."""
    return Markup("<bdi>%s</bdi>") % text


def dutch_content() -> Markup:
    """Attributes for an element holding an entry's own text, which is in Dutch
    whatever the interface language (WCAG 3.1.2, language of parts)."""
    if current_locale() == "nl":
        return Markup("")
    return Markup(' lang="nl" dir="ltr"')


def per_request(function):
    """A filter whose answer depends on the visitor's language.  Jinja folds a filter
    applied to a constant (``"algemeen"|tier_label``) into the compiled template, in the
    language of whoever asked first after start-up; a filter that takes the context cannot
    be folded, so it runs on every request."""

    @functools.wraps(function)
    def wrapper(_context, *args, **kwargs):
        return function(*args, **kwargs)

    return pass_context(wrapper)


def init_app(app: Flask) -> None:
    translated = dict(
        tier_label=tier_label, tier_description=tier_description, access_line=access_line,
        days=days, when=when, km=lambda d: format_decimal(d, format="0.0"), money=money, long_date=long_date,
        life_domain_label=lambda c: str(v.label(v.LIFE_DOMAINS, c)),
        target_group_label=lambda c: str(v.label(v.TARGET_GROUPS, c)),
        legal_label=lambda c: str(v.label(v.LEGAL_FRAMEWORKS, c)),
    )
    app.jinja_env.filters.update({name: per_request(f) for name, f in translated.items()})
    app.jinja_env.filters.update(
        hhmm=hhmm, week_order=week_order, isolate=isolate, language_name=lambda c: LANGUAGE_NAMES.get(c, c),
        card=card_of,  # a loaded provision as its result card (templates/_macros.html)
    )
    app.jinja_env.globals.update(
        get_locale=current_locale,
        page_direction=lambda: direction(current_locale()),
        language_menu=language_menu,
        dutch_content=dutch_content,
        switch_language_url=switch_language_url,
        supported_locales=SUPPORTED_LOCALES,
        vocabulary=v,
        municipality=v.MUNICIPALITY,
    )
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.policies["ext.i18n.trimmed"] = True
