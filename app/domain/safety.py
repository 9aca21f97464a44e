"""Safety first: does what someone wrote touch domestic violence or the safety of a child?

One judge for the referral rule (a need that touches safety cannot be referred anywhere
before the safety route is recorded) and for the public search (a search about violence at
home opens with Veilig Thuis and 112).

Two readings, either is enough:

* the thesaurus: a concept under ``huiselijk-geweld`` (partner violence, child abuse, elder
  abuse, sexual violence, honour-related violence, a barring order, a shelter, worries to
  report) or under ``jeugdbescherming`` (child protection, a child placed out of home), found
  in the words as the search reads them — inflected, in any order, in English too ("my
  husband hits me").  A word the thesaurus only lists as *related* ("geweld" beside
  domestic violence) does not count here: that reading is the keywords' job;
* keywords, matched anywhere in a word so compounds count ("kindermishandeling"), except
  "geweldig" (great), which is not violence.

Pure functions: the caller passes the search ``Language`` (``None``: keywords only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.analysis import STOP_WORDS, tokenize
from search.language import Language, english_keys

# Roots of the thesaurus subtrees that mean "not safe at home".
SAFETY_CONCEPTS = ("huiselijk-geweld", "jeugdbescherming")

# Words that point to violence at home or an unsafe child, matched anywhere in a word.
SAFETY_KEYWORDS = (
    "geweld",
    "mishandel",
    "onveilig",
    "bedreig",
    "verwaarloos",
    "verwaarloz",
    "seksueel misbruik",
    "misbruikt",
    "veilig thuis",
    "stalk",
    "eergerelateerd",
    "huwelijksdwang",
    "loverboy",
    "violence",
    "unsafe",
)
# Short words matched as whole words only.
SAFETY_WORDS = ("slaat", "sloeg", "geslagen", "schopt", "schopte", "bang thuis")

_SAFETY_RE = re.compile(
    "|".join(
        [re.escape(k) + ("(?!ig)" if k == "geweld" else "") for k in SAFETY_KEYWORDS]
        + [rf"\b{re.escape(w)}\b" for w in SAFETY_WORDS]
    )
)

VEILIG_THUIS_PHONE = "0800-2000"
EMERGENCY_PHONE = "112"


def _subtree(language: Language) -> frozenset[str]:
    def build() -> frozenset[str]:
        thesaurus = language.thesaurus
        found: set[str] = set()
        todo = [c for c in SAFETY_CONCEPTS if thesaurus.get(c) is not None]
        while todo:
            ident = todo.pop()
            if ident in found:
                continue
            found.add(ident)
            todo.extend(c.id for c in thesaurus.narrower(ident))
        return frozenset(found)

    return language.cached(("safety-subtree",), build)


def concepts(text: str, language: Language | None) -> tuple[str, ...]:
    """The safety concepts found in ``text`` (thesaurus ids, in order of appearance)."""
    if language is None or not (text or "").strip():
        return ()
    tokens = [t for t in tokenize(text) if t.word not in STOP_WORDS]
    if not tokens:
        return ()
    keys: list[frozenset[str] | None] = [
        frozenset(set(language.keys(t.word)) | english_keys(t.word)) for t in tokens]
    subtree = _subtree(language)
    found: list[str] = []
    for hit in language.concepts.match(keys):
        if hit.term.kind != "verwant" and hit.concept.id in subtree and hit.concept.id not in found:
            found.append(hit.concept.id)
    return tuple(found)


def keywords(text: str) -> tuple[str, ...]:
    """The safety keywords in ``text`` (lower case, in order of appearance, once each)."""
    found: list[str] = []
    for match in _SAFETY_RE.finditer((text or "").casefold()):
        if match.group(0) not in found:
            found.append(match.group(0))
    return tuple(found)


def signals(texts: Iterable[str], language: Language | None, *, flag: bool = False) -> tuple[str, ...]:
    """What points to the safety route: ``"vlag"`` for a professional's flag, then each
    safety concept and keyword found in ``texts``."""
    found = ["vlag"] if flag else []
    for text in texts:
        for signal in (*concepts(text, language), *keywords(text)):
            if signal not in found:
                found.append(signal)
    return tuple(found)


def touches_safety(text: str, language: Language | None) -> bool:
    """Whether a resident's words touch violence at home or an unsafe child."""
    return bool(signals([text], language))
