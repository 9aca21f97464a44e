"""``python -m app.thesaurus_check DIR_OR_FILE``: check a thesaurus folder (or file) against
the Berkelland profile (its life-domain and target-group codes); print counts and problems.

The thesaurus format and its checks live in ``search.thesaurus``; this command adds the
application's vocabulary, which the search engine does not import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES
from search.thesaurus import Concept, Thesaurus, ThesaurusError, parse_concepts, thesaurus_files

__all__ = ["main"]


def main(argv: list[str]) -> int:
    """``python -m app.thesaurus_check DIR``: check a thesaurus folder; print counts."""
    if not argv:
        print("usage: python -m app.thesaurus_check DIR_OR_FILE", file=sys.stderr)
        return 2
    concepts: list[Concept] = []
    errors: list[str] = []
    for file in thesaurus_files(Path(argv[0])):
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
    raise SystemExit(main(sys.argv[1:]))

