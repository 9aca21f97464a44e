"""Derive the Dutch lexicon files in ``data/lexicon/`` (read by ``search/lexicon.py``).

Re-run this script when a source changes; the product itself never reads the sources (``/usr/share``,
``../shared``) at run time, only the gzipped files written here.

Sources (Debian 12 packages, as root)::

    apt-get update && apt-get install -y wdutch hunspell-nl wordnet-base
    #   wdutch        /usr/share/dict/dutch              OpenTaal word list (BSD or CC BY 3.0)
    #   hunspell-nl   /usr/share/hunspell/nl.{aff,dic}   OpenTaal Hunspell dictionary (BSD or CC BY 3.0)
    #   wordnet-base  /usr/share/wordnet/{index,data}.*, *.exc   Princeton WordNet 3.0 (WordNet licence)

plus the Open Multilingual Wordnet / Open Dutch WordNet TSVs in ``--shared`` (default ``../shared/lexicon``
relative to the repository) and the word frequencies of the ``wordfreq`` package (PyPI; data CC BY-SA 4.0),
needed at derivation time only, so install it in a throw-away virtualenv, not in the project's::

    python3 -m venv /tmp/lexicon-venv && /tmp/lexicon-venv/bin/pip install wordfreq
    cd /work/main && /tmp/lexicon-venv/bin/python data/lexicon/derive.py [--shared DIR] [--out DIR]

Hunspell's affix rules are expanded here in Python (no ``unmunch`` needed: the expansion keeps track of each
form's dictionary root, which is what the lemma table is built from). The script uses the standard library
plus ``wordfreq``; it prints what it wrote and a few counts.

Files written (UTF-8, one record a line, sorted by the UTF-8 bytes of the first field, gzip with mtime 0 so
that a re-run on the same sources gives the same bytes):

    dutch-words.txt.gz        normalised Dutch word forms
    dutch-lemmas.tsv.gz       form <TAB> lemma [<TAB> lemma ...]       (only forms whose lemma differs)
    dutch-frequencies.tsv.gz  word <TAB> Zipf frequency (2 decimals)
    english-dutch.tsv.gz      english <TAB> pos letters <TAB> dutch:weight|... <TAB> pos:base ...
    dutch-synonyms.tsv.gz     word <TAB> synonym [<TAB> synonym ...]
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import io
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "lexicon"
WORDLIST = Path("/usr/share/dict/dutch")
HUNSPELL = Path("/usr/share/hunspell")
WORDNET = Path("/usr/share/wordnet")

MIN_LEN, MAX_LEN = 2, 40
FREQ_WORDS = 200_000
MAX_DUTCH_PER_ENGLISH = 8
RANK_WEIGHTS = (1.0, 0.7, 0.5)  # first, second, third sense; later senses 0.3
LATER_WEIGHT = 0.3
WN_POS = (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))


# --------------------------------------------------------------------------- normalisation


def normalize(text: str) -> str:
    """Lowercase and strip accents; the same as ``search.analysis.normalize`` (the tests check it).

    Kept as a copy so that the derivation needs no Whoosh; NFKD also turns the ligature "ĳ" into "ij".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def word_key(raw: str) -> str | None:
    """A dictionary word as the search sees it: normalised, inner hyphens joined, letters only, 2-40 long."""
    norm = normalize(raw)
    if norm.startswith("-") or norm.endswith("-") or "--" in norm:
        return None
    joined = norm.replace("-", "")
    if not joined.isalpha() or not MIN_LEN <= len(joined) <= MAX_LEN:
        return None
    return joined


