"""Queries and graded judgments of the held-out set (keys of content.SERVICES).

2 = what this person needs, 1 = useful/related; everything else is not relevant.
Judged exhaustively against every ACTIVE provision; inactive ones are never graded.
For kern/postcode queries only provisions serving that kern (or the whole municipality)
are graded.  Written by a helper session on 2026-12-02.  Never tune the search on this set.
"""

QUERIES: list[dict] = []


PC_KERN = {"7131": "Lichtenvoorde", "7132": "Lichtenvoorde", "7134": "Vragender", "7135": "Harreveld",
           "7136": "Zieuwent", "7137": "Lievelde", "7141": "Groenlo", "7142": "Groenlo",
           "7263": "Mariënvelde"}
KERN_OF_TEXT = {"groenlo": "Groenlo", "lichtenvoorde": "Lichtenvoorde", "lievelde": "Lievelde",
                "harreveld": "Harreveld", "marienvelde": "Mariënvelde", "vragender": "Vragender",
                "zieuwent": "Zieuwent"}


def Q(qid, q, kind, grades, bij=None, straal=None):
    kern = None
    if kind == "kern":
        kern = next(v for k, v in KERN_OF_TEXT.items() if k in q)
    elif kind == "postcode":
        kern = PC_KERN[bij]
    QUERIES.append(dict(id=qid, q=q, kind=kind, grades=dict(grades), bij=bij, straal=straal,
                        kern=kern))


# --------------------------------------------------------------- shared judgments
SCHULD = {"schuldhulp": 2, "shm": 2, "thuisadmin": 1, "sociaal_raadslieden": 1, "amw": 1,
          "meedoen": 1, "sociaal_team": 1}
VOEDSEL = {"voedselbank": 2, "kleerkabinet": 1}
MANTELZORG = {"mantelzorgpunt": 2, "evenvrij": 2, "jmz": 2, "logeerhuis": 1, "alzheimercafe": 1,
              "ontmoetingscentrum": 1, "vptz": 1, "casemanager_dementie": 1, "mee": 1,
              "dorpsondersteuner": 1}
DAGBESTEDING = {"werkschuur": 2, "zorgboerderij": 2, "ontmoetingscentrum": 2, "bloemenkamer": 2}
GEWELD = {"veilig_thuis": 2, "blijfhuis": 2, "amw": 1, "slachtofferhulp": 1}
DEMENTIE = {"casemanager_dementie": 2, "alzheimercafe": 2, "ontmoetingscentrum": 2, "logeerhuis": 1,
            "evenvrij": 1, "lindehof": 1, "zorgboerderij": 1, "mantelzorgpunt": 1}
JONGERENWERK = {"jongerenwerk": 2, "pakhuus": 2}
HUISHOUDEN = {"hh_wmo": 2, "thuishulpcentrale": 2, "sociaal_team": 1, "ouderenadviseur": 1,
              "ambulante_begeleiding": 1}
EENZAAM = {"maatjes": 2, "huiskamer_lv": 2, "inloop_gr": 2, "dorpsondersteuner": 2,
           "telefooncirkel": 1, "bezoekdienst": 1, "koffie_li": 1, "amw": 1, "dorpshuis_zi": 1,
           "garve_ma": 1, "dorpshuis_ha": 1, "eetpunt": 1, "bloemenkamer": 1}
ROLSTOELVERVOER = {"regiotaxi": 2, "rolstoelbus": 2}


# --------------------------------------------------------------- plain
Q("h001", "schuldhulpverlening", "plain", SCHULD)
Q("h002", "voedselbank", "plain", VOEDSEL)
Q("h003", "mantelzorg", "plain", MANTELZORG)
Q("h004", "dagbesteding", "plain", DAGBESTEDING)
Q("h005", "huiselijk geweld", "plain", GEWELD)
Q("h006", "taalcafé", "plain", {"taalcafe": 2, "taalhuis": 1})
Q("h007", "dementie", "plain", DEMENTIE)
Q("h008", "jongerenwerk", "plain", JONGERENWERK)
Q("h009", "klussendienst", "plain", {"klussen_gr": 2, "klusteam_lv": 2})
Q("h010", "rouwverwerking", "plain",
  {"rouwgroep": 2, "amw": 1, "psychologen": 1, "vptz": 1, "inloop_gr": 1, "smw": 1})
