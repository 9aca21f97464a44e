"""The active filters of a search as chips: each a link to the same search without it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from app import vocabulary as v
from app.domain.finder import SearchParams


@dataclass(frozen=True)
class Chip:
    label: str
    url: str  # this search without the filter


def _url(params: SearchParams) -> str:
    return url_for("public.search", **params.to_args())


def active_filters(params: SearchParams, kernen) -> list[Chip]:
    """What narrows this search, in the order of the filter panel."""
    chips: list[Chip] = []
    if params.kern:
        name = next((k.name for k in kernen if k.slug == params.kern), params.kern)
        chips.append(Chip(_("Voor inwoners van %(kernen)s", kernen=name),
                          _url(params.without(kern=None))))
    for code in params.tiers:
        chips.append(Chip(str(v.label(v.TIERS, code)),
                          _url(params.without(tiers=tuple(t for t in params.tiers if t != code)))))
    if params.free:
        chips.append(Chip(_("Gratis"), _url(params.without(free=False))))
    if params.open_now:
        chips.append(Chip(_("Nu open"), _url(params.without(open_now=False))))
    for code in params.life_domains:
        rest = tuple(c for c in params.life_domains if c != code)
        chips.append(Chip(str(v.label(v.LIFE_DOMAINS, code)),
                          _url(params.without(life_domains=rest))))
    for code in params.target_groups:
        rest = tuple(c for c in params.target_groups if c != code)
        chips.append(Chip(str(v.label(v.TARGET_GROUPS, code)),
                          _url(params.without(target_groups=rest))))
    if params.near:
        chips.append(Chip(_("In de buurt van %(place)s", place=params.near),
                          _url(params.without(near="", radius_km=None))))
    elif params.lat is not None:
        chips.append(Chip(_("In de buurt van %(place)s", place=_("uw locatie")),
                          _url(params.without(lat=None, lon=None, radius_km=None))))
    if params.radius_km and (params.near or params.lat is not None):
        chips.append(Chip(_("binnen %(km)s km", km=params.radius_km),
                          _url(params.without(radius_km=None))))
    if params.age is not None:
        chips.append(Chip(_("Leeftijd: %(age)s jaar", age=params.age),
                          _url(params.without(age=None))))
    return chips
