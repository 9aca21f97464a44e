"""Every interface string of the public site has its English translation: the strings are
extracted from the public templates and Python the way ``make translations`` does, and each
must have a non-empty msgstr in the English catalogue."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
PUBLIC = ["templates/public", "templates/errors"]
PUBLIC_FILES = ["templates/base.html", "templates/_macros.html", "app/templating.py",
                "app/web/public.py", "app/web/search_filters.py", "app/domain/vocabulary.py"]


def _public_msgids() -> set[str]:
    found: set[str] = set()
    method_map = [("**.html", "jinja2"), ("**.py", "python")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for folder in PUBLIC:
        for _, _, message, _, _ in extract_from_dir(ROOT / folder, method_map, options,
                                                   keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    for name in PUBLIC_FILES:  # one by one: their folders hold staff strings too
        method = "jinja2" if name.endswith(".html") else "python"
        with open(ROOT / name, "rb") as handle:
            for _, message, _, _ in extract(method, handle, keywords=KEYWORDS,
                                            options={"extensions": "jinja2.ext.i18n",
                                                     "trimmed": "true"}):
                found.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in found if m}


def test_every_public_string_has_an_english_translation():
    with open(ROOT / "app/translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    missing = []
    for msgid in sorted(_public_msgids()):
        message = catalog.get(msgid)
        strings = (message.string if isinstance(message.string, tuple) else (message.string,)
                   ) if message is not None else ("",)
        if message is None or not all(strings):
            missing.append(msgid)
    assert len(_public_msgids()) > 200  # the extraction found the public strings
    assert not missing, missing