Q("h011", "vrijwilligerswerk", "plain", {"vrijwilligerspunt": 2, "werkfit": 1})
Q("h012", "huishoudelijke hulp", "plain", HUISHOUDEN)
Q("h013", "re-integratie", "plain",
  {"werkfit": 2, "beschut_werk": 1, "bijstand": 1, "leerwerkloket": 1})

# --------------------------------------------------------------- inflection
Q("h014", "zoon blowt", "inflection",
  {"preventie": 2, "verslavingszorg": 2, "jongerenwerk": 1, "cjg": 1})
Q("h015", "gepest op school", "inflection", {"smw": 2, "cjg": 1})
Q("h016", "eenzame ouderen", "inflection",
  {"bezoekdienst": 2, "telefooncirkel": 2, "huiskamer_lv": 2, "maatjes": 2, "dorpsondersteuner": 2,
   "inloop_gr": 2, "koffie_li": 2, "dorpshuis_zi": 1, "garve_ma": 1, "dorpshuis_ha": 1,
   "bloemenkamer": 1, "eetpunt": 1, "amw": 1})
Q("h017", "huis schoonmaken", "inflection",
  {"hh_wmo": 2, "thuishulpcentrale": 2, "sociaal_team": 1})
Q("h018", "verslaafd aan gokken", "inflection", {"verslavingszorg": 2, "herstelcafe": 1})
Q("h019", "ouders gaan scheiden", "inflection",
  {"kies": 2, "cjg": 1, "smw": 1, "jeugdteam": 1, "amw": 1, "juridisch_loket": 1})
Q("h020", "vergeetachtige moeder", "inflection",
  {"alzheimercafe": 2, "casemanager_dementie": 1, "ontmoetingscentrum": 1, "mantelzorgpunt": 1,
   "ouderenadviseur": 1})
Q("h021", "overbelaste mantelzorger", "inflection",
  {"mantelzorgpunt": 2, "evenvrij": 2, "logeerhuis": 2, "amw": 1, "vptz": 1,
   "ontmoetingscentrum": 1, "jmz": 1})
Q("h022", "klusjes in huis", "inflection", {"klussen_gr": 2, "klusteam_lv": 2, "buurthulp_zi": 1})
Q("h023", "maaltijden laten bezorgen", "inflection", {"tafeltje": 2})
Q("h024", "depressief", "inflection",
  {"poh_ggz": 2, "psychologen": 2, "amw": 1, "herstelcafe": 1, "kompas": 1})
Q("h025", "mijn vader valt vaak", "inflection",
  {"inbalans": 2, "woonconsulent": 1, "thuiszorgwinkel": 1, "wmo_woon": 1})

# --------------------------------------------------------------- compound
Q("h026", "kledingbank", "compound", {"kleerkabinet": 2})
Q("h027", "maaltijdservice", "compound", {"tafeltje": 2, "eetpunt": 1, "lindehof": 1})
Q("h028", "rolstoelvervoer", "compound", ROLSTOELVERVOER)
Q("h029", "opvoedvragen", "compound", {"cjg": 2, "jgz": 2, "triplep": 1, "jeugdteam": 1,
                                           "sociaal_team": 1})
Q("h030", "budgetcoach", "compound",
  {"shm": 2, "thuisadmin": 2, "schuldhulp": 1, "sociaal_raadslieden": 1})
Q("h031", "taalcursus nederlands", "compound",
  {"taalhuis": 2, "taalcafe": 1, "inburgering": 1})
