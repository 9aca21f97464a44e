"""Fictional social map of Oost Gelre for the held-out REFERRAL set.  All organisations,
people, addresses, phone numbers and websites are invented; only the kernen and PC4s are real.
Started from the held-out relevance map (bench/relevance/heldout/content.py), re-tiered to the
Berkelland profile (see README.md) and extended with lighter/heavier pairs.
Written by a helper session on 2026-12-02.  Never tune the referral rule on this set."""

GR, LV, LI, HA, MA, VR, ZI = ("Groenlo", "Lichtenvoorde", "Lievelde", "Harreveld",
                              "Mariënvelde", "Vragender", "Zieuwent")
ALL = [GR, LV, LI, HA, MA, VR, ZI]

ORGS = {
    "gem": dict(name="Gemeente Oost Gelre", website="https://www.oostgelre.example",
                phone="0544 39 12 00",
                description="De gemeente Oost Gelre met de kernen Groenlo, Lichtenvoorde, Lievelde, "
                            "Zieuwent, Harreveld, Vragender en Mariënvelde. Het Sociaal Team en het "
                            "team Werk en Inkomen werken vanuit het gemeentehuis in Lichtenvoorde."),
    "swog": dict(name="Stichting Sociaal Werk Achterhoek-Oost (SWAO)",
                 website="https://www.swao.example", phone="0544 35 80 00",
                 description="Welzijnsorganisatie voor Oost Gelre: maatschappelijk werk, ouderenwerk, "
                             "jongerenwerk, mantelzorgondersteuning en vrijwilligerswerk."),
    "bieb": dict(name="Bibliotheek Oost-Achterhoek", website="https://www.bieboostachterhoek.example",
                 description="Openbare bibliotheek met vestigingen in Groenlo en Lichtenvoorde."),
    "humanitas": dict(name="Humanitas afdeling Oost-Achterhoek",
                      website="https://www.humanitas.example/oost-achterhoek",
                      description="Vrijwilligersorganisatie die mensen tijdelijk ondersteunt, zodat "
                                  "zij weer zelf verder kunnen."),
    "shm": dict(name="SchuldHulpMaatje Oost Gelre", website="https://www.schuldhulpmaatje.example",
                description="Stichting van kerken en vrijwilligers die mensen met geldproblemen "
                            "bijstaat."),
    "kbo": dict(name="KBO Oost Gelre", description="Seniorenvereniging met afdelingen in alle kernen."),
    "voedselbank": dict(name="Stichting Voedselbank Oost Gelre",
                        website="https://www.voedselbankoostgelre.example", phone="0544 37 41 10",
                        description="Onafhankelijke stichting, onderdeel van het landelijke netwerk "
                                    "van voedselbanken. Alle medewerkers zijn vrijwilliger."),
    "kleerkabinet": dict(name="Stichting 't Kleerkabinet",
                         description="Tweedehands kledingwinkel van vrijwilligers in Groenlo."),
    "leergeld": dict(name="Stichting Leergeld Oost-Achterhoek",
                     website="https://www.leergeld.example/oost-achterhoek",
                     description="Zorgt dat kinderen uit gezinnen met een laag inkomen mee kunnen doen."),
    "energie": dict(name="Energiecoöperatie Grols Licht", website="https://www.grolslicht.example",
                    description="Coöperatie van inwoners voor duurzame energie in Oost Gelre."),
    "vw": dict(name="VluchtelingenWerk Oost Nederland",
               website="https://www.vluchtelingenwerk.example/oost",
               description="Komt op voor de belangen van vluchtelingen en begeleidt statushouders."),
    "zwanenhuus": dict(name="Stichting Dorpshuis Zieuwent",
                       description="Beheert dorpshuis 't Zwanenhuus in Zieuwent."),
    "harreveld": dict(name="Stichting Dorpshuis Harreveld",
                      description="Het dorpshuis van en voor Harreveld."),
    "garve": dict(name="Stichting De Garve Mariënvelde",
                  description="Ontmoetingsplek en dorpshuis in Mariënvelde."),
    "vragender": dict(name="Vereniging Dorpsbelang Vragender",
                      description="Vereniging van inwoners die zich inzet voor de leefbaarheid van Vragender."),
    "lievelde": dict(name="Stichting Ontmoeting Lievelde",
                     description="Vrijwilligers die ontmoeting organiseren in Lievelde."),
    "schakel": dict(name="Stichting Inloophuis De Schakel",
                    description="Inloophuis van de samenwerkende kerken in Groenlo."),
    "buurthulp_zi": dict(name="Buurthulp Zieuwent",
                         description="Vrijwilligersinitiatief van Zieuwentse inwoners."),
    "evenvrij": dict(name="Stichting Even Vrij", phone="0544 35 80 44",
                     description="Vrijwillige thuishulp voor mantelzorgers in de Oost-Achterhoek."),
    "linde": dict(name="Zorggroep De Linde", website="https://www.zorggroepdelinde.example",
                  description="Ouderenzorg in Groenlo en Lichtenvoorde: woonzorg, logeren en "
                              "ontmoetingscentrum."),
    "wijkzorg": dict(name="Wijkzorg Achterhoek", website="https://www.wijkzorgachterhoek.example",
                     phone="0544 48 48 48",
                     description="Thuiszorgorganisatie: wijkverpleging, casemanagement dementie en "
                                 "de thuiszorgwinkel."),
    "alzheimer": dict(name="Alzheimer Nederland, afdeling Achterhoek",
                      description="Vrijwilligers van de patiëntenvereniging voor mensen met dementie "
                                  "en hun naasten."),
    "vptz": dict(name="VPTZ Oost-Achterhoek", phone="06 12 34 56 78",
                 description="Vrijwilligers Palliatieve Terminale Zorg."),
    "thc": dict(name="Thuishulpcentrale Achterhoek", website="https://www.thuishulpcentrale.example",
                description="Bemiddelingsbureau voor particuliere hulp in de huishouding."),
    "grolsehanden": dict(name="Stichting Grolse Handen",
                         description="Vrijwilligers die klussen doen voor Grolse inwoners."),
    "regiotaxi": dict(name="Regiotaxi Achterhoek", phone="0900 00 00 000",
                      description="Collectief vraagafhankelijk vervoer in de Achterhoekse gemeenten."),
    "rolstoelbus": dict(name="Stichting Samen Onderweg",
                        description="Vrijwilligers met een aangepaste bus voor mensen met een beperking."),
    "tafeltje": dict(name="Stichting Tafeltje-dek-je Oost Gelre", phone="0544 37 22 90",
                     description="Maaltijdbezorging door vrijwilligers."),
    "pakhuus": dict(name="Stichting Jongerencentrum 't Pakhuus",
                    description="Jongerencentrum in het centrum van Groenlo."),
    "sportbedrijf": dict(name="Sportbedrijf Oost Gelre", website="https://www.sportoostgelre.example",
                         description="Beheert de sportaccommodaties en de buurtsportcoaches."),
    "gsport": dict(name="Stichting G-Sport Achterhoek",
                   description="Sport voor mensen met een beperking."),
    "zwembad": dict(name="Zwembad Het Wezenveld", description="Overdekt zwembad in Lichtenvoorde."),
    "ggd": dict(name="GGD Noord- en Oost-Gelderland", website="https://www.ggdnog.example",
                description="Gemeentelijke gezondheidsdienst, ook voor de jeugdgezondheidszorg."),
    "cjg": dict(name="Centrum voor Jeugd en Gezin Oost Gelre", phone="0544 39 14 40",
                description="Informatie en advies over opgroeien en opvoeden."),
    "kompas": dict(name="Gezinspraktijk Het Kompas",
                   description="Praktijk voor jeugdhulp en gezinsbehandeling."),
    "halt": dict(name="Halt, regio Oost-Nederland", website="https://www.halt.example",
                 description="Alternatieve straf voor jongeren."),
    "huisartsen": dict(name="Huisartsen Oost Gelre",
                       description="Samenwerkende huisartsenpraktijken in Groenlo en Lichtenvoorde."),
    "psy": dict(name="Psychologenpraktijk Grolse Poort",
                description="Vrijgevestigde praktijk voor generalistische basis-ggz."),
    "thuisindewijk": dict(name="Stichting Thuis in de Wijk",
                          description="Begeleiding thuis voor volwassenen."),
    "ggz": dict(name="GGZ Oost-Achterhoek",
                description="Geestelijke gezondheidszorg in de Oost-Achterhoek."),
    "verslaving": dict(name="Verslavingszorg Oost-Gelderland", phone="088 000 11 22",
                       description="Specialistische verslavingszorg en preventie."),
    "aa": dict(name="Anonieme Alcoholisten", description="Zelfhulpgroepen voor mensen met een drankprobleem."),
    "veiligthuis": dict(name="Veilig Thuis Noord- en Oost-Gelderland", phone="0800 2000",
                        description="Advies- en meldpunt huiselijk geweld en kindermishandeling."),
    "blijf": dict(name="Stichting Blijfhuis Oost-Gelderland",
                  description="Opvang en hulp bij huiselijk geweld."),
    "slachtofferhulp": dict(name="Slachtofferhulp Nederland", phone="0900 0101",
                            description="Hulp voor slachtoffers van misdrijven en ongevallen."),
    "jl": dict(name="Het Juridisch Loket", phone="0900 8020",
               description="Gratis juridisch advies."),
    "woon": dict(name="Oost Gelre Wonen", website="https://www.oostgelrewonen.example",
                 description="Woningcorporatie met ruim 4.000 huurwoningen in Oost Gelre."),
    "anker": dict(name="Stichting Het Anker Wonen", description="Beschermd en begeleid wonen."),
    "werkschuur": dict(name="Zorgcoöperatie De Werkschuur", description="Dagbesteding in Lievelde."),
    "hilgenhof": dict(name="Zorgboerderij 't Hilgenhof", description="Melkveebedrijf met zorgtak."),
    "bloemenkamer": dict(name="Stichting De Bloemenkamer",
                         description="Dagactiviteiten voor ouderen in Vragender."),
    "repair": dict(name="Repair Café Groenlo", description="Vrijwilligers die samen repareren."),
    "seniorweb": dict(name="SeniorWeb", website="https://www.seniorweb.example",
                      description="Helpt senioren met computers, tablets en smartphones."),
    "rouw": dict(name="Stichting Verder na Verlies", description="Rouwbegeleiding in de Achterhoek."),
    "fysio": dict(name="Fysiotherapie Groenlo-Oost", description="Praktijk voor fysiotherapie."),
    "mee": dict(name="MEE Oost-Achterhoek", phone="0544 70 70 70",
                description="Onafhankelijke cliëntondersteuning voor mensen met een beperking."),
    "werkbedrijf": dict(name="Werkbedrijf Oost-Achterhoek",
                        description="Gemeenschappelijk werkbedrijf van de Oost-Achterhoekse gemeenten."),
    "leerwerk": dict(name="Leerwerkloket Achterhoek", description="Advies over leren en werken."),
    "leerplicht": dict(name="Regionaal Bureau Leerplicht Achterhoek",
                       description="Leerplicht en RMC voor de Achterhoekse gemeenten."),
    "peuter": dict(name="Kinderopvang De Speulhoek", description="Kinderopvang en peuteropvang."),
    "zonnebloem": dict(name="De Zonnebloem afdeling Lichtenvoorde",
                       description="Vrijwilligers voor zieken en mensen met een beperking."),
    "schuldenwinkel": dict(name="Stichting Schuldenwinkel Lichtenvoorde",
                           description="Vrijwilligers bij geldproblemen."),
    "jongerenhonk": dict(name="Jongerenhonk Zieuwent", description="Ontmoetingsplek voor jongeren."),
    "taalcafe_lv": dict(name="Werkgroep Taalcafé Lichtenvoorde",
                        description="Vrijwilligers die Nederlands oefenen met nieuwkomers."),
}


def L(org, name, street, pc, city, lat, lon, access=None, transport=None):
    return dict(org=org, name=name, street=street, pc=pc, city=city, lat=lat, lon=lon,
                access=access, transport=transport)


