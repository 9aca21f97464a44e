"""Turn what a resident types ("7271", "7271 AB", "Rekken", "Gelster", "52.1, 6.6") into a place.

Three geocoders with one method, ``geocode(text) -> Place | None``:

- ``OfflineGeocoder`` answers from the kernen and PC4 tables the app already has (no network);
- ``PdokGeocoder`` asks PDOK Locatieserver v3.1 (``free`` endpoint) through geopy's adapters;
- ``ChainGeocoder`` tries several in order: production uses PDOK with the offline tables as
  fallback.

``None`` means "understood, but no such place"; ``GeocodingError`` means the service failed.
Pure Python: no Flask, no SQLAlchemy, so the domain code and the tests can use it directly.
"""

from __future__ import annotations

import logging
import math
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlencode, urlsplit

from geopy.exc import GeopyError
from geopy.geocoders.base import DEFAULT_SENTINEL
from geopy.geocoders.base import Geocoder as _GeopyGeocoder

__all__ = [
    "PDOK_URL", "Place", "GeocodingError", "Geocoder", "OfflineGeocoder", "PdokGeocoder",
    "ChainGeocoder", "parse_coordinates", "normalise_postcode", "LOCAL_NAMES",
]

log = logging.getLogger(__name__)

PDOK_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
MAX_QUERY_LENGTH = 200  # longer input is not a place; it is not sent anywhere either

#: Local names of Berkelland kernen that residents type (normalised → kern slug).
#: "Nie" (Neede) is deliberately absent: too short and too ambiguous.
LOCAL_NAMES: Mapping[str, str] = {"gelster": "gelselaar"}


@dataclass(frozen=True)
class Place:
    label: str          # what to show: "7271 Borculo", "Rekken", "Stationsstraat 1, Eibergen"
    latitude: float
    longitude: float
    kind: str           # "postcode" | "kern" | "woonplaats" | "adres" | "gps"
    kern_slug: str | None = None   # the Berkelland kern this place lies in, when known


class GeocodingError(Exception):
    """The geocoding service failed (timeout, connection or HTTP error, malformed answer)."""


@runtime_checkable
class Geocoder(Protocol):
    def geocode(self, text: str) -> Place | None: ...


# --------------------------------------------------------------------------- parsing

_POSTCODE_RE = re.compile(r"([1-9][0-9]{3})\s*([A-Za-z]{2})?")
_NO_LETTERS = {"SA", "SD", "SS"}  # PostNL does not issue these letter pairs


def normalise_postcode(text: object) -> str | None:
    """A Dutch postcode in its written form: "7271ab" → "7271 AB", " 7271 " → "7271".

    The whole text must be the postcode; anything else (including "7271 Borculo") is None.
    """
    if not isinstance(text, str):
        return None
    match = _POSTCODE_RE.fullmatch(text.strip())
    if match is None:
        return None
    digits, letters = match.group(1), match.group(2)
    if letters is None:
        return digits
    letters = letters.upper()
    if letters in _NO_LETTERS:
        return None
    return f"{digits} {letters}"


_NUM = r"[+-]?\d{1,3}"
_COORDS_DOT = re.compile(rf"({_NUM}(?:\.\d+)?)\s*[,;\s]\s*({_NUM}(?:\.\d+)?)")
_COORDS_COMMA = re.compile(rf"({_NUM},\d+)\s*[;\s]\s*({_NUM},\d+)")


def parse_coordinates(text: object) -> Place | None:
    """ "52.1, 6.6" (latitude, longitude, as the browser's location gives them) → a "gps" Place.

    Also "52.1 6.6", "52.1;6.6" and, with decimal commas, "52,1 6,6". At least one number
    needs decimals, so "52,1" is not read as 52° N 1° E. Out-of-range values give None.
    """
    if not isinstance(text, str) or len(text) > 60:
        return None
    text = text.strip()
    match = _COORDS_DOT.fullmatch(text)
    if match is not None:
        if "." not in text:
            return None
        lat_text, lon_text = match.groups()
    else:
        match = _COORDS_COMMA.fullmatch(text)
        if match is None:
            return None
        lat_text, lon_text = (g.replace(",", ".") for g in match.groups())
    lat, lon = float(lat_text), float(lon_text)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return Place(label=f"{lat:.5f}, {lon:.5f}", latitude=lat, longitude=lon, kind="gps")


