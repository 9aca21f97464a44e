"""app.geocoding: the offline tables, PDOK Locatieserver v3.1 (a local stand-in on 127.0.0.1),
the chain of the two, and the parsing of postcodes and coordinates."""

from __future__ import annotations

import json
import socket
import time

import pytest

from app.geocoding import (
    ChainGeocoder,
    Geocoder,
    GeocodingError,
    OfflineGeocoder,
    PdokGeocoder,
    Place,
    normalise_postcode,
    parse_coordinates,
)
from tests.pdok_standin import PdokStandin

# --------------------------------------------------------------------------- fixture data
# Kernen and PC4 centroids as in data/kernen.csv and data/postcodes.csv.

KERNEN = [
    ("Borculo", "borculo", 52.117, 6.517),
    ("Rekken", "rekken", 52.09611, 6.72472),
    ("Gelselaar", "gelselaar", 52.1701, 6.5244),
    ("Noordijk", "noordijk", 52.15, 6.59),  # no PC4 of its own
]
POSTCODES = [
    ("7270", "Borculo", "Berkelland", 52.1146148, 6.5243397, "Postbus", None),
    ("7271", "Borculo", "Berkelland", 52.1135036, 6.5203603, "Adres", "borculo"),
    ("7157", "Rekken", "Berkelland", 52.0941369, 6.723281, "Adres", "Rekken"),  # kern by name
    ("7275", "Gelselaar", "Berkelland", 52.1701382, 6.5244158, "Adres", "gelselaar"),
    ("7480", "Haaksbergen", "Haaksbergen", 52.1683937, 6.7169852, "Postbus", None),
    ("7481", "Haaksbergen", "Haaksbergen", 52.1450227, 6.7865153, "Adres", None),
    ("7482", "Haaksbergen", "Haaksbergen", 52.1819645, 6.7000218, "Adres", None),
    ("7240", "Lochem", "Lochem", 52.1616213, 6.4151762, "Adres + Postbus", None),
    ("7241", "Lochem", "Lochem", 52.1744209, 6.4532473, "Adres", None),
    ("7101", "Winterswijk", "Winterswijk", 51.9705137, 6.7200985, "Adres", None),
    ("7104", "Winterswijk Meddo", "Winterswijk", 52.0126958, 6.7049291, "Adres", None),
]

BORCULO_KERN = Place("Borculo", 52.117, 6.517, "kern", "borculo")
REKKEN_KERN = Place("Rekken", 52.09611, 6.72472, "kern", "rekken")
GELSELAAR_KERN = Place("Gelselaar", 52.1701, 6.5244, "kern", "gelselaar")


@pytest.fixture
def offline() -> OfflineGeocoder:
    return OfflineGeocoder(KERNEN, POSTCODES)


# --------------------------------------------------------------------------- normalise_postcode

@pytest.mark.parametrize(("text", "expected"), [
    ("7271ab", "7271 AB"),
    ("7271 AB", "7271 AB"),
    ("7271Ab", "7271 AB"),
    ("  7271   ab ", "7271 AB"),
    (" 7271 ", "7271"),
    ("7271", "7271"),
    ("1000", "1000"),
])
def test_normalise_postcode_accepts_dutch_postcodes(text, expected):
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize("text", [
    "", "   ", "0271", "0271 AB", "727", "72711", "7271 A", "7271 ABC", "7271 SA", "7271 SS",
    "7271 Borculo", "Borculo", "AB 7271", "7271-AB", "٧٢٧١", None, 7271,
])
def test_normalise_postcode_rejects_everything_else(text):
    assert normalise_postcode(text) is None


# --------------------------------------------------------------------------- parse_coordinates

@pytest.mark.parametrize(("text", "lat", "lon"), [
    ("52.1, 6.6", 52.1, 6.6),
    ("52.1,6.6", 52.1, 6.6),
    (" 52.11350 ,  6.52036 ", 52.1135, 6.52036),
    ("52.1 6.6", 52.1, 6.6),
    ("52.1;6.6", 52.1, 6.6),
    ("52,1 6,6", 52.1, 6.6),
    ("-33.86, 151.21", -33.86, 151.21),
    ("90, 180.0", 90.0, 180.0),
])
def test_parse_coordinates_reads_latitude_then_longitude(text, lat, lon):
    place = parse_coordinates(text)
    assert place is not None
    assert (place.latitude, place.longitude) == pytest.approx((lat, lon))
    assert place.kind == "gps"
    assert place.kern_slug is None
    assert place.label