LOCS = {
    "gem_hal": L("gem", "Gemeentehuis Oost Gelre", "Raadhuisplein 1", "7131 BG", LV, 51.9889, 6.5671,
                 "Rolstoeltoegankelijk, invalidenparkeerplaats voor de deur"),
    "swog_lv": L("swog", "Welzijnshuis Lichtenvoorde", "Hofstraat 12", "7131 CK", LV, 51.9878, 6.5648,
                 "Gelijkvloers, aangepast toilet"),
    "swog_gr": L("swog", "Welzijnshuis Groenlo", "Nieuwstraat 41", "7141 BN", GR, 52.0419, 6.6178),
    "swog_jc": L("swog", "Jongerencentrum De Kelder", "Dijkstraat 3", "7132 AR", LV, 51.9842, 6.5629),
    "bieb_gr": L("bieb", "Bibliotheek Groenlo", "Kerkpad 2", "7141 AD", GR, 52.0431, 6.6163,
                 "Lift aanwezig"),
    "bieb_lv": L("bieb", "Bibliotheek Lichtenvoorde", "Kerkstraat 20", "7131 BA", LV, 51.9866, 6.5669),
    "voedsel_lv": L("voedselbank", "Uitgiftepunt Voedselbank", "Nijverheidsweg 8", "7131 PX", LV,
                    51.9931, 6.5558, transport="Achterom, parkeren op het terrein"),
    "voedsel_gr_oud": L("voedselbank", "Kerkzaal Groenlo (oud uitgiftepunt)", "Kerkplein 3", "7141 BA",
                        GR, 52.0425, 6.6170),
    "kleer_gr": L("kleerkabinet", "'t Kleerkabinet", "Nieuwstraat 18", "7141 BK", GR, 52.0426, 6.6195),
    "vw_gr": L("vw", "Kantoor VluchtelingenWerk Groenlo", "Beltrumseweg 6", "7141 CG", GR,
               52.0448, 6.6172),
    "zi_dorpshuis": L("zwanenhuus", "Dorpshuis 't Zwanenhuus", "Kerkweg 4", "7136 LB", ZI,
                      52.0038, 6.5203, "Drempelvrij"),
    "zi_seniorweb": L("seniorweb", "SeniorWeb-leslokaal in dorpshuis Zieuwent", "Kerkweg 4", "7136 LB",
                      ZI, 52.0038, 6.5203),
    "zi_honk": L("jongerenhonk", "Jongerenhonk", "Sportlaan 1", "7136 KA", ZI, 52.0021, 6.5221),
    "ha_dorpshuis": L("harreveld", "Dorpshuis Harreveld", "Dorpsstraat 9", "7135 JK", HA, 51.9806, 6.5139),
    "ma_garve": L("garve", "De Garve", "Garvestraat 2", "7263 RA", MA, 52.0169, 6.4671,
                  "Gelijkvloers"),
    "vr_dorpshuis": L("vragender", "Vragender Dorpshuus", "Kapelweg 5", "7134 PA", VR, 51.9871, 6.6112),
    "vr_bloemenkamer": L("bloemenkamer", "De Bloemenkamer (Vragender Dorpshuus)", "Kapelweg 5",
                         "7134 PA", VR, 51.9871, 6.6112, "Gelijkvloers, rolstoeltoegankelijk"),
    "li_hoeksteen": L("lievelde", "De Hoeksteen", "Kerkstraat 7", "7137 AS", LI, 52.0097, 6.5951),
    "schakel_gr": L("schakel", "Inloophuis De Schakel", "Markt 9", "7141 BE", GR, 52.0423, 6.6184),
    "linde_gr": L("linde", "Woonzorgcentrum De Lindehof", "Lindelaan 30", "7141 XZ", GR, 52.0401, 6.6122,
                  "Volledig rolstoeltoegankelijk"),
    "linde_logeer": L("linde", "Logeerhuis De Hazelaar", "Lindelaan 32", "7141 XZ", GR, 52.0399, 6.6118),
    "linde_lv": L("linde", "Ontmoetingscentrum De Zonnewijzer", "Zieuwentseweg 40", "7131 LD", LV,
                  51.9903, 6.5590),
    "wijkzorg_lv": L("wijkzorg", "Thuiszorgwinkel Lichtenvoorde", "Varsseveldseweg 15", "7131 JC", LV,
                     51.9880, 6.5605, "Parkeren voor de deur"),
    "alzheimer_lv": L("alzheimer", "Zaal De Bron", "Kerkstraat 30", "7131 BC", LV, 51.9869, 6.5675),
    "rouw_lv": L("rouw", "Ontmoetingsruimte De Bron", "Kerkstraat 30", "7131 BC", LV, 51.9869, 6.5675),
    "fysio_gr": L("fysio", "Fysiotherapie Groenlo-Oost", "Eibergseweg 14", "7142 HA", GR, 52.0335, 6.6480),
    "hc_gr": L("huisartsen", "Gezondheidscentrum De Beemd", "Beemdstraat 1", "7141 GD", GR,
               52.0452, 6.6228),
    "hc_lv": L("huisartsen", "Huisartsenpraktijk Lichtenvoorde-Zuid", "Prinses Julianastraat 4",
               "7132 CE", LV, 51.9780, 6.5635),
    "psy_gr": L("psy", "Psychologenpraktijk Grolse Poort", "Lichtenvoordseweg 3", "7141 DA", GR,
                52.0395, 6.6158),
    "ggz_lv": L("ggz", "Buurthuis De Brink", "Brinkstraat 5", "7132 BS", LV, 51.9822, 6.5681),
    "verslaving_gr": L("verslaving", "Polikliniek Groenlo", "Slingelaan 22", "7141 KM", GR,
                       52.0440, 6.6250),
    "aa_lv": L("aa", "Parochiezaal", "Kerkstraat 25", "7131 BB", LV, 51.9864, 6.5678),
    "woon_lv": L("woon", "Kantoor Oost Gelre Wonen", "Stationsstraat 50", "7131 AZ", LV, 51.9905, 6.5700),
    "anker_lv": L("anker", "Het Anker", "Ankerweg 11", "7132 PB", LV, 51.9765, 6.5590),
    "werkschuur_li": L("werkschuur", "De Werkschuur", "Lievelderweg 60", "7137 HN", LI, 52.0110, 6.5920),
    "hilgenhof_ha": L("hilgenhof", "Zorgboerderij 't Hilgenhof", "Hilgenweg 8", "7135 KD", HA,
                      51.9772, 6.5085),
    "repair_gr": L("repair", "Buurthuis Den Hoek", "Hoekstraat 2", "7142 AB", GR, 52.0365, 6.6300),
    "pakhuus_gr": L("pakhuus", "'t Pakhuus", "Havenstraat 4", "7141 AL", GR, 52.0436, 6.6205),
    "gsport_gr": L("gsport", "Sportpark De Mars", "Marsweg 10", "7142 BZ", GR, 52.0340, 6.6340),
    "zwembad_lv": L("zwembad", "Zwembad Het Wezenveld", "Wezenveldweg 1", "7132 DK", LV, 51.9800, 6.5540,
                    "Tillift bij het bad, aangepaste kleedruimte"),
    "cjg_gr": L("cjg", "CJG Groenlo", "Nieuwstraat 43", "7141 BN", GR, 52.0418, 6.6175),
    "ggd_gr": L("ggd", "Consultatiebureau Groenlo", "Zwanenstraat 10", "7141 JT", GR, 52.0410, 6.6140),
    "ggd_lv": L("ggd", "Consultatiebureau Lichtenvoorde", "Hofstraat 14", "7131 CK", LV, 51.9876, 6.5646),
    "kompas_lv": L("kompas", "Gezinspraktijk Het Kompas", "Rapenburgsestraat 10", "7131 CV", LV,
                   51.9893, 6.5660),
    "werkbedrijf_lv": L("werkbedrijf", "Werkbedrijf, vestiging Lichtenvoorde", "Ambachtsweg 3", "7131 PM",
                        LV, 51.9945, 6.5550),
    "leerwerk_gr": L("leerwerk", "Spreekruimte Leerwerkloket (Bibliotheek Groenlo)", "Kerkpad 2",
                     "7141 AD", GR, 52.0431, 6.6163),
    "jl_lv": L("jl", "Spreekuur Juridisch Loket (gemeentehuis)", "Raadhuisplein 1", "7131 BG", LV,
               51.9889, 6.5671),
    "peuter_lv": L("peuter", "Peuteropvang De Speulhoek", "Schoolstraat 6", "7132 AK", LV,
                   51.9815, 6.5660),
    "schuldenwinkel_lv": L("schuldenwinkel", "Schuldenwinkel", "Markt 4", "7131 BD", LV, 51.9872, 6.5662),
    "taalcafe_lv": L("taalcafe_lv", "Zaaltje achter de bibliotheek", "Kerkstraat 22", "7131 BA", LV,
                     51.9867, 6.5671),
}


def S(key, org, name, tier, access, dom, grp, law, areas, locs, desc, **kw):
    return dict(key=key, org=org, name=name, tier=tier, access=access, dom=dom, grp=grp, law=law,
                areas=areas, locs=locs, desc=desc, **kw)