def _normalise_name(text: str) -> str:
    """Case, accents and punctuation do not matter: "Gélselaar (Gelster)" → "gelselaar gelster"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _slugify(text: str) -> str:
    return _normalise_name(text).replace(" ", "-")


# --------------------------------------------------------------------------- offline

class OfflineGeocoder:
    """Geocoding from the app's own tables: Berkelland's kernen and the PC4 centroids.

    Understands a PC4 or PC6 (a PC6 uses its PC4's centroid), a kern name or local name
    (any case or accents, also inside other words: "in Rekken", "Dorpsstraat 5, Rekken"), and
    a place name from the postcode table (the average of that place's address PC4s).
    PO-box PC4s are not places: they fall back to the kern of the same name, else None.
    Never raises for user input.
    """

    def __init__(
        self,
        kernen: Iterable[tuple[str, str, float, float]],
        postcodes: Iterable[tuple[str, str, str, float, float, str, str | None]],
        *,
        local_names: Mapping[str, str] = LOCAL_NAMES,
    ) -> None:
        self._kernen: dict[str, Place] = {}          # slug → Place
        kern_by_name: dict[str, str] = {}            # normalised name → slug
        for name, slug, lat, lon in kernen:
            self._kernen[slug] = Place(name, float(lat), float(lon), "kern", slug)
            kern_by_name[_normalise_name(name)] = slug

        def kern_slug(value: str | None) -> str | None:
            if not value:
                return None
            if value in self._kernen:
                return value
            return kern_by_name.get(_normalise_name(value), value)

        self._postcodes: dict[str, tuple[str, float, float, bool, str | None]] = {}
        by_place: dict[str, list[tuple[str, float, float, str | None]]] = {}
        for pc4, town, _municipality, lat, lon, kind, kern in postcodes:
            is_address = "adres" in kind.casefold()  # "Adres", "Adres + Postbus"; not "Postbus"
            town_kern = kern_slug(kern)
            self._postcodes[str(pc4)] = (town, float(lat), float(lon), is_address, town_kern)
            if is_address:
                by_place.setdefault(town, []).append((town, float(lat), float(lon), town_kern))

        # Name index, normalised name → Place. Earlier entries win: kernen, local names,
        # places from the postcode table, then the village part of "Winterswijk Meddo".
        self._names: dict[str, Place] = {}
        for place in self._kernen.values():
            self._names.setdefault(_normalise_name(place.label), place)
        for alias, alias_slug in local_names.items():
            if alias_slug in self._kernen:
                self._names.setdefault(_normalise_name(alias), self._kernen[alias_slug])
        places: dict[str, Place] = {}
        for name, rows in by_place.items():
            slugs = {row[3] for row in rows}
            places[name] = Place(
                label=name,
                latitude=sum(row[1] for row in rows) / len(rows),
                longitude=sum(row[2] for row in rows) / len(rows),
                kind="woonplaats",
                kern_slug=slugs.pop() if len(slugs) == 1 else None,
            )
            self._names.setdefault(_normalise_name(name), places[name])
        for name, place in places.items():
            head, _, village = name.partition(" ")
            if village and head in places:
                self._names.setdefault(_normalise_name(village), place)
        self._longest_name = max((len(n.split()) for n in self._names), default=0)

    def geocode(self, text: str) -> Place | None:
        if not isinstance(text, str):
            return None
        text = text.strip()
        if not text or len(text) > MAX_QUERY_LENGTH:
            return None
        gps = parse_coordinates(text)
        if gps is not None:
            return gps
        postcode = normalise_postcode(text)
        if postcode is not None:
            return self._by_postcode(postcode)
        embedded = self._embedded_postcode(text)
        if embedded is not None:
            place = self._by_postcode(embedded)
            if place is not None:
                return place
        return self._by_name(_normalise_name(text))

    # -- helpers

    def _by_postcode(self, postcode: str) -> Place | None:
        row = self._postcodes.get(postcode[:4])
        if row is None:
            return None
        place, lat, lon, is_address, slug = row
        if is_address:
            return Place(f"{postcode} {place}", lat, lon, "postcode", slug)
        # a PO-box range: no one lives there; the kern of that name is the best guess
        kern = self._names.get(_normalise_name(place))
        return kern if kern is not None and kern.kind == "kern" else None

    @staticmethod
    def _embedded_postcode(text: str) -> str | None:
        """A postcode inside longer text ("7271 Borculo", "7271AB Borculo", "7271 AB Borculo").

        Letters after a space only count in capitals, so "7271 in Borculo" is PC4 7271.
        """
        for match in re.finditer(r"(?<![0-9A-Za-z])([1-9][0-9]{3})(?:(\s?)([A-Za-z]{2}))?(?![0-9A-Za-z])",
                                 text):
            digits, space, letters = match.groups()
            if letters and (not space or letters.isupper()):
                return normalise_postcode(digits + letters)
            return digits  # no letters, or "7271 in …" where the letters are a word
        return None

    def _by_name(self, name: str) -> Place | None:
        if not name:
            return None
        exact = self._names.get(name)
        if exact is not None:
            return exact
        # a known name inside other words: the longest, and of equal length the last one
        # ("Dorpsstraat 5, Rekken" → Rekken; Dutch addresses end with the place)
        words = name.split()
        for size in range(min(self._longest_name, len(words)), 0, -1):
            for start in range(len(words) - size, -1, -1):
                found = self._names.get(" ".join(words[start:start + size]))
                if found is not None:
                    return found
        return None


# --------------------------------------------------------------------------- PDOK

_PDOK_KINDS = {"postcode": "postcode", "woonplaats": "woonplaats", "adres": "adres"}
_POINT_RE = re.compile(r"\s*POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*", re.IGNORECASE)
_SOLR_SPECIAL = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/]+')
_PC6_IN_LABEL = re.compile(r"\b[1-9][0-9]{3}\s?[A-Z]{2}\s+")


class PdokGeocoder(_GeopyGeocoder):
    """PDOK Locatieserver v3.1, ``free`` endpoint, first match only.

    geopy's adapter does the HTTP (timeouts, proxies, User-Agent, HTTP errors); every geopy
    error becomes a ``GeocodingError``. Only parameters in PDOK's OpenAPI spec are sent:
    v3.1 answers 400 to anything else.
    """

    FIELDS = "id,type,weergavenaam,centroide_ll,postcode,woonplaatsnaam,gemeentenaam"

    def __init__(
        self,
        base_url: str = PDOK_URL,
        timeout: float = 3.0,
        user_agent: str = "berkellandwijzer",
        *,
        municipality: str = "Berkelland",
        kern_slugs: Mapping[str, str] | None = None,
        proxies: Any = DEFAULT_SENTINEL,
        adapter_factory: Callable[..., Any] | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        super().__init__(scheme=parts.scheme, timeout=timeout, user_agent=user_agent,
                         proxies=proxies, adapter_factory=adapter_factory)
        self.base_url = base_url.rstrip("/")
        self.api = f"{self.base_url}/free"
        self.municipality = municipality
        # woonplaatsnaam → kern slug for places in the municipality; by default the slug of
        # the name (Berkelland's kern slugs are their lower-cased names)
        self._kern_slugs = ({_normalise_name(k): v for k, v in kern_slugs.items()}
                            if kern_slugs is not None else None)

    def params(self, text: str) -> list[tuple[str, str]] | None:
        """The query string for ``text``; None when there is nothing to ask."""
        postcode = normalise_postcode(text)
        if postcode is not None:
            # a Solr field query on the postcode: PC6 exactly, PC4 as a prefix
            q = f"postcode:{postcode.replace(' ', '')}" if len(postcode) > 4 else f"postcode:{postcode}*"
            fq = "type:postcode"
        else:
            q = " ".join(_SOLR_SPECIAL.sub(" ", text).split())
            fq = "type:(woonplaats OR adres OR postcode)"
        if not q:
            return None
        return [("q", q), ("fq", fq), ("fl", self.FIELDS), ("rows", "1")]

    def geocode(self, text: str, *, timeout: Any = DEFAULT_SENTINEL) -> Place | None:
        if not isinstance(text, str):
            return None
        text = text.strip()
        if not text or len(text) > MAX_QUERY_LENGTH:
            return None
        gps = parse_coordinates(text)
        if gps is not None:
            return gps
        params = self.params(text)
        if params is None:
            return None
        url = f"{self.api}?{urlencode(params)}"
        postcode = normalise_postcode(text)
        log.debug("PDOK free: %s", url)
        try:
            return self._call_geocoder(url, lambda data: self._parse(data, postcode), timeout=timeout)
        except GeopyError as error:
            raise GeocodingError(f"PDOK Locatieserver failed: {type(error).__name__}: {error}") from error

    # -- the answer

    def _parse(self, data: Any, postcode: str | None) -> Place | None:
        try:
            response = data["response"]
            found = int(response["numFound"])
            docs = response["docs"]
        except (TypeError, KeyError, ValueError) as error:
            raise GeocodingError(f"PDOK answer is not a v3.1 response: {error!r}") from error
        if not isinstance(docs, list):
            raise GeocodingError("PDOK answer has no list of docs")
        if found == 0 or not docs:
            return None
        doc = docs[0]
        if not isinstance(doc, dict):
            raise GeocodingError("PDOK doc is not an object")
        kind = _PDOK_KINDS.get(str(doc.get("type", "")))
        if kind is None:
            return None  # not a kind of place we asked for
        lat, lon = _parse_point(doc.get("centroide_ll"))
        if postcode is not None:
            found_pc = str(doc.get("postcode") or "").replace(" ", "").upper()
            if not found_pc.startswith(postcode.replace(" ", "")):
                return None  # PDOK matched something else; not the postcode asked for
        return Place(self._label(doc, kind, postcode), lat, lon, kind, self._kern_slug(doc))

    @staticmethod
    def _label(doc: dict, kind: str, postcode: str | None) -> str:
        town = str(doc.get("woonplaatsnaam") or "").strip()
        name = str(doc.get("weergavenaam") or "").strip()
        if kind == "postcode":
            code = postcode or normalise_postcode(str(doc.get("postcode") or "")) or ""
            return f"{code} {town}".strip() or name
        if kind == "woonplaats":
            return town or name.split(",")[0].strip()
        # "Stationsstraat 1, 7151AB Eibergen" → "Stationsstraat 1, Eibergen"
        return _PC6_IN_LABEL.sub("", name) or name

    def _kern_slug(self, doc: dict) -> str | None:
        town = str(doc.get("woonplaatsnaam") or "")
        municipality = str(doc.get("gemeentenaam") or "")
        if not town or _normalise_name(municipality) != _normalise_name(self.municipality):
            return None
        if self._kern_slugs is not None:
            return self._kern_slugs.get(_normalise_name(town))
        return _slugify(town)


def _parse_point(value: Any) -> tuple[float, float]:
    """PDOK's ``centroide_ll`` "POINT(6.5203 52.1135)" — longitude first — as (lat, lon)."""
    match = _POINT_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise GeocodingError(f"PDOK doc has no usable centroide_ll: {value!r}")
    try:
        lon, lat = float(match.group(1)), float(match.group(2))
    except ValueError as error:
        raise GeocodingError(f"PDOK centroide_ll is not numeric: {value!r}") from error
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeocodingError(f"PDOK centroide_ll is out of range: {value!r}")
    return lat, lon


# --------------------------------------------------------------------------- chain

class ChainGeocoder:
    """Ask each geocoder in turn and return the first Place.

    A geocoder that answers None ("not found") or raises ``GeocodingError`` passes the
    question on. A geocoder that failed is skipped for ``skip_after_failure`` seconds, so an
    outage costs one timeout rather than one per search. Only when every geocoder failed
    does the chain raise ``GeocodingError``; otherwise "not found" is None.
    """

    def __init__(self, *geocoders: Geocoder, skip_after_failure: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not geocoders:
            raise ValueError("ChainGeocoder needs at least one geocoder")
        self.geocoders = geocoders
        self.skip_after_failure = skip_after_failure
        self._clock = clock
        self._failed_until: dict[int, float] = {}

    def geocode(self, text: str) -> Place | None:
        last_error: GeocodingError | None = None
        answered = False
        for index, geocoder in enumerate(self.geocoders):
            if self._clock() < self._failed_until.get(index, float("-inf")):
                continue
            try:
                place = geocoder.geocode(text)
            except GeocodingError as error:
                log.warning("geocoder %s failed, trying the next: %s", type(geocoder).__name__, error)
                last_error = error
                if self.skip_after_failure > 0:
                    self._failed_until[index] = self._clock() + self.skip_after_failure
                continue
            answered = True
            if place is not None:
                return place
        if not answered:
            raise GeocodingError("no geocoder could answer") from last_error
        return None
