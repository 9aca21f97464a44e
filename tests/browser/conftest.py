"""Browser tests: Debian's Chromium driven by Playwright over a real HTTP server.

Never downloads a browser.  Outside CI a missing Chromium skips these tests; in CI
(CI=true) it fails them, so accessibility is never silently untested.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from tests.conftest import make_app

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def _need_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; `make install-test` installs it")
        pytest.skip(f"Chromium not found at {CHROMIUM}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, demo_db_file):
    """The demo site on a free port of 127.0.0.1, served by werkzeug in a thread."""
    base = tmp_path_factory.mktemp("live")
    target = base / "demo.db"
    shutil.copy(demo_db_file, target)
    app = make_app(base, f"sqlite:///{target}", SEARCH_BACKEND="whoosh",
                   SEARCH_INDEX_DIR=str(base / "index"), TESTING=False)
    with app.app_context():
        from app import indexing

        indexing.rebuild(db.session)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    yield page
    context.close()