SERVICES = [
    # ---------------------------------------------------------------- geld en schulden
    S("schuldhulp", "gem", "Schuldhulpverlening", "voorliggend", "aanmelden",
      ["financien"], ["volwassenen"], ["geen"], ALL, ["gem_hal"],
      "Heeft u schulden of lukt het niet meer om alle rekeningen te betalen? De gemeente helpt u met "
      "schuldhulpverlening. Een consulent bekijkt samen met u uw inkomsten, uitgaven en schulden. "
      "Daarna maken we een plan: bijvoorbeeld budgetbeheer, een betalingsregeling of een minnelijk "
      "traject met uw schuldeisers. Lukt dat niet, dan helpen we u met een verzoek tot toelating tot "
      "de Wsnp. Hoe eerder u zich meldt, hoe meer we kunnen doen. Dreigt een huisuitzetting of "
      "afsluiting van gas, water of licht? Bel dan meteen.",
      app="Bel het Sociaal Team of meld u aan via het digitale loket. Binnen drie werkdagen heeft u "
          "een eerste gesprek.", fees="Gratis", phone="0544 39 12 00"),
    S("shm", "shm", "SchuldHulpMaatje: een maatje bij geldproblemen", "algemeen", "aanmelden",
      ["financien"], ["volwassenen"], ["geen"], ALL, [],
      "Een SchuldHulpMaatje is een getrainde vrijwilliger die naast u staat als u moeite heeft om rond "
      "te komen of als de rekeningen zich opstapelen. Samen brengt u uw situatie in kaart, sorteert u "
      "de post en zoekt u de juiste hulp. Het maatje komt bij u thuis en helpt u ook daarna om het vol "
      "te houden. Wij werken samen met de schuldhulpverlening van de gemeente. Gratis en vertrouwelijk.",
      app="Aanmelden via de website of via uw maatschappelijk werker.", fees="Gratis"),
    S("thuisadmin", "humanitas", "Thuisadministratie", "algemeen", "aanmelden",
      ["financien", "instrumentele-adl"], ["volwassenen", "ouderen"], ["geen"], ALL, [],
      "Loopt uw administratie u boven het hoofd? Een vrijwilliger van Humanitas komt bij u thuis en "
      "helpt u orde te scheppen in de papieren. Samen ordenen we de post, maken we een map met vakjes "
      "en leert u hoe u rekeningen op tijd betaalt. We kijken ook of u recht heeft op toeslagen. De "
      "begeleiding duurt meestal een jaar; het doel is dat u het daarna zelf kunt.",
      fees="Gratis", phone="06 40 40 12 12"),
    S("infopunt_formulieren", "bieb", "Informatiepunt Digitale Overheid: hulp bij brieven en formulieren",
      "algemeen", "vrij-toegankelijk", ["financien", "instrumentele-adl"], ["iedereen"], ["geen"], ALL,
      ["bieb_gr", "bieb_lv"],
      "Snapt u een brief van de Belastingdienst niet? Moet u iets aanvragen bij het UWV, de SVB of de "
      "gemeente? Kom langs bij het Informatiepunt Digitale Overheid in de bibliotheek. Onze medewerkers "
      "en vrijwilligers kijken met u mee. Neem uw brieven en uw DigiD-gegevens mee. U hoeft geen lid te "
      "zijn van de bibliotheek.",
      sched=[("TU", "10:00", "12:00", "Groenlo"), ("TH", "14:00", "16:00", "Lichtenvoorde")],
      fees="Gratis"),
    S("sociaal_raadslieden", "swog", "Sociaal raadslieden", "algemeen", "vrij-toegankelijk",
      ["financien", "justitie"], ["volwassenen"], ["geen"], ALL, ["swog_lv", "swog_gr"],
      "De sociaal raadslieden geven gratis advies over geld, regels en instanties. Denk aan een brief "
      "van de gemeente of het UWV die u niet begrijpt, het terugbetalen van toeslagen, een bezwaarschrift "
      "tegen een beslissing of een verzoek om kwijtschelding van gemeentelijke belastingen. Wij zijn "
      "onafhankelijk en kennen de regels goed. Inloopspreekuur zonder afspraak op maandagochtend in "
      "Lichtenvoorde; op afspraak ook in Groenlo.",
      sched=[("MO", "09:00", "11:30", "Inloopspreekuur Welzijnshuis Lichtenvoorde")]),
    S("belastinginvul", "kbo", "Belastinginvulhulp voor senioren", "algemeen", "aanmelden",
      ["financien"], ["ouderen"], ["geen"], ALL, [],
      "Ouderen met een klein inkomen kunnen hulp krijgen bij de aangifte inkomstenbelasting en bij het "
      "aanvragen van huurtoeslag of zorgtoeslag. Een getrainde invulhulp van de KBO komt bij u thuis. "
      "U hoeft geen lid te zijn. Aanmelden kan tot 1 april.",
      fees="Gratis; een kleine onkostenvergoeding wordt gewaardeerd"),
    S("voedselbank", "voedselbank", "Voedselbank Oost Gelre", "algemeen", "aanmelden",
      ["financien"], ["iedereen"], ["geen"], ALL, ["voedsel_lv"],
      "De Voedselbank geeft wekelijks een pakket met levensmiddelen aan huishoudens die tijdelijk te "
      "weinig geld hebben voor eten. Of u in aanmerking komt, bekijken we in een intakegesprek: we kijken "
      "naar uw inkomsten en vaste lasten. U kunt zelf contact opnemen, of u laten aanmelden door het "
      "maatschappelijk werk, de schuldhulpverlening of uw bewindvoerder. Het pakket haalt u op "
      "vrijdagmiddag op in Lichtenvoorde. Kunt u zelf niet komen, dan bezorgt een vrijwilliger het "
      "pakket in Groenlo en de dorpen.",
      sched=[("FR", "13:30", "16:00", "Uitgifte pakketten")], fees="Gratis",
      elig="Huishoudens die na aftrek van vaste lasten onder de norm van Voedselbanken Nederland blijven."),
    S("kleerkabinet", "kleerkabinet", "'t Kleerkabinet: tweedehands kleding voor een klein prijsje",
      "algemeen", "vrij-toegankelijk", ["financien"], ["iedereen"], ["geen"], ALL, ["kleer_gr"],
      "In onze winkel aan de Nieuwstraat vindt u nette tweedehands kleding, schoenen en babyspullen voor "
      "een paar euro. Heeft u een Meedoenpas of een pakket van de Voedselbank, dan mag u elke maand "
      "gratis een tas vullen, ook met kinderkleding. Wij draaien helemaal op vrijwilligers en zijn blij "
      "met schone kleding die u komt brengen.",
      sched=[("WE,SA", "10:00", "16:00", "Winkel open")]),
    S("leergeld", "leergeld", "Stichting Leergeld: meedoen voor alle kinderen", "algemeen",
      "aanmelden", ["financien", "maatschappelijke-participatie"], ["kinderen", "ouders"], ["geen"], ALL,
      [],
      "Alle kinderen moeten mee kunnen doen, ook als er thuis weinig geld is. Stichting Leergeld betaalt "
      "bijvoorbeeld de contributie van de sportclub, zwemles, een fiets om naar school te gaan, een "
      "schoolreisje of een laptop voor de middelbare school. Een vrijwilliger komt bij u thuis voor een "
      "kennismaking en kijkt wat er nodig is.",
      elig="Gezinnen met een inkomen tot 130% van het sociaal minimum en kinderen van 4 tot 18 jaar."),
    S("meedoen", "gem", "Bijzondere bijstand, Meedoenpas en individuele inkomenstoeslag", "voorliggend",
      "beschikking-gemeente", ["financien"], ["iedereen"], ["participatiewet"], ALL, ["gem_hal"],
      "Heeft u een laag inkomen en onverwachte kosten, zoals een nieuwe wasmachine, de kosten van "
      "beschermingsbewind of een bril? Dan kunt u bijzondere bijstand aanvragen. Met de Meedoenpas krijgt "
      "u korting op sport, cultuur en de bibliotheek. Heeft u al drie jaar of langer een laag inkomen, "
      "dan kunt u ook de individuele inkomenstoeslag aanvragen. De collectieve zorgverzekering voor "
      "minima loopt eveneens via de gemeente. U vraagt het aan via het digitale loket; u krijgt een "
      "schriftelijk besluit."),
    S("bijstand", "gem", "Bijstandsuitkering aanvragen", "voorliggend", "beschikking-gemeente",
      ["financien", "werk-en-opleiding"], ["volwassenen"], ["participatiewet"], ALL, ["gem_hal"],
      "Heeft u geen werk en niet genoeg inkomen om van te leven? Dan heeft u misschien recht op een "
      "uitkering uit de Participatiewet. Eerst meldt u zich via werk.nl, daarna heeft u een gesprek "
      "met een consulent Werk en Inkomen. We kijken naar uw inkomen, vermogen en woonsituatie. Wie een "
      "uitkering krijgt, werkt samen met ons aan de weg naar werk. Heeft u direct geld nodig voor eten, "
      "vraag dan naar een voorschot."),
    S("energiecoach", "energie", "Energiecoach aan huis", "algemeen", "aanmelden",
      ["financien", "huisvesting"], ["iedereen"], ["geen"], ALL, [],
      "Schrikt u van de energierekening? Een vrijwillige energiecoach komt gratis bij u thuis. Hij kijkt "
      "naar uw verbruik, geeft tips en brengt kleine besparende spullen mee, zoals tochtstrips, ledlampen "
      "en een waterbesparende douchekop. Huurders en huishoudens met een laag inkomen gaan voor.",
      fees="Gratis"),
    # ---------------------------------------------------------------- werk en opleiding
    S("werkfit", "werkbedrijf", "Werkfit: re-integratie naar betaald werk", "voorliggend",
      "beschikking-gemeente", ["werk-en-opleiding"], ["volwassenen"], ["participatiewet"], ALL,
      ["werkbedrijf_lv"],
      "Voor inwoners met een uitkering van de gemeente die (weer) aan het werk willen. Een werkcoach "
      "helpt u met solliciteren, een cv, een werkervaringsplek of een opleiding. Soms begint het met "
      "vrijwilligerswerk of een participatieplek om ritme op te bouwen. Heeft u een arbeidsbeperking, "
      "dan kijken we ook naar een baan met loonkostensubsidie en een jobcoach.",
      app="U wordt aangemeld door uw consulent Werk en Inkomen."),
    S("beschut_werk", "werkbedrijf", "Beschut werk en garantiebanen", "voorliggend", "beschikking-gemeente",
      ["werk-en-opleiding", "maatschappelijke-participatie"], ["mensen-met-een-beperking"],
      ["participatiewet"], ALL, ["werkbedrijf_lv"],
      "Sommige mensen kunnen alleen werken met veel begeleiding en aanpassingen. Bij het Werkbedrijf kunt "
      "u dan beschut werk doen, bijvoorbeeld in de groenvoorziening, de fietsenwerkplaats of de "
      "inpakafdeling. U heeft hiervoor een advies van het UWV en een besluit van de gemeente nodig. Ook "
      "bemiddelen we naar garantiebanen bij gewone werkgevers in de regio."),
    S("leerwerkloket", "leerwerk", "Leerwerkloket: advies over leren en werken", "algemeen",
      "vrij-toegankelijk", ["werk-en-opleiding"], ["volwassenen"], ["onderwijs"], ALL, ["leerwerk_gr"],
      "Wilt u een diploma halen of omscholen, of weet u niet welk werk bij u past? Bij het Leerwerkloket "
      "krijgt u gratis en onafhankelijk advies: een loopbaangesprek, het laten erkennen van wat u al kunt "
      "(EVC), hulp bij het kiezen van een opleiding en uitleg over scholingsbudgetten. Ook voor wie al "
      "werkt.", sched=[("WE", "13:00", "16:00", "Spreekuur in de bibliotheek van Groenlo")]),
    S("leerplicht", "leerplicht", "Leerplicht en RMC: als school niet (meer) lukt", "voorliggend",
      "aanmelden", ["werk-en-opleiding"], ["jongeren", "ouders"], ["onderwijs"], ALL, [],
      "Zit uw kind thuis zonder school, of verzuimt het vaak? Of ben je tussen 18 en 23, gestopt met "
      "school en heb je nog geen startkwalificatie (havo, vwo of mbo-2)? De leerplichtambtenaar en de "
      "RMC-trajectbegeleider zoeken samen met jou naar een opleiding, werk of een combinatie, bijvoorbeeld "
      "een werkleertraject. We werken samen met de scholen, het jongerenwerk en het jeugd- en gezinsteam."),
    # ---------------------------------------------------------------- taal en nieuwkomers
    S("taalcafe", "bieb", "Taalcafé Groenlo", "algemeen", "vrij-toegankelijk",
      ["maatschappelijke-participatie", "sociaal-netwerk"], ["nieuwkomers"], ["geen"], ALL, ["bieb_gr"],
      "Oefen Nederlands praten in een gezellige sfeer. Elke woensdagavond zitten nieuwkomers en "
      "vrijwilligers aan tafels bij elkaar en praten over gewone dingen: de buurt, werk, koken, het weer. "
      "Alle niveaus zijn welkom. Gratis en zonder aanmelden. Everyone who wants to practise Dutch is "
      "welcome.", sched=[("WE", "19:30", "21:00", "Taalcafé")], langs=["nl", "en"]),
    S("taalhuis", "bieb", "Taalhuis: beter leren lezen, schrijven en rekenen", "algemeen",
      "aanmelden", ["werk-en-opleiding", "maatschappelijke-participatie"], ["volwassenen", "nieuwkomers"],
      ["geen"], ALL, ["bieb_lv"],
      "Vindt u lezen, schrijven of rekenen moeilijk? Of wilt u beter Nederlands leren? In het Taalhuis "
      "helpen we volwassenen met taal, rekenen en werken met de computer. U oefent in een groepje of met "
      "een taalmaatje: een vrijwilliger die één keer per week met u afspreekt. Veel mensen hebben moeite "
      "met lezen en schrijven; u bent niet de enige. In een intakegesprek kijken we samen wat u wilt "
      "leren."),
    S("vluchtelingenwerk", "vw", "Maatschappelijke begeleiding van statushouders", "algemeen",
      "aanmelden", ["maatschappelijke-participatie", "financien"], ["nieuwkomers"], ["geen"], ALL,
      ["vw_gr"],
      "Heeft u een verblijfsvergunning gekregen en bent u in Oost Gelre komen wonen? VluchtelingenWerk "
      "helpt u op weg met de eerste dingen: inschrijven, huurcontract, bankrekening, zorgverzekering en "
      "toeslagen. Ook geven we uitleg over de inburgering en helpen we bij gezinshereniging. Op het "
      "spreekuur zijn tolken beschikbaar (Arabisch, Tigrinya, Oekraïens). Refugees and other newcomers "
      "are welcome during our office hours.",
      sched=[("TU,TH", "09:30", "12:00", "Spreekuur")], langs=["nl", "en", "ar", "ti", "uk"]),
    S("inburgering", "gem", "Inburgering (Wet inburgering 2021)", "voorliggend", "beschikking-gemeente",
      ["werk-en-opleiding", "maatschappelijke-participatie"], ["nieuwkomers"], ["geen"], ALL, ["gem_hal"],
      "Inburgeringsplichtige nieuwkomers maken samen met de gemeente een persoonlijk Plan Inburgering en "
      "Participatie (PIP). Daarin staat welke leerroute u volgt (B1-route, onderwijsroute of Z-route) en "
      "hoe u gaat werken of meedoen. De gemeente regelt de taalschool en het Participatieverklaringstraject. "
      "Het eerste halfjaar betalen wij uw vaste lasten door, zodat u zich op de taal kunt richten."),
    # ---------------------------------------------------------------- ontmoeting
    S("huiskamer_lv", "swog", "Huiskamer 't Hofje", "algemeen", "vrij-toegankelijk",
      ["sociaal-netwerk", "tijdsbesteding"], ["iedereen"], ["geen"], [LV], ["swog_lv"],
      "Zin in een kopje koffie en een praatje? In de huiskamer van het Welzijnshuis in Lichtenvoorde bent "
      "u op dinsdag- en donderdagochtend welkom. Gewoon binnenlopen, aanmelden is niet nodig. Er ligt een "
      "krant, er is een spelletje en er is altijd iemand om mee te praten. Wie wil, blijft daarna voor de "
      "soep (€ 2,-). Veel bezoekers komen omdat ze thuis veel alleen zijn.",
      sched=[("TU,TH", "09:30", "12:00", "Inloop")]),
    S("inloop_gr", "schakel", "Inloophuis De Schakel", "algemeen", "vrij-toegankelijk",
      ["sociaal-netwerk"], ["iedereen"], ["geen"], [GR], ["schakel_gr"],
      "Open huis voor iedereen die behoefte heeft aan gezelschap of een luisterend oor. Vrijwilligers van "
      "de kerken in Groenlo ontvangen u met koffie of thee. Op vrijdag is er een eenvoudige lunch. Ook "
      "mensen die net in Groenlo wonen of die kort geleden iemand hebben verloren, komen hier graag.",
      sched=[("MO,WE,FR", "10:00", "14:00", "Inloop")]),
    S("dorpshuis_zi", "zwanenhuus", "Dorpshuis 't Zwanenhuus: activiteiten in Zieuwent", "algemeen",
      "vrij-toegankelijk", ["tijdsbesteding", "sociaal-netwerk"], ["iedereen"], ["geen"], [ZI],
      ["zi_dorpshuis"],
      "Het hart van Zieuwent. Verenigingen repeteren hier, er is biljart en op vrijdagochtend staat de "
      "koffie klaar voor iedereen die even wil bijpraten. Op woensdagmiddag is er de soos voor 65-plussers "
      "met kaarten en koersbal. De zaal is te huur voor feesten en bijeenkomsten."),
    S("dorpshuis_ha", "harreveld", "Dorpshuis Harreveld", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding"], ["iedereen"], ["geen"], [HA], ["ha_dorpshuis"],
      "Kaartavond, jeu de boules en elke laatste vrijdag van de maand de dorpsmaaltijd. Iedereen uit "
      "Harreveld en omgeving is welkom."),
    S("garve_ma", "garve", "Ontmoeten in De Garve", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding", "sociaal-netwerk"], ["iedereen", "ouderen"], ["geen"], [MA], ["ma_garve"],
      "In het kleinste kerkdorp van Oost Gelre doen we veel samen. In De Garve is er elke maandagochtend "
      "gym voor ouderen, op donderdag een koffieochtend en op de eerste dinsdag van de maand helpt een "
      "vrijwilliger u met uw tablet of smartphone. Eén keer per maand koken vrijwilligers voor wie graag "
      "samen eet. Kijk op het prikbord in De Garve voor de data."),
    S("dorpsondersteuner", "vragender", "Dorpsondersteuner Vragender en Lievelde", "algemeen",
      "vrij-toegankelijk", ["sociaal-netwerk", "instrumentele-adl"], ["iedereen"], ["wmo"], [VR, LI],
      ["vr_dorpshuis"],
      "De dorpsondersteuner is een vertrouwd aanspreekpunt in het dorp. Zit u ergens mee, zoals de zorg "
      "voor uw partner, eenzaamheid, een vraag over wonen of een formulier? Bel haar of spreek haar aan. "
      "Zij kent de mensen en de regelingen, zoekt samen met u naar een oplossing in het dorp zelf en "
      "verwijst door als dat nodig is. Zij komt ook bij u thuis.",
      phone="06 21 21 34 34"),
    S("koffie_li", "lievelde", "Koffie-inloop Lievelde", "algemeen", "vrij-toegankelijk",
      ["sociaal-netwerk"], ["ouderen"], ["geen"], [LI], ["li_hoeksteen"],
      "Elke tweede en vierde woensdag van de maand koffie met iets lekkers in De Hoeksteen, naast de kerk. "
      "Geen vervoer? Vraag het ons, een van de vrijwilligers haalt u op."),
    S("telefooncirkel", "swog", "Telefooncirkel voor alleenwonenden", "algemeen", "aanmelden",
      ["sociaal-netwerk"], ["ouderen"], ["geen"], ALL, [],
      "Bij de telefooncirkel bellen deelnemers elkaar elke ochtend in een vaste volgorde. Zo weet u dat "
      "er iemand aan u denkt, en wordt het snel opgemerkt als er iets mis is. Neemt iemand niet op, dan "
      "belt de laatste in de cirkel de contactpersoon. Aanmelden via het Welzijnshuis."),
    S("maatjes", "swog", "Maatjesproject Samen Op Stap", "algemeen", "aanmelden",
      ["sociaal-netwerk", "geestelijke-gezondheid"], ["volwassenen"], ["geen"], ALL, [],
      "Wilt u graag eens samen wandelen, naar de markt of een kop koffie drinken, maar kent u weinig "
      "mensen? Wij koppelen u aan een vrijwilliger met dezelfde interesses. U spreekt eens per week of "
      "twee weken af, ongeveer een jaar lang. Ook mensen die herstellen van psychische klachten of net uit "
      "een instelling komen, zijn welkom. Het maatje is geen hulpverlener, maar iemand die tijd voor u "
      "heeft."),
    S("bezoekdienst", "kbo", "Bezoekdienst voor ouderen", "algemeen", "aanmelden",
      ["sociaal-netwerk"], ["ouderen"], ["geen"], ALL, [],
      "Vrijwilligers van de KBO gaan op bezoek bij ouderen die weinig aanloop hebben. Een gezellig "
      "gesprek, samen een spelletje of een rondje door het dorp met de rolstoel. Ook bezoeken wij "
      "80-jarigen op hun verjaardag."),
    S("ouderenadviseur", "swog", "Ouderenadviseur: advies aan huis voor 65-plussers", "algemeen",
      "vrij-toegankelijk", ["instrumentele-adl", "huisvesting", "financien"], ["ouderen", "mantelzorgers"],
      ["wmo"], ALL, [],
      "Wordt het thuis allemaal wat moeilijker? De ouderenadviseur komt bij u thuis voor een gesprek over "
      "wonen, zorg, geld en vervoer. Bijvoorbeeld: hoe regel ik hulp in de huishouding, kan ik "
      "huurtoeslag krijgen, hoe vraag ik een scootmobiel aan of waar vind ik een geschikte "
      "seniorenwoning? Zij helpt ook met een levenstestament of een plan voor later. Gratis, voor alle "
      "inwoners van 65 jaar en ouder.", phone="0544 35 80 10"),
    S("vrijwilligerspunt", "swog", "Vrijwilligerspunt Oost Gelre", "algemeen", "vrij-toegankelijk",
      ["maatschappelijke-participatie", "tijdsbesteding"], ["vrijwilligers"], ["geen"], ALL, ["swog_gr"],
      "Wilt u iets doen voor een ander? Op onze vacaturebank staan meer dan honderd klussen bij "
      "verenigingen, zorginstellingen en buurtinitiatieven: chauffeur, voorlezer, begeleider bij het "
      "zwemmen, kok. Een consulent helpt u kiezen. Organisaties krijgen advies over werven en verzekeren, "
      "en er zijn gratis trainingen. Ook jongeren met een maatschappelijke diensttijd (MDT) en mensen "
      "met een uitkering die willen meedoen, zijn welkom."),
    # ---------------------------------------------------------------- mantelzorg en dementie
    S("mantelzorgpunt", "swog", "Steunpunt Mantelzorg Oost Gelre", "algemeen", "vrij-toegankelijk",
      ["sociaal-netwerk", "geestelijke-gezondheid"], ["mantelzorgers"], ["wmo"], ALL, ["swog_lv"],
      "Zorgt u voor een partner, kind, ouder of buur die ziek is of een beperking heeft? Dan bent u "
      "mantelzorger. Het Steunpunt luistert naar uw verhaal en denkt mee: welke hulp is er, hoe combineert "
      "u zorg en werk, en hoe voorkomt u dat u overbelast raakt? Wij organiseren lotgenotencontact, "
      "cursussen en jaarlijks de Dag van de Mantelzorg. Ook regelen we het mantelzorgcompliment van de "
      "gemeente. U kunt bellen, mailen of langskomen; de consulent komt ook bij u thuis. Werkt u en "
      "zorgt u daarnaast voor iemand? Dan helpen we ook bij het gesprek met uw werkgever over "
      "mantelzorgverlof of flexibele werktijden. Voor mantelzorgers van mensen met een psychische "
      "aandoening of een verslaving is er elke maand een aparte gespreksgroep.",
      phone="0544 35 80 20"),
    S("logeerhuis", "linde", "Logeerhuis De Hazelaar: kortdurend verblijf", "maatwerk",
      "beschikking-gemeente", ["basale-adl", "sociaal-netwerk"], ["ouderen", "mantelzorgers"],
      ["wmo", "wlz"], ALL, ["linde_logeer"],
      "Wie thuis zorgt voor iemand met dementie of een andere zware zorgvraag, heeft soms zelf even rust "
      "nodig. In ons logeerhuis in Groenlo kan uw naaste een weekend of een paar weken logeren. "
      "Verzorgenden zijn dag en nacht aanwezig, zodat u met een gerust hart op vakantie kunt of kunt "
      "bijkomen. Dit heet ook wel respijtzorg. Voor logeren is een indicatie nodig: via de Wmo of, als "
      "er een Wlz-indicatie is, via het zorgkantoor."),
    S("evenvrij", "evenvrij", "Even Vrij: een vrijwilliger neemt de zorg over", "algemeen",
      "aanmelden", ["sociaal-netwerk"], ["mantelzorgers", "ouderen"], ["geen"], ALL, [],
      "Mantelzorgers die altijd klaarstaan, hebben ook tijd voor zichzelf nodig. Een vrijwilliger van "
      "Even Vrij komt een dagdeel per week bij u thuis en blijft bij uw naaste, zodat u boodschappen kunt "
      "doen, kunt sporten of een vriendin kunt opzoeken. Onze vrijwilligers zijn getraind in het omgaan "
      "met dementie en niet-aangeboren hersenletsel. Er zijn geen kosten."),
    S("jmz", "swog", "JMZ-club voor jonge mantelzorgers", "algemeen", "aanmelden",
      ["sociaal-netwerk", "tijdsbesteding"], ["jongeren", "kinderen", "mantelzorgers"], ["geen"], ALL,
      ["swog_jc"],
      "Heb jij een vader, moeder, broer of zus die ziek is, een beperking heeft of verslaafd is? Dan heb "
      "je thuis vaak meer zorgen dan je vrienden. Bij de JMZ-club ontmoet je jongeren van 12 tot 18 die "
      "hetzelfde meemaken. We doen leuke dingen, zoals bowlen of koken, en je kunt praten als je dat wilt. "
      "Ook de jongerenwerker of je mentor kan je aanmelden."),
    S("casemanager_dementie", "wijkzorg", "Casemanagement dementie", "voorliggend", "verwijzing-huisarts",
      ["geestelijke-gezondheid", "basale-adl"], ["ouderen", "mantelzorgers"], ["zvw"], ALL, [],
      "Als bij u of uw naaste de diagnose dementie is gesteld (of er een sterk vermoeden is), krijgt u "
      "een vaste casemanager. De casemanager komt bij u thuis, legt uit wat dementie met iemand doet, "
      "helpt de zorg en ondersteuning te regelen en is het aanspreekpunt voor de hele familie, tot aan "
      "een eventuele verhuizing naar een verpleeghuis. Casemanagement wordt vergoed uit de "
      "basisverzekering en gaat niet af van het eigen risico. U heeft een verwijzing nodig van de huisarts "
      "of de geheugenpolikliniek."),
    S("alzheimercafe", "alzheimer", "Alzheimer Café Oost Gelre", "algemeen", "vrij-toegankelijk",
      ["geestelijke-gezondheid", "sociaal-netwerk"], ["mantelzorgers", "ouderen"], ["geen"], ALL,
      ["alzheimer_lv"],
      "Elke derde dinsdag van de maand is er een Alzheimer Café in Lichtenvoorde. Mensen met "
      "geheugenproblemen, hun partners, kinderen en andere belangstellenden krijgen uitleg over een "
      "onderwerp, zoals 'vergeetachtigheid of dementie?', 'omgaan met veranderend gedrag' of 'wonen met "
      "dementie'. Daarna is er tijd voor vragen en om ervaringen te delen. Vrij toegankelijk en gratis.",
      sched=[("TU", "19:30", "21:30", "Derde dinsdag van de maand")]),
    S("ontmoetingscentrum", "linde", "Ontmoetingscentrum De Zonnewijzer voor thuiswonende mensen met dementie",
      "algemeen", "aanmelden", ["tijdsbesteding", "geestelijke-gezondheid"],
      ["ouderen", "mantelzorgers"], ["wmo"], ALL, ["linde_lv"],
      "Het Ontmoetingscentrum is er voor thuiswonende ouderen met beginnende tot matige dementie en hun "
      "mantelzorgers. Deelnemers komen twee of drie dagen per week voor een zinvolle dag: bewegen, samen "
      "koken, muziek, een wandeling. Mantelzorgers kunnen meedoen aan gespreksgroepen en "
      "informatiebijeenkomsten. U heeft geen Wmo-indicatie nodig; een kennismakingsgesprek met de "
      "coördinator is genoeg. Vervoer kan worden geregeld."),
    S("vptz", "vptz", "VPTZ: vrijwilligers bij palliatieve zorg thuis", "algemeen", "aanmelden",
      ["basale-adl", "sociaal-netwerk"], ["mantelzorgers", "ouderen"], ["geen"], ALL, [],
      "Als iemand thuis wil sterven, vraagt dat veel van de familie. Getrainde vrijwilligers van VPTZ "
      "waken 's nachts of zitten overdag bij de zieke, zodat de mantelzorger kan slapen of even weg kan. "
      "Zij bieden ook een luisterend oor. Na het overlijden komen zij nog een keer langs. Wij werken "
      "samen met de huisarts en de wijkverpleging. Gratis."),
    # ---------------------------------------------------------------- huishouden, klussen, maaltijden
    S("hh_wmo", "gem", "Hulp bij het huishouden (Wmo)", "maatwerk", "beschikking-gemeente",
      ["instrumentele-adl"], ["ouderen", "mensen-met-een-beperking"], ["wmo"], ALL, ["gem_hal"],
      "Kunt u uw huis door ziekte, ouderdom of een beperking niet meer zelf schoonhouden, en lukt het ook "
      "niet met hulp van familie of buren? Dan kunt u bij de gemeente hulp bij het huishouden aanvragen. "
      "Na uw melding komt een consulent van het Sociaal Team bij u thuis voor een gesprek (het "
      "keukentafelgesprek). Krijgt u een indicatie, dan komt een thuishulp van een van de zorgaanbieders "
      "waar de gemeente een contract mee heeft. U betaalt een eigen bijdrage via het CAK "
      "(abonnementstarief)."),
    S("thuishulpcentrale", "thc", "Particuliere hulp in de huishouding zonder indicatie", "algemeen",
      "aanmelden", ["instrumentele-adl"], ["iedereen"], ["geen"], ALL, [],
      "Wilt u hulp bij het schoonmaken, de was of het strijken, maar heeft u geen indicatie van de "
      "gemeente? Wij bemiddelen tussen u en een zelfstandige alfahulp uit uw eigen omgeving. U spreekt "
      "zelf de uren en het uurloon af (meestal tussen € 15 en € 20). Wij zoeken een passende hulp en "
      "regelen vervanging bij ziekte en vakantie. Voor de bemiddeling betaalt u een klein bedrag per "
      "maand.", cost=(6.5, "Bemiddelingskosten per maand")),
    S("klussen_gr", "grolsehanden", "Klussendienst Grolse Handen", "algemeen", "aanmelden",
      ["instrumentele-adl", "huisvesting"], ["ouderen", "mensen-met-een-beperking"], ["geen"], [GR], [],
      "Een lamp ophangen, een lekkende kraan, de heg knippen of gordijnrails ophangen? De vrijwilligers "
      "van Grolse Handen doen kleine klusjes in en om het huis voor ouderen en mensen met een beperking in "
      "Groenlo die het zelf niet meer kunnen en geen familie in de buurt hebben. U betaalt alleen de "
      "materialen en € 5,- voorrijkosten. Grote verbouwingen doen we niet; dan verwijzen we u naar een "
      "vakman.", phone="06 55 44 33 22"),
    S("klusteam_lv", "swog", "Klusteam Lichtenvoorde en de kerkdorpen", "algemeen", "aanmelden",
      ["instrumentele-adl"], ["ouderen"], ["geen"], [LV, LI, ZI, HA, VR, MA], [],
      "Gepensioneerde vakmensen helpen inwoners van Lichtenvoorde, Lievelde, Zieuwent, Harreveld, Vragender "
      "en Mariënvelde met kleine reparaties in huis en tuin, zoals het ophangen van een rookmelder of het "
      "plaatsen van een extra trapleuning. Vrijwillige bijdrage."),
    S("buurthulp_zi", "buurthulp_zi", "Buurthulp Zieuwent", "algemeen", "vrij-toegankelijk",
      ["instrumentele-adl", "sociaal-netwerk"], ["iedereen"], ["geen"], [ZI], [],
      "Buren helpen buren in Zieuwent: een boodschap meenemen, een ritje naar de huisarts, de hond "
      "uitlaten als u in het ziekenhuis ligt. Bel de coördinator; zij zoekt een dorpsgenoot die kan "
      "helpen.", phone="06 18 18 27 27"),
    S("tafeltje", "tafeltje", "Tafeltje-dek-je: warme maaltijden aan huis", "algemeen", "aanmelden",
      ["basale-adl", "instrumentele-adl"], ["ouderen"], ["geen"], ALL, [],
      "Lukt het koken niet meer zo goed? Vrijwilligers van Tafeltje-dek-je brengen drie of vijf keer per "
      "week een verse, warme maaltijd bij u thuis. U kiest zelf uit het menu; er zijn ook "
      "dieetmaaltijden (zoutarm, diabetes, gemalen). De vrijwilliger maakt meteen een praatje en ziet of "
      "alles goed met u gaat.", cost=(8.5, "Per maaltijd, inclusief bezorging")),
    S("eetpunt", "swog", "Samen aan tafel: eetpunt in Lichtenvoorde", "algemeen", "aanmelden",
      ["sociaal-netwerk", "basale-adl"], ["ouderen", "volwassenen"], ["geen"], [LV], ["swog_lv"],
      "Alleen eten is niet gezellig. Elke donderdag koken vrijwilligers een driegangenmenu in het "
      "Welzijnshuis. Voor € 7,- schuift u aan bij anderen uit het dorp. Graag een dag van tevoren "
      "opgeven.", sched=[("TH", "12:00", "13:30", "Gezamenlijke maaltijd")]),
    # ---------------------------------------------------------------- vervoer, hulpmiddelen, wonen
    S("regiotaxi", "regiotaxi", "Regiotaxi Achterhoek: van deur tot deur", "algemeen",
      "vrij-toegankelijk", ["maatschappelijke-participatie"], ["iedereen"], ["geen"], ALL, [],
      "De Regiotaxi is openbaar vervoer dat u thuis ophaalt en voor de deur afzet, binnen de "
      "Achterhoek. Iedereen mag ermee reizen, jong en oud, ook als u een rollator of rolstoel bij "
      "u heeft: de chauffeur helpt met in- en uitstappen. U betaalt een vast tarief per zone. Bel "
      "minstens een uur van tevoren om uw rit te bestellen; u deelt de taxi soms met andere "
      "reizigers.", phone="0900 00 00 000",
      cost=(None, "Vast tarief per zone, ongeveer gelijk aan de bus")),
    S("wmo_vervoer", "gem", "Wmo-vervoerspas voor de Regiotaxi", "maatwerk",
      "beschikking-gemeente", ["maatschappelijke-participatie"], ["ouderen", "mensen-met-een-beperking"],
      ["wmo"], ALL, ["gem_hal"],
      "Kunt u door een beperking of ziekte niet met de bus of de trein reizen, en is er niemand die u "
      "kan rijden? Dan kunt u bij het Sociaal Team een Wmo-vervoerspas aanvragen. Met de pas reist u "
      "met de Regiotaxi tegen een lager tarief en mag u een begeleider gratis meenemen. Een consulent "
      "bespreekt eerst met u hoe u nu reist en wat er in uw omgeving mogelijk is. U krijgt een "
      "schriftelijk besluit; het aantal kilometers per jaar staat op de pas."),
    S("automaatje", "swog", "ANWB AutoMaatje Oost Gelre", "algemeen", "aanmelden",
      ["maatschappelijke-participatie", "sociaal-netwerk"], ["ouderen", "mensen-met-een-beperking"],
      ["geen"], ALL, [],
      "Kunt u niet meer zelf autorijden en is het openbaar vervoer lastig? Een vrijwillige chauffeur van "
      "AutoMaatje brengt u met zijn eigen auto naar de dokter, het ziekenhuis in Winterswijk of "
      "Doetinchem, de kapper of op familiebezoek. Bel minstens twee werkdagen van tevoren.",
      cost=(0.35, "Per gereden kilometer, te betalen aan de chauffeur"), phone="0544 35 80 30"),
    S("rolstoelbus", "rolstoelbus", "Rolstoelbus Samen Onderweg", "algemeen", "aanmelden",
      ["maatschappelijke-participatie"], ["mensen-met-een-beperking"], ["geen"], ALL, [],
      "Onze aangepaste bus met lift is er voor mensen die in een rolstoel zitten. Verenigingen, "
      "zorginstellingen en families kunnen de bus met vrijwillige chauffeur huren, bijvoorbeeld voor een "
      "dagje uit, een bruiloft of een bezoek aan het kerkhof. Ritprijs op aanvraag."),
    S("wmo_woon", "gem", "Woningaanpassing (Wmo): traplift, douche en drempels", "maatwerk",
      "beschikking-gemeente", ["basale-adl", "huisvesting"], ["mensen-met-een-beperking", "ouderen"],
      ["wmo"], ALL, ["gem_hal"],
      "Heeft u door een beperking een aanpassing in huis nodig, zoals een traplift, een verhoogd toilet, "
      "een aangepaste douche of het verwijderen van drempels? Meld u dan bij het Sociaal Team. Een "
      "consulent en zo nodig een ergotherapeut bekijken met u wat een goede oplossing is. Soms is "
      "verhuizen naar een gelijkvloerse woning beter. Kleine losse hulpmiddelen, zoals een douchekruk, "
      "een toiletverhoger of beugels, koopt u zelf bij de thuiszorgwinkel; die vallen niet onder de Wmo."),
    S("wmo_mobiel", "gem", "Scootmobiel, rolstoel en andere vervoermiddelen (Wmo)", "maatwerk",
      "beschikking-gemeente", ["maatschappelijke-participatie", "lichamelijke-gezondheid"],
      ["mensen-met-een-beperking", "ouderen"], ["wmo"], ALL, ["gem_hal"],
      "Kunt u door een beperking niet meer lopend of op de fiets naar de winkel, de kerk of familie in "
      "het dorp? Dan kan een scootmobiel, een driewielfiets of een rolstoel voor dagelijks gebruik "
      "uitkomst bieden. Meld u bij het Sociaal Team. Na een gesprek thuis, en zo nodig een advies van "
      "een ergotherapeut, besluit de gemeente of u een vervoermiddel in bruikleen krijgt. Een rolstoel "
      "voor een paar weken, bijvoorbeeld na een operatie, leent u bij de thuiszorgwinkel."),
    S("thuiszorgwinkel", "wijkzorg", "Thuiszorgwinkel en uitleen van hulpmiddelen", "voorliggend",
      "vrij-toegankelijk", ["basale-adl", "lichamelijke-gezondheid"], ["iedereen"], ["zvw"], ALL,
      ["wijkzorg_lv"],
      "In de thuiszorgwinkel kunt u hulpmiddelen lenen voor een korte periode, bijvoorbeeld na een "
      "operatie: krukken, een rolstoel, een douchekruk, een hoog-laagbed of een toiletverhoger. Lenen is "
      "meestal gratis tot 26 weken; de zorgverzekeraar betaalt. U kunt ook hulpmiddelen kopen, zoals een "
      "rollator, een grijper of aangepast bestek.",
      sched=[("MO,TU,WE,TH,FR", "09:00", "17:00", "Winkel open")]),
    S("woonconsulent", "swog", "Vrijwillige woonconsulent: veilig en langer thuis wonen", "algemeen",
      "aanmelden", ["huisvesting"], ["ouderen"], ["geen"], ALL, [],
      "Hoe kunt u zo lang mogelijk prettig en veilig in uw eigen huis blijven wonen? Een vrijwillige "
      "woonconsulent komt langs en loopt samen met u door het huis. Waar kunt u struikelen? Zijn de "
      "drempels te hoog, is er genoeg licht, kunt u goed de trap op? U krijgt tips en een overzicht van "
      "kleine en grote aanpassingen en wie daarbij kan helpen. Het bezoek is gratis."),
    S("woningcorporatie", "woon", "Een huurwoning zoeken en urgentie", "algemeen", "vrij-toegankelijk",
      ["huisvesting"], ["iedereen"], ["geen"], ALL, ["woon_lv"],
      "Op zoek naar een sociale huurwoning in Groenlo, Lichtenvoorde of een van de dorpen? U schrijft "
      "zich in via het woonruimteverdeelsysteem en reageert op het woningaanbod. In bijzondere situaties, "
      "bijvoorbeeld na een scheiding met kinderen of bij ernstige medische problemen, kunt u een "
      "urgentieverklaring aanvragen. Heeft u moeite met het betalen van de huur? Neem dan snel contact op "
      "met onze huurconsulent. Samen zoeken we een oplossing voordat de achterstand te groot wordt."),
    S("oggz", "gem", "Bemoeizorg en hulp bij dakloosheid (OGGZ)", "voorliggend", "aanmelden",
      ["huisvesting", "geestelijke-gezondheid"], ["volwassenen"], ["wmo"], ALL, [],
      "Heeft u geen vaste woon- of verblijfplaats, slaapt u bij vrienden of in de auto, of dreigt u uw "
      "huis kwijt te raken? Of maakt u zich zorgen over iemand die verward is of zichzelf verwaarloost? "
      "Meld het bij het Meldpunt Zorg en Overlast. Een OGGZ-medewerker zoekt de persoon op en helpt met "
      "een plek in de nachtopvang in Doetinchem of Winterswijk, een briefadres, een uitkering en zorg. "
      "Bel op werkdagen; buiten kantoortijd belt u bij acute nood de politie.", phone="0544 39 12 99"),
    S("beschermd_wonen", "anker", "Beschermd en begeleid wonen Het Anker", "maatwerk",
      "beschikking-gemeente", ["huisvesting", "geestelijke-gezondheid"], ["volwassenen"], ["wmo"], ALL,
      ["anker_lv"],
      "In Het Anker in Lichtenvoorde wonen volwassenen met een psychiatrische aandoening die (nog) niet "
      "zelfstandig kunnen wonen. Iedere bewoner heeft een eigen appartement; begeleiders zijn 24 uur per "
      "dag bereikbaar. Samen werken we aan herstel en aan de stap naar zelfstandig wonen met ambulante "
      "begeleiding. Voor beschermd wonen is een indicatie van de centrumgemeente nodig; het Sociaal Team "
      "helpt met de aanvraag."),
    S("lindehof", "linde", "Woonzorgcentrum De Lindehof", "voorliggend", "aanmelden",
      ["basale-adl", "huisvesting"], ["ouderen"], ["wlz"], ALL, ["linde_gr"],
      "De Lindehof in Groenlo biedt verpleeghuiszorg aan ouderen die niet meer thuis kunnen wonen, met "
      "kleinschalige woongroepen voor mensen met dementie. Voor een plaats heeft u een Wlz-indicatie van "
      "het CIZ nodig. Het restaurant is open voor ouderen uit de buurt: zij kunnen hier tussen de middag "
      "warm eten.", cost=(9.5, "Warme middagmaaltijd in het restaurant")),
    # ---------------------------------------------------------------- gezondheid en zorg
    S("wijkverpleging", "wijkzorg", "Wijkverpleging en persoonlijke verzorging thuis", "voorliggend",
      "aanmelden", ["lichamelijke-gezondheid", "basale-adl"], ["ouderen", "volwassenen"], ["zvw"], ALL,
      [],
      "Hulp bij wassen en aankleden, steunkousen aantrekken, medicijnen, wondzorg of zorg na een "
      "ziekenhuisopname: onze wijkverpleegkundigen komen bij u thuis in heel Oost Gelre. De "
      "wijkverpleegkundige bepaalt samen met u welke zorg nodig is. Wijkverpleging valt onder de "
      "basisverzekering; u heeft geen verwijzing nodig en betaalt geen eigen risico. Ook 's nachts "
      "bereikbaar.", phone="0544 48 48 48"),
    S("inbalans", "fysio", "Cursus In Balans: valpreventie voor ouderen", "algemeen", "aanmelden",
      ["lichamelijke-gezondheid"], ["ouderen"], ["zvw"], ALL, ["fysio_gr"],
      "Bent u bang om te vallen, of bent u het afgelopen jaar gevallen? In de cursus In Balans oefent u "
      "in een groep met evenwicht, kracht en opstaan na een val. De cursus duurt tien weken en wordt "
      "gegeven door fysiotherapeuten. Veel zorgverzekeraars vergoeden de cursus uit de aanvullende "
      "verzekering. Vraag de huisarts of de fysiotherapeut om een valrisicotest."),
    S("gli", "huisartsen", "Samen Gezond: gecombineerde leefstijlinterventie (GLI)", "voorliggend",
      "verwijzing-huisarts", ["lichamelijke-gezondheid"], ["volwassenen"], ["zvw"], ALL, ["hc_gr"],
      "Wilt u afvallen en gezonder leven, maar lukt het niet alleen? In het programma Samen Gezond werkt "
      "u twee jaar lang in een groep en individueel met een leefstijlcoach aan gezonder eten, meer "
      "bewegen en beter slapen. Voor volwassenen met overgewicht en een verhoogd risico op bijvoorbeeld "
      "diabetes of hart- en vaatziekten. Met een verwijzing van de huisarts wordt het vergoed uit de "
      "basisverzekering, zonder eigen risico."),
    S("stoppen_roken", "huisartsen", "Stoppen met roken: groepstraining", "algemeen", "aanmelden",
      ["middelengebruik", "lichamelijke-gezondheid"], ["volwassenen"], ["zvw"], ALL, ["hc_gr"],
      "Wilt u stoppen met roken of vapen? In het gezondheidscentrum start elke maand een groepstraining "
      "van zes weken. Begeleiding bij stoppen wordt één keer per jaar vergoed, zonder eigen risico."),
    S("buurtsportcoach", "sportbedrijf", "Buurtsportcoaches: sport en bewegen voor iedereen", "algemeen",
      "vrij-toegankelijk", ["lichamelijke-gezondheid", "tijdsbesteding"], ["iedereen"], ["geen"], ALL, [],
      "Wilt u meer bewegen, maar weet u niet hoe of waar? De buurtsportcoaches helpen kinderen, "
      "volwassenen en ouderen op weg naar een passende sport of beweeggroep. Ze organiseren naschoolse "
      "sportactiviteiten in alle kernen, walking football, beweegmiddagen voor ouderen en sporten voor "
      "mensen met een beperking. Ook bij overgewicht, na een revalidatie of als u het in uw eentje "
      "lastig vindt om te beginnen, denken ze mee."),
    S("gsport", "gsport", "G-sport: voetbal, zwemmen en boccia voor mensen met een beperking", "algemeen",
      "aanmelden", ["lichamelijke-gezondheid", "tijdsbesteding"], ["mensen-met-een-beperking"], ["geen"],
      ALL, ["gsport_gr"],
      "Bij Stichting G-Sport Achterhoek sporten kinderen en volwassenen met een verstandelijke of "
      "lichamelijke beperking, autisme of een chronische ziekte. We hebben G-voetbal op sportpark De Mars "
      "in Groenlo, boccia in de sporthal in Lichtenvoorde en een zwemclub met extra begeleiding. "
      "Proeftrainingen zijn gratis. Via het platform Uniek Sporten vindt u nog meer aangepaste sporten in "
      "de regio."),
    S("zwembad", "zwembad", "Aangepast en medisch zwemmen", "algemeen", "vrij-toegankelijk",
      ["lichamelijke-gezondheid"], ["iedereen"], ["geen"], ALL, ["zwembad_lv"],
      "Naast recreatief zwemmen en zwemles zijn er uren met extra warm water: therapeutisch zwemmen voor "
      "mensen met reuma, MS of rugklachten, en zwemmen voor ouderen. Er is een tillift en een aangepaste "
      "kleedruimte."),
    # ---------------------------------------------------------------- jeugd en gezin
    S("jongerenwerk", "swog", "Jongerenwerk Oost Gelre", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding", "sociaal-netwerk"], ["jongeren"], ["geen"], ALL, ["swog_jc"],
      "Onze jongerenwerkers zijn er voor alle jongeren van 10 tot 23 jaar. Je vindt ze op straat, op "
      "school, op de hangplekken en in de jongerencentra in Groenlo en Lichtenvoorde. Ze organiseren "
      "activiteiten samen met jongeren, helpen bij vragen over school, werk, geld, relaties, alcohol en "
      "drugs, en bemiddelen bij overlast. Je kunt ze ook via Instagram en Snapchat bereiken. Ouders met "
      "zorgen over hun kind kunnen ook contact opnemen.", phone="06 30 30 40 40"),
    S("pakhuus", "pakhuus", "Jongerencentrum 't Pakhuus", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding"], ["jongeren"], ["geen"], [GR], ["pakhuus_gr"],
      "Chillen, gamen, poolen of muziek maken in je eigen ruimte. 't Pakhuus in Groenlo is open op "
      "woensdagmiddag voor tieners (10-14) en op vrijdag- en zaterdagavond voor jongeren vanaf 14. "
      "Alcohol- en rookvrij. Er is altijd een jongerenwerker aanwezig.",
      sched=[("WE", "14:00", "17:00", "Tieners"), ("FR,SA", "19:30", "23:30", "Vanaf 14 jaar")]),
    S("jgz", "ggd", "Jeugdgezondheidszorg en consultatiebureau", "voorliggend", "vrij-toegankelijk",
      ["lichamelijke-gezondheid", "huiselijke-relaties"], ["kinderen", "ouders"], ["geen"], ALL,
      ["ggd_gr", "ggd_lv"],
      "De jeugdverpleegkundigen en jeugdartsen van de GGD volgen de groei en ontwikkeling van alle "
      "kinderen van 0 tot 18 jaar. Op het consultatiebureau wordt uw baby gewogen, gemeten en "
      "gevaccineerd. U kunt er ook terecht met vragen over voeding, slapen, huilen, zindelijkheid en "
      "opvoeden. Op de basisschool en in de tweede klas van de middelbare school zien we uw kind "
      "opnieuw. Via de JGZ-app of telefonisch kunt u ook een vraag stellen."),
    S("cjg", "cjg", "Centrum voor Jeugd en Gezin: opgroeien en opvoeden", "algemeen", "vrij-toegankelijk",
      ["huiselijke-relaties"], ["ouders", "kinderen", "jongeren"], ["jeugdwet"], ALL, ["cjg_gr"],
      "Heeft u een vraag over de opvoeding of maakt u zich zorgen over uw kind? Bij het CJG kunt u "
      "vrijblijvend bellen, mailen of langskomen. Een pedagoog denkt mee over bijvoorbeeld driftbuien, "
      "grenzen stellen, de puberteit, scheiden of gamen. Soms is één gesprek al genoeg. Het CJG "
      "organiseert ook cursussen en thema-avonden voor ouders.", phone="0544 39 14 40"),
    S("triplep", "cjg", "Cursus Positief Opvoeden (Triple P)", "algemeen", "aanmelden",
      ["huiselijke-relaties"], ["ouders"], ["jeugdwet"], ALL, ["cjg_gr"],
      "In vier bijeenkomsten leert u met een klein groepje ouders praktische manieren om goed gedrag te "
      "stimuleren en lastig gedrag te voorkomen. Voor ouders van kinderen van 2 tot 12 jaar. Gratis, "
      "aanmelden via het CJG."),
    S("jeugdteam", "gem", "Jeugd- en gezinsteam Oost Gelre", "voorliggend", "aanmelden",
      ["huiselijke-relaties", "geestelijke-gezondheid"], ["kinderen", "jongeren", "ouders"], ["jeugdwet"],
      ALL, ["gem_hal"],
      "Voor gezinnen waar meer aan de hand is dan een gewone vraag over opvoeden. Denk aan een kind met "
      "ernstige gedragsproblemen, autisme of ADHD, een kind dat niet naar school gaat, of spanningen "
      "thuis na een scheiding. Een jeugd- en gezinscoach bespreekt met u wat er nodig is en kan zelf "
      "kortdurend begeleiden. Is meer nodig, dan regelt het team jeugdhulp, zoals ambulante begeleiding, "
      "dagbehandeling of een logeeradres. Het team werkt samen met de huisarts en de scholen."),
    S("kompas", "kompas", "Ambulante jeugdhulp en gezinsbehandeling", "maatwerk", "verwijzing-huisarts",
      ["huiselijke-relaties", "geestelijke-gezondheid"], ["kinderen", "jongeren", "ouders"], ["jeugdwet"],
      ALL, ["kompas_lv"],
      "Het Kompas biedt ambulante jeugdhulp en behandeling bij gedragsproblemen, angst, somberheid, "
      "hechtingsproblemen en trauma bij kinderen en jongeren tot 18 jaar. Onze gezinsbehandelaars werken "
      "bij u thuis en in de praktijk in Lichtenvoorde, met het hele gezin. U heeft een verwijzing nodig "
      "van de huisarts of de jeugdarts, of een beschikking van het jeugd- en gezinsteam. De wachttijd is "
      "nu ongeveer zes weken."),
    S("kies", "swog", "KIES-groep voor kinderen van gescheiden ouders", "algemeen", "aanmelden",
      ["huiselijke-relaties"], ["kinderen"], ["jeugdwet"], ALL, ["swog_gr"],
      "Als je ouders uit elkaar gaan, verandert er veel. In een KIES-groep praat je met andere kinderen "
      "van 8 tot 12 jaar die hetzelfde meemaken, door te tekenen, spelletjes te doen en te praten. Acht "
      "bijeenkomsten na schooltijd, onder begeleiding van een schoolmaatschappelijk werker. Beide ouders "
      "moeten toestemming geven."),
    S("smw", "swog", "Schoolmaatschappelijk werk", "algemeen", "vrij-toegankelijk",
      ["huiselijke-relaties", "geestelijke-gezondheid"], ["kinderen", "jongeren", "ouders"], ["jeugdwet"],
      ALL, [],
      "Op alle basisscholen en de middelbare scholen in Groenlo en Lichtenvoorde is een "
      "schoolmaatschappelijk werker aanwezig. Leerlingen en ouders kunnen bij haar terecht als het thuis "
      "of op school niet lekker loopt: bij pesten, verdriet om een scheiding of een overlijden, weinig "
      "zelfvertrouwen of ruzie thuis. Zij luistert, geeft advies en verwijst zo nodig door. Vraag de "
      "leerkracht of de intern begeleider naar de spreekuren."),
    S("peuteropvang", "peuter", "Peuteropvang De Speulhoek", "algemeen", "aanmelden",
      ["werk-en-opleiding"], ["kinderen", "ouders"], ["onderwijs"], [LV, VR, HA], ["peuter_lv"],
      "Peuters van 2 tot 4 jaar spelen twee ochtenden per week met leeftijdsgenootjes en worden goed "
      "voorbereid op de basisschool. Kinderen met een taalachterstand kunnen via het consultatiebureau "
      "een VVE-indicatie krijgen; zij komen vier ochtenden. Ouders betalen naar inkomen; werkende ouders "
      "kunnen kinderopvangtoeslag krijgen."),
    S("halt", "halt", "Halt: een tweede kans na een overtreding", "voorliggend", "aanmelden",
      ["justitie"], ["jongeren"], ["geen"], ALL, [],
      "Jongeren van 12 tot 18 jaar die voor het eerst iets strafbaars doen, zoals winkeldiefstal, "
      "vernieling, vuurwerk afsteken of spijbelen, kunnen door de politie of de leerplichtambtenaar naar "
      "Halt worden gestuurd. In plaats van een strafblad krijg je een gesprek en een leeropdracht, en maak "
      "je het goed met het slachtoffer. Ook ouders worden betrokken. Halt geeft daarnaast voorlichting op "
      "scholen, bijvoorbeeld over online pesten en sexting."),
    # ---------------------------------------------------------------- psychisch, verslaving
    S("poh_ggz", "huisartsen", "POH-GGZ bij de huisarts", "voorliggend", "verwijzing-huisarts",
      ["geestelijke-gezondheid"], ["volwassenen", "jongeren"], ["zvw"], ALL, ["hc_gr", "hc_lv"],
      "Voelt u zich somber, angstig of gestrest, of zit u niet lekker in uw vel? Bespreek het met uw "
      "huisarts. Vaak kunt u daarna terecht bij de praktijkondersteuner GGZ (POH-GGZ) in de eigen "
      "huisartsenpraktijk. In een paar gesprekken zet u uw klachten op een rij en leert u ermee omgaan. "
      "Er is ook online zelfhulp. De gesprekken worden vergoed en gaan niet van het eigen risico af. Is "
      "meer nodig, dan verwijst de POH u door naar een psycholoog."),
    S("psychologen", "psy", "Psychologische behandeling (basis-ggz)", "voorliggend", "verwijzing-huisarts",
      ["geestelijke-gezondheid"], ["volwassenen"], ["zvw"], ALL, ["psy_gr"],
      "Wij behandelen volwassenen met lichte tot matige psychische klachten, zoals depressie, angst- en "
      "paniekklachten, burn-out, rouw en trauma. We werken met cognitieve gedragstherapie, EMDR en online "
      "modules. Voor behandeling in de generalistische basis-ggz heeft u een verwijzing van de huisarts "
      "nodig; de zorgverzekeraar vergoedt de kosten (eigen risico geldt)."),
    S("ambulante_begeleiding", "thuisindewijk", "Ambulante begeleiding thuis (Wmo)", "maatwerk",
      "beschikking-gemeente", ["geestelijke-gezondheid", "instrumentele-adl", "huisvesting"],
      ["volwassenen", "mensen-met-een-beperking"], ["wmo"], ALL, [],
      "Stichting Thuis in de Wijk begeleidt volwassenen die door psychische problemen, een licht "
      "verstandelijke beperking (LVB), autisme of niet-aangeboren hersenletsel moeite hebben met het "
      "dagelijks leven. Een vaste begeleider komt bij u thuis en helpt met structuur in de week, post en "
      "geldzaken, het huishouden, contacten met instanties en het opbouwen van een netwerk. Hiervoor is "
      "een Wmo-beschikking van de gemeente nodig."),
    S("herstelcafe", "ggz", "Herstelcafé: ontmoeten met ervaringsdeskundigen", "algemeen",
      "vrij-toegankelijk", ["geestelijke-gezondheid", "sociaal-netwerk"], ["volwassenen"], ["geen"], ALL,
      ["ggz_lv"],
      "Het Herstelcafé is een plek voor mensen met psychische kwetsbaarheid, een verslaving of een "
      "moeilijke periode achter de rug. Hier word je niet behandeld: ervaringsdeskundigen en bezoekers "
      "helpen elkaar. Elke maandagmiddag koffie, een herstelgroep en creatieve activiteiten. Ook naasten "
      "zijn welkom. Iedereen mag binnenlopen, ook zonder diagnose.",
      sched=[("MO", "13:30", "16:30", "Herstelcafé")]),
    S("amw", "swog", "Algemeen maatschappelijk werk", "algemeen", "vrij-toegankelijk",
      ["huiselijke-relaties", "financien", "geestelijke-gezondheid"], ["volwassenen"], ["geen"], ALL,
      ["swog_lv", "swog_gr"],
      "Loopt het even niet in uw leven? Maatschappelijk werkers helpen bij allerlei persoonlijke "
      "problemen: spanningen in uw relatie of gezin, een scheiding, zorgen over geld, het verlies van uw "
      "werk of van een dierbare, eenzaamheid of problemen met instanties. U krijgt een aantal gesprekken, "
      "op kantoor of bij u thuis. Het is gratis en u heeft geen verwijzing nodig. Wij werken in Groenlo, "
      "Lichtenvoorde en de kerkdorpen.", phone="0544 35 80 00"),
    S("sociaal_team", "gem", "Sociaal Team Oost Gelre: één loket voor zorg, jeugd, werk en inkomen",
      "voorliggend", "vrij-toegankelijk",
      ["instrumentele-adl", "huiselijke-relaties", "financien", "werk-en-opleiding"], ["iedereen"],
      ["wmo", "jeugdwet", "participatiewet"], ALL, ["gem_hal"],
      "Heeft u een vraag over zorg, ondersteuning, opvoeden, werk of inkomen, en weet u niet waar u moet "
      "beginnen? Het Sociaal Team is het loket van de gemeente. Een consulent luistert naar uw verhaal, "
      "kijkt wat u zelf en uw omgeving kunnen doen en zoekt met u naar een oplossing. Voor een "
      "Wmo-voorziening of jeugdhulp doen wij het onderzoek. U kunt zich laten bijstaan door een "
      "onafhankelijke cliëntondersteuner. Na het gesprek krijgt u een verslag; daarin staat wat we "
      "hebben afgesproken. Bent u het niet eens met het besluit dat daarop volgt, dan kunt u binnen zes "
      "weken bezwaar maken. Wij gaan zorgvuldig om met uw gegevens en delen alleen met uw toestemming "
      "informatie met andere hulpverleners. Bij spoed, bijvoorbeeld als iemand plotseling niet meer "
      "alleen thuis kan blijven, zoeken we dezelfde dag naar een oplossing. Bereikbaar op werkdagen van "
      "8.30 tot 12.30 uur; 's middags op afspraak.",
      phone="0544 39 12 00"),
    S("mee", "mee", "Onafhankelijke cliëntondersteuning door MEE", "algemeen", "vrij-toegankelijk",
      ["maatschappelijke-participatie"], ["mensen-met-een-beperking", "mantelzorgers"], ["wmo"], ALL, [],
      "Leeft u met een verstandelijke, lichamelijke of psychische beperking, autisme of een chronische "
      "ziekte? Of zorgt u voor iemand met een beperking? Een cliëntondersteuner van MEE helpt u de weg te "
      "vinden in zorg, onderwijs, werk en regelingen. Wij bereiden samen met u het gesprek met de "
      "gemeente voor, gaan mee naar dat gesprek en helpen bij een Wlz-aanvraag of een bezwaar. "
      "Cliëntondersteuning is gratis en onafhankelijk van de gemeente."),
    S("verslavingszorg", "verslaving", "Verslavingszorg: polikliniek Groenlo", "voorliggend",
      "verwijzing-huisarts", ["middelengebruik"], ["volwassenen", "jongeren"], ["zvw"], ALL,
      ["verslaving_gr"],
      "Drinkt, gebruikt, gokt of gamet u meer dan u wilt? Onze polikliniek in Groenlo behandelt problemen "
      "met alcohol, drugs, medicijnen, gokken en gamen. Wij bieden individuele gesprekken, groepstherapie, "
      "medische begeleiding bij het afkicken en online hulp. Voor behandeling is een verwijzing van de "
      "huisarts nodig. Wilt u eerst anoniem advies, bel dan onze adviestelefoon; ook naasten kunnen "
      "bellen.", phone="088 000 11 22"),
    S("preventie", "verslaving", "Preventie: alcohol, roken, blowen en jongeren", "algemeen",
      "vrij-toegankelijk", ["middelengebruik"], ["jongeren", "ouders"], ["geen"], ALL, [],
      "Onze preventiewerkers geven voorlichting aan scholen, sportclubs en ouders over alcohol, vapen, "
      "cannabis en andere drugs. Maakt u zich zorgen over uw zoon of dochter? Bel of mail dan voor een "
      "gratis adviesgesprek. Jongeren die experimenteren kunnen een paar gesprekken krijgen met een "
      "jongerenconsulent, zonder dat er een dossier wordt aangelegd."),
    S("aa", "aa", "AA Lichtenvoorde (Anonieme Alcoholisten)", "algemeen", "vrij-toegankelijk",
      ["middelengebruik"], ["volwassenen"], ["geen"], ALL, ["aa_lv"],
      "Zelfhulpgroep voor mannen en vrouwen die willen stoppen met drinken. Elke woensdagavond om 20.00 "
      "uur in de parochiezaal. Aanmelden is niet nodig en u blijft anoniem.",
      sched=[("WE", "20:00", "21:30", "Bijeenkomst")]),
    # ---------------------------------------------------------------- veiligheid en recht
    S("veilig_thuis", "veiligthuis", "Veilig Thuis: advies- en meldpunt huiselijk geweld en kindermishandeling",
      "algemeen", "vrij-toegankelijk", ["huiselijke-relaties", "justitie"], ["iedereen"], ["wmo"], ALL,
      [],
      "Wordt u thuis bedreigd, geslagen, vernederd of gecontroleerd? Maakt u zich zorgen over een kind, "
      "een oudere of een buurvrouw? Bel Veilig Thuis, gratis en dag en nacht: 0800-2000. U kunt anoniem "
      "advies vragen of een melding doen. Veilig Thuis onderzoekt de situatie en zorgt dat er hulp komt. "
      "Bij direct gevaar belt u 112. Information in English and other languages is on our website.",
      phone="0800 2000", langs=["nl", "en"]),
    S("blijfhuis", "blijf", "Opvang en ambulante hulp bij huiselijk geweld", "maatwerk", "aanmelden",
      ["huiselijke-relaties", "huisvesting"], ["volwassenen", "kinderen"], ["wmo"], ALL, [],
      "Als het thuis niet meer veilig is, kunt u met uw kinderen tijdelijk terecht in een van onze "
      "opvanghuizen in Oost-Gelderland. Het adres is geheim. Wij bieden ook ambulante hulp aan wie thuis "
      "blijft wonen, en hulp aan plegers die willen stoppen met geweld. Aanmelden kan via Veilig Thuis, "
      "de politie, het Sociaal Team of rechtstreeks via onze 24-uursdienst."),
    S("buurtbemiddeling", "swog", "Buurtbemiddeling Oost Gelre", "algemeen", "aanmelden",
      ["sociaal-netwerk", "huisvesting"], ["iedereen"], ["geen"], ALL, [],
      "Last van harde muziek, een blaffende hond, een overhangende boom of onenigheid over parkeren? "
      "Getrainde vrijwillige bemiddelaars helpen buren om samen een oplossing te vinden. Wij kiezen geen "
      "partij. Eerst praten we met beide buren apart, daarna organiseren we een gesprek op een neutrale "
      "plek. Gratis en vertrouwelijk."),
    S("slachtofferhulp", "slachtofferhulp", "Slachtofferhulp", "algemeen", "vrij-toegankelijk",
      ["justitie", "geestelijke-gezondheid"], ["iedereen"], ["geen"], ALL, [],
      "Bent u slachtoffer of getuige van een misdrijf, verkeersongeluk of calamiteit, zoals een inbraak, "
      "mishandeling, oplichting of stalking? Slachtofferhulp biedt gratis emotionele steun, praktische "
      "hulp bij formulieren en juridisch advies, bijvoorbeeld bij het verhalen van schade op de dader of "
      "tijdens een strafzaak."),
    S("juridisch_loket", "jl", "Gratis juridisch advies van Het Juridisch Loket", "algemeen",
      "vrij-toegankelijk", ["justitie"], ["iedereen"], ["geen"], ALL, ["jl_lv"],
      "Heeft u een juridisch probleem, bijvoorbeeld met uw huisbaas, werkgever, een webwinkel, een "
      "ontslag of een scheiding? Het Juridisch Loket geeft gratis advies en verwijst u zo nodig door naar "
      "een advocaat of mediator. Met een laag inkomen kunt u gesubsidieerde rechtsbijstand krijgen (een "
      "toevoeging). Eens per twee weken is er een spreekuur in het gemeentehuis in Lichtenvoorde; verder "
      "telefonisch en online."),
    S("nazorg_detentie", "gem", "Nazorg na detentie", "voorliggend", "aanmelden",
      ["justitie", "huisvesting", "werk-en-opleiding"], ["volwassenen"], ["geen"], ALL, [],
      "Komt u binnenkort vrij uit de gevangenis en gaat u in Oost Gelre wonen? De nazorgcoördinator van "
      "de gemeente helpt u al vóór uw vrijlating met de basis: een identiteitsbewijs, onderdak, inkomen, "
      "schulden en zorg. Zo kunt u een goede start maken. De reclassering, het Sociaal Team en de "
      "woningcorporatie werken hierbij samen. Ook familieleden kunnen contact opnemen."),
    # ---------------------------------------------------------------- dagbesteding en vrije tijd
    S("werkschuur", "werkschuur", "Dagbesteding De Werkschuur", "maatwerk", "beschikking-gemeente",
      ["tijdsbesteding", "maatschappelijke-participatie"], ["mensen-met-een-beperking", "volwassenen"],
      ["wmo", "wlz"], ALL, ["werkschuur_li"],
      "In De Werkschuur in Lievelde werken volwassenen met een verstandelijke beperking, psychische "
      "problemen of niet-aangeboren hersenletsel in de houtwerkplaats, de kringloopwinkel of de tuin. We "
      "bieden een zinvolle dag, structuur en collega's. Begeleiders zorgen dat iedereen werk doet dat "
      "past. U heeft een Wmo-indicatie van de gemeente nodig (of een Wlz-indicatie). Vervoer kan worden "
      "geregeld."),
    S("zorgboerderij", "hilgenhof", "Zorgboerderij 't Hilgenhof", "maatwerk", "beschikking-gemeente",
      ["tijdsbesteding"], ["ouderen", "jongeren", "mensen-met-een-beperking"], ["wmo", "jeugdwet", "wlz"],
      ALL, ["hilgenhof_ha"],
      "Op onze melkveehouderij in Harreveld helpen deelnemers mee met het voeren van de kalveren, het "
      "verzorgen van de kippen en in de moestuin. Er is een groep voor ouderen met dementie (dinsdag en "
      "donderdag) en een groep voor jongeren met autisme of gedragsproblemen die (tijdelijk) niet naar "
      "school gaan. Dagbesteding met een indicatie vanuit de Wmo, de Jeugdwet of de Wlz; ook met een "
      "persoonsgebonden budget (pgb)."),
    S("bloemenkamer", "bloemenkamer", "Dagactiviteiten De Bloemenkamer (zonder indicatie)", "algemeen",
      "vrij-toegankelijk", ["tijdsbesteding", "sociaal-netwerk"], ["ouderen"], ["wmo"], [VR, LV, LI],
      ["vr_bloemenkamer"],
      "Voor ouderen die overdag graag onder de mensen zijn en iets willen doen, maar (nog) geen zware "
      "zorg nodig hebben. Twee ochtenden per week knutselen, geheugenspelletjes, bewegen op muziek en een "
      "warme lunch in het dorpshuis van Vragender. Vrijwilligers begeleiden, een welzijnswerker "
      "coördineert. U heeft geen indicatie nodig.",
      cost=(6.0, "Per ochtend, inclusief lunch"), sched=[("TU,FR", "09:30", "13:30", "Ochtendprogramma")]),
    S("repaircafe", "repair", "Repair Café Groenlo", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding"], ["iedereen"], ["geen"], ALL, ["repair_gr"],
      "Kapot? Niet meteen weggooien! Elke eerste zaterdag van de maand repareren vrijwilligers samen met u "
      "kleding, lampen, koffiezetapparaten, fietsen en speelgoed. Gratis; een vrijwillige bijdrage mag."),
    # ---------------------------------------------------------------- digitaal
    S("digicafe", "bieb", "Digicafé: hulp bij uw telefoon, tablet en computer", "algemeen",
      "vrij-toegankelijk", ["maatschappelijke-participatie", "instrumentele-adl"], ["ouderen", "iedereen"],
      ["geen"], ALL, ["bieb_lv"],
      "Weet u niet hoe u een app installeert, foto's doorstuurt of videobelt met de kleinkinderen? In het "
      "Digicafé helpen vrijwilligers u met uw eigen apparaat. Gratis, zonder afspraak, elke "
      "maandagmiddag in de bibliotheek in Lichtenvoorde.",
      sched=[("MO", "14:00", "16:00", "Digicafé")]),
    S("digisterker", "bieb", "Cursus Digisterker: werken met de digitale overheid", "algemeen",
      "aanmelden", ["maatschappelijke-participatie", "instrumentele-adl"], ["volwassenen"], ["geen"], ALL,
      ["bieb_gr"],
      "In vier lessen leert u hoe u DigiD gebruikt, inlogt bij MijnOverheid, berichten van de "
      "Belastingdienst leest en zorgtoeslag aanvraagt. De cursus is voor mensen die al een beetje met de "
      "computer kunnen werken. Gratis, maximaal acht deelnemers."),
    S("seniorweb", "seniorweb", "SeniorWeb Leerpunt Zieuwent", "algemeen", "aanmelden",
      ["maatschappelijke-participatie"], ["ouderen"], ["geen"], [ZI, MA], ["zi_seniorweb"],
      "Cursussen voor senioren in kleine groepjes en in een rustig tempo: WhatsApp, internetbankieren, "
      "veilig online. Op dinsdagochtend is er ook een inloopspreekuur voor vragen over uw laptop, "
      "smartphone of iPad.", sched=[("TU", "09:30", "11:30", "Inloopspreekuur")]),
    # ---------------------------------------------------------------- rouw
    S("rouwgroep", "rouw", "Rouwgroep Verder na Verlies", "algemeen", "aanmelden",
      ["geestelijke-gezondheid", "sociaal-netwerk"], ["volwassenen"], ["geen"], ALL, ["rouw_lv"],
      "Is uw partner, kind of ouder overleden? In onze gespreksgroep ontmoet u mensen die ook een dierbare "
      "hebben verloren. Onder leiding van een rouwbegeleider praten we in zes avonden over gemis, "
      "herinneringen en hoe het leven verdergaat. Individuele begeleiding is ook mogelijk.",
      cost=(25, "Voor de hele reeks van zes avonden")),
    # ---------------------------------------------------------------- NIET ACTIEF (nooit beoordelen)
    S("x_voedsel_gr", "voedselbank", "Uitgiftepunt voedselpakketten Groenlo", "voorliggend", "aanmelden",
      ["financien"], ["iedereen"], ["geen"], [GR], ["voedsel_gr_oud"],
      "Elke donderdagmiddag kunt u in de kerkzaal in Groenlo uw voedselpakket van de Voedselbank ophalen. "
      "Neem uw pasje en een stevige tas mee.", status="defunct"),
    S("x_schuldenwinkel", "schuldenwinkel", "Schuldenwinkel Lichtenvoorde", "algemeen",
      "vrij-toegankelijk", ["financien"], ["volwassenen"], ["geen"], ALL, ["schuldenwinkel_lv"],
      "Heeft u schulden of geldproblemen? In de Schuldenwinkel helpen vrijwilligers u gratis met een "
      "overzicht van uw schulden, een budgetplan en het bellen met schuldeisers. Loop binnen op "
      "dinsdagmiddag.", status="defunct"),
    S("x_taalcafe_lv", "taalcafe_lv", "Taalcafé Lichtenvoorde", "algemeen", "vrij-toegankelijk",
      ["maatschappelijke-participatie"], ["nieuwkomers"], ["geen"], [LV], ["taalcafe_lv"],
      "Nederlands oefenen met vrijwilligers, elke zaterdagochtend. Iedereen is welkom, alle niveaus.",
      status="inactive"),
    S("x_zonnebloembus", "zonnebloem", "Zonnebloembus: vervoer voor senioren en mensen met een rolstoel",
      "algemeen", "aanmelden", ["maatschappelijke-participatie"], ["ouderen", "mensen-met-een-beperking"],
      ["geen"], ALL, [],
      "Met onze aangepaste bus halen vrijwilligers ouderen en rolstoelgebruikers op voor een uitstapje, "
      "een bezoek aan het ziekenhuis of de markt. Bellen op werkdagen.", status="defunct"),
    S("x_mantelzorgwaardering", "gem", "Mantelzorgwaardering 2024 aanvragen", "algemeen", "aanmelden",
      ["sociaal-netwerk"], ["mantelzorgers"], ["wmo"], ALL, ["gem_hal"],
      "Als dank voor hun inzet krijgen mantelzorgers een cadeaubon van € 50,- die ze bij winkels in Oost "
      "Gelre kunnen besteden. Aanvragen kan tot 1 december 2024.", status="inactive"),
    S("x_jongerenhonk", "jongerenhonk", "Jongerenhonk Zieuwent", "algemeen", "vrij-toegankelijk",
      ["tijdsbesteding"], ["jongeren"], ["geen"], [ZI], ["zi_honk"],
      "Op vrijdagavond is de honk bij het sportveld open voor jongeren uit Zieuwent vanaf 14 jaar. "
      "Jongerenwerk komt regelmatig langs.", status="defunct"),
]


