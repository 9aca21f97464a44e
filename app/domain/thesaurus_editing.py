"""Editors keep the search thesaurus: new concepts, their own version of a concept in
``data/thesaurus``, and going back to the file's version.

A concept is edited as the block ``search/thesaurus.py`` reads (``= id``, ``leefgebied:``,
``nl:``, ``vak:``, ``en:``, ``verwant:`` ...). What an editor saves is a ``ThesaurusEntry``
that replaces the file's concept of the same id (or adds one); every save and removal is a
``ThesaurusRevision``, so earlier wording can be read back and restored. Two editors saving
the same concept: the second gets a ``StaleConcept`` (the form carries the version it read).
The search engine is given the merged thesaurus at once, and every worker picks it up within
``SYNONYM_RECHECK_SECONDS`` (``thesaurus_signature``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.models import ThesaurusEntry, ThesaurusRevision
from app.models.base import DbSession, utcnow
from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES
from search.thesaurus import Concept, Thesaurus, ThesaurusError, parse_concepts

MAX_TEXT = 20_000  # characters in one concept's block

NEW_CONCEPT = """= nieuw-begrip
leefgebied: sociaal-netwerk
nl: woord dat inwoners gebruiken, nog een woord
vak: woord dat aanbieders gebruiken
en: english word
"""


class ConceptRefused(Exception):
    """The block cannot be saved; the message (Dutch) names the line when it can."""

    def __init__(self, message: str, line_no: int = 0) -> None:
        super().__init__(message)
        self.line_no = line_no


class StaleConcept(Exception):
    """Another editor saved this concept after the form was read."""

    def __init__(self, current: ThesaurusEntry | None) -> None:
        super().__init__("stale")
        self.current = current


@dataclass(frozen=True)
class ConceptView:
    concept: Concept
    text: str
    entry: ThesaurusEntry | None  # the editors' version, when there is one
    in_file: bool  # data/thesaurus has a concept of this id


def _entry_concepts(session: DbSession) -> list[Concept]:
    out = []
    for entry in session.scalars(select(ThesaurusEntry).order_by(ThesaurusEntry.code)):
        try:
            out.extend(parse_concepts(entry.text, source=f"redactie:{entry.code}"))
        except ThesaurusError:  # saved before a rule changed: leave it out rather than fail
            continue
    return out


def merged_thesaurus(session: DbSession, base: Thesaurus) -> Thesaurus:
    """The file's thesaurus with the editors' concepts on top (theirs win on the same id)."""
    return Thesaurus.of([*base.concepts.values(), *_entry_concepts(session)], replace=True)


def thesaurus_signature(session: DbSession) -> tuple[object, ...]:
    entries = session.execute(select(func.count(ThesaurusEntry.id),
                                     func.max(ThesaurusEntry.updated_at))).one()
    revisions = session.execute(select(func.count(ThesaurusRevision.id))).scalar_one()
    return (*entries, revisions)


def check_block(text: str, merged: Thesaurus, *, code: str | None = None) -> Concept:
    """The one concept of ``text``, checked against the profile's codes and the thesaurus it
    joins; ``code``: the concept being edited (its id cannot change)."""
    if len(text) > MAX_TEXT:
        raise ConceptRefused(f"Een begrip mag hoogstens {MAX_TEXT} tekens lang zijn.")
    try:
        concepts = parse_concepts(text, source="begrip")
    except ThesaurusError as exc:
        raise ConceptRefused(exc.reason, exc.line_no) from exc
    if len(concepts) != 1:
        raise ConceptRefused("Schrijf precies één begrip, dat begint met ‘= naam’.")
    concept = concepts[0]
    if code is not None and concept.id != code:
        raise ConceptRefused(f"De naam van een begrip blijft ‘{code}’; maak voor een andere naam "
                             "een nieuw begrip.", concept.line_no)
    if concept.sort == "onderwerp" and not concept.life_domains:
        raise ConceptRefused("Kies minstens één leefgebied (regel ‘leefgebied: …’).", concept.line_no)
    joined = Thesaurus.of([*(c for c in merged if c.id != concept.id), concept], replace=True)
    problems = [p for p in joined.check(LIFE_DOMAIN_CODES, TARGET_GROUP_CODES)
                if p.source == "begrip"]
    if problems:
        raise ConceptRefused(problems[0].reason, problems[0].line_no)
    return concept


def view(session: DbSession, base: Thesaurus, code: str) -> ConceptView | None:
    entry = session.scalar(select(ThesaurusEntry).where(ThesaurusEntry.code == code))
    in_file = base.get(code) is not None
    if entry is not None:
        concepts = parse_concepts(entry.text, source=f"redactie:{code}")
        if concepts:
            return ConceptView(concepts[0], entry.text, entry, in_file)
    concept = base.get(code)
    if concept is None:
        return None
    return ConceptView(concept, concept.to_text(), None, True)


def save(session: DbSession, base: Thesaurus, text: str, editor: str, *, code: str | None = None,
         version: int | None = None) -> ThesaurusEntry:
    """Save a new concept (``code`` None) or the editors' version of ``code``; flushes."""
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines()) + "\n"
    merged = merged_thesaurus(session, base)
    concept = check_block(text, merged, code=code)
    entry = session.scalar(select(ThesaurusEntry).where(ThesaurusEntry.code == concept.id))
    if code is None and (entry is not None or base.get(concept.id) is not None):
        raise ConceptRefused(f"Er is al een begrip ‘{concept.id}’; zoek het op en pas het daar aan, "
                             "of kies een andere naam.", concept.line_no)
    if entry is not None and version is not None and entry.version != version:
        raise StaleConcept(entry)
    if entry is None and version not in (None, 0):
        raise StaleConcept(None)  # the editors' version it was read with has been removed
    now = utcnow()
    if entry is None:
        entry = ThesaurusEntry(code=concept.id, text=text, created_at=now, updated_at=now,
                               updated_by=editor)
        session.add(entry)
    else:
        entry.text, entry.updated_at, entry.updated_by = text, now, editor
    session.add(ThesaurusRevision(code=concept.id, text=text, saved_at=now, saved_by=editor))
    session.flush()
    return entry


