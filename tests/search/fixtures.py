"""Realistic Berkelland provisions for the search contract tests.

Texts are written so that each test hinges on one mechanism: e.g. "mantelzorg" occurs in a
visible document only inside "Mantelzorgondersteuning", "hulp" in one document only inside
"Huishoudhulp", and the invisible document matches almost every query.
"""

from __future__ import annotations

from search.interface import ProvisionDocument

KERNEN = {
    "borculo": (52.117, 6.517),
    "eibergen": (52.1, 6.65),
    "neede": (52.1338, 6.6146),
    "ruurlo": (52.088, 6.45),
    "beltrum": (52.067, 6.567),
    "rekken": (52.09611, 6.72472),
    "rietmolen": (52.1407, 6.6628),
    "haarlo": (52.1117, 6.5804),
    "geesteren": (52.1389, 6.5259),
    "gelselaar": (52.1701, 6.5244),
    "noordijk": (52.15, 6.59),
}
ALL = tuple(KERNEN)
AMSTERDAM = (52.3702, 4.8952)
APELDOORN = (52.2112, 5.9699)


def _days(opens: int, closes: int, days=range(7)) -> tuple[tuple[int, int, int], ...]:
    return tuple((d, opens, closes) for d in days)


DOCS: tuple[ProvisionDocument, ...] = (
    ProvisionDocument(
        id="mantelzorg",
        name="Mantelzorgondersteuning Berkelland",
        description=(
            "Advies, een luisterend oor en lotgenotencontact voor wie langdurig zorgt voor "
            "een naaste. Ook informatie over logeeropvang."
        ),
        organization="Voormekaar",
        extra_text="Bellen of mailen; een gesprek bij u thuis kan ook.",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("sociaal-netwerk", "huiselijke-relaties"),
        target_groups=("mantelzorgers",),
        free=True,
        points=(KERNEN["borculo"],),
        opening=((1, 540, 720),),
    ),
    ProvisionDocument(
        id="schuldhulp-sdoa",
        name="Schuldhulpverlening SDOA",
        description=(
            "Hulp als uw rekeningen zich opstapelen: een betalingsregeling, budgetbeheer of bewindvoering."
        ),
        organization="Sociale Dienst Oost Achterhoek",
        extra_text="Aanmelden via het servicepunt in Eibergen.",
        tier="voorliggend",
        access="aanmelden",
        kernen=ALL,
        life_domains=("financien",),
        target_groups=("volwassenen",),
        free=True,
        minimum_age=18,
        points=(KERNEN["eibergen"],),
        opening=((0, 540, 720), (2, 540, 720)),
    ),
    ProvisionDocument(
        id="thuisadministratie",
        name="Inloop Thuisadministratie",
        description=(
            "Vrijwilligers van Humanitas helpen u uw papieren, brieven en formulieren op orde "
            "te krijgen. Zonder afspraak binnenlopen."
        ),
        organization="Humanitas",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=("neede",),
        life_domains=("financien", "instrumentele-adl"),
        target_groups=("volwassenen", "ouderen"),
        free=True,
        points=(KERNEN["neede"],),
        opening=((3, 810, 930),),
    ),
    ProvisionDocument(
        id="taalcafe-borculo",
        name="Taalcafé Bibliotheek Borculo",
        description=(
            "Oefen Nederlands spreken in een ontspannen sfeer, met koffie en vrijwillige gesprekspartners."
        ),
        organization="Bibliotheek Oost-Achterhoek",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=("borculo",),
        life_domains=("werk-en-opleiding", "maatschappelijke-participatie"),
        target_groups=("nieuwkomers", "volwassenen"),
        free=True,
        points=(KERNEN["borculo"],),
        opening=((2, 600, 690),),
    ),
    ProvisionDocument(
        id="huishoudelijke-hulp",
        name="Huishoudelijke hulp (maatwerk)",
        description=(
            "Ondersteuning bij het schoonhouden van uw woning als u dat zelf niet meer kunt. "
            "Na een gesprek met Voormekaar en een beschikking van de gemeente."
        ),
        organization="Gemeente Berkelland",
        tier="maatwerk",
        access="beschikking-gemeente",
        kernen=ALL,
        life_domains=("instrumentele-adl",),
        target_groups=("ouderen", "mensen-met-een-beperking"),
        free=False,
    ),
    ProvisionDocument(
        id="huishoudhulp-achterhoek",
        name="Huishoudhulp Achterhoek",
        description="Particuliere schoonmaak van uw woning, ook voor één keer.",
        organization="Stichting Schoon Thuis",
        tier="algemeen",
        access="aanmelden",
        kernen=("eibergen", "rekken", "neede"),
        life_domains=("instrumentele-adl",),
        target_groups=("volwassenen", "ouderen"),
        free=False,
        points=(KERNEN["eibergen"],),
    ),
    ProvisionDocument(
        id="ontmoeting-rekken",
        name="Ontmoetingsochtend Rekken",
        description=(
            "Elke maandagochtend koffie, een praatje en een spelletje in Dorpshuis Den Hof. "
            "Iedereen is welkom."
        ),
        organization="Voormekaar",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=("rekken",),
        life_domains=("sociaal-netwerk", "tijdsbesteding"),
        target_groups=("iedereen",),
        free=True,
        points=(KERNEN["rekken"],),
        opening=((0, 570, 690),),
    ),
    ProvisionDocument(
        id="trefpoint",
        name="Trefpoint Eibergen",
        description=(
            "Voelt u zich eenzaam? Trefpoint koppelt mensen die zich alleen voelen aan elkaar "
            "om samen iets te ondernemen."
        ),
        organization="Stichting Trefpoint",
        tier="algemeen",
        access="aanmelden",
        kernen=("eibergen",),
        life_domains=("sociaal-netwerk", "geestelijke-gezondheid"),
        target_groups=("volwassenen", "ouderen"),
        free=True,
        points=(KERNEN["eibergen"],),
    ),
    ProvisionDocument(
        id="gespreksgroep-eenzaamheid",
        name="Gespreksgroep over eenzaamheid",
        description="Praten met anderen over eenzaamheid en wat daartegen helpt.",
        organization="Voormekaar",
        tier="algemeen",
        access="aanmelden",
        kernen=("ruurlo",),
        life_domains=("sociaal-netwerk",),
        target_groups=("ouderen",),
        free=True,
        minimum_age=55,
        points=(KERNEN["ruurlo"],),
        opening=((3, 600, 720),),
    ),
    ProvisionDocument(
        id="schuldhulpmaatje",
        name="SchuldHulpMaatje Berkelland",
        description=(
            "Een getrainde vrijwilliger helpt u weer overzicht te krijgen als u een schuld "
            "heeft, naast de professionele hulpverlening."
        ),
        organization="SchuldHulpMaatje (kerken)",
        tier="algemeen",
        access="aanmelden",
        kernen=ALL,
        life_domains=("financien",),
        target_groups=("volwassenen",),
        free=True,
        minimum_age=18,
        points=(KERNEN["neede"],),
    ),
    ProvisionDocument(
        id="voedselbank-eibergen",
        name="Voedselbank Oost-Achterhoek, uitgiftepunt Eibergen",
        description="Voedselpakketten voor huishoudens met een te laag inkomen.",
        organization="Stichting Voedselbank Oost-Achterhoek",
        tier="algemeen",
        access="aanmelden",
        kernen=("eibergen", "rekken", "neede"),
        life_domains=("financien",),
        target_groups=("iedereen",),
        free=True,
        points=(KERNEN["eibergen"],),
        opening=((4, 840, 960),),
    ),
    ProvisionDocument(
        id="alzheimer-cafe",
        name="Alzheimer Café Berkelland",
        description=("Maandelijkse informatie- en ontmoetingsavond voor mensen met dementie en hun naasten."),
        organization="Alzheimer Nederland",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("geestelijke-gezondheid", "sociaal-netwerk"),
        target_groups=("ouderen", "mantelzorgers"),
        free=True,
        points=(KERNEN["borculo"],),
        opening=((2, 1170, 1290),),
    ),
    ProvisionDocument(
        id="jongerenwerk",
        name="Jongerenwerk Berkelland",
        description=(
            "Jongerenwerkers zijn er voor jongeren van 12 tot 23 jaar: in de jongerenplek, op "
            "straat en online."
        ),
        organization="Gemeente Berkelland",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("tijdsbesteding", "sociaal-netwerk"),
        target_groups=("jongeren",),
        free=True,
        minimum_age=12,
        maximum_age=23,
        points=(KERNEN["neede"], KERNEN["ruurlo"]),
        opening=((2, 840, 1080), (4, 1140, 1380)),
    ),
    ProvisionDocument(
        id="cjg-opvoeding",
        name="Centrum voor Jeugd en Gezin: opvoedvragen",
        description="Vragen over opvoeden en opgroeien? Bel of loop binnen bij het CJG.",
        organization="Gemeente Berkelland",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("huiselijke-relaties",),
        target_groups=("ouders", "kinderen"),
        free=True,
        maximum_age=23,
        points=(KERNEN["borculo"],),
    ),
    ProvisionDocument(
        id="veilig-thuis",
        name="Veilig Thuis Noord- en Oost-Gelderland",
        description=(
            "Advies- en meldpunt bij huiselijk geweld en kindermishandeling. Dag en nacht bereikbaar."
        ),
        organization="Veilig Thuis",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("huiselijke-relaties", "justitie"),
        target_groups=("iedereen",),
        free=True,
        points=(APELDOORN,),
        opening=_days(0, 0),
    ),
    ProvisionDocument(
        id="regiotaxi",
        name="ZOOV Regiotaxi",
        description=(
            "Vervoer van deur tot deur in de Achterhoek, ook met rolstoel. Met een "
            "Wmo-vervoerspas betaalt u minder."
        ),
        organization="Regio Achterhoek",
        tier="maatwerk",
        access="beschikking-gemeente",
        kernen=ALL,
        life_domains=("maatschappelijke-participatie", "instrumentele-adl"),
        target_groups=("mensen-met-een-beperking", "ouderen"),
        free=False,
        opening=_days(360, 60),  # 06:00 until 01:00 the next night
    ),
    ProvisionDocument(
        id="vrijwilligersvacaturebank",
        name="Vrijwilligersvacaturebank Berkelland",
        description="Zoekt u vrijwilligerswerk? Bekijk de vacatures van verenigingen.",
        organization="Voormekaar",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=ALL,
        life_domains=("maatschappelijke-participatie",),
        target_groups=("vrijwilligers",),
        free=True,
    ),
    ProvisionDocument(
        id="dagbesteding-estinea",
        name="Dagbesteding Estinea Eibergen",
        description="Zinvolle dagbesteding voor volwassenen met een verstandelijke beperking.",
        organization="Estinea",
        tier="maatwerk",
        access="beschikking-gemeente",
        kernen=("eibergen",),
        life_domains=("tijdsbesteding",),
        target_groups=("mensen-met-een-beperking",),
        free=False,
        minimum_age=18,
        points=(KERNEN["eibergen"],),
        opening=tuple((d, 540, 960) for d in range(5)),
    ),
    ProvisionDocument(
        id="zonnebloem-beltrum",
        name="Zonnebloem afdeling Beltrum",
        description=(
            "Vrijwilligers bezoeken ouderen en mensen met een lichamelijke beperking thuis en "
            "organiseren uitstapjes."
        ),
        organization="Nationale Vereniging de Zonnebloem",
        tier="algemeen",
        access="aanmelden",
        kernen=("beltrum",),
        life_domains=("sociaal-netwerk", "tijdsbesteding"),
        target_groups=("ouderen", "mensen-met-een-beperking"),
        free=True,
        points=(KERNEN["beltrum"],),
    ),
    ProvisionDocument(
        id="samen-eten-gelselaar",
        name="Samen eten in Dorpshuus Gelster",
        description=(
            "Een groep inwoners kookt elke maand een warme maaltijd voor alleenstaanden en ouderen."
        ),
        organization="Inwoners Gelselaar",
        tier="algemeen",
        access="aanmelden",
        kernen=("gelselaar",),
        life_domains=("sociaal-netwerk", "basale-adl"),
        target_groups=("ouderen",),
        free=False,
        points=(KERNEN["gelselaar"],),
        opening=((4, 1050, 1170),),
    ),
    ProvisionDocument(
        id="repair-cafe-haarlo",
        name="Repair Café Haarlo",
        description="Samen kapotte spullen repareren en een kop koffie drinken.",
        organization="Vrijwilligers Haarlo",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=("haarlo",),
        life_domains=("financien", "sociaal-netwerk"),
        target_groups=("iedereen",),
        free=True,
        points=(KERNEN["haarlo"],),
        opening=((5, 600, 780),),
    ),
    ProvisionDocument(
        id="wijkverpleging",
        name="Wijkverpleging Sensire",
        description="Verpleging en verzorging bij u thuis, vergoed uit de zorgverzekering.",
        organization="Sensire",
        tier="voorliggend",
        access="verwijzing-huisarts",
        kernen=ALL,
        life_domains=("lichamelijke-gezondheid", "basale-adl"),
        target_groups=("ouderen",),
        free=False,
    ),
    ProvisionDocument(
        id="tactus-rekken",
        name="Tactus Verslavingszorg Rekken",
        description="Behandeling bij problemen met alcohol, drugs of gokken.",
        organization="Tactus",
        tier="voorliggend",
        access="verwijzing-huisarts",
        kernen=("rekken",),
        life_domains=("middelengebruik", "geestelijke-gezondheid"),
        target_groups=("volwassenen",),
        free=False,
        minimum_age=18,
        points=((52.0950, 6.7300),),
    ),
    ProvisionDocument(
        id="woningaanpassing",
        name="Woningaanpassing via de Wmo",
        description="Een traplift, drempels weg of een aangepaste badkamer in uw woning.",
        organization="Gemeente Berkelland",
        tier="maatwerk",
        access="beschikking-gemeente",
        kernen=ALL,
        life_domains=("huisvesting",),
        target_groups=("mensen-met-een-beperking", "ouderen"),
        free=False,
    ),
    ProvisionDocument(
        id="spreekuur-financien",
        name="Spreekuur Financiën Ruurlo",
        description="Vragen over toeslagen, belastingaangifte, schulden en uw financiële situatie.",
        organization="Voormekaar",
        tier="algemeen",
        access="vrij-toegankelijk",
        kernen=("ruurlo",),
        life_domains=("financien",),
        target_groups=("volwassenen",),
        free=True,
        points=(KERNEN["ruurlo"],),
        opening=((3, 540, 555),),  # Thursday 09:00-09:15: part of one half hour
    ),
    ProvisionDocument(
        id="taalschool-amsterdam",
        name="Taalschool Amsterdam",
        description="Nederlandse taallessen voor nieuwkomers.",
        organization="Taalschool BV",
        tier="algemeen",
        access="aanmelden",
        kernen=(),
        life_domains=("werk-en-opleiding",),
        target_groups=("nieuwkomers",),
        free=False,
        points=(AMSTERDAM,),
    ),
    # Not published: matches nearly every test query and must never be returned.
    ProvisionDocument(
        id="onzichtbaar",
        name="Mantelzorg, schulden, eenzaamheid, taalcafé en ontmoeting in Rekken",
        description=(
            "Huishoudelijke hulp, financiën, geldzaken, schuldhulpverlening, mantelzorg en "
            "ontmoetingsochtend. Hulp bij schulden voor iedereen."
        ),
        organization="Verlopen Stichting",
        tier="algemeen",
        kernen=ALL,
        life_domains=("financien", "sociaal-netwerk"),
        target_groups=("iedereen",),
        free=True,
        points=(KERNEN["rekken"],),
        opening=_days(0, 0),
        visible=False,
    ),
)

BY_ID = {d.id: d for d in DOCS}
VISIBLE_IDS = {d.id for d in DOCS if d.visible}
