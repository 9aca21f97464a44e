"""How complete each interface catalogue is: ``python -m app.translation_status``.

Dutch is the source language.  English holds every message (staff and public side);
the public-only languages (Arabic, Polish, Ukrainian, Turkish, Tigrinya) hold every
message a resident can see, listed in ``app/translations/public.pot``.  A catalogue is
complete when each of its template's messages has a translation that is neither empty
nor fuzzy and passes Babel's format checks (the same placeholders as the Dutch).
Exit status 1 when one is not; docs/translations.md explains the review workflow.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from app.config import STAFF_LOCALES, SUPPORTED_LOCALES
from app.i18n import TRANSLATIONS, native_review


@dataclass
class Status:
    code: str
    template: str
    total: int = 0
    missing: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # in the template, not in the catalogue

    @property
    def complete(self) -> bool:
        return not (self.missing or self.fuzzy or self.errors or self.absent)


PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def placeholder_problem(message) -> str | None:
    """A translation must use the same named placeholders as the Dutch: a dropped one
    loses the number or the name on the page, an unknown one crashes it.  (Babel's own
    check lets a translation drop placeholders.)  The singular form of a plural may leave
    the number out ("één resultaat")."""
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    wanted = set(PLACEHOLDER.findall(" ".join(ids)))
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    for index, text in enumerate(strings):
        if not text:
            continue
        found = set(PLACEHOLDER.findall(text))
        if found - wanted:
            return f"unknown placeholder {sorted(found - wanted)}"
        may_drop = {"num"} if len(strings) > 1 and index < len(strings) - 1 else set()
        if wanted - found - may_drop:
            return f"placeholder missing {sorted(wanted - found)}"
    return None


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def catalogue_status(code: str) -> Status:
    template = "messages.pot" if code in STAFF_LOCALES else "public.pot"
    status = Status(code, template)
    wanted = {_key(m) for m in _read(TRANSLATIONS / template) if m.id}
    catalogue = _read(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", code)
    present = {}
    for message in catalogue:
        if message.id:
            present[_key(message)] = message
    status.total = len(wanted)
    status.absent = sorted(wanted - set(present))
    for key in sorted(wanted & set(present)):
        message = present[key]
        strings = message.string if isinstance(message.string, (tuple, list)) else [message.string]
        if not all(strings):
            status.missing.append(key)
        elif message.fuzzy:
            status.fuzzy.append(key)
        elif (problem := placeholder_problem(message)) is not None:
            status.errors.append(f"{key!r}: {problem}")
    for message, problems in catalogue.check():
        if _key(message) in wanted:
            status.errors.extend(f"{_key(message)!r}: {problem}" for problem in problems)
    return status


def main() -> int:
    failed = False
    for code in SUPPORTED_LOCALES:
        if code == "nl":  # the source language: the template itself
            continue
        status = catalogue_status(code)
        review = native_review(code)
        done = status.total - len(status.missing) - len(status.fuzzy) - len(status.absent)
        print(f"{code}: {done}/{status.total} messages ({status.template}); "
              f"{'reviewed by ' + review['by'] if review else 'not yet reviewed by a native speaker'}")
        for label, items in (("missing", status.missing + status.absent),
                             ("fuzzy", status.fuzzy), ("wrong", status.errors)):
            for item in items[:20]:
                print(f"  {label}: {item}")
        failed |= not status.complete
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