Q("h032", "valtraining", "compound", {"inbalans": 2})
Q("h033", "seniorenvervoer", "compound",
  {"automaatje": 2, "regiotaxi": 2, "rolstoelbus": 1, "buurthulp_zi": 1})
Q("h034", "jeugdhulpverlening", "compound", {"jeugdteam": 2, "kompas": 2, "cjg": 1, "sociaal_team": 1,
                                                   "zorgboerderij": 1})
Q("h035", "woningaanpassing", "compound", {"wmo_woon": 2, "woonconsulent": 1, "ouderenadviseur": 1})
Q("h036", "rouwverwerkingsgroep", "compound", {"rouwgroep": 2})
Q("h037", "computerles", "compound",
  {"seniorweb": 2, "digisterker": 2, "digicafe": 1, "taalhuis": 1})

# --------------------------------------------------------------- synonym
Q("h038", "geldzorgen", "synonym",
  {"schuldhulp": 2, "shm": 2, "amw": 1, "thuisadmin": 1, "sociaal_raadslieden": 1,
   "voedselbank": 1, "meedoen": 1})
Q("h039", "poetshulp", "synonym", {"hh_wmo": 2, "thuishulpcentrale": 2})
Q("h040", "rood staan", "synonym",
  {"schuldhulp": 2, "shm": 2, "thuisadmin": 1, "sociaal_raadslieden": 1, "amw": 1})
Q("h041", "gratis eten", "synonym", {"voedselbank": 2})
Q("h042", "oppas voor mijn zieke partner", "synonym",
  {"evenvrij": 2, "logeerhuis": 1, "vptz": 1, "mantelzorgpunt": 1, "dorpsondersteuner": 1})
Q("h043", "ruzie met de buren", "synonym", {"buurtbemiddeling": 2})
Q("h044", "overspannen", "synonym", {"poh_ggz": 2, "psychologen": 2, "amw": 1})
Q("h045", "drankprobleem", "synonym", {"verslavingszorg": 2, "aa": 2, "herstelcafe": 1})
Q("h046", "gratis rechtshulp", "synonym",
  {"juridisch_loket": 2, "sociaal_raadslieden": 1, "slachtofferhulp": 1})
Q("h047", "papierwerk", "synonym",
  {"thuisadmin": 2, "infopunt_formulieren": 2, "sociaal_raadslieden": 1, "shm": 1,
   "ambulante_begeleiding": 1, "belastinginvul": 1, "dorpsondersteuner": 1})
Q("h048", "bejaardentehuis", "synonym", {"lindehof": 2, "ouderenadviseur": 1})
Q("h049", "slapen op straat", "synonym", {"oggz": 2})
Q("h050", "sporten met een handicap", "synonym",
  {"gsport": 2, "buurtsportcoach": 1, "zwembad": 1})

# --------------------------------------------------------------- typo
Q("h051", "schuldhulpverlenig", "typo", SCHULD)
Q("h052", "voedelbank", "typo", VOEDSEL)
Q("h053", "mantelzrog", "typo", MANTELZORG)
Q("h054", "demensie", "typo", DEMENTIE)
Q("h055", "huishoudlijke hulp", "typo", HUISHOUDEN)
Q("h056", "jongerewerk", "typo", JONGERENWERK)
Q("h057", "maatschapelijk werk", "typo", {"amw": 2, "smw": 1, "sociaal_team": 1})
Q("h058", "verslavingzorg", "typo",
  {"verslavingszorg": 2, "preventie": 1, "aa": 1, "herstelcafe": 1})
Q("h059", "dagbestedning", "typo", DAGBESTEDING)
Q("h060", "eenzaamhijd", "typo", EENZAAM)
Q("h061", "scotmobiel", "typo", {"wmo_woon": 2, "ouderenadviseur": 1})
Q("h062", "inburgeing", "typo",
  {"inburgering": 2, "vluchtelingenwerk": 1, "taalhuis": 1, "taalcafe": 1})

