"""What a resident on a phone meets, measured in Debian's Chromium on the demo map.

    python -m bench.public_pages

prints: where the first result card begins at 375x812 after searching ``boodschappen`` (every
interface language); whether anything scrolls sideways at 320 px; a kern page's height on a phone; how
many A4 pages each kern's print takes (Chromium's own PDF printing); and the results page's
weight, gzip-compressed (HTML + its CSS and JS).  Runs on a fresh demo database in a
temporary folder; never downloads a browser (``CHROMIUM_PATH`` or /usr/bin/chromium).
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

from app.config import SUPPORTED_LOCALES

KERNEN = ("borculo", "eibergen", "neede", "ruurlo", "beltrum", "rekken", "rietmolen", "haarlo",
          "geesteren", "gelselaar", "noordijk")
FIRST_CARD = "document.querySelector('.provision-card').getBoundingClientRect().top + scrollY"


def _site(folder: Path):
    from app import create_app, indexing
    from app.extensions import db
    from importers.demo import load_demo

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}",
                      "SEARCH_BACKEND": "memory", "INSTANCE_PATH": str(folder / "instance"),
                      "SECRET_KEY": "bench-only-secret-key-0123456789abcdef"})
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        indexing.rebuild(db.session)
        db.session.remove()
    return app


def _weight(app, path: str) -> tuple[int, dict[str, int]]:
    client = app.test_client()
    html = client.get(path).data
    parts = {"html": len(gzip.compress(html, 6))}
    for ref in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        response = client.get(ref.decode())
        parts[ref.decode().rsplit("/", 1)[-1]] = len(gzip.compress(response.data, 6))
        response.close()
    return sum(parts.values()), parts


def main() -> None:
    from playwright.sync_api import sync_playwright

    logging.disable(logging.INFO)
    folder = Path(tempfile.mkdtemp(prefix="bw-public-bench-"))
    app = _site(folder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--headless", "--no-sandbox"])
            for lang in SUPPORTED_LOCALES:
                context = browser.new_context(viewport={"width": 375, "height": 812})
                page = context.new_page()
                page.goto(f"{base}/zoeken?q=boodschappen&lang={lang}")
                print(f"first card y at 375x812 ({lang}): {page.evaluate(FIRST_CARD):.0f} px")
                context.close()
            context = browser.new_context(viewport={"width": 320, "height": 640})
            page = context.new_page()
            for path in ("/zoeken?q=boodschappen", "/kernen/gelselaar"):
                page.goto(f"{base}{path}")
                width = page.evaluate("document.documentElement.scrollWidth")
                print(f"page width at 320 px, {path}: {width} px")
            context.close()
            context = browser.new_context(viewport={"width": 375, "height": 812})
            page = context.new_page()
            page.goto(f"{base}/kernen/gelselaar?lang=nl")
            height = page.evaluate("document.documentElement.scrollHeight")
            print(f"Gelselaar kern page height at 375 px: {height} px")
            for slug in KERNEN:
                page.goto(f"{base}/kernen/{slug}/print?lang=nl")
                pages = len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4")))
                print(f"print of {slug}: {pages} A4 pages")
            context.close()
            browser.close()
        total, parts = _weight(app, "/zoeken?q=boodschappen&lang=nl")
        print(f"results page, gzip: {total} bytes {parts}")
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