# =====================================================================================
# Additions for the referral set: lighter and heavier options side by side.
# =====================================================================================

ORGS.update({
    "ergo": dict(name="Ergotherapie Oost-Achterhoek", phone="0544 46 22 10",
                 description="Eerstelijnspraktijk voor ergotherapie, aan huis in heel Oost Gelre."),
    "alarm": dict(name="Zorgalarm Achterhoek", website="https://www.zorgalarmachterhoek.example",
                  description="Aanbieder van personenalarmering met een eigen meldkamer."),
    "versmaal": dict(name="Vers aan Huis Achterhoek", website="https://www.versaanhuis.example",
                     description="Bedrijf dat koelverse maaltijden bereidt en thuis bezorgt."),
    "swv": dict(name="Samenwerkingsverband Passend Onderwijs Oost-Achterhoek",
                description="Scholen voor primair en voortgezet onderwijs in de Oost-Achterhoek die "
                            "samen zorgen voor passend onderwijs."),
    "crisisjeugd": dict(name="Crisisdienst Jeugd Achterhoek", phone="0800 30 30 303",
                        description="Regionale 24-uursdienst voor acute crises rond kinderen en jongeren."),
    "opstap": dict(name="Stichting Op Eigen Benen",
                   description="Begeleid wonen en kamertraining voor jongeren in de Achterhoek."),
    "alanon": dict(name="Al-Anon Familiegroepen",
                   description="Zelfhulpgroepen voor familie en vrienden van mensen met een drankprobleem."),
    "luisterlijn": dict(name="De Luisterlijn", phone="088 0767 000",
                        description="Landelijke vrijwilligersorganisatie: een luisterend oor, dag en nacht."),
    "politie": dict(name="Politie Oost-Nederland, basisteam Achterhoek-Oost", phone="0900 8844",
                    description="De politie in Oost Gelre, met een wijkagent voor elke kern."),
    "relatie": dict(name="Praktijk Tweespraak",
                    description="Relatiecursussen en gesprekken voor stellen in de Achterhoek."),
})

