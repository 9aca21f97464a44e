"""The Berkelland profile's controlled vocabularies (see docs/profile.md).

Codes are the HSDS taxonomy term codes of the Berkelland profile; labels are
Dutch and translated through flask-babel.  This module is the one place that
lists them: the database taxonomies are seeded from it and forms validate
against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Term:
    code: str
    label: object  # lazy string
    description: object = ""


TIERS = (
    Term("algemeen", _l("Algemene voorziening"),
         _l("Voor iedereen. U heeft geen verwijzing of beslissing van de gemeente nodig.")),
    Term("voorliggend", _l("Voorliggende voorziening"),
         _l("Gaat via een andere wet, de huisarts, de zorgverzekeraar of een partner.")),
    Term("maatwerk", _l("Maatwerkvoorziening"),
         _l("De gemeente beslist na een gesprek met Voormekaar of u dit krijgt.")),
)

LIFE_DOMAINS = (
    Term("financien", _l("Geldzaken")),
    Term("werk-en-opleiding", _l("Werk en opleiding")),
    Term("tijdsbesteding", _l("Tijdsbesteding")),
    Term("huisvesting", _l("Wonen")),
    Term("huiselijke-relaties", _l("Relaties thuis")),
    Term("geestelijke-gezondheid", _l("Geestelijke gezondheid")),
    Term("lichamelijke-gezondheid", _l("Lichamelijke gezondheid")),
    Term("middelengebruik", _l("Verslaving")),
    Term("basale-adl", _l("Zelfzorg")),
    Term("instrumentele-adl", _l("Dagelijkse activiteiten")),
    Term("sociaal-netwerk", _l("Sociaal netwerk")),
    Term("maatschappelijke-participatie", _l("Meedoen in de samenleving")),
    Term("justitie", _l("Justitie")),
)

# ZRM 2017 names, the professional names of the life domains (HSDS term names).
ZRM_NAMES = {
    "financien": "Financiën",
    "werk-en-opleiding": "Werk & Opleiding",
    "tijdsbesteding": "Tijdsbesteding",
    "huisvesting": "Huisvesting",
    "huiselijke-relaties": "Huiselijke relaties",
    "geestelijke-gezondheid": "Geestelijke gezondheid",
    "lichamelijke-gezondheid": "Lichamelijke gezondheid",
    "middelengebruik": "Middelengebruik",
    "basale-adl": "Basale ADL",
    "instrumentele-adl": "Instrumentele ADL",
    "sociaal-netwerk": "Sociaal netwerk",
    "maatschappelijke-participatie": "Maatschappelijke participatie",
    "justitie": "Justitie",
}

TARGET_GROUPS = (
    Term("iedereen", _l("Iedereen")),
    Term("kinderen", _l("Kinderen")),
    Term("jongeren", _l("Jongeren")),
    Term("ouders", _l("Ouders")),
    Term("volwassenen", _l("Volwassenen")),
    Term("ouderen", _l("Ouderen")),
    Term("mantelzorgers", _l("Mantelzorgers")),
    Term("nieuwkomers", _l("Nieuwkomers")),
    Term("mensen-met-een-beperking", _l("Mensen met een beperking")),
    Term("vrijwilligers", _l("Vrijwilligers")),
)

LEGAL_FRAMEWORKS = (
    Term("wmo", _l("Wmo 2015")),
    Term("jeugdwet", _l("Jeugdwet")),
    Term("participatiewet", _l("Participatiewet")),
    Term("zvw", _l("Zorgverzekeringswet")),
    Term("wlz", _l("Wet langdurige zorg")),
    Term("onderwijs", _l("Onderwijs")),
    Term("geen", _l("Geen wet")),
)

ACCESS = (
    Term("vrij-toegankelijk", _l("Zonder verwijzing: loop binnen of bel")),
    Term("aanmelden", _l("Zonder verwijzing: meld u aan bij de organisatie")),
    Term("verwijzing-huisarts", _l("Via de huisarts of een andere verwijzer")),
    # Long-term care (Wlz) is voorliggend to the Wmo: the CIZ decides, not the municipality.
    Term("indicatie-ciz", _l("Met een indicatie van het CIZ (Wet langdurige zorg)")),
    Term("beschikking-gemeente", _l("Via Voormekaar, na een gesprek")),
)

# Taxonomy name (HSDS profile) -> its terms.
TAXONOMIES = {
    "voorzieningsniveau": TIERS,
    "leefgebied": LIFE_DOMAINS,
    "doelgroep": TARGET_GROUPS,
    "wettelijk-kader": LEGAL_FRAMEWORKS,
    "toegang": ACCESS,
}

TAXONOMY_DESCRIPTIONS = {
    "voorzieningsniveau": "Niveau van de voorziening (Berkelland-profiel): algemeen, voorliggend, maatwerk",
    "leefgebied": "Leefgebieden van de Zelfredzaamheid-Matrix (ZRM 2017)",
    "doelgroep": "Doelgroepen",
    "wettelijk-kader": "Wettelijk kader",
    "toegang": "Hoe een inwoner de voorziening krijgt",
}

TIER_CODES = tuple(t.code for t in TIERS)
LIFE_DOMAIN_CODES = tuple(t.code for t in LIFE_DOMAINS)
TARGET_GROUP_CODES = tuple(t.code for t in TARGET_GROUPS)
LEGAL_FRAMEWORK_CODES = tuple(t.code for t in LEGAL_FRAMEWORKS)
ACCESS_CODES = tuple(t.code for t in ACCESS)

SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
MUNICIPALITY = "Berkelland"  # the service-area name that means "all kernen"


def label(terms: tuple[Term, ...], code: str | None) -> object:
    for term in terms:
        if term.code == code:
            return term.label
    return code
