"""Every interface string of the public site is in every language's catalogue.

The public strings are extracted from the code the way ``make translations`` does
(``babel-public.cfg``); ``app/translations/public.pot`` must list exactly those (else a
new string would reach residents untranslated), and each catalogue must translate every
one of them, with the same placeholders (``python -m app.translation_status``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.config import SUPPORTED_LOCALES
from app.translation_status import catalogue_status

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "_ln": (1, 2), "lazy_ngettext": (1, 2)}


def _extracted_public_msgids() -> set[str]:
    with open(ROOT / "babel-public.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map, keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in found if m}


def test_public_template_lists_exactly_the_public_strings():
    with open(ROOT / "app/translations/public.pot", "rb") as handle:
        listed = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    extracted = _extracted_public_msgids()
    assert len(extracted) > 300  # the extraction found the public site
    assert extracted == listed, ("run `make translations`", sorted(extracted ^ listed)[:20])


@pytest.mark.parametrize("code", [c for c in SUPPORTED_LOCALES if c != "nl"])
def test_every_catalogue_is_complete(code):
    status = catalogue_status(code)
    assert status.total >= 330
    assert not status.absent and not status.missing, (status.absent + status.missing)[:20]
    assert not status.fuzzy, status.fuzzy[:20]
    assert not status.errors, status.errors[:20]  # placeholders as in the Dutch


def test_a_broken_placeholder_is_caught(tmp_path, monkeypatch):
    """The completeness check is not a formality: a translation that drops a placeholder
    (the page would crash or lose the number) is reported."""
    import shutil

    import app.translation_status as ts

    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "app" / "translations", copy)
    po = copy / "en" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Search results for ‘%(q)s’"' in text
    po.write_text(text.replace('msgstr "Search results for ‘%(q)s’"', 'msgstr "Search results"'),
                  encoding="utf-8")
    monkeypatch.setattr(ts, "TRANSLATIONS", copy)
    assert any("Zoekresultaten voor" in e for e in ts.catalogue_status("en").errors)
