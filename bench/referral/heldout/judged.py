"""Judged referral cases of the held-out referral set, by service key of content.py.

Written and judged by a helper session on 2026-12-02, from the kerncoach's side: who is in
front of me, what do they ask, what on this map really fits, and what would I offer first.
build.py turns the keys into HSDS service ids and writes cases.jsonl.
NEVER tune the referral rule on this set; see README.md.

Judging conventions (see README.md):
* suitable = every ACTIVE provision that serves the kern, fits the age and group, and is about
  what the question is about. Sharing a life domain is not enough.
* The gateways themselves (Sociaal Team, Jeugd- en gezinsteam) are the kerncoach's own door,
  never a referral target, so never in `suitable`.
* lightest = the suitable provisions of the lowest tier that a good kerncoach would offer first
  (several only when they are equally good first choices).
"""

GR, LV, LI, HA, MA, VR, ZI = ("Groenlo", "Lichtenvoorde", "Lievelde", "Harreveld",
                              "Mariënvelde", "Vragender", "Zieuwent")


def C(id, story, leefgebied, kern, leeftijd, doelgroep, q, lightest, suitable, narrowed_q=None,
      safety=False):
    need = {"leefgebied": leefgebied, "kern": kern}
    if leeftijd is not None:
        need["leeftijd"] = leeftijd
    need["doelgroep"] = doelgroep
    need["q"] = q
    case = {"id": id, "story": story, "need": need, "lightest": lightest,
            "suitable": list(dict.fromkeys(lightest + suitable)), "safety": safety}
    if narrowed_q:
        case["narrowed_q"] = narrowed_q
    return case


