"""Application-wide services, built from configuration: the search engine and the geocoder."""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import select

from search import SearchBackend, Thesaurus

if TYPE_CHECKING:
    from app.geocoding import Geocoder
    from app.models.base import DbSession


def search_engine() -> SearchBackend:
    return current_app.extensions["bw_search"]


def base_thesaurus() -> Thesaurus:
    """The thesaurus of ``data/thesaurus`` (what editors add comes on top)."""
    return current_app.extensions["bw_language"].thesaurus


# The offline tables come from the database (kernen, PC4): a worker re-reads them this
# often, so after `flask load-reference` every worker answers alike within this time.
GEOCODER_REFRESH_SECONDS = 300


def geocoder(session: DbSession) -> Geocoder:
    """PDOK first when configured (production), always the offline tables as fallback."""
    cached = current_app.extensions.get("bw_geocoder")
    if cached is not None and time.monotonic() - cached[0] < GEOCODER_REFRESH_SECONDS:
        return cached[1]
    from app.geocoding import ChainGeocoder, OfflineGeocoder, PdokGeocoder
    from app.models import Kern, Postcode

    kernen = [(k.name, k.slug, k.latitude, k.longitude) for k in session.scalars(select(Kern))]
    if not kernen:  # nothing loaded yet: don't cache an empty table
        return OfflineGeocoder([], [])
    slugs: dict[uuid.UUID | None, str] = {k.id: k.slug for k in session.scalars(select(Kern))}
    postcodes = [(p.pc4, p.place, p.municipality, p.latitude, p.longitude, p.kind,
                  slugs.get(p.kern_id)) for p in session.scalars(select(Postcode))]
    offline = OfflineGeocoder(kernen, postcodes)
    built: Geocoder
    if current_app.config["GEOCODER"] == "pdok":
        built = ChainGeocoder(PdokGeocoder(current_app.config["PDOK_URL"]), offline)
    else:
        built = offline
    current_app.extensions["bw_geocoder"] = (time.monotonic(), built)
    return built


def language():
    """The search's reading of words (lexicon and the thesaurus of ``data/thesaurus``)."""
    return current_app.extensions["bw_language"]