LOCS.update({
    "ergo_gr": L("ergo", "Ergotherapie Oost-Achterhoek (praktijkruimte)", "Beemdstraat 1", "7141 GD",
                 GR, 52.0452, 6.6228, "Gelijkvloers"),
    "opstap_gr": L("opstap", "Kamertrainingshuis Op Eigen Benen", "Ruurloseweg 21", "7141 EV", GR,
                   52.0462, 6.6102),
    "relatie_lv": L("relatie", "Praktijk Tweespraak", "Dijkstraat 18", "7132 AS", LV, 51.9838, 6.5636),
})

SERVICES += [
    # ---------------------------------------------------------------- ouderen thuis
    S("ergotherapie", "ergo", "Ergotherapie aan huis", "voorliggend", "aanmelden",
      ["basale-adl", "instrumentele-adl", "lichamelijke-gezondheid"],
      ["ouderen", "volwassenen", "mensen-met-een-beperking", "kinderen"], ["zvw"], ALL, ["ergo_gr"],
      "Lukt wassen, aankleden, koken of het huishouden niet meer zoals vroeger, bijvoorbeeld na een "
      "beroerte, een val, of door reuma of MS? Een ergotherapeut komt bij u thuis en kijkt hoe u de "
      "dagelijkse dingen doet. U leert handige manieren om het zelf te blijven doen en krijgt advies "
      "over hulpmiddelen, zoals een douchestoel, een rollator of aangepast bestek, en over kleine "
      "aanpassingen in huis. De basisverzekering vergoedt tien uur ergotherapie per jaar (het eigen "
      "risico geldt). Een verwijzing van de huisarts is niet nodig: u kunt ons zelf bellen. Ook voor "
      "kinderen met problemen bij schrijven, aankleden of spelen.", phone="0544 46 22 10"),
    S("alarmering", "alarm", "Personenalarmering: met één druk op de knop hulp", "algemeen",
      "aanmelden", ["lichamelijke-gezondheid", "sociaal-netwerk"], ["ouderen", "mensen-met-een-beperking"],
      ["geen"], ALL, [],
      "Woont u alleen en bent u bang dat u valt en niemand u hoort? Met personenalarmering draagt u een "
      "halsalarm of polsband. Eén druk op de knop en u spreekt met onze meldkamer. Die belt uw "
      "contactpersonen, en als dat nodig is een zorgverlener of 112. Met een valdetector gaat het alarm "
      "ook vanzelf af. U regelt het zelf met ons; sommige aanvullende verzekeringen vergoeden een deel.",
      cost=(19.95, "Per maand, installatie eenmalig € 35,-")),
    S("koelvers", "versmaal", "Koelverse maaltijden aan huis", "algemeen", "aanmelden",
      ["basale-adl", "instrumentele-adl"], ["iedereen"], ["geen"], ALL, [],
      "Kant-en-klare maaltijden, door onze koks bereid, die u in drie minuten opwarmt in de magnetron. "
      "Wij bezorgen twee keer per week in heel Oost Gelre, zodat u altijd een week vooruit heeft. Keuze "
      "uit meer dan veertig gerechten, ook zoutarm, vegetarisch en gemalen. Geen abonnement: u bestelt "
      "per week, telefonisch of online.", cost=(7.95, "Per maaltijd; bezorging gratis")),
    S("boodschappenbus", "kbo", "Boodschappenbus voor ouderen uit de kerkdorpen", "algemeen", "aanmelden",
      ["instrumentele-adl", "sociaal-netwerk"], ["ouderen"], ["geen"], [HA, VR, MA, ZI, LI], [],
      "Geen supermarkt in het dorp en zelf rijden lukt niet meer? Elke donderdagochtend haalt de "
      "boodschappenbus ouderen op in Harreveld, Vragender, Mariënvelde, Zieuwent en Lievelde en brengt "
      "hen naar de supermarkt in Lichtenvoorde. Een vrijwilliger helpt met de tassen en na afloop "
      "drinkt u samen koffie. Aanmelden voor woensdag bij de KBO; u hoeft geen lid te zijn.",
      cost=(3.0, "Per rit, heen en terug"), phone="0544 37 10 10"),
    S("wasservice", "werkschuur", "Was- en strijkservice De Werkschuur", "algemeen", "aanmelden",
      ["instrumentele-adl"], ["iedereen"], ["geen"], ALL, ["werkschuur_li"],
      "Wij halen uw was op, wassen, drogen, strijken en vouwen het, en brengen het binnen een week "
      "terug. Het werk wordt gedaan door deelnemers van De Werkschuur onder begeleiding. Handig voor wie "
      "de was zelf niet meer kan doen, ook zonder indicatie. Ophalen en brengen is gratis in heel Oost "
      "Gelre.", cost=(4.5, "Per kilo wasgoed")),
    S("dagbesteding_ouderen", "linde", "Dagbesteding voor ouderen in De Lindehof", "maatwerk",
      "beschikking-gemeente", ["tijdsbesteding", "basale-adl", "geestelijke-gezondheid"],
      ["ouderen", "mantelzorgers"], ["wmo", "wlz"], ALL, ["linde_gr"],
      "Voor thuiswonende ouderen met dementie, hersenletsel of een lichamelijke aandoening die overdag "
      "niet meer alleen kunnen zijn of veel begeleiding nodig hebben. In een kleine groep met vaste "
      "begeleiders en een verzorgende: samen eten, bewegen, activiteiten op maat, en hulp bij het "
      "toiletbezoek en de medicijnen. Dat geeft de mantelzorger ook rust. U komt één tot vijf dagen per "
      "week; een taxi haalt u op. Hiervoor is een Wmo-indicatie van de gemeente nodig (of een "
      "Wlz-indicatie)."),
    # ---------------------------------------------------------------- jeugd, school, gezin
    S("passend_onderwijs", "swv", "Extra ondersteuning op school (passend onderwijs)", "voorliggend",
      "aanmelden", ["werk-en-opleiding"], ["kinderen", "jongeren", "ouders"], ["onderwijs"], ALL, [],
      "Heeft uw kind extra hulp nodig op school, bijvoorbeeld door dyslexie, autisme, ADHD of een "
      "ontwikkelingsachterstand, of dreigt het vast te lopen? Elke school moet een passende plek bieden. "
      "Bespreek het eerst met de leerkracht of mentor en de intern begeleider of zorgcoördinator. Samen "
      "met u en het samenwerkingsverband zoekt de school naar extra ondersteuning: een "
      "onderwijsassistent, een aangepast rooster, een time-outplek of, als het echt niet anders kan, een "
      "plek in het speciaal onderwijs. De onderwijsconsulent helpt ouders als school en ouders er samen "
      "niet uitkomen."),
    S("homestart", "humanitas", "Home-Start: een ervaren ouder als steun in het gezin", "algemeen",
      "aanmelden", ["huiselijke-relaties", "sociaal-netwerk"], ["ouders"], ["geen"], ALL, [],
      "Opvoeden is soms zwaar, zeker als u er alleen voor staat, net verhuisd bent, weinig mensen kent "
      "of als er een baby bij is gekomen. Een vrijwilliger van Home-Start, zelf ook ouder, komt een "
      "dagdeel per week bij u thuis. Zij luistert, denkt mee over de opvoeding, helpt met het dagritme "
      "en gaat mee naar het consultatiebureau of de speeltuin. Voor gezinnen met ten minste één kind "
      "tot 12 jaar. Gratis, ongeveer een jaar lang, en u bepaalt zelf waarbij u steun wilt."),
    S("crisisdienst_jeugd", "crisisjeugd", "Crisisdienst Jeugd: hulp bij een acute crisis", "maatwerk",
      "verwijzing-huisarts", ["huiselijke-relaties", "geestelijke-gezondheid"],
      ["kinderen", "jongeren", "ouders"], ["jeugdwet"], ALL, [],
      "Bij een acute crisis rond een kind of jongere, bijvoorbeeld ernstige dreiging van geweld in het "
      "gezin, een jongere die suïcidaal is of een situatie waarin een kind niet meer thuis kan blijven, "
      "komt de crisisdienst binnen enkele uren in actie, dag en nacht. De inzet gaat via Veilig Thuis, "
      "de huisarts, de politie of het jeugd- en gezinsteam; ouders en jongeren melden niet rechtstreeks "
      "aan. Na de crisis wordt de hulp overgedragen aan het jeugd- en gezinsteam."),
    S("geldcoach_jong", "swog", "Geldcoach voor jongeren", "algemeen", "vrij-toegankelijk",
      ["financien"], ["jongeren"], ["geen"], ALL, ["swog_jc"],
      "Eerste eigen kamer, zorgverzekering, studiefinanciering, een telefoonabonnement en dan al die "
      "rekeningen? Of sta je rood en weet je niet meer hoe je eruit komt? De geldcoach van het "
      "jongerenwerk helpt je een overzicht te maken, potjes in te richten en toeslagen aan te vragen. "
      "Ook als je al schulden hebt, zoeken we samen uit wat je kunt doen. Gratis, voor jongeren van 16 "
      "tot 27. App of bel de geldcoach.", phone="06 30 30 40 41"),
    S("kamertraining", "opstap", "Kamertraining en begeleid wonen voor jongeren", "maatwerk",
      "beschikking-gemeente", ["huisvesting", "instrumentele-adl", "werk-en-opleiding"], ["jongeren"],
      ["jeugdwet", "wmo"], ALL, ["opstap_gr"],
      "Jongeren van 16 tot 23 die (nog) niet zelfstandig kunnen wonen, bijvoorbeeld omdat het thuis niet "
      "meer gaat of omdat ze uit een instelling of pleeggezin komen, wonen bij ons op een eigen kamer in "
      "Groenlo. Een mentor helpt met koken, geldzaken, school of werk en met het opbouwen van een "
      "netwerk, zodat je na ongeveer een jaar op jezelf kunt. Hiervoor is een indicatie van het jeugd- "
      "en gezinsteam of, na je 18e, van het Sociaal Team nodig."),
    S("ouderschap_scheiding", "cjg", "Ouders uit elkaar: spreekuur en cursus Ouders Blijven", "algemeen",
      "vrij-toegankelijk", ["huiselijke-relaties"], ["ouders"], ["jeugdwet"], ALL, ["cjg_gr"],
      "Gaat u uit elkaar en heeft u kinderen? Dan verandert er veel, ook voor hen. Op het spreekuur van "
      "het CJG krijgt u uitleg over het ouderschapsplan, hoe u het de kinderen vertelt en over "
      "omgangsregelingen. In de cursus 'Ouders Blijven' leren gescheiden ouders in vier avonden hoe zij "
      "ruzie buiten de kinderen houden, ook als praten met de ex moeilijk gaat. Beide ouders volgen de "
      "cursus in een aparte groep. Gratis.", sched=[("TH", "13:00", "15:00", "Spreekuur CJG Groenlo")]),
    # ---------------------------------------------------------------- relatie, psyche, verslaving
    S("relatiecursus", "relatie", "Relatiecursus Samen Verder voor stellen", "algemeen", "aanmelden",
      ["huiselijke-relaties"], ["volwassenen"], ["geen"], ALL, ["relatie_lv"],
      "Veel ruzie, langs elkaar heen leven of steeds dezelfde discussie? In de cursus Samen Verder "
      "werken stellen in vijf avonden aan beter luisteren, ruzie maken zonder te kwetsen en weer "
      "tijd voor elkaar maken. Met drie tot vijf stellen in een groep, onder leiding van een "
      "relatietherapeut. Liever alleen met z'n tweeën? Dan zijn losse gesprekken mogelijk. Niet voor "
      "situaties waarin sprake is van geweld; daarvoor verwijzen wij u door.",
      cost=(95.0, "Per stel voor de hele cursus; losse gesprekken € 85,- per uur")),
    S("alanon", "alanon", "Al-Anon: steun voor familie en vrienden van drinkers", "algemeen",
      "vrij-toegankelijk", ["middelengebruik", "sociaal-netwerk"], ["volwassenen", "mantelzorgers"],
      ["geen"], ALL, ["aa_lv"],
      "Drinkt uw partner, kind, ouder of vriend te veel, en draait uw leven daar steeds meer om? In de "
      "Al-Anon-groep praten familieleden en vrienden van mensen met een drankprobleem over hoe zij "
      "daarmee omgaan. U hoeft niets te vertellen als u dat niet wilt. Elke dinsdagavond, anoniem en "
      "gratis, in de parochiezaal in Lichtenvoorde.", sched=[("TU", "20:00", "21:30", "Bijeenkomst")]),
    S("luisterlijn", "luisterlijn", "De Luisterlijn: dag en nacht iemand om mee te praten", "algemeen",
      "vrij-toegankelijk", ["geestelijke-gezondheid", "sociaal-netwerk"], ["iedereen"], ["geen"], ALL,
      [],
      "Zit u ergens mee en wilt u uw verhaal kwijt? Bij De Luisterlijn luisteren getrainde "
      "vrijwilligers naar u, anoniem en dag en nacht, telefonisch, per chat of per mail. Over "
      "eenzaamheid, zorgen, verdriet of iets wat u niet met uw omgeving kunt bespreken. Denkt u aan "
      "zelfdoding? Bel dan 113 of 0800-0113.", phone="088 0767 000"),
    S("mentale_cursus", "ggz", "Cursussen Grip op je dip en Piekeren de baas", "algemeen", "aanmelden",
      ["geestelijke-gezondheid"], ["volwassenen", "jongeren"], ["geen"], ALL, ["ggz_lv"],
      "Voelt u zich al een tijd somber, moe of gespannen, of ligt u 's nachts te piekeren? In onze korte "
      "cursussen leert u in een kleine groep wat u er zelf aan kunt doen: meer ontspanning, minder "
      "piekeren, gedachten anders bekijken. Er zijn aparte groepen voor jongeren van 16 tot 25. Zes "
      "bijeenkomsten, gratis, zonder verwijzing en zonder diagnose. Ook online te volgen."),
    S("fact", "ggz", "FACT-team: intensieve ggz aan huis", "voorliggend", "verwijzing-huisarts",
      ["geestelijke-gezondheid"], ["volwassenen"], ["zvw"], ALL, [],
      "Het FACT-team behandelt en begeleidt volwassenen met een ernstige psychiatrische aandoening, zoals "
      "een psychose, een bipolaire stoornis of een combinatie van psychische problemen en verslaving. "
      "Psychiaters, verpleegkundigen, ervaringsdeskundigen en een trajectbegeleider komen bij u thuis, "
      "ook als u zelf (nog) geen hulp zoekt. Aanmelden via de huisarts, de crisisdienst of na een "
      "opname."),
    # ---------------------------------------------------------------- veiligheid
    S("wijkagent", "politie", "Uw wijkagent", "algemeen", "vrij-toegankelijk",
      ["justitie"], ["iedereen"], ["geen"], ALL, [],
      "Elke kern heeft een vaste wijkagent. U kunt de wijkagent bellen of mailen over zaken in de buurt: "
      "overlast, een onveilige situatie, zorgen over iemand, of als u aangifte wilt doen en eerst advies "
      "wilt. Bij spoed belt u altijd 112. Via 0900-8844 vraagt u naar uw wijkagent.", phone="0900 8844"),
    # ---------------------------------------------------------------- NIET ACTIEF (nooit beoordelen)
    S("x_mantelzorgcafe", "swog", "Mantelzorgcafé Groenlo", "algemeen", "vrij-toegankelijk",
      ["sociaal-netwerk"], ["mantelzorgers"], ["geen"], [GR], ["swog_gr"],
      "Elke eerste maandagavond van de maand ontmoeten mantelzorgers elkaar in het Welzijnshuis in "
      "Groenlo, met koffie en een gastspreker over bijvoorbeeld dementie of respijtzorg.",
      status="inactive"),
    S("x_adminhulp_gr", "schakel", "Administratiehulp De Schakel", "algemeen", "vrij-toegankelijk",
      ["financien", "instrumentele-adl"], ["iedereen"], ["geen"], [GR], ["schakel_gr"],
      "Loop binnen met uw post en rekeningen: vrijwilligers helpen u met ordenen, betalen en "
      "formulieren. Elke woensdagochtend in Inloophuis De Schakel.", status="defunct"),
    S("x_hulpmiddelenspreekuur", "wijkzorg", "Inloopspreekuur hulpmiddelen en ergotherapie", "voorliggend",
      "vrij-toegankelijk", ["basale-adl", "lichamelijke-gezondheid"], ["ouderen"], ["zvw"], ALL,
      ["wijkzorg_lv"],
      "Elke woensdagmiddag kunt u in de thuiszorgwinkel zonder afspraak een ergotherapeut spreken over "
      "hulpmiddelen en veilig wonen.", status="temporarily closed"),
]

# Ages (years, inclusive).  For provisions a parent uses about a child, the child's age.
AGES = {
    "jongerenwerk": (10, 23), "pakhuus": (10, None), "jmz": (12, 17), "kies": (8, 12),
    "leergeld": (4, 17), "jgz": (None, 17), "triplep": (2, 12), "kompas": (None, 17),
    "halt": (12, 17), "peuteropvang": (2, 3), "ouderenadviseur": (65, None), "leerplicht": (5, 22),
    "smw": (4, 18), "passend_onderwijs": (4, 18), "homestart": (None, 12),
    "crisisdienst_jeugd": (None, 17), "geldcoach_jong": (16, 27), "kamertraining": (16, 23),
    "bijstand": (18, None), "werkfit": (18, None),
}
for _s in SERVICES:
    if _s["key"] in AGES:
        _s["ages"] = AGES[_s["key"]]