@pytest.mark.parametrize("text", [
    "90.5, 6.6", "-91.0, 6.6", "52.1, 180.5", "52.1, -181.0",   # out of range
    "52,1", "52, 6", "7271", "7271 AB", "52.1", "52.1, 6.6, 7.0", "52.1,, 6.6",
    "abc", "nan, nan", "inf, 6.6", "52.1e1, 6.6", "", None,
])
def test_parse_coordinates_rejects_other_text(text):
    assert parse_coordinates(text) is None


# --------------------------------------------------------------------------- OfflineGeocoder

def test_offline_pc4_gives_its_centroid_and_kern(offline):
    assert offline.geocode("7271") == Place("7271 Borculo", 52.1135036, 6.5203603, "postcode", "borculo")
    assert offline.geocode(" 7157 ") == Place("7157 Rekken", 52.0941369, 6.723281, "postcode", "rekken")


@pytest.mark.parametrize("text", ["7271ab", "7271 AB", "7271AB", " 7271  ab "])
def test_offline_pc6_uses_the_pc4_centroid_and_keeps_the_full_postcode(offline, text):
    assert offline.geocode(text) == Place("7271 AB Borculo", 52.1135036, 6.5203603, "postcode", "borculo")


def test_offline_postcode_inside_other_text(offline):
    assert offline.geocode("7271 Borculo").label == "7271 Borculo"
    assert offline.geocode("7271AB Borculo").label == "7271 AB Borculo"
    assert offline.geocode("Hoofdstraat 3, 7271 AB Borculo").label == "7271 AB Borculo"
    # lower-case letters after a space are a word, not the end of a postcode
    assert offline.geocode("7271 in Borculo").label == "7271 Borculo"


def test_offline_po_box_pc4_is_not_a_place(offline):
    # 7270 is Borculo's PO-box range: fall back to the kern Borculo, not to the PO-box centroid
    assert offline.geocode("7270") == BORCULO_KERN
    assert offline.geocode("7270 AA") == BORCULO_KERN
    # 7480 is Haaksbergen's PO-box range and Haaksbergen is no Berkelland kern
    assert offline.geocode("7480") is None


def test_offline_address_and_po_box_pc4_is_a_place(offline):
    assert offline.geocode("7240") == Place("7240 Lochem", 52.1616213, 6.4151762, "postcode", None)


def test_offline_unknown_postcode_is_none(offline):
    assert offline.geocode("9999") is None
    assert offline.geocode("1012 AB") is None


@pytest.mark.parametrize("text", [
    "Rekken", "rekken", "REKKEN", "  Rekken  ", "Rékken", "in Rekken", "Rekken, Berkelland",
    "Dorpsstraat 5, Rekken", "zorg in rekken?",
])
def test_offline_kern_names_in_any_case_and_with_extra_words(offline, text):
    assert offline.geocode(text) == REKKEN_KERN


@pytest.mark.parametrize("text", ["Gelster", "gelster", "GELSTER", "Gelselaar", "Gélselaar",
                                  "Gelselaar (Gelster)", "in Gelster"])
def test_offline_local_name_gelster_is_gelselaar(offline, text):
    assert offline.geocode(text) == GELSELAAR_KERN


def test_offline_kern_wins_over_the_place_average(offline):
    # Borculo is both a kern and a place in the PC4 table: the kern's centre is the answer
    assert offline.geocode("Borculo") == BORCULO_KERN
    # a kern without a PC4 of its own is still found
    assert offline.geocode("Noordijk") == Place("Noordijk", 52.15, 6.59, "kern", "noordijk")


def test_offline_place_name_is_the_average_of_its_address_pc4s(offline):
    haaksbergen = offline.geocode("Haaksbergen")
    assert haaksbergen is not None
    assert haaksbergen.label == "Haaksbergen"
    assert haaksbergen.kind == "woonplaats"
    assert haaksbergen.kern_slug is None
    # 7481 and 7482; not the PO-box range 7480
    assert haaksbergen.latitude == pytest.approx((52.1450227 + 52.1819645) / 2)
    assert haaksbergen.longitude == pytest.approx((6.7865153 + 6.7000218) / 2)

    lochem = offline.geocode("lochem")
    # "Adres + Postbus" counts as an address area
    assert lochem.latitude == pytest.approx((52.1616213 + 52.1744209) / 2)
    assert lochem.longitude == pytest.approx((6.4151762 + 6.4532473) / 2)


def test_offline_village_part_of_a_compound_place_name(offline):
    assert offline.geocode("Meddo") == Place("Winterswijk Meddo", 52.0126958, 6.7049291, "woonplaats", None)
    assert offline.geocode("Winterswijk Meddo") == offline.geocode("Meddo")
    # "Winterswijk" alone is 7101 only, not averaged with Meddo
    winterswijk = offline.geocode("Winterswijk")
    assert (winterswijk.latitude, winterswijk.longitude) == (51.9705137, 6.7200985)