def phrase_key(raw: str) -> str | None:
    """A lemma that may be a phrase (WordNet collocation, Dutch multi-word lemma), normalised."""
    text = " ".join(normalize(raw).replace("_", " ").split())
    if not text or any(ch in text for ch in "\t|:"):
        return None
    return text


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write sorted lines (by UTF-8 bytes) gzipped, reproducibly; return the number of lines."""
    encoded = sorted({line.encode("utf-8") for line in lines})
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(b"\n".join(encoded) + b"\n")
    path.write_bytes(buf.getvalue())
    return len(encoded)


# --------------------------------------------------------------------------- hunspell


class Affix:
    __slots__ = ("kind", "flag", "cross", "strip", "add", "cond", "cont", "tags")

    def __init__(self, kind: str, flag: str, cross: bool, fields: list[str]) -> None:
        strip, add = fields[2], fields[3]
        cond = fields[4] if len(fields) > 4 else "."
        add, _, cont = add.partition("/")
        self.kind, self.flag, self.cross = kind, flag, cross
        self.strip = "" if strip == "0" else strip
        self.add = "" if add == "0" else add
        if cond == ".":
            self.cond = None
        else:
            self.cond = re.compile(cond + "$" if kind == "SFX" else "^" + cond)
        self.cont = {cont[i : i + 2] for i in range(0, len(cont), 2)}
        self.tags = tuple(f[3:] for f in fields[5:] if f.startswith("ts:"))

    def apply(self, word: str) -> str | None:
        if self.kind == "SFX":
            if not word.endswith(self.strip) or (self.cond is not None and not self.cond.search(word)):
                return None
            return word[: len(word) - len(self.strip)] + self.add
        if not word.startswith(self.strip) or (self.cond is not None and not self.cond.search(word)):
            return None
        return self.add + word[len(self.strip) :]


def read_aff(path: Path) -> tuple[dict[str, list[Affix]], dict[str, str]]:
    """Affix rules by flag, and the special flags (FORBIDDENWORD, ONLYINCOMPOUND, ...)."""
    affixes: dict[str, list[Affix]] = {}
    special: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        fields = lines[i].split()
        if len(fields) == 4 and fields[0] in ("SFX", "PFX") and fields[3].isdigit():
            kind, flag, cross, count = fields[0], fields[1], fields[2] == "Y", int(fields[3])
            affixes[flag] = [Affix(kind, flag, cross, line.split()) for line in lines[i + 1 : i + 1 + count]]
            i += 1 + count
            continue
        if len(fields) == 2 and fields[0] in ("FORBIDDENWORD", "ONLYINCOMPOUND", "NEEDAFFIX"):
            special[fields[0]] = fields[1]
        i += 1
    return affixes, special


def read_dic(path: Path) -> list[tuple[str, frozenset[str]]]:
    entries = []
    with path.open(encoding="utf-8") as fh:
        next(fh)  # the entry count
        for line in fh:
            line = line.rstrip("\n").split("\t")[0]
            word, _, flags = line.partition("/")
            if word.endswith("\\"):  # an escaped slash inside the word ("en\/of")
                continue
            entries.append((word, frozenset(flags[i : i + 2] for i in range(0, len(flags), 2))))
    return entries


# Flag groups of the OpenTaal affix file (nl.aff, see its comments).
NOUN_PLURAL = {"Za", "Zb", "Zc", "Zd", "Ze", "Zf", "Zg", "Zh", "Zi", "Zj", "Zu", "Zx", "Cd"}
DIMINUTIVE = {"Ya", "Yb", "Yc", "Yd", "Ye", "Yf", "Yg"}
ADJECTIVE = {
    "Aa", "Ab", "Ac", "Ad", "Ae", "Ai", "Al", "Am", "An", "Ao", "Ap",
    "Aq", "Ar", "As", "Ay", "At", "Au", "Av", "Aw", "Ax",
}  # fmt: skip
VERB_STEM = {"V3", "Vp", "Vq"}  # stem + t / de(n) / te(n)
VERB_THIRD = {"Va", "Vb"}  # 3rd person (ends in t) -> past
VERB_PARTICLE_PREFIXES = {f"P{c}" for c in "abcdefghijklmnopqrst"}
LEXICAL = DIMINUTIVE | ADJECTIVE | {"Xe", "Xf", "Zk", "Zm", "Vi"}  # a root with these is a lemma of its own


class Hunspell:
    """The expanded OpenTaal Hunspell dictionary, with what each form was made from."""

    def __init__(self, aff: Path, dic: Path) -> None:
        affixes, special = read_aff(aff)
        forbidden_flag = special.get("FORBIDDENWORD", "Fw")
        compound_only = special.get("ONLYINCOMPOUND", "Cx")
        self.forms: set[str] = set()
        self.forbidden: set[str] = set()
        self.infinitives: set[str] = set()
        self.stems: dict[str, set[str]] = defaultdict(set)  # verb stem -> past-tense types ("d", "t", "")
        self.thirds: set[str] = set()  # 3rd-person roots with a Va/Vb past
        self.lexical: set[str] = set()  # roots that are a noun/adjective/infinitive lemma themselves
        self.participles: set[str] = set()  # roots flagged Ve (past participle, + e)
        self.nouns: set[str] = set()  # roots with a diminutive, or a plural and a compounding flag
        # (form, root, analysis): analysis is a tag such as "plural", "dim-plural", "adj", "verb", ...
        self.analyses: list[tuple[str, str, str]] = []
        self.prefixed: list[tuple[str, str, str]] = []  # (form, prefix, unprefixed form)

        for raw, flags in read_dic(dic):
            root = word_key(raw)
            if forbidden_flag in flags:
                if root:
                    self.forbidden.add(root)
                continue
            if compound_only in flags or root is None:
                continue
            self.forms.add(root)
            if "Ve" in flags:
                self.participles.add(root)  # a participle line, even with adjective flags (gezocht)
            elif flags & LEXICAL:
                self.lexical.add(root)
            if "Vi" in flags:
                self.infinitives.add(root)
            if flags & DIMINUTIVE or (flags & NOUN_PLURAL and flags & {"Ca", "Cc"}):
                self.nouns.add(root)  # (Zb alone also makes infinitives: klieder/ZbVp -> kliederen)
            if flags & VERB_STEM:
                kinds = self.stems[root]
                kinds.add("")
                if "Vp" in flags:
                    kinds.add("d")
                if "Vq" in flags:
                    kinds.add("t")
            if flags & VERB_THIRD:
                self.thirds.add(root)

            suffixed: list[tuple[str, str, bool]] = []  # (raw form, analysis, cross product)
            for flag in sorted(flags):
                for affix in affixes.get(flag, ()):
                    if affix.kind != "SFX":
                        continue
                    made = affix.apply(raw)
                    if made is None or compound_only in affix.cont:
                        continue
                    kind = self._suffix_kind(affix)
                    suffixed.append((made, kind, affix.cross))
                    if "A0" in affix.cont:  # lelijkst -> allerlelijkst
                        for pre in affixes.get("A0", ()):
                            more = pre.apply(made)
                            if more is not None:
                                suffixed.append((more, kind, False))
            for made, kind, _ in suffixed:
                key = word_key(made)
                if key:
                    self.forms.add(key)
                    self.analyses.append((key, root, kind))
            for flag in sorted(flags):
                for affix in affixes.get(flag, ()):
                    if affix.kind != "PFX" or flag == "A0":
                        continue
                    bases = [(raw, root)]
                    if affix.cross:
                        bases += [(made, word_key(made)) for made, _, cross in suffixed if cross]
                    for base_raw, base_key in bases:
                        made = affix.apply(base_raw)
                        key = word_key(made) if made is not None else None
                        if key is None or base_key is None:
                            continue
                        self.forms.add(key)
                        if flag in VERB_PARTICLE_PREFIXES:
                            prefix = word_key(affix.add) or ""
                            self.prefixed.append((key, prefix, base_key))
                            if base_key == root:
                                if "Vi" in flags:
                                    self.infinitives.add(key)
                                if flags & VERB_STEM:
                                    self.stems[key] |= self.stems[root]
        self.forms -= self.forbidden

    @staticmethod
    def _suffix_kind(affix: Affix) -> str:
        flag, tags = affix.flag, affix.tags
        if flag in NOUN_PLURAL:
            return "plural"
        if flag in DIMINUTIVE:
            plural = any(t.startswith("NN2") for t in tags) or affix.add.endswith("s")
            return "dim-plural" if plural else "dim"
        if flag in ADJECTIVE:
            return "adj"
        if flag == "Zk":
            return "adj-noun-plural" if affix.add == "en" else "adj"
        if flag == "Zm":
            return "heid-plural" if affix.add == "heden" else "derived"
        if flag in VERB_STEM:
            return "verb"
        if flag in VERB_THIRD:
            return "verb-third"
        if flag == "Vi":
            return "present-participle"
        if flag == "Ve":
            return "participle-e"
        return "derived"  # female forms, inhabitants, street names, possessives


# --------------------------------------------------------------------------- Dutch inflection

VOWELS = "aeiou"
LONG_VOWEL_STEM = re.compile(r"^(.*?[^aeiou]|)(aa|ee|oo|uu)([^aeiouy])$")
SHORT_VOWEL_STEM = re.compile(r"(?:^|[^aeiou])[aeiou]([bdfgklmnprstz])$")

# Separable particles and inseparable prefixes of Dutch verbs (for strong verbs and participles).
PARTICLES = """
aan aaneen achter achterna achterop achterover achteruit af bij binnen boven buiten dicht door in los
mee na neer om omhoog omlaag omver onder op open over rond samen tegen terecht terug thuis toe uit
uiteen vast voor voorbij vooruit vrij weg weer tegemoet teweeg kapot klaar goed schoon stil stuk vol
kwijt bekend groot fijn gelijk teleur tekort tentoon
""".split()
INSEPARABLE = "be ge her ont ver er mis over onder door om achter vol weer".split()

# Strong and irregular verbs: infinitive, then its irregular forms (past tense, past participle,
# irregular present). Forms not in the word list are ignored; prefixed verbs (ver-, be-, op-, ...)
# are derived from these when the prefixed infinitive is a word.
STRONG_VERBS = """
bakken: gebakken | bannen: gebannen | barsten: gebarsten | bederven: bedierf bedierven bedorven
bedriegen: bedroog bedrogen | beginnen: begon begonnen | bergen: borg borgen geborgen
bevelen: beval bevalen bevolen | bewegen: bewoog bewogen | bezwijken: bezweek bezweken
bidden: bad baden gebeden | bieden: bood boden geboden | bijten: beet beten gebeten
binden: bond bonden gebonden | blazen: blies bliezen geblazen | blijken: bleek bleken gebleken
blijven: bleef bleven gebleven | blinken: blonk blonken geblonken | braden: gebraden
breken: brak braken gebroken | brengen: bracht brachten gebracht | brouwen: gebrouwen
buigen: boog bogen gebogen | delven: dolf dolven gedolven | denken: dacht dachten gedacht
dingen: dong dongen gedongen | doen: deed deden gedaan | dragen: droeg droegen gedragen
drijven: dreef dreven gedreven | dringen: drong drongen gedrongen | drinken: dronk dronken gedronken
druipen: droop dropen gedropen | duiken: dook doken gedoken | dwingen: dwong dwongen gedwongen
eten: at aten gegeten | fluiten: floot floten gefloten | gaan: ging gingen gegaan
gelden: gold golden gegolden | gelijken: geleek geleken | genezen: genas genazen
genieten: genoot genoten | geven: gaf gaven gegeven | gieten: goot goten gegoten
glijden: gleed gleden gegleden | glimmen: glom glommen geglommen | graven: groef groeven gegraven
grijpen: greep grepen gegrepen | hangen: hing hingen gehangen
hebben: heb hebt heeft had hadden gehad | heffen: hief hieven geheven | helpen: hielp hielpen geholpen
heten: geheten | houden: hield hielden gehouden | houwen: hieuw hieuwen gehouwen
jagen: joeg joegen | kiezen: koos kozen gekozen | kijken: keek keken gekeken | kijven: keef keven gekeven
klimmen: klom klommen geklommen | klinken: klonk klonken geklonken | knijpen: kneep knepen geknepen
komen: kwam kwamen gekomen | kopen: kocht kochten gekocht | krijgen: kreeg kregen gekregen
krimpen: kromp krompen gekrompen | kruipen: kroop kropen gekropen
kunnen: kan kunt kun kon konden gekund | kwijten: kweet kweten gekweten | lachen: gelachen
laden: geladen | laten: liet lieten gelaten | lezen: las lazen gelezen | liegen: loog logen gelogen
liggen: lag lagen gelegen | lijden: leed leden geleden | lijken: leek leken geleken
lopen: liep liepen gelopen | malen: gemalen | melken: molk molken gemolken | meten: mat maten gemeten
mijden: meed meden gemeden | mogen: mag mocht mochten gemogen gemoogd | nemen: nam namen genomen
nijgen: neeg negen genegen | prijzen: prees prezen geprezen | raden: ried rieden geraden
rijden: reed reden gereden | rijgen: reeg regen geregen | rijten: reet reten gereten
rijzen: rees rezen gerezen | roepen: riep riepen geroepen | ruiken: rook roken geroken
scheiden: gescheiden | schelden: schold scholden gescholden | schenden: schond schonden geschonden
schenken: schonk schonken geschonken | scheppen: schiep schiepen geschapen
scheren: schoor schoren geschoren | schieten: schoot schoten geschoten
schijnen: scheen schenen geschenen | schijten: scheet scheten gescheten
schrijden: schreed schreden geschreden | schrijven: schreef schreven geschreven
schrikken: schrok schrokken geschrokken | schuiven: schoof schoven geschoven
slaan: sloeg sloegen geslagen | slapen: sliep sliepen geslapen | slijpen: sleep slepen geslepen
slijten: sleet sleten gesleten | slinken: slonk slonken geslonken | sluipen: sloop slopen geslopen
sluiten: sloot sloten gesloten | smelten: smolt smolten gesmolten | smijten: smeet smeten gesmeten
snijden: sneed sneden gesneden | snuiten: snoot snoten gesnoten | snuiven: snoof snoven gesnoven
spannen: gespannen | spijten: speet speten gespeten | spinnen: spon sponnen gesponnen
splijten: spleet spleten gespleten | spreken: sprak spraken gesproken
springen: sprong sprongen gesprongen | spruiten: sproot sproten gesproten | spugen: spoog spogen gespogen
staan: stond stonden gestaan | steken: stak staken gestoken | stelen: stal stalen gestolen
sterven: stierf stierven gestorven | stijgen: steeg stegen gestegen | stinken: stonk stonken gestonken
stoten: stiet stieten gestoten | strijden: streed streden gestreden | strijken: streek streken gestreken
stuiven: stoof stoven gestoven | treden: trad traden getreden | treffen: trof troffen getroffen
trekken: trok trokken getrokken | vallen: viel vielen gevallen | vangen: ving vingen gevangen
varen: voer voeren gevaren | vechten: vocht vochten gevochten | verdwijnen: verdween verdwenen
vergeten: vergat vergaten | verliezen: verloor verloren | verschuilen: verschool verscholen
verslinden: verslond verslonden | vinden: vond vonden gevonden | vlechten: vlocht vlochten gevlochten
vliegen: vloog vlogen gevlogen | vouwen: gevouwen | vragen: vroeg vroegen | vreten: vrat vraten gevreten
vriezen: vroor vroren gevroren | waaien: woei woeien | wassen: wies wiesen gewassen
wegen: woog wogen gewogen | werpen: wierp wierpen geworpen | werven: wierf wierven geworven
weten: wist wisten geweten | weven: geweven | wijken: week weken geweken | wijten: weet geweten
wijzen: wees wezen gewezen | willen: wil wilt wou wouden gewild | winden: wond wonden gewonden
winnen: won wonnen gewonnen | worden: werd werden geworden | wreken: gewroken
wrijven: wreef wreven gewreven | wringen: wrong wrongen gewrongen | zeggen: zei zeiden
zenden: zond zonden gezonden | zien: zag zagen gezien | zijn: ben bent is zijt was waren geweest
zingen: zong zongen gezongen | zinken: zonk zonken gezonken | zinnen: zon zonnen gezonnen
zitten: zat zaten gezeten | zoeken: zocht zochten gezocht | zouten: gezouten
zuigen: zoog zogen gezogen | zuipen: zoop zopen gezopen | zullen: zal zult zul zou zouden
zwellen: zwol zwollen gezwollen | zwemmen: zwom zwommen gezwommen
zweren: zwoer zwoor zwoeren zworen gezworen | zwerven: zwierf zwierven gezworven
zwijgen: zweeg zwegen gezwegen
"""

# Irregular present forms: the affix rules' stem + t would be wrong (kan -> kant), the table has them.
IRREGULAR_PRESENT = frozenset(
    "ben bent is zijt kan kun kunt heb hebt heeft wil wilt zal zul zult mag".split()
)

# Noun plurals the affix rules do not make (the .dic lists them on their own): plural -> singular.
IRREGULAR_PLURALS = """
kinderen:kind zonen:zoon steden:stad schepen:schip leden:lid smeden:smid gelederen:gelid kleren:kleed
koeien:koe vlooien:vlo beenderen:been kalveren:kalf lammeren:lam eieren:ei liederen:lied bladeren:blad
raderen:rad runderen:rund volkeren:volk goederen:goed gemoederen:gemoed hoenderen:hoen crises:crisis
"""


def parse_strong_verbs() -> dict[str, list[str]]:
    """Irregular form -> infinitives."""
    forms: dict[str, list[str]] = defaultdict(list)
    for item in STRONG_VERBS.replace("\n", " | ").split("|"):
        if not item.strip():
            continue
        infinitive, _, rest = item.partition(":")
        for form in rest.split():
            if infinitive.strip() not in forms[form]:
                forms[form].append(infinitive.strip())
    return forms


def infinitive_candidates(stem: str) -> list[str]:
    """Infinitives a verb stem can have (woon -> wonen, verhuis -> verhuizen, zet -> zetten, ga -> gaan)."""
    out = [stem + "en"]
    if stem[-1:] in VOWELS + "y":
        out += [stem + "n", stem + stem[-1] + "n"]
    voiced = {"f": "v", "s": "z"}
    if stem[-1:] in voiced:
        out.append(stem[:-1] + voiced[stem[-1]] + "en")
    m = LONG_VOWEL_STEM.match(stem)
    if m:
        head, vowel, cons = m.groups()
        out.append(head + vowel[0] + cons + "en")
        if cons in voiced:
            out.append(head + vowel[0] + voiced[cons] + "en")
    if SHORT_VOWEL_STEM.search(stem):
        out.append(stem + stem[-1] + "en")
    return out


# --------------------------------------------------------------------------- Dutch words and lemmas


class DutchLexicon:
    def __init__(self, wordlist: Path, aff: Path, dic: Path) -> None:
        self.hun = Hunspell(aff, dic)
        listed = set()
        with wordlist.open(encoding="utf-8") as fh:
            for line in fh:
                key = word_key(line.strip())
                if key:
                    listed.add(key)
        self.listed = listed
        # forbidden hunspell forms stay out unless the OpenTaal list has them
        self.words: set[str] = listed | (self.hun.forms - (self.hun.forbidden - listed))
        self.lemmas: dict[str, list[str]] = defaultdict(list)
        self.strong = parse_strong_verbs()
        self.stats: dict[str, int] = defaultdict(int)
        self._derive_lemmas()

    # -- helpers

    def _add(self, form: str, lemma: str, source: str) -> bool:
        if form == lemma or lemma not in self.words or form not in self.words:
            return False
        bucket = self.lemmas[form]
        if lemma in bucket:
            return False
        bucket.append(lemma)
        self.stats[source] += 1
        return True

    def _verb_infinitives(self, stem: str) -> list[str]:
        """Infinitives of a known verb stem (kan, ben, ...: the table of strong verbs has them)."""
        if stem in IRREGULAR_PRESENT:
            return []
        if SHORT_VOWEL_STEM.search(stem) and stem + stem[-1] + "en" in self.hun.infinitives:
            return [stem + stem[-1] + "en"]  # kap -> kappen, not kapen (whose stem is kaap)
        return [c for c in dict.fromkeys(infinitive_candidates(stem)) if c in self.hun.infinitives]

    def _homograph(self, form: str) -> bool:
        """A form that is a noun/adjective/infinitive of its own, or already has another lemma."""
        return form in self.hun.lexical or bool(self.lemmas.get(form))

    def _prefixes(self) -> list[str]:
        simple = sorted(set(PARTICLES) | set(INSEPARABLE))
        combos = [a + b for a in PARTICLES for b in INSEPARABLE]  # aanbevelen, voorbereiden
        return simple + combos

    # -- passes

    def _derive_lemmas(self) -> None:
        hun = self.hun
        # 1. irregular noun plurals
        for pair in IRREGULAR_PLURALS.split():
            plural, singular = pair.split(":")
            self._add(plural, singular, "noun plural (table)")
        # 2. hunspell analyses (the .dic root is the lemma)
        participle_e: list[tuple[str, str]] = []
        for form, root, kind in hun.analyses:
            if kind in ("plural", "adj"):
                if kind == "plural" and root in self.strong and root not in hun.lexical:  # ging/Zb -> gingen
                    for inf in self.strong[root]:
                        self._add(form, inf, "strong verb (table)")
                    continue
                if kind == "plural" and form in hun.infinitives and root not in hun.nouns:
                    continue  # voorzing/Zb -> voorzingen is an infinitive, not a plural
                self._add(form, root, "hunspell " + kind)
            elif kind == "dim-plural":
                self._add(form, form[:-1], "hunspell diminutive plural")
            elif kind == "adj-noun-plural":
                self._add(form, form[:-1], "hunspell " + kind)
                self._add(form, root, "hunspell " + kind)
            elif kind == "heid-plural":
                self._add(form, root + "heid", "hunspell " + kind)
            elif kind == "present-participle":
                self._add(form, root, "hunspell " + kind)
            elif kind == "verb":
                for inf in self._verb_infinitives(root):
                    self._add(form, inf, "hunspell verb")
            elif kind == "verb-third":
                for inf in self._verb_infinitives(root[:-1]):
                    self._add(form, inf, "hunspell verb")
            elif kind == "participle-e":
                participle_e.append((form, root))
        # the stem itself: ik woon -> wonen (not werk, a noun: werk -> werken is no lemma)
        for stem in hun.stems:
            if stem in hun.lexical or stem in hun.nouns:
                continue
            for inf in self._verb_infinitives(stem):
                self._add(stem, inf, "hunspell verb stem")
        for third in hun.thirds:
            for inf in self._verb_infinitives(third[:-1]):
                self._add(third, inf, "hunspell verb")
        # 3. strong and irregular verbs, with their prefixed verbs
        for form, infinitives in self.strong.items():
            if form not in self.words or self._homograph(form):
                continue
            for inf in infinitives:
                self._add(form, inf, "strong verb (table)")
        prefixes = self._prefixes()
        for prefix in prefixes:
            for form, infinitives in self.strong.items():
                for inf in infinitives:
                    if prefix + inf not in hun.infinitives:
                        continue
                    candidates = [prefix + form]
                    if form.startswith("ge") and form not in hun.infinitives:
                        candidates.append(prefix + form[2:])  # inseparable: vergaan, bedrogen, ontgaan
                    for cand in candidates:
                        if cand in self.words and not self._homograph(cand):
                            self._add(cand, prefix + inf, "strong verb (table, prefixed)")
        # 4. forms hunspell made with a verb particle (aan + gaat -> aangaat): particle + lemma of the rest
        for form, prefix, base in hun.prefixed:
            if self.lemmas.get(form):
                continue
            bases = list(self.lemmas.get(base, ())) + list(self.strong.get(base, ()))
            for lemma in bases:  # a verb particle makes a verb: the lemma is an infinitive
                if prefix + lemma in hun.infinitives:
                    self._add(form, prefix + lemma, "hunspell particle + lemma")
        # 5. past participles: gepest -> pesten, verhuisd -> verhuizen, bijgewoond -> bijwonen
        for form in sorted(self.words):
            if self.lemmas.get(form) or form[-1:] not in ("d", "t"):
                continue
            if form in hun.lexical or form in hun.nouns:
                continue  # gezond (healthy, its own .dic line) is not read as a participle of zonnen
            explicit = form in hun.participles
            for inf in self._participle(form, explicit):
                self._add(form, inf, "past participle")
        for form, root in participle_e:  # gepeste -> pesten
            for lemma in self.lemmas.get(root, ()) or [root]:
                self._add(form, lemma, "past participle + e")
        # 6. compounds of the OpenTaal list: pleegkinderen -> pleegkind (tail inflected, head + lemma a word)
        base_lemmas = {k: list(v) for k, v in self.lemmas.items() if v}
        # The longest tail that is a word decides (coronabrandhaard: "brandhaard", no lemma; not "aard").
        for form in sorted(self.words - hun.forms):
            if form in base_lemmas:
                continue
            for i in range(2, len(form) - 2):
                tail = form[i:]
                if tail not in self.words:
                    continue
                for lemma in base_lemmas.get(tail, ()):
                    self._add(form, form[:i] + lemma, "compound")
                break
        # 7. no cycles (a form whose lemma lists the form back): both directions are doubtful
        lemmas = self.lemmas
        cycles = [(f, lem) for f, lems in lemmas.items() for lem in lems if f in lemmas.get(lem, ())]
        for form, lemma in cycles:
            self.lemmas[form].remove(lemma)
            self.stats["dropped: cycle"] += 1

    def _participle(self, form: str, explicit: bool) -> list[str]:
        """Infinitives of a weak past participle: (particle +) ge + stem + d/t, or inseparable stem + d/t.

        The ending is dropped (geblowd -> blow) or is the stem's own last letter (gepest -> pest). Unless the
        .dic flags the form as a participle (Ve), the stem must be a known verb stem with that past tense.
        """
        stems: list[tuple[str, str, str]] = []  # (particle, stem, ending)
        for rest, ending in ((form[:-1], form[-1]), (form, "")):
            for particle in ["", *PARTICLES]:
                if rest.startswith(particle + "ge"):
                    stems.append((particle, rest[len(particle) + 2 :], ending))
            if rest.startswith(tuple(INSEPARABLE)):
                stems.append(("", rest, ending))
        out: list[str] = []
        for particle, stem, ending in stems:
            if len(stem) < 2:
                continue
            kinds = self.hun.stems.get(stem, set())
            if (ending and ending not in kinds) or not kinds & {"d", "t"}:
                continue  # not this verb's past (strong verbs make no -d/-t participle)
            out += [particle + inf for inf in self._verb_infinitives(stem)]
        if not out and explicit:  # a .dic participle whose stem is not listed as a verb stem
            for particle, stem, _ in stems:
                out += [particle + c for c in infinitive_candidates(stem) if c in self.hun.infinitives]
        return [inf for inf in dict.fromkeys(out) if inf in self.hun.infinitives or inf in self.listed]


# --------------------------------------------------------------------------- frequencies


def derive_frequencies(limit: int) -> tuple[dict[str, float], str]:
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is needed to derive the frequencies: pip install wordfreq (see the docstring)")
    from importlib.metadata import version

    totals: dict[str, float] = defaultdict(float)
    for word in wordfreq.top_n_list("nl", limit):
        key = normalize(word)
        if not key.isalpha() or len(key) > MAX_LEN:
            continue
        totals[key] += wordfreq.word_frequency(word, "nl")
    zipf = {w: round(math.log10(f) + 9, 2) for w, f in totals.items() if f > 0}
    return zipf, version("wordfreq")


# --------------------------------------------------------------------------- English -> Dutch


def data_offsets(path: Path) -> list[int]:
    offsets = []
    with path.open("rb") as fh:
        for line in fh:
            if not line.startswith(b"  "):
                offsets.append(int(line[:8]))
    return sorted(offsets)


def realign(offset: int, starts: list[int]) -> int | None:
    """The Debian synset offset of an upstream WordNet 3.0 offset.

    Debian's wordnet-base fixed a few glosses in data.adj and data.verb, which moves the byte offsets of the
    synsets after them by a few bytes (+1, +18). Synset lines are at least 59 bytes long, so the synset start
    within 32 bytes of the upstream offset is unique.
    """
    i = bisect.bisect_left(starts, offset - 32)
    near = [s for s in starts[i : i + 3] if abs(s - offset) <= 32]
    return near[0] if len(near) == 1 else None


Synsets = dict[tuple[str, int], list[str]]


def read_omw(paths: list[Path], starts: dict[str, list[int]]) -> tuple[Synsets, dict[str, int]]:
    """(pos, Debian offset) -> Dutch lemmas (normalised, file order, wiktionary first)."""
    synsets: Synsets = defaultdict(list)
    stats = {"rows": 0, "moved": 0, "lost": 0}
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 2 or "-" not in fields[0]:
                    continue
                offset, pos = fields[0].split("-")
                pos = "a" if pos == "s" else pos
                lemma = phrase_key(fields[1])
                if pos not in starts or not offset.isdigit() or lemma is None:
                    continue
                stats["rows"] += 1
                deb = realign(int(offset), starts[pos])
                if deb is None:
                    stats["lost"] += 1
                    continue
                stats["moved"] += deb != int(offset)
                if lemma not in synsets[pos, deb]:
                    synsets[pos, deb].append(lemma)
    return synsets, stats


def read_exceptions(wordnet: Path) -> dict[str, list[str]]:
    """Inflected form -> ["pos:base", ...] from WordNet's morphy exception lists."""
    exc: dict[str, list[str]] = defaultdict(list)
    for pos, name in WN_POS:
        with (wordnet / f"{name}.exc").open(encoding="latin-1") as fh:
            for line in fh:
                fields = line.split()
                if len(fields) < 2:
                    continue
                form = phrase_key(fields[0])
                for base in fields[1:]:
                    base_key = phrase_key(base)
                    if form and base_key and base_key != form:
                        exc[form].append(f"{pos}:{base_key}")
    return exc


