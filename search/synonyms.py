"""The synonym list editors maintain (``data/synonyms.txt``).

Format, one group per line (UTF-8; ``#`` starts a comment, blank lines are ignored)::

    geldzorgen => schulden, financien, geld     # one-way: the left finds the right too
    dementie, vergeetachtig, alzheimer          # two-way: each finds all the others

Terms may be phrases ("huishoudelijke hulp"). A term may appear in several lines; its
expansions are merged.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SynonymError", "load_synonyms", "parse_synonyms"]


class SynonymError(ValueError):
    """A malformed line in a synonym file; the message names the file and line number."""

    def __init__(self, source: str, line_no: int, message: str) -> None:
        where = f"{source}, regel {line_no}" if line_no else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line_no = line_no


def _terms(part: str, source: str, line_no: int, side: str) -> list[str]:
    items = [" ".join(item.split()) for item in part.split(",")]
    if any(not item for item in items):
        raise SynonymError(source, line_no, f"lege term in {side} (twee komma's of een komma aan het eind?)")
    return items


def parse_synonyms(text: str, source: str = "<synoniemen>") -> dict[str, list[str]]:
    """Parse synonym text into ``{term: [expansion, ...]}`` (terms lowercased)."""
    result: dict[str, list[str]] = {}

    def add(key: str, values: list[str]) -> None:
        bucket = result.setdefault(key, [])
        for value in values:
            if value != key and value not in bucket:
                bucket.append(value)

    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        line = line.lower()
        if "=>" in line:
            if line.count("=>") > 1:
                raise SynonymError(source, line_no, "meer dan één '=>' op een regel")
            left, right = (s.strip() for s in line.split("=>"))
            if not left:
                raise SynonymError(source, line_no, "geen term links van '=>'")
            if not right:
                raise SynonymError(source, line_no, "geen uitbreiding rechts van '=>'")
            keys = _terms(left, source, line_no, "de linkerkant")
            values = _terms(right, source, line_no, "de rechterkant")
            for key in keys:
                add(key, values)
        else:
            terms = _terms(line, source, line_no, "de groep")
            if len(terms) < 2:
                raise SynonymError(
                    source,
                    line_no,
                    "een groep heeft minstens twee termen, gescheiden door komma's "
                    "(of gebruik 'term => uitbreiding')",
                )
            for term in terms:
                add(term, [t for t in terms if t != term])
    return {k: v for k, v in result.items() if v}


def load_synonyms(path: str | os.PathLike[str]) -> dict[str, list[str]]:
    """Read and parse a synonym file; raises ``SynonymError`` naming the bad line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SynonymError(str(p), 0, f"het bestand is geen UTF-8 ({exc.reason})") from exc
    return parse_synonyms(text, source=str(p))
