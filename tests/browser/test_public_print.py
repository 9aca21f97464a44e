"""A kern's print is a short overview: every kern, the largest too, fits on at most four A4
pages (Chromium's own PDF printing, the pages counted)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


KERNEN = ("borculo", "eibergen", "neede", "ruurlo", "beltrum", "rekken", "rietmolen", "haarlo",
          "geesteren", "gelselaar", "noordijk")


def test_every_kern_prints_on_at_most_four_a4_pages(live_server, browser):
    base, _ = live_server
    context = browser.new_context()
    page = context.new_page()
    counts = {}
    for slug in KERNEN:
        for lang in ("nl", "en"):
            page.goto(f"{base}/kernen/{slug}/print?lang={lang}")
            counts[slug, lang] = _pages(page.pdf(format="A4"))
    context.close()
    assert all(1 <= n <= 4 for n in counts.values()), counts