def remove(session: DbSession, code: str, editor: str, *, version: int | None = None) -> bool:
    """Drop the editors' version of ``code`` (the file's, if any, applies again)."""
    entry = session.scalar(select(ThesaurusEntry).where(ThesaurusEntry.code == code))
    if entry is None:
        return False
    if version is not None and entry.version != version:
        raise StaleConcept(entry)
    session.delete(entry)
    session.add(ThesaurusRevision(code=code, text="", saved_at=utcnow(), saved_by=editor))
    session.flush()
    return True


def history(session: DbSession, code: str, limit: int = 20) -> list[ThesaurusRevision]:
    return list(session.scalars(select(ThesaurusRevision).where(ThesaurusRevision.code == code)
                                .order_by(ThesaurusRevision.saved_at.desc()).limit(limit)))


def find(thesaurus: Thesaurus, words: str, limit: int = 50) -> list[Concept]:
    """Concepts whose id or terms contain the words (all of them), best first: a term equal to
    the words, then one starting with them, then the rest; without words, every concept."""
    wanted = " ".join(words.lower().split())
    if not wanted:
        return sorted(thesaurus, key=lambda c: c.id)[:limit]
    ranked = []
    for concept in thesaurus:
        texts = [concept.id.replace("-", " "), *(t.text for t in concept.terms)]
        if not all(any(w in t for t in texts) for w in wanted.split()):
            continue
        rank = 0 if wanted in texts else 1 if any(t.startswith(wanted) for t in texts) else 2
        ranked.append((rank, concept.id, concept))
    return [c for _, _, c in sorted(ranked, key=lambda r: (r[0], r[1]))[:limit]]
