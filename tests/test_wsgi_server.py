"""`gunicorn wsgi:app` serves the site over real HTTP, configured only by the environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1 only)
        return response.status, response.read().decode("utf-8")


def test_gunicorn_serves_the_demo_map(tmp_path, demo_db_file):
    db_file = tmp_path / "site.db"
    shutil.copy(demo_db_file, db_file)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SECRET_KEY": "gunicorn-test-secret-0123456789abcdef",
    }
    bin_dir = Path(sys.executable).parent
    reindex = subprocess.run([str(bin_dir / "flask"), "--app", "wsgi", "reindex"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=300)
    assert reindex.returncode == 0, reindex.stderr
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        while True:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert status == 200 and "Berkellandwijzer" in body
        status, body = _get(f"http://127.0.0.1:{port}/zoeken?q=mantelzorg")
        assert status == 200 and "Mantelzorg" in body
    finally:
        server.terminate()
        server.wait(timeout=10)
