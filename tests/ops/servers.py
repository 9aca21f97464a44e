"""Real gunicorn processes over real HTTP for the ops tests, and a tiny cookie-keeping client."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pyotp

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "ops-test-secret-0123456789abcdef0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_site(tmp_path: Path, database_url: str, demo_db_file: Path) -> dict:
    """The demo map in the database, its search index (Whoosh on disk for SQLite, the
    PostgreSQL backend for PostgreSQL), an editor with a second factor.

    Returns the environment for the servers, plus ``SERVICE_ID``: a public provision, and the
    editor's ``EDITOR_TOTP_SECRET`` and ``EDITOR_RECOVERY_CODES`` (comma-separated)."""
    from tests.conftest import make_app

    if database_url.startswith("sqlite"):
        db_file = tmp_path / "site.db"
        shutil.copy(demo_db_file, db_file)
        database_url = f"sqlite:///{db_file}"
    index_dir = tmp_path / "index"
    # On PostgreSQL the search index is in the database too: nothing shared on disk at all.
    backend = "whoosh" if database_url.startswith("sqlite") else "postgres"
    # The servers' SECRET_KEY: the editor's TOTP secret is encrypted with a key derived from it.
    app = make_app(tmp_path, database_url, SEARCH_BACKEND=backend,
                   SEARCH_INDEX_DIR=str(index_dir), SECRET_KEY=SECRET)
    from app import indexing
    from app.extensions import db
    from app.models.user import User

    with app.app_context():
        if not database_url.startswith("sqlite"):
            db.create_all()
            from importers.demo import load_demo

            load_demo(db.session)
            db.session.commit()
        indexing.rebuild(db.session)
        from sqlalchemy import select

        from app.models import Service

        service = next(s for s in db.session.scalars(select(Service).order_by(Service.name))
                       if s.is_public and s.service_at_locations and s.schedules)
        service_id = str(service.id)
        editor = User(email="redacteur.ops@voormekaar.test", display_name="Ops Redacteur",
                      role="editor", is_active=True)
        editor.set_password("Correct-Paard-Batterij-Niet")
        totp_secret = pyotp.random_base32()
        editor.totp_secret = totp_secret  # every role signs in with a second factor
        db.session.add(editor)
        db.session.flush()
        from app.staff import auth

        recovery_codes = auth.new_recovery_codes(editor)
        db.session.commit()
        db.session.remove()
        if backend == "postgres":
            app.extensions["bw_search"].close()
        db.engine.dispose()
    return {"DATABASE_URL": database_url, "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": str(index_dir), "SECRET_KEY": SECRET, "SERVICE_ID": service_id,
            "EDITOR_TOTP_SECRET": totp_secret, "EDITOR_RECOVERY_CODES": ",".join(recovery_codes)}


class Server:
    """``gunicorn wsgi:app`` on 127.0.0.1:<free port>; stderr goes to a file."""

    def __init__(self, env: dict, log_file: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.log_file = log_file
        self._log = open(log_file, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", "--workers",
             str(workers), "wsgi:app"],
            cwd=ROOT, env={**os.environ, **env}, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                status, _headers, _body = request(self.port, "GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {log_file.read_text()[-2000:]}")
            if time.time() > deadline:
                raise RuntimeError(f"gunicorn did not answer: {log_file.read_text()[-2000:]}")
            time.sleep(0.2)

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.log_file.read_text(errors="replace")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, http.client.HTTPMessage, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


class Browser:
    """Keeps the cookies (they belong to the host, not the port) and reads CSRF tokens."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict | None = None) -> dict:
        headers = dict(extra or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep(self, headers: http.client.HTTPMessage) -> None:
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "expires=Thu, 01 Jan 1970" in value or not cookie_value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value

    def get(self, port: int, path: str) -> tuple[int, http.client.HTTPMessage, str]:
        status, headers, body = request(port, "GET", path, headers=self._headers())
        self._keep(headers)
        return status, headers, body

    def post(self, port: int, path: str, data: dict) -> tuple[int, http.client.HTTPMessage, str]:
        body = urlencode(data, doseq=True).encode()
        status, headers, text = request(port, "POST", path, body=body, headers=self._headers(
            {"Content-Type": "application/x-www-form-urlencoded"}))
        self._keep(headers)
        return status, headers, text

    def csrf(self, port: int, path: str) -> str:
        status, _headers, body = self.get(port, path)
        match = CSRF.search(body)
        assert match, f"no CSRF token on {path} ({status})"
        return match.group(1)
