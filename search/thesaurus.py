"""The social-domain thesaurus: residents' words ↔ the words providers use, per ZRM life domain.

One concept per block, in plain text files editors can read (``data/thesaurus/*.txt``)::

    # comments start with '#'
    = schulden                                   the concept's id: lowercase letters, digits, '-'
    leefgebied: financien                        one or more ZRM life-domain codes (a topic needs one)
    doelgroep: volwassenen                       optional: target-group codes it points to
    soort: onderwerp                             optional: onderwerp (default) | doelgroep
    breder: geldzaken                            optional: broader concept ids
    nl: schulden, rood staan, geldzorgen         residents' words (Dutch)
    vak: schuldhulpverlening, budgetcoaching     providers' words (Dutch)
    en: debt, debts, money worries               English words for it
    verwant: aanmaning, deurwaarder              related words: a weaker link

A term may carry its own weight between 0 and 1: ``arm (0.6)``. Terms may be phrases: a
phrase matches a query that holds all its words, in any order. The same line key may repeat.

``soort: onderwerp`` concepts say what a person looks for (debts, loneliness); ``soort:
doelgroep`` concepts say who it is about (my son, my mother, a carer): they point to a target
group and weigh less than a topic when a query is matched.

Independent of Flask: codes are checked against lists the caller gives (``load_thesaurus``),
and ``python -m search.thesaurus DIR`` checks a folder against the Berkelland profile.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ThesaurusError",
    "ConceptTerm",
    "Concept",
    "Thesaurus",
    "parse_concepts",
    "load_thesaurus",
    "TERM_KINDS",
    "KIND_WEIGHTS",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_WEIGHT = re.compile(r"^(.*?)\s*\((\d(?:[.,]\d+)?)\)\s*$")
#: line keys that list terms, with the weight of a match through them (before the term's own)
KIND_WEIGHTS = {"nl": 1.0, "vak": 1.0, "en": 1.0, "verwant": 0.5}
TERM_KINDS = tuple(KIND_WEIGHTS)
CONCEPT_SORTS = ("onderwerp", "doelgroep")
_LIST_KEYS = ("leefgebied", "doelgroep", "breder")
_KEYS = (*_LIST_KEYS, "soort", *TERM_KINDS)
MAX_TERM_LENGTH = 80
MAX_TERMS = 400


class ThesaurusError(ValueError):
    """A problem in a thesaurus text; the message names the file (or source) and line."""

    def __init__(self, source: str, line_no: int, message: str) -> None:
        where = f"{source}, regel {line_no}" if line_no else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line_no = line_no
        self.reason = message


@dataclass(frozen=True)
class ConceptTerm:
    text: str  # as written (lowercased, spaces normalised)
    kind: str  # nl | vak | en | verwant
    weight: float = 1.0  # the term's own weight (KIND_WEIGHTS applies on top)

    @property
    def language(self) -> str:
        return "en" if self.kind == "en" else "nl"


@dataclass(frozen=True)
class Concept:
    id: str
    life_domains: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    sort: str = "onderwerp"
    terms: tuple[ConceptTerm, ...] = ()
    source: str = ""
    line_no: int = 0

    @property
    def label(self) -> str:
        """The first Dutch term: how the concept is named in lists."""
        for kind in ("nl", "vak", "verwant"):
            for term in self.terms:
                if term.kind == kind:
                    return term.text
        return self.id

    def terms_of(self, *kinds: str) -> list[ConceptTerm]:
        return [t for t in self.terms if t.kind in kinds]

    def to_text(self) -> str:
        """The block as it is written in a file (the editor shows and takes this)."""
        lines = [f"= {self.id}"]
        if self.life_domains:
            lines.append("leefgebied: " + ", ".join(self.life_domains))
        if self.target_groups:
            lines.append("doelgroep: " + ", ".join(self.target_groups))
        if self.sort != "onderwerp":
            lines.append(f"soort: {self.sort}")
        if self.broader:
            lines.append("breder: " + ", ".join(self.broader))
        for kind in TERM_KINDS:
            terms = self.terms_of(kind)
            if terms:
                lines.append(f"{kind}: " + ", ".join(
                    t.text if t.weight == 1.0 else f"{t.text} ({t.weight:g})" for t in terms))
        return "\n".join(lines)


def _term(raw: str, kind: str, source: str, line_no: int) -> ConceptTerm:
    text = raw.strip()
    weight = 1.0
    found = _WEIGHT.match(text)
    if found:
        text = found.group(1).strip()
        weight = float(found.group(2).replace(",", "."))
        if not 0.0 < weight <= 1.0:
            raise ThesaurusError(source, line_no, f"gewicht van '{text}' moet tussen 0 en 1 liggen")
    text = " ".join(text.lower().split())
    if not text:
        raise ThesaurusError(source, line_no, "lege term (twee komma's of een komma aan het eind?)")
    if len(text) > MAX_TERM_LENGTH:
        raise ThesaurusError(source, line_no, f"term langer dan {MAX_TERM_LENGTH} tekens: '{text[:30]}…'")
    if any(ch in text for ch in "=:;()[]{}<>") or any(ord(ch) < 32 for ch in text):
        raise ThesaurusError(source, line_no, f"term '{text}' bevat een teken dat niet mag")
    return ConceptTerm(text, kind, weight)


def parse_concepts(text: str, source: str = "<thesaurus>") -> list[Concept]:
    """The concepts of one thesaurus text, in order; ``ThesaurusError`` names the bad line.

    Checks the shape only; codes and references are checked by ``Thesaurus.check``."""
    concepts: list[Concept] = []
    current: dict | None = None

    def close() -> None:
        if current is None:
            return
        if not current["terms"]:
            raise ThesaurusError(source, current["line_no"], f"begrip '{current['id']}' heeft geen termen "
                                 "(nl:, vak:, en: of verwant:)")
        concepts.append(Concept(
            id=current["id"],
            life_domains=tuple(dict.fromkeys(current["leefgebied"])),
            target_groups=tuple(dict.fromkeys(current["doelgroep"])),
            broader=tuple(dict.fromkeys(current["breder"])),
            sort=current["soort"],
            terms=tuple(dict.fromkeys(current["terms"])),
            source=source,
            line_no=current["line_no"],
        ))

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("="):
            close()
            ident = line[1:].strip().lower()
            if not _ID.match(ident):
                raise ThesaurusError(source, line_no, f"'{ident}' is geen geldige naam voor een begrip "
                                     "(kleine letters, cijfers en streepjes)")
            current = {"id": ident, "line_no": line_no, "leefgebied": [], "doelgroep": [], "breder": [],
                       "soort": "onderwerp", "terms": []}
            continue
        if current is None:
            raise ThesaurusError(source, line_no, "begin een begrip met '= naam' voordat u termen schrijft")
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _KEYS:
            raise ThesaurusError(source, line_no, f"onbekende regel '{line[:40]}'; gebruik één van: "
                                 + ", ".join(k + ":" for k in _KEYS))
        items = [v for v in value.split(",")]
        if key == "soort":
            sort = value.strip().lower()
            if sort not in CONCEPT_SORTS:
                raise ThesaurusError(source, line_no, f"soort '{sort}' bestaat niet; kies "
                                     + " of ".join(CONCEPT_SORTS))
            current["soort"] = sort
        elif key in _LIST_KEYS:
            codes = [" ".join(v.lower().split()) for v in items]
            if any(not c for c in codes):
                raise ThesaurusError(source, line_no, f"lege waarde in '{key}:'")
            current[key].extend(codes)
        else:
            current["terms"].extend(_term(v, key, source, line_no) for v in items)
            if len(current["terms"]) > MAX_TERMS:
                raise ThesaurusError(source, line_no, f"meer dan {MAX_TERMS} termen in één begrip")
    close()
    return concepts


@dataclass
class Thesaurus:
    """Concepts by id, with the narrower relation derived from ``breder``."""

    concepts: dict[str, Concept] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self):
        return iter(self.concepts.values())

    def get(self, ident: str) -> Concept | None:
        return self.concepts.get(ident)

    def narrower(self, ident: str) -> list[Concept]:
        return [c for c in self.concepts.values() if ident in c.broader]

    @classmethod
    def of(cls, concepts: Iterable[Concept], *, replace: bool = False) -> Thesaurus:
        """A thesaurus from concepts; a repeated id is an error unless ``replace`` (then the
        last one wins: an editor's version of a concept replaces the file's)."""
        out: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in out and not replace:
                first = out[concept.id]
                raise ThesaurusError(concept.source, concept.line_no, f"begrip '{concept.id}' staat er al "
                                     f"({first.source}, regel {first.line_no})")
            out[concept.id] = concept
        return cls(out)

    def check(self, life_domains: Iterable[str] | None = None,
              target_groups: Iterable[str] | None = None, *,
              require_domains: bool = False) -> list[ThesaurusError]:
        """Every problem across concepts: unknown codes, unknown broader ids, cycles; and,
        with ``require_domains``, a topic concept without a life domain."""
        problems: list[ThesaurusError] = []
        domains = set(life_domains) if life_domains is not None else None
        groups = set(target_groups) if target_groups is not None else None
        for c in self.concepts.values():
            if require_domains and c.sort == "onderwerp" and not c.life_domains:
                problems.append(ThesaurusError(c.source, c.line_no, f"begrip '{c.id}' heeft geen leefgebied"))
            for code in c.life_domains:
                if domains is not None and code not in domains:
                    problems.append(ThesaurusError(c.source, c.line_no,
                                                   f"begrip '{c.id}': leefgebied '{code}' bestaat niet"))
            for code in c.target_groups:
                if groups is not None and code not in groups:
                    problems.append(ThesaurusError(c.source, c.line_no,
                                                   f"begrip '{c.id}': doelgroep '{code}' bestaat niet"))
            for ref in c.broader:
                if ref not in self.concepts:
                    problems.append(ThesaurusError(c.source, c.line_no,
                                                   f"begrip '{c.id}': breder begrip '{ref}' bestaat niet"))
                elif ref == c.id:
                    problems.append(ThesaurusError(c.source, c.line_no,
                                                   f"begrip '{c.id}' is breder dan zichzelf"))
        # cycles in "breder"
        state: dict[str, int] = {}

        def visit(ident: str, path: list[str]) -> None:
            state[ident] = 1
            for ref in self.concepts[ident].broader:
                if ref not in self.concepts:
                    continue
                if state.get(ref) == 1:
                    c = self.concepts[ident]
                    cycle = " → ".join([*path[path.index(ref):], ref]) if ref in path else ref
                    problems.append(ThesaurusError(c.source, c.line_no, f"kring in 'breder': {cycle}"))
                elif ref not in state:
                    visit(ref, [*path, ref])
            state[ident] = 2

        for ident in self.concepts:
            if ident not in state:
                visit(ident, [ident])
        return problems


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
    return [path]


def load_thesaurus(path: str | os.PathLike[str], *, life_domains: Iterable[str] | None = None,
                   target_groups: Iterable[str] | None = None,
                   extra: Iterable[Concept] = ()) -> Thesaurus:
    """Read a thesaurus file or every ``*.txt`` in a folder (plus ``extra`` concepts, which
    replace file concepts of the same id); raises the first ``ThesaurusError``."""
    concepts: list[Concept] = []
    for file in _files(Path(path)):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ThesaurusError(str(file), 0, f"het bestand is geen UTF-8 ({exc.reason})") from exc
        concepts.extend(parse_concepts(text, source=file.name))
    thesaurus = Thesaurus.of(concepts)
    if extra:
        thesaurus = Thesaurus.of([*thesaurus.concepts.values(), *extra], replace=True)
    problems = thesaurus.check(life_domains, target_groups)
    if problems:
        raise problems[0]
    return thesaurus


def _main(argv: list[str]) -> int:
    """``python -m search.thesaurus DIR``: check a thesaurus folder; print counts."""
    if not argv:
        print("usage: python -m search.thesaurus DIR_OR_FILE", file=sys.stderr)
        return 2
    from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES

    concepts: list[Concept] = []
    errors: list[str] = []
    for file in _files(Path(argv[0])):
        try:
            concepts.extend(parse_concepts(file.read_text(encoding="utf-8-sig"), source=file.name))
        except ThesaurusError as exc:
            errors.append(str(exc))
    try:
        thesaurus = Thesaurus.of(concepts)
        errors.extend(str(p) for p in thesaurus.check(LIFE_DOMAIN_CODES, TARGET_GROUP_CODES,
                                                      require_domains=True))
    except ThesaurusError as exc:
        errors.append(str(exc))
        thesaurus = Thesaurus()
    per_domain: dict[str, int] = {}
    for c in thesaurus:
        for d in c.life_domains or ("(geen)",):
            per_domain[d] = per_domain.get(d, 0) + 1
    terms = sum(len(c.terms) for c in thesaurus)
    print(f"{len(thesaurus)} begrippen, {terms} termen")
    for d, n in sorted(per_domain.items()):
        print(f"  {d}: {n}")
    for e in errors:
        print("FOUT: " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))

