"""Who may do what: the worklist and its actions are for editors (and admins); managers
read the signal aggregates; staff (kerncoaches) see none of it; anonymous visitors are sent
to sign in."""

from __future__ import annotations

import uuid

import pytest

from tests.maintenance.conftest import public_service
from tests.staff.conftest import csrf_token

PAGES = ("/staff/actueel", "/staff/signalen", "/staff/signalen/lijst")
EXPECTED = {
    "staff": {"/staff/actueel": 403, "/staff/signalen": 403, "/staff/signalen/lijst": 403},
    "manager": {"/staff/actueel": 403, "/staff/signalen": 200, "/staff/signalen/lijst": 403},
    "editor": {"/staff/actueel": 200, "/staff/signalen": 200, "/staff/signalen/lijst": 200},
    "admin": {"/staff/actueel": 200, "/staff/signalen": 200, "/staff/signalen/lijst": 200},
}


def test_anonymous_is_sent_to_sign_in(app, client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_roles(app, staff_login, role):
    client = staff_login(role)
    for path, status in EXPECTED[role].items():
        assert client.get(path).status_code == status, (role, path)
    service = public_service()
    token = csrf_token(client, "/staff/")
    checked = client.post(f"/staff/actueel/{service.id}/gecontroleerd", data={"csrf_token": token})
    resolve = client.post(f"/staff/actueel/meldingen/{uuid.uuid4()}/afgehandeld",
                          data={"csrf_token": token})
    if role in ("editor", "admin"):
        assert checked.status_code == 303
        assert resolve.status_code == 404
    else:
        assert checked.status_code == 403 and resolve.status_code == 403


def test_check_without_csrf_is_refused(app, staff_login):
    client = staff_login("editor")
    service = public_service()
    assert client.post(f"/staff/actueel/{service.id}/gecontroleerd").status_code == 400
