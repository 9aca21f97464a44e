"""The active filters of a search as chips: each a link to the same search without it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from app import vocabulary as v
from app.domain.finder import SearchParams


@dataclass(frozen=True)
class Chip:
    label: str
    url: str  # this search without the filter


def _url(params: SearchParams) -> str:
    args: dict[str, Any] = params.to_args()
    return url_for("public.search", **args)


def _code_chips(params: SearchParams, field: str, vocabulary) -> list[Chip]:
    """One chip per chosen code of ``field`` (tiers, life domains, target groups)."""
    chosen = getattr(params, field)
    return [Chip(str(v.label(vocabulary, code)),
                 _url(params.without(**{field: tuple(c for c in chosen if c != code)})))
            for code in chosen]


def _kern_chips(params: SearchParams, kernen) -> list[Chip]:
    if not params.kern:
        return []
    name = next((k.name for k in kernen if k.slug == params.kern), params.kern)
    return [Chip(_("Voor inwoners van %(kernen)s", kernen=name), _url(params.without(kern=None)))]


def _flag_chips(params: SearchParams) -> list[Chip]:
    chips = []
    if params.free:
        chips.append(Chip(_("Gratis"), _url(params.without(free=False))))
    if params.open_now:
        chips.append(Chip(_("Nu open"), _url(params.without(open_now=False))))
    return chips


def _place_chips(params: SearchParams) -> list[Chip]:
    chips = []
    if params.near:
        chips.append(Chip(_("In de buurt van %(place)s", place=params.near),
                          _url(params.without(near="", radius_km=None))))
    elif params.lat is not None:
        chips.append(Chip(_("In de buurt van %(place)s", place=_("uw locatie")),
                          _url(params.without(lat=None, lon=None, radius_km=None))))
    if params.radius_km and (params.near or params.lat is not None):
        chips.append(Chip(_("binnen %(km)s km", km=params.radius_km),
                          _url(params.without(radius_km=None))))
    return chips


def _age_chips(params: SearchParams) -> list[Chip]:
    if params.age is None:
        return []
    return [Chip(_("Leeftijd: %(age)s jaar", age=params.age), _url(params.without(age=None)))]


def active_filters(params: SearchParams, kernen) -> list[Chip]:
    """What narrows this search, in the order of the filter panel."""
    return [*_kern_chips(params, kernen), *_code_chips(params, "tiers", v.TIERS),
            *_flag_chips(params), *_code_chips(params, "life_domains", v.LIFE_DOMAINS),
            *_code_chips(params, "target_groups", v.TARGET_GROUPS), *_place_chips(params),
            *_age_chips(params)]