def derive_english(wordnet: Path, shared: Path, zipf: dict[str, float]) -> tuple[list[str], dict]:
    starts = {pos: data_offsets(wordnet / f"data.{name}") for pos, name in WN_POS}
    synsets, stats = read_omw([shared / "omw-nld-wiktionary.tsv", shared / "omw-nld-omegawiki.tsv"], starts)
    translations: dict[str, dict[str, tuple[float, int]]] = defaultdict(dict)
    pos_of: dict[str, set[str]] = defaultdict(set)
    order = 0
    for pos, name in WN_POS:
        with (wordnet / f"index.{name}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = phrase_key(fields[0])
                if lemma is None:
                    continue
                n_synsets, n_pointers = int(fields[2]), int(fields[3])
                offsets = fields[6 + n_pointers : 6 + n_pointers + n_synsets]
                for rank, offset in enumerate(offsets):
                    weight = RANK_WEIGHTS[rank] if rank < len(RANK_WEIGHTS) else LATER_WEIGHT
                    for dutch in synsets.get((pos, int(offset)), ()):
                        order += 1
                        best = translations[lemma].get(dutch)
                        if best is None or weight > best[0]:
                            translations[lemma][dutch] = (weight, order)
                        pos_of[lemma].add(pos)
    exceptions = read_exceptions(wordnet)
    lines = []
    for key in sorted(set(translations) | set(exceptions)):
        dutch = translations.get(key, {})
        ranked = sorted(dutch.items(), key=lambda kv: (-kv[1][0], -phrase_zipf(kv[0], zipf), kv[1][1]))
        cells = "|".join(f"{d}:{w:g}" for d, (w, _) in ranked[:MAX_DUTCH_PER_ENGLISH])
        pos = "".join(p for p, _ in WN_POS if p in pos_of.get(key, ()))
        lines.append(f"{key}\t{pos}\t{cells}\t{' '.join(exceptions.get(key, ()))}")
    stats["english lemmas"] = len(translations)
    stats["exception forms"] = len(exceptions)
    stats["synsets with Dutch"] = len(synsets)
    return lines, stats


def phrase_zipf(phrase: str, zipf: dict[str, float]) -> float:
    """Frequency of a (multi-word) Dutch lemma: its rarest word's."""
    return min((zipf.get(w, 0.0) for w in phrase.split()), default=0.0)


# --------------------------------------------------------------------------- Dutch synonyms


def derive_synonyms(path: Path) -> list[str]:
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        header = next(fh)
        assert header.startswith("lemma"), header
        for line in fh:
            fields = [phrase_key(f) for f in line.rstrip("\n").split("\t")]
            if not fields or fields[0] is None:
                continue
            key = fields[0]
            bucket = table.setdefault(key, [])
            for syn in fields[1:]:
                if syn and syn != key and syn not in bucket:
                    bucket.append(syn)
    return ["\t".join([k, *v]) for k, v in table.items() if v]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with the OMW/ODWN TSVs")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the files (default: here)")
    args = parser.parse_args(argv)
    for path in (WORDLIST, HUNSPELL / "nl.aff", HUNSPELL / "nl.dic", WORDNET / "index.noun"):
        if not path.exists():
            sys.exit(f"missing {path}: apt-get install wdutch hunspell-nl wordnet-base")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    dutch = DutchLexicon(WORDLIST, HUNSPELL / "nl.aff", HUNSPELL / "nl.dic")
    n_words = write_lines(out / "dutch-words.txt.gz", dutch.words)
    lemma_lines = ["\t".join([f, *ls]) for f, ls in dutch.lemmas.items() if ls]
    n_lemmas = write_lines(out / "dutch-lemmas.tsv.gz", lemma_lines)

    zipf, wf_version = derive_frequencies(FREQ_WORDS)
    n_freq = write_lines(out / "dutch-frequencies.tsv.gz", (f"{w}\t{z:.2f}" for w, z in zipf.items()))

    english_lines, en_stats = derive_english(WORDNET, args.shared, zipf)
    n_english = write_lines(out / "english-dutch.tsv.gz", english_lines)

    synonym_lines = derive_synonyms(args.shared / "odwn-synonyms.tsv")
    n_syn = write_lines(out / "dutch-synonyms.tsv.gz", synonym_lines)

    only_hunspell = len(dutch.hun.forms - dutch.listed)
    print(f"dutch-words.txt.gz        {n_words:>8} forms: {len(dutch.listed)} from the OpenTaal list, "
          f"{len(dutch.hun.forms)} from the Hunspell expansion ({only_hunspell} only there)")
    print(f"dutch-lemmas.tsv.gz       {n_lemmas:>8} forms with a lemma")
    for source, count in sorted(dutch.stats.items()):
        print(f"    {source:<40} {count:>8}")
    print(f"dutch-frequencies.tsv.gz  {n_freq:>8} words (wordfreq {wf_version})")
    print(f"english-dutch.tsv.gz      {n_english:>8} keys {dict(en_stats)}")
    print(f"dutch-synonyms.tsv.gz     {n_syn:>8} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