def test_offline_coordinates_are_gps(offline):
    place = offline.geocode("52.1, 6.6")
    assert (place.kind, place.latitude, place.longitude) == ("gps", 52.1, 6.6)


@pytest.mark.parametrize("text", [
    "Nie", "Amsterdam", "Berkelland", "Gelselaarseweg", "xyz", "", "   ", "!!!", "%%%", "()",
    "\x00", "7271" * 100, "a" * 10_000, None, 42,
])
def test_offline_unknown_or_odd_input_is_none_and_never_raises(offline, text):
    assert offline.geocode(text) is None


def test_offline_with_empty_tables_finds_nothing_but_coordinates():
    empty = OfflineGeocoder([], [])
    assert empty.geocode("7271") is None
    assert empty.geocode("Rekken") is None
    assert empty.geocode("52.1, 6.6").kind == "gps"


def test_all_geocoders_satisfy_the_protocol(offline):
    assert isinstance(offline, Geocoder)
    assert isinstance(PdokGeocoder("http://127.0.0.1:9"), Geocoder)
    assert isinstance(ChainGeocoder(offline), Geocoder)


def test_place_is_immutable_and_hashable():
    place = Place("Rekken", 52.09611, 6.72472, "kern", "rekken")
    with pytest.raises(AttributeError):
        place.label = "Elders"  # type: ignore[misc]
    assert {place, Place("Rekken", 52.09611, 6.72472, "kern", "rekken")} == {place}


# --------------------------------------------------------------------------- PDOK stand-in
# Docs in PDOK v3.1's shape; the values are illustrative test data, not BAG records.

PDOK_DOCS = [
    {"id": "pcd-7271ab", "type": "postcode", "weergavenaam": "Hoflaan, 7271AB Borculo",
     "centroide_ll": "POINT(6.52036 52.11350)", "centroide_rd": "POINT(240101 456789)",
     "postcode": "7271AB", "woonplaatsnaam": "Borculo", "gemeentenaam": "Berkelland"},
    {"id": "wpl-rekken", "type": "woonplaats", "weergavenaam": "Rekken, Berkelland, Gelderland",
     "centroide_ll": "POINT(6.72472 52.09611)", "woonplaatsnaam": "Rekken", "gemeentenaam": "Berkelland"},
    {"id": "wpl-haaksbergen", "type": "woonplaats", "weergavenaam": "Haaksbergen, Haaksbergen, Overijssel",
     "centroide_ll": "POINT(6.7394 52.1572)", "woonplaatsnaam": "Haaksbergen", "gemeentenaam": "Haaksbergen"},
    {"id": "adr-eibergen-1", "type": "adres", "weergavenaam": "Stationsstraat 1, 7151AA Eibergen",
     "centroide_ll": "POINT(6.6461 52.1010)", "postcode": "7151AA", "woonplaatsnaam": "Eibergen",
     "gemeentenaam": "Berkelland", "straatnaam": "Stationsstraat", "huisnummer": 1},
    {"id": "gem-berkelland", "type": "gemeente", "weergavenaam": "Gemeente Berkelland",
     "centroide_ll": "POINT(6.58 52.11)", "gemeentenaam": "Berkelland"},
]

FREE_PATH = "/bzk/locatieserver/search/v3_1/free"
FIELDS = {"id", "type", "weergavenaam", "centroide_ll", "postcode", "woonplaatsnaam", "gemeentenaam"}