CASES = [
    # ------------------------------------------------------------------ ouderen
    C("h01", "Mevrouw (84) in Harreveld heeft een nieuwe heup. Stofzuigen, dweilen en de was lukken "
             "niet meer; haar dochter woont in Zwolle. Ze kan een huishoudelijke hulp wel betalen.",
      ["instrumentele-adl"], HA, 84, ["ouderen"],
      "sinds mijn nieuwe heup lukt het huishouden niet meer, stofzuigen en de was, en mijn dochter "
      "woont te ver weg",
      ["thuishulpcentrale", "wasservice"], ["ergotherapie", "hh_wmo"],
      narrowed_q="hulp bij het huishouden"),
    C("h02", "Meneer (76) in Lichtenvoorde is na een herseninfarct thuis uit de revalidatie. Zijn "
             "vrouw (74) kan hem niet alleen helpen met douchen en aankleden.",
      ["basale-adl", "lichamelijke-gezondheid"], LV, 76, ["ouderen"],
      "sinds het herseninfarct kan mijn man niet meer zelf douchen en zich aankleden, ik til me een "
      "breuk aan hem",
      ["wijkverpleging", "ergotherapie"], ["thuiszorgwinkel", "wmo_woon"],
      narrowed_q="persoonlijke verzorging"),
    C("h03", "Meneer (81) in Mariënvelde mag door zijn ogen niet meer autorijden. Hij loopt korte "
             "stukjes met de rollator. De huisarts en de winkels zitten in Lichtenvoorde.",
      ["maatschappelijke-participatie"], MA, 81, ["ouderen"],
      "ik mag niet meer autorijden en nu kom ik nergens meer, ook niet bij de dokter in "
      "Lichtenvoorde of bij de winkel",
      ["automaatje", "regiotaxi"], ["boodschappenbus", "wmo_vervoer", "wmo_mobiel"],
      narrowed_q="wmo-vervoerspas"),
    C("h04", "Mevrouw (79) in Lievelde is vorig jaar weduwe geworden. Ze komt de deur bijna niet meer "
             "uit en spreekt soms dagen niemand. Haar zoon vraagt of er 'dagbesteding' voor haar is.",
      ["sociaal-netwerk", "tijdsbesteding"], LI, 79, ["ouderen"],
      "sinds mijn man er niet meer is zie ik bijna niemand meer, de dagen duren zo lang",
      ["koffie_li", "dorpsondersteuner", "bezoekdienst", "bloemenkamer", "maatjes", "telefooncirkel"],
      ["luisterlijn", "rouwgroep"],
      narrowed_q="dagbesteding"),
    C("h05", "Mevrouw (79) in Zieuwent zorgt voor haar man (81), bij wie een half jaar geleden "
             "alzheimer is vastgesteld. Hij loopt haar overal achterna; ze kan geen boodschap meer "
             "doen en is uitgeput.",
      ["sociaal-netwerk", "geestelijke-gezondheid"], ZI, 79, ["mantelzorgers", "ouderen"],
      "mijn man heeft alzheimer en ik kan hem geen moment meer alleen laten, ik ben op",
      ["evenvrij", "ontmoetingscentrum", "mantelzorgpunt"],
      ["alzheimercafe", "buurthulp_zi", "casemanager_dementie", "dagbesteding_ouderen",
       "zorgboerderij", "logeerhuis"],
      narrowed_q="dagbesteding"),
    C("h06", "Mevrouw (87) in Vragender woont alleen in een huis met de slaapkamer boven. Ze is dit "
             "jaar twee keer gevallen; haar kinderen willen een traplift.",
      ["lichamelijke-gezondheid", "huisvesting"], VR, 87, ["ouderen"],
      "ik ben al twee keer gevallen en durf de trap bijna niet meer op, de kinderen zeggen dat ik een "
      "traplift moet nemen",
      ["woonconsulent", "klusteam_lv", "inbalans", "alarmering"], ["ergotherapie", "wmo_woon"],
      narrowed_q="traplift"),
    C("h07", "Mevrouw (80) in Groenlo moet over drie weken een nieuwe heup krijgen. Haar man (84) heeft "
             "dementie en kan dag en nacht niet alleen zijn. De kinderen wonen in het buitenland.",
      ["basale-adl", "sociaal-netwerk"], GR, 84, ["ouderen", "mantelzorgers"],
      "ik moet over drie weken geopereerd worden en mijn man met dementie kan niet alleen thuisblijven, "
      "ook 's nachts niet",
      ["logeerhuis"], []),
    # ------------------------------------------------------------------ ouders over een kind
    C("h08", "Een moeder in Groenlo over haar zoontje van 3 met dagelijkse driftbuien. Ze is moe en "
             "weet niet meer hoe ze moet reageren.",
      ["huiselijke-relaties"], GR, 3, ["ouders", "kinderen"],
      "mijn zoontje van 3 krijgt de hele dag driftbuien, ik weet het echt niet meer",
      ["cjg", "triplep"], ["jgz", "homestart"],
      narrowed_q="jeugdhulp"),
    C("h09", "Ouders in Lichtenvoorde van een dochter van 9 met ADHD. Op school loopt het vast en thuis "
             "is elke ochtend en avond strijd.",
      ["huiselijke-relaties", "werk-en-opleiding", "geestelijke-gezondheid"], LV, 9,
      ["ouders", "kinderen"],
      "onze dochter van 9 heeft adhd, op school gaat het steeds mis en thuis is het elke dag strijd",
      ["cjg", "smw", "triplep"], ["passend_onderwijs", "kompas"],
      narrowed_q="ambulante jeugdhulp"),
    C("h10", "Een vader in Lievelde: zijn dochter van 8 kan het lezen niet bijhouden. Ze denken aan "
             "dyslexie; de school wil afwachten.",
      ["werk-en-opleiding"], LI, 8, ["ouders", "kinderen"],
      "onze dochter van 8 kan het lezen niet bijhouden, wij denken aan dyslexie maar school zegt "
      "afwachten",
      ["passend_onderwijs"], [],
      narrowed_q="dyslexiezorg"),
    # ------------------------------------------------------------------ jongeren
    C("h11", "Een jongen van 19 uit Groenlo is na ruzies met zijn stiefvader thuis weggestuurd en "
             "slaapt al drie weken bij vrienden op de bank. Hij heeft een bijbaan.",
      ["huisvesting", "huiselijke-relaties"], GR, 19, ["jongeren"],
      "ik ben thuis weggestuurd en slaap nu al drie weken bij vrienden op de bank",
      ["jongerenwerk"], ["oggz", "woningcorporatie", "amw", "kamertraining"],
      narrowed_q="kamertraining"),
    C("h12", "Een meisje van 17 uit Lievelde spreekt de kerncoach zelf aan: ze is al maanden somber, "
             "slaapt slecht en voelt zich thuis niet begrepen.",
      ["geestelijke-gezondheid"], LI, 17, ["jongeren"],
      "ik voel me al maanden somber en kan niet slapen, thuis snapt niemand het",
      ["mentale_cursus", "smw"], ["luisterlijn", "poh_ggz", "kompas"],
      narrowed_q="jeugd-ggz"),
    # ------------------------------------------------------------------ geld
    C("h13", "Meneer (46) in Lichtenvoorde is zijn baan kwijt. De rekeningen stapelen zich op en hij "
             "maakt de post niet meer open.",
      ["financien"], LV, 46, ["volwassenen"],
      "sinds ik mijn baan kwijt ben stapelen de rekeningen zich op, ik durf de post niet meer open "
      "te maken",
      ["shm", "thuisadmin"], ["amw", "sociaal_raadslieden", "schuldhulp"],
      narrowed_q="schuldhulpverlening"),
    C("h14", "Een alleenstaande moeder in Mariënvelde met een bijstandsuitkering. Haar zoon van 10 wil "
             "op voetbal en er komt een schoolreisje aan.",
      ["financien", "maatschappelijke-participatie"], MA, 10, ["ouders", "kinderen"],
      "ik zit in de bijstand en kan het voetballen en het schoolreisje van mijn zoon niet betalen",
      ["leergeld"], ["meedoen"],
      narrowed_q="bijzondere bijstand"),
    # ------------------------------------------------------------------ nieuwkomers
    C("h15", "Een statushouder (32) uit Syrië, sinds een jaar in Groenlo, krijgt brieven van de "
             "Belastingdienst over toeslagen die hij niet begrijpt.",
      ["financien", "maatschappelijke-participatie"], GR, 32, ["nieuwkomers"],
      "ik krijg veel brieven van de belastingdienst over toeslagen, I don't understand them",
      ["vluchtelingenwerk", "infopunt_formulieren", "sociaal_raadslieden"], ["thuisadmin"]),
    C("h16", "Een Oekraïense vrouw (41) in Lichtenvoorde wil beter Nederlands spreken om werk te "
             "vinden dat past bij haar opleiding.",
      ["maatschappelijke-participatie", "werk-en-opleiding"], LV, 41, ["nieuwkomers"],
      "ik wil beter Nederlands leren praten zodat ik hier werk kan vinden",
      ["taalcafe", "taalhuis"], ["leerwerkloket"]),
    # ------------------------------------------------------------------ verslaving
    C("h17", "Meneer (52) in Zieuwent drinkt elke dag zes tot acht biertjes. Zijn vrouw heeft gezegd "
             "dat het zo niet verder kan; hij wil minderen.",
      ["middelengebruik"], ZI, 52, ["volwassenen"],
      "mijn vrouw zegt dat ik te veel drink, ik kom niet meer onder de zes biertjes per dag",
      ["aa"], ["verslavingszorg"],
      narrowed_q="verslavingszorg"),
    C("h18", "Mevrouw (48) in Vragender: haar man drinkt elke avond. Er is geen geweld, maar zij "
             "loopt op haar tenen en weet niet meer hoe ze ermee om moet gaan.",
      ["middelengebruik", "huiselijke-relaties"], VR, 48, ["volwassenen"],
      "mijn man drinkt elke avond en ik weet niet meer hoe ik ermee om moet gaan",
      ["alanon", "amw"], ["mantelzorgpunt", "verslavingszorg"]),
    # ------------------------------------------------------------------ psychisch
    C("h19", "Mevrouw (38) in Groenlo zit al weken ziek thuis van haar werk, is uitgeput, slaapt slecht "
             "en schiet snel in de stress.",
      ["geestelijke-gezondheid", "werk-en-opleiding"], GR, 38, ["volwassenen"],
      "ik zit al weken thuis van mijn werk, ik ben op, slaap slecht en van alles schiet ik in de "
      "stress",
      ["mentale_cursus", "amw"], ["poh_ggz", "psychologen"],
      narrowed_q="psycholoog"),
    C("h20", "De broer van een man (42) in Lichtenvoorde: zijn broer hoort stemmen, laat niemand "
             "binnen en verwaarloost zichzelf en het huis. Zelf wil hij geen hulp.",
      ["geestelijke-gezondheid", "huisvesting"], LV, 42, ["volwassenen"],
      "mijn broer hoort stemmen, laat niemand meer binnen en het huis is een puinhoop",
      ["oggz", "fact"], ["ambulante_begeleiding"],
      narrowed_q="begeleiding"),
    C("h21", "Een moeder uit Groenlo: haar zoon (30) wordt volgende maand ontslagen uit de "
             "psychiatrische kliniek. Zijn huurwoning is hij kwijt en zelfstandig wonen lukt hem "
             "nog niet.",
      ["huisvesting", "geestelijke-gezondheid"], GR, 30, ["volwassenen"],
      "mijn zoon komt volgende maand uit de kliniek, zijn huis is hij kwijt en alleen wonen lukt "
      "hem nog niet",
      ["beschermd_wonen"], ["ambulante_begeleiding"]),
    # ------------------------------------------------------------------ werk
    C("h22", "Meneer (29) in Lichtenvoorde heeft al drie jaar een bijstandsuitkering, wil weer werken "
             "maar heeft geen diploma.",
      ["werk-en-opleiding"], LV, 29, ["volwassenen"],
      "ik zit al drie jaar thuis met een uitkering en wil graag weer aan het werk, maar ik heb geen "
      "diploma",
      ["leerwerkloket"], ["vrijwilligerspunt", "werkfit"],
      narrowed_q="re-integratie"),
    C("h23", "Ouders in Harreveld van een zoon (24) met een licht verstandelijke beperking. Sinds het "
             "praktijkonderwijs zit hij thuis; hij wil graag iets met zijn handen doen.",
      ["werk-en-opleiding", "tijdsbesteding"], HA, 24, ["mensen-met-een-beperking", "volwassenen"],
      "onze zoon van 24 zit sinds school alleen maar thuis, hij wil graag iets met zijn handen doen",
      ["vrijwilligerspunt", "mee"], ["beschut_werk", "werkschuur"],
      narrowed_q="dagbesteding"),
    # ------------------------------------------------------------------ wonen
    C("h24", "Een echtpaar (80 en 78) in Groenlo huurt een eengezinswoning. De trap wordt te zwaar; "
             "ze willen naar een gelijkvloerse woning.",
      ["huisvesting"], GR, 80, ["ouderen"],
      "ons huis is te groot en de trap wordt te zwaar, we willen naar een gelijkvloerse woning",
      ["woningcorporatie", "ouderenadviseur"], ["woonconsulent", "wmo_woon"],
      narrowed_q="traplift"),
    # ------------------------------------------------------------------ veiligheid
    C("h25", "Mevrouw (36) in Lichtenvoorde vertelt dat haar man haar slaat als hij gedronken heeft. "
             "Hun kinderen van 5 en 8 horen alles.",
      ["huiselijke-relaties"], LV, 36, ["volwassenen", "ouders"],
      "als mijn man gedronken heeft slaat hij me, de kinderen horen alles",
      ["veilig_thuis"], ["blijfhuis", "wijkagent", "slachtofferhulp"],
      narrowed_q="opvang", safety=True),
    C("h26", "Een oma in Groenlo over haar kleinzoon van 6: hij heeft steeds blauwe plekken en haar "
             "dochter gebruikt weer drugs.",
      ["huiselijke-relaties", "middelengebruik"], GR, 6, ["kinderen"],
      "mijn kleinzoon heeft steeds blauwe plekken en mijn dochter gebruikt weer",
      ["veilig_thuis"], ["crisisdienst_jeugd", "kompas"],
      narrowed_q="jeugdhulp", safety=True),
    C("h27", "Meneer (83) in Zieuwent: zijn zoon woont sinds kort weer bij hem, neemt zijn pinpas af en "
             "schreeuwt tegen hem. Hij is bang voor hem.",
      ["huiselijke-relaties", "financien"], ZI, 83, ["ouderen"],
      "mijn zoon woont weer bij me, hij pakt mijn pinpas af en schreeuwt tegen me, ik ben bang voor "
      "hem",
      ["veilig_thuis"], ["wijkagent", "slachtofferhulp", "blijfhuis"], safety=True),
    C("h28", "Een meisje van 15 uit Vragender durft niet naar huis: haar vader slaat haar moeder en "
             "gooit met spullen.",
      ["huiselijke-relaties"], VR, 15, ["jongeren", "kinderen"],
      "ik durf niet meer naar huis, mijn vader slaat mijn moeder en gooit met dingen",
      ["veilig_thuis"], ["crisisdienst_jeugd", "blijfhuis", "wijkagent", "kompas"],
      narrowed_q="crisisopvang", safety=True),
    # ------------------------------------------------------------------ relatie (geen geweld)
    C("h29", "Een vader (42) in Lichtenvoorde: hij en zijn vrouw hebben alleen nog ruzie en denken aan "
             "scheiden. Ze maken zich zorgen over hun kinderen van 7 en 11. Er is geen geweld.",
      ["huiselijke-relaties"], LV, 42, ["volwassenen", "ouders"],
      "we hebben alleen nog maar ruzie en denken erover uit elkaar te gaan, wat doet dat met de "
      "kinderen",
      ["amw", "relatiecursus", "ouderschap_scheiding", "cjg"], ["juridisch_loket"]),
    C("h30", "Mevrouw (67) in Harreveld: sinds haar man met pensioen is, zitten ze elkaar de hele dag "
             "in de weg en is er steeds ruzie. Er is geen geweld.",
      ["huiselijke-relaties"], HA, 67, ["ouderen"],
      "sinds mijn man met pensioen is lopen we elkaar de hele dag voor de voeten en hebben we "
      "steeds ruzie",
      ["amw", "relatiecursus"], []),
]