# --------------------------------------------------------------- question
Q("h063", "waar kan ik terecht met vragen over mijn dementerende moeder", "question",
  {"casemanager_dementie": 2, "alzheimercafe": 2, "ontmoetingscentrum": 1, "mantelzorgpunt": 1,
   "logeerhuis": 1, "ouderenadviseur": 1, "evenvrij": 1, "lindehof": 1, "zorgboerderij": 1})
Q("h064", "ik kan mijn huur niet meer betalen wat moet ik doen", "question",
  {"woningcorporatie": 2, "schuldhulp": 2, "shm": 1, "amw": 1, "sociaal_raadslieden": 1,
   "meedoen": 1, "oggz": 1})
Q("h065", "hoe vraag ik een traplift aan", "question",
  {"wmo_woon": 2, "sociaal_team": 1, "ouderenadviseur": 1, "mee": 1, "woonconsulent": 1})
Q("h066", "mijn dochter van 15 wil niet meer naar school", "question",
  {"leerplicht": 2, "jeugdteam": 2, "smw": 1, "cjg": 1, "jongerenwerk": 1, "zorgboerderij": 1})
Q("h067", "wie kan mij helpen met het invullen van formulieren", "question",
  {"infopunt_formulieren": 2, "thuisadmin": 2, "sociaal_raadslieden": 2, "belastinginvul": 1,
   "dorpsondersteuner": 1})
Q("h068", "mijn man slaat mij", "question", GEWELD)
Q("h069", "ik voel me zo alleen sinds mijn vrouw is overleden", "question",
  {"rouwgroep": 2, "amw": 2, "inloop_gr": 1, "huiskamer_lv": 1, "maatjes": 1, "telefooncirkel": 1,
   "bezoekdienst": 1, "dorpsondersteuner": 1, "koffie_li": 1, "psychologen": 1, "eetpunt": 1})
Q("h070", "kan iemand mij naar het ziekenhuis rijden", "question",
  {"automaatje": 2, "regiotaxi": 1, "buurthulp_zi": 1, "rolstoelbus": 1})
Q("h071", "waar kan ik gratis kleding voor mijn kinderen krijgen", "question", {"kleerkabinet": 2})
Q("h072", "ik zorg voor mijn zieke man en ben doodmoe", "question",
  {"mantelzorgpunt": 2, "evenvrij": 2, "logeerhuis": 1, "vptz": 1, "amw": 1,
   "dorpsondersteuner": 1, "wijkverpleging": 1})
Q("h073", "ik kom over een maand vrij uit de gevangenis, wie helpt mij aan een woning", "question",
  {"nazorg_detentie": 2, "woningcorporatie": 1, "oggz": 1})

# --------------------------------------------------------------- english
Q("h074", "help with debts", "english",
  {"schuldhulp": 2, "shm": 2, "sociaal_raadslieden": 1, "thuisadmin": 1, "amw": 1})
Q("h075", "food bank", "english", VOEDSEL)
Q("h076", "i feel lonely", "english", {**EENZAAM, "taalcafe": 1})
Q("h077", "learn dutch", "english", {"taalhuis": 2, "taalcafe": 2, "inburgering": 1})
Q("h078", "help for refugees", "english",
  {"vluchtelingenwerk": 2, "inburgering": 1, "taalcafe": 1, "taalhuis": 1})
Q("h079", "domestic violence", "english", GEWELD)
Q("h080", "mental health help", "english",
  {"poh_ggz": 2, "psychologen": 2, "herstelcafe": 1, "amw": 1, "ambulante_begeleiding": 1})
Q("h081", "parenting support", "english", {"cjg": 2, "triplep": 2, "jgz": 1, "jeugdteam": 1})
Q("h082", "wheelchair transport", "english", ROLSTOELVERVOER)
Q("h083", "cleaning help at home", "english",
  {"hh_wmo": 2, "thuishulpcentrale": 2, "sociaal_team": 1})
