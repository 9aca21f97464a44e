"""Bidi control characters (#14, finding 16) are stripped on input: an editor save, an HSDS
import, the public report form and a case's text never store reversed text."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.extensions import db
from app.hygiene import BIDI_CONTROLS
from app.models import Case, ChangeReport, Service
from app.schemas.records import ServiceIn
from tests.editor.conftest import csrf_token, form_of, login_client, make_user, post

ALL_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
NAME = "Koffie\u202eochtend\u2066 in het dorpshuis\u200f"
CLEAN = "Koffieochtend in het dorpshuis"


def test_the_schema_strips_every_bidi_control():
    assert BIDI_CONTROLS.sub("", ALL_BIDI) == ""
    loaded = ServiceIn().load({"key": "x", "name": "ab" + ALL_BIDI + "c"}, partial=True)
    assert loaded["name"] == "abc"


def test_editor_save_strips_bidi(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna = editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    response = post(anna, url, form_of(anna, url), name=NAME,
                    description="Gezellig\u202e samen koffie drinken met de buren, elke week.",
                    actie="opslaan")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    db.session.expire_all()
    saved = db.session.get(Service, provision.id)
    assert saved.name == CLEAN
    assert not BIDI_CONTROLS.search(saved.description)


def test_import_strips_bidi(editor_app, tmp_path):
    from app.hsds.export import export_json

    runner = editor_app.test_cli_runner()
    path = tmp_path / "export.json"
    export_json(db.session, path)
    services = json.loads(path.read_text(encoding="utf-8"))
    first = services[0]
    first["name"] = NAME
    first["organization"]["name"] = "Stichting\u202e Dorpshuis"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import", "hsds", str(path)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    saved = db.session.scalar(select(Service).where(Service.external_id == first["id"])) \
        or db.session.get(Service, __import__("uuid").UUID(first["id"]))
    assert saved.name == CLEAN
    assert saved.organization.name == "Stichting Dorpshuis"


def test_report_form_and_case_text_strip_bidi(editor_app, provision):
    client = editor_app.test_client()
    page = client.get(f"/voorziening/{provision.id}/melden").get_data(as_text=True)
    import re

    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    editor_app.config["REPORT_MIN_SECONDS"] = 0
    response = client.post(f"/voorziening/{provision.id}/melden", data={
        "csrf_token": csrf, "token": token, "kind": "contact", "email": "", "website": "",
        "message": "Het nummer is \u202e0545 123456\u202c veranderd"})
    assert response.status_code in (200, 302, 303), response.get_data(as_text=True)[:500]
    report = db.session.scalars(select(ChangeReport)).all()[-1]
    assert report.message == "Het nummer is 0545 123456 veranderd"

    coach = make_user("staff")
    staff = editor_app.test_client()
    login_client(staff, coach)
    response = staff.post("/staff/casussen/nieuw", data={
        "csrf_token": csrf_token(staff, "/staff/casussen/nieuw"), "initials": "A.\u202eB.",
        "birth_year": "1958", "leefgebied": ["financien"], "zrm-financien": "2",
        "kern": "Rekken", "question": "Hulp bij\u2067 de administratie\u2069 graag",
        "own_strength": "Zoon\u200f helpt"})
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    case = db.session.scalars(select(Case)).all()[-1]
    assert case.question == "Hulp bij de administratie graag"
    assert case.initials == "A.B." and case.own_strength == "Zoon helpt"
