"""The guided path ("Waar wilt u hulp bij?") for residents who cannot name what they need.

A resident picks a tile in everyday words, answers at most three questions (for whom, which
kern, now or later) and gets the search results for the life domains and target groups the
answers stand for.  This module is the one place that translates those everyday answers into
search filters; the view only renders and redirects.

The tiles are not the thirteen ZRM life domains by their professional names: a resident
recognises "Geld, schulden of post die u niet snapt" sooner than "Financiën".  Each tile
points at one or more life domains (any of them matches), and a few add a target group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES


@dataclass(frozen=True)
class Tile:
    code: str  # in the URL: /wegwijzer/<code>
    label: object  # lazy string, rendered in the visitor's language
    hint: object
    icon: str  # file name under static/icons/
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()


TILES = (
    Tile("geld", _l("Geld en schulden"), _l("Rondkomen, schulden, post of formulieren die u niet snapt"),
         "geld.svg", ("financien",)),
    Tile("wonen", _l("Wonen"), _l("Een huis vinden, uw huis aanpassen, niet meer alleen kunnen wonen"),
         "wonen.svg", ("huisvesting",)),
    Tile("thuis", _l("Thuis en gezin"), _l("Ruzie, opvoeden, uit elkaar gaan, zorgen om uw kind"),
         "gezin.svg", ("huiselijke-relaties",)),
    Tile("gezondheid", _l("Gezondheid"), _l("Ziek zijn, een beperking, ouder worden, vergeetachtig"),
         "gezondheid.svg", ("lichamelijke-gezondheid",)),
    Tile("gevoel", _l("Hoe u zich voelt"), _l("Somber, gespannen, bang of alles te veel"),
         "gevoel.svg", ("geestelijke-gezondheid",)),
    Tile("eenzaam", _l("Mensen ontmoeten"), _l("Eenzaam, iets te doen overdag, samen eten"),
         "ontmoeten.svg", ("sociaal-netwerk", "tijdsbesteding")),
    Tile("dagelijks", _l("Het dagelijks leven"), _l("Huishouden, boodschappen, vervoer, uzelf verzorgen"),
         "dagelijks.svg", ("instrumentele-adl", "basale-adl")),
    Tile("werk", _l("Werk, school en meedoen"), _l("Werk zoeken, leren, Nederlands leren, vrijwilligerswerk"),
         "werk.svg", ("werk-en-opleiding", "maatschappelijke-participatie")),
    Tile("zorgen-voor", _l("Zorgen voor een ander"),
         _l("U helpt een ouder, partner of kind dat zorg nodig heeft"),
         "mantelzorg.svg", (), ("mantelzorgers",)),
    Tile("verslaving", _l("Alcohol, drugs of gokken"), _l("Voor uzelf of voor iemand om wie u geeft"),
         "verslaving.svg", ("middelengebruik",)),
    Tile("justitie", _l("Politie of rechter"), _l("Een boete, een straf, slachtoffer van een misdrijf"),
         "justitie.svg", ("justitie",)),
)
TILES_BY_CODE = {tile.code: tile for tile in TILES}

# "For whom?": the target groups that go with the answer.  "iedereen" stays in, so that what
# is open to everyone is never filtered away by choosing a person.
FOR_WHOM = (
    ("mijzelf", _l("Voor mijzelf"), ()),
    ("kind", _l("Voor mijn kind"), ("kinderen", "jongeren", "ouders", "iedereen")),
    ("ouder", _l("Voor mijn vader, moeder of een andere oudere"), ("ouderen", "mantelzorgers", "iedereen")),
    ("ander", _l("Voor iemand anders"), ()),
)
FOR_WHOM_GROUPS = {code: groups for code, _label, groups in FOR_WHOM}

WHEN = (
    ("later", _l("Het kan een paar dagen wachten")),
    ("nu", _l("Ik heb nu meteen hulp nodig")),
)


@dataclass(frozen=True)
class Answers:
    tile: Tile
    for_whom: str | None = None
    kern: str | None = None  # kern slug; None = anywhere in Berkelland
    urgent: bool = False


def answers_from(tile: Tile, args: Mapping[str, str], kern_slugs: set[str]) -> Answers:
    """The questions' answers from the query string; unknown values are ignored."""
    for_whom = args.get("voor")
    kern = (args.get("kern") or "").strip().lower()
    return Answers(tile=tile,
                   for_whom=for_whom if for_whom in FOR_WHOM_GROUPS else None,
                   kern=kern if kern in kern_slugs else None,
                   urgent=args.get("wanneer") == "nu")


def search_args(answers: Answers) -> dict[str, object]:
    """The ``/zoeken`` query string the answers stand for (``SearchParams.from_args`` keys)."""
    tile = answers.tile
    groups = tuple(dict.fromkeys(tile.target_groups + FOR_WHOM_GROUPS.get(answers.for_whom or "", ())))
    args: dict[str, object] = {}
    if tile.life_domains:
        args["leefgebied"] = list(tile.life_domains)
    if groups:
        args["doelgroep"] = list(groups)
    if answers.kern:
        args["kern"] = answers.kern
    return args  # "now": the view shows the crisis numbers first, then these results


def _check_codes() -> None:
    for tile in TILES:
        assert set(tile.life_domains) <= set(LIFE_DOMAIN_CODES), tile.code
        assert set(tile.target_groups) <= set(TARGET_GROUP_CODES), tile.code
    for _code, _label, groups in FOR_WHOM:
        assert set(groups) <= set(TARGET_GROUP_CODES)


_check_codes()