Q("h084", "lose weight", "english", {"gli": 2, "buurtsportcoach": 1})

# --------------------------------------------------------------- kern (only provisions serving that kern)
Q("h085", "jongerenwerk groenlo", "kern", JONGERENWERK)
Q("h086", "koffieochtend zieuwent", "kern", {"dorpshuis_zi": 2})
Q("h087", "klusjes lichtenvoorde", "kern", {"klusteam_lv": 2})
Q("h088", "ontmoeten marienvelde", "kern", {"garve_ma": 2, "maatjes": 1})
Q("h089", "dagbesteding harreveld", "kern",
  {"zorgboerderij": 2, "werkschuur": 1, "ontmoetingscentrum": 1})
Q("h090", "hulp ouderen vragender", "kern",
  {"dorpsondersteuner": 2, "ouderenadviseur": 2, "bloemenkamer": 2, "sociaal_team": 1, "hh_wmo": 1,
   "tafeltje": 1, "bezoekdienst": 1, "klusteam_lv": 1, "automaatje": 1, "telefooncirkel": 1,
   "thuishulpcentrale": 1, "woonconsulent": 1, "wijkverpleging": 1, "belastinginvul": 1})
Q("h091", "voedselbank groenlo", "kern", VOEDSEL)
Q("h092", "sporten lievelde", "kern", {"buurtsportcoach": 2, "gsport": 1, "zwembad": 1})
Q("h093", "computerhulp zieuwent", "kern",
  {"seniorweb": 2, "digicafe": 2, "digisterker": 1, "infopunt_formulieren": 1, "taalhuis": 1})
Q("h094", "huiskamer lichtenvoorde", "kern", {"huiskamer_lv": 2, "eetpunt": 1, "bloemenkamer": 1})
Q("h095", "huurwoning groenlo", "kern", {"woningcorporatie": 2})

# --------------------------------------------------------------- postcode (bij + straal)
Q("h096", "schuldhulp", "postcode", SCHULD, bij="7141", straal=5)
Q("h097", "maaltijden", "postcode", {"tafeltje": 2, "lindehof": 1}, bij="7136", straal=5)
Q("h098", "klussen", "postcode", {"klussen_gr": 2}, bij="7142", straal=3)
Q("h099", "mantelzorg", "postcode",
  {k: g for k, g in MANTELZORG.items() if k != "dorpsondersteuner"}, bij="7263", straal=10)
Q("h100", "koffie drinken", "postcode", {"koffie_li": 2, "bloemenkamer": 1, "maatjes": 1}, bij="7137", straal=2)
Q("h101", "jongeren", "postcode",
  {"jongerenwerk": 2, "jmz": 1, "leerplicht": 1, "preventie": 1, "smw": 1, "jeugdteam": 1,
   "halt": 1}, bij="7131", straal=5)
Q("h102", "vervoer", "postcode", {"automaatje": 2, "regiotaxi": 2, "rolstoelbus": 1},
  bij="7135", straal=10)
Q("h103", "dementie", "postcode", DEMENTIE, bij="7134", straal=5)
Q("h104", "hulp met computer", "postcode",
  {"digicafe": 2, "digisterker": 1, "infopunt_formulieren": 1, "taalhuis": 1}, bij="7132", straal=2)
Q("h105", "huishoudelijke hulp", "postcode", HUISHOUDEN, bij="7263", straal=5)

# --------------------------------------------------------------- none (this map cannot answer)
for i, text in enumerate(["auto apk garage", "tandarts afspraak", "pizza bestellen",
                          "paspoort verlengen", "vakantiehuisje huren", "bouwvergunning aanvragen",
                          "afvalkalender", "hotel groenlo", "voetbaluitslagen", "weerbericht morgen"]):
    Q(f"h{106 + i:03d}", text, "none", {})