@pytest.fixture
def pdok(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with PdokStandin(list(PDOK_DOCS)) as server:
        yield server


def geocoder_for(server: PdokStandin, timeout: float = 0.5) -> PdokGeocoder:
    return PdokGeocoder(server.url, timeout=timeout)


def test_standin_rejects_unknown_parameters_like_v3_1(pdok):
    status, body = pdok.free([("q", "Rekken"), ("type", "woonplaats")])
    assert status == 400 and "type" in body["detail"]
    status, body = pdok.free([("q", "Rekken"), ("fq", "type:woonplaats"), ("rows", "1")])
    assert status == 200 and body["response"]["numFound"] == 1


def test_pdok_pc6_request_and_answer(pdok):
    place = geocoder_for(pdok).geocode("7271ab")

    assert place == Place("7271 AB Borculo", 52.1135, 6.52036, "postcode", "borculo")
    [request] = pdok.requests
    assert request.path == FREE_PATH
    assert request.param("q") == "postcode:7271AB"
    assert request.all("fq") == ["type:postcode"]
    assert request.param("rows") == "1"
    assert set(request.param("fl").split(",")) == FIELDS
    assert {k for k, _ in request.params} == {"q", "fq", "fl", "rows"}
    assert request.headers["User-Agent"] == "berkellandwijzer"


def test_pdok_pc4_asks_for_postcodes_starting_with_it(pdok):
    place = geocoder_for(pdok).geocode(" 7271 ")

    assert place == Place("7271 Borculo", 52.1135, 6.52036, "postcode", "borculo")
    assert pdok.requests[0].param("q") == "postcode:7271*"
    assert pdok.requests[0].all("fq") == ["type:postcode"]


def test_pdok_centroid_is_longitude_first(pdok):
    place = geocoder_for(pdok).geocode("Rekken")
    # POINT(6.72472 52.09611): 6.7 is the longitude, 52.1 the latitude
    assert (place.latitude, place.longitude) == (52.09611, 6.72472)


def test_pdok_woonplaats_in_berkelland_has_a_kern(pdok):
    place = geocoder_for(pdok).geocode("Rekken")

    assert place == Place("Rekken", 52.09611, 6.72472, "woonplaats", "rekken")
    request = pdok.requests[0]
    assert request.param("q") == "Rekken"
    assert request.all("fq") == ["type:(woonplaats OR adres OR postcode)"]


def test_pdok_woonplaats_elsewhere_has_no_kern(pdok):
    assert geocoder_for(pdok).geocode("haaksbergen") == Place(
        "Haaksbergen", 52.1572, 6.7394, "woonplaats", None)


def test_pdok_kern_slugs_can_be_given(pdok):
    geocoder = PdokGeocoder(pdok.url, timeout=0.5, kern_slugs={"Rekken": "rekken-dorp"})
    assert geocoder.geocode("Rekken").kern_slug == "rekken-dorp"


def test_pdok_address_label_drops_the_postcode(pdok):
    place = geocoder_for(pdok).geocode("Stationsstraat 1 Eibergen")
    assert place == Place("Stationsstraat 1, Eibergen", 52.1010, 6.6461, "adres", "eibergen")


def test_pdok_solr_syntax_in_user_text_is_not_sent(pdok):
    geocoder_for(pdok).geocode('Gelselaar (Gelster) "kerk" AND:*')
    assert pdok.requests[0].param("q") == "Gelselaar Gelster kerk AND"


def test_pdok_no_results_is_none(pdok):
    assert geocoder_for(pdok).geocode("Gelster") is None
    assert geocoder_for(pdok).geocode("1012 AB") is None
    assert len(pdok.requests) == 2  # it did ask


def test_pdok_answer_for_another_postcode_is_none(pdok):
    pdok.raw_body = json.dumps({"response": {"numFound": 1, "start": 0, "maxScore": 1.0,
                                             "numFoundExact": True, "docs": [PDOK_DOCS[0]]}}).encode()
    assert geocoder_for(pdok).geocode("7150") is None


def test_pdok_coordinates_and_empty_text_need_no_request(pdok):
    geocoder = geocoder_for(pdok)
    assert geocoder.geocode("52.1, 6.6") == parse_coordinates("52.1, 6.6")
    assert geocoder.geocode("   ") is None
    assert geocoder.geocode("()") is None
    assert pdok.requests == []


@pytest.mark.parametrize("status", [500, 502, 503, 400, 404, 429])
def test_pdok_http_error_is_a_geocoding_error(pdok, status):
    pdok.status = status
    with pytest.raises(GeocodingError):
        geocoder_for(pdok).geocode("Rekken")
    assert len(pdok.requests) == 1


def test_pdok_wrong_path_is_a_geocoding_error(pdok):
    with pytest.raises(GeocodingError):
        PdokGeocoder(pdok.url + "/v9", timeout=0.5).geocode("Rekken")
    assert pdok.requests[0].path == "/bzk/locatieserver/search/v3_1/v9/free"


def test_pdok_hanging_server_times_out_quickly(pdok):
    pdok.delay = 10.0
    started = time.monotonic()
    with pytest.raises(GeocodingError, match="(?i)timed out"):
        geocoder_for(pdok, timeout=0.5).geocode("Rekken")
    assert time.monotonic() - started < 3.0


def test_pdok_connection_refused_is_a_geocoding_error():
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(GeocodingError):
        PdokGeocoder(f"http://127.0.0.1:{port}/bzk/locatieserver/search/v3_1", timeout=0.5).geocode("Rekken")


@pytest.mark.parametrize("body", [
    b"<html>Service Unavailable</html>",
    b"",
    b'{"docs": []}',
    b'{"response": {"numFound": 1, "docs": {}}}',
    b'{"response": {"numFound": 1, "docs": [{"type": "woonplaats", "woonplaatsnaam": "Rekken"}]}}',
    b'{"response": {"numFound": 1, "docs": [{"type": "woonplaats", "centroide_ll": "POINT(6.7)"}]}}',
    b'{"response": {"numFound": 1, "docs": [{"type": "woonplaats", "centroide_ll": "POINT(a b)"}]}}',
    b'{"response": {"numFound": 1, "docs": [{"type": "woonplaats", "centroide_ll": "POINT(52.1 96.7)"}]}}',
    b"[1, 2, 3]",
])
def test_pdok_malformed_answer_is_a_geocoding_error(pdok, body):
    pdok.raw_body = body
    with pytest.raises(GeocodingError):
        geocoder_for(pdok).geocode("Rekken")


def test_pdok_rejects_a_base_url_that_is_not_http():
    with pytest.raises(ValueError):
        PdokGeocoder("ftp://example.org/locatieserver")
    with pytest.raises(ValueError):
        PdokGeocoder("api.pdok.nl/bzk/locatieserver/search/v3_1")


# --------------------------------------------------------------------------- ChainGeocoder

class Spy:
    """A geocoder that records its questions and gives a fixed answer or error."""

    def __init__(self, answer: Place | None = None, error: Exception | None = None):
        self.answer, self.error, self.asked = answer, error, []

    def geocode(self, text: str) -> Place | None:
        self.asked.append(text)
        if self.error is not None:
            raise self.error
        return self.answer


def test_chain_falls_back_to_offline_when_pdok_fails(pdok, offline):
    pdok.status = 500
    chain = ChainGeocoder(geocoder_for(pdok), offline)
    assert chain.geocode("Rekken") == REKKEN_KERN
    assert len(pdok.requests) == 1


def test_chain_falls_back_to_offline_when_pdok_hangs(pdok, offline):
    pdok.delay = 10.0
    chain = ChainGeocoder(geocoder_for(pdok, timeout=0.5), offline)
    started = time.monotonic()
    assert chain.geocode("7271") == Place("7271 Borculo", 52.1135036, 6.5203603, "postcode", "borculo")
    assert time.monotonic() - started < 3.0


def test_chain_uses_pdok_when_it_answers(pdok, offline):
    chain = ChainGeocoder(geocoder_for(pdok), offline)
    assert chain.geocode("Rekken") == Place("Rekken", 52.09611, 6.72472, "woonplaats", "rekken")


def test_chain_asks_offline_when_pdok_does_not_know_a_local_name(pdok, offline):
    chain = ChainGeocoder(geocoder_for(pdok), offline)
    assert chain.geocode("Gelster") == GELSELAAR_KERN
    assert pdok.requests[0].param("q") == "Gelster"


def test_chain_stops_at_the_first_place():
    first, second = Spy(answer=REKKEN_KERN), Spy(answer=BORCULO_KERN)
    assert ChainGeocoder(first, second).geocode("Rekken") == REKKEN_KERN
    assert second.asked == []


def test_chain_not_found_anywhere_is_none():
    assert ChainGeocoder(Spy(error=GeocodingError("down")), Spy(answer=None)).geocode("x") is None


def test_chain_raises_only_when_every_geocoder_failed():
    chain = ChainGeocoder(Spy(error=GeocodingError("a")), Spy(error=GeocodingError("b")))
    with pytest.raises(GeocodingError) as caught:
        chain.geocode("Rekken")
    assert str(caught.value.__cause__) == "b"


def test_chain_does_not_hide_programming_errors():
    with pytest.raises(ZeroDivisionError):
        ChainGeocoder(Spy(error=ZeroDivisionError()), Spy(answer=REKKEN_KERN)).geocode("Rekken")


def test_chain_skips_a_failed_geocoder_for_a_while():
    now = [1000.0]
    failing, offline = Spy(error=GeocodingError("down")), Spy(answer=REKKEN_KERN)
    chain = ChainGeocoder(failing, offline, skip_after_failure=30.0, clock=lambda: now[0])

    assert chain.geocode("Rekken") == REKKEN_KERN
    now[0] += 10
    assert chain.geocode("Rekken") == REKKEN_KERN
    assert len(failing.asked) == 1  # skipped within 30 s
    now[0] += 25
    assert chain.geocode("Rekken") == REKKEN_KERN
    assert len(failing.asked) == 2  # asked again afterwards


def test_chain_needs_a_geocoder():
    with pytest.raises(ValueError):
        ChainGeocoder()
