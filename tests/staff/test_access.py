"""Deny by default: walk the WHOLE url_map.

Every endpoint under /staff must declare its roles (``roles_required``); anonymous
requests are sent to the login page (HTML) or get 401 (JSON under /staff/api); a
signed-in user whose role is not declared gets 403.  New endpoints are covered without
touching this file; one without a declaration fails it.
"""

from __future__ import annotations

import uuid

import pytest

from app.models import ROLES
from app.staff.auth import PUBLIC, endpoint_roles
from tests.staff.conftest import csrf_token

IGNORED_METHODS = {"HEAD", "OPTIONS"}
# The only staff pages anyone may open.  Growing this list needs a very good reason.
PUBLIC_ENDPOINTS = {"staff.login"}


def _staff_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.rule == "/staff" or rule.rule.startswith("/staff/")]


def _example_url(rule) -> str:
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if kind == "UUIDConverter":
            values[name] = str(uuid.uuid4())
        elif kind in ("IntegerConverter", "FloatConverter"):
            values[name] = "1"
        else:
            values[name] = "x"
    return rule.build(values, append_unknown=False)[1]


def _requests(app):
    for rule in _staff_rules(app):
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            yield rule, method, _example_url(rule)


def _call(client, method, url, token):
    headers = {"X-CSRFToken": token}
    if url.startswith("/staff/api"):
        headers["Accept"] = "application/json"
    return client.open(url, method=method, headers=headers, data={"csrf_token": token})


def test_every_staff_endpoint_declares_roles(app):
    rules = _staff_rules(app)
    assert rules, "the staff blueprint is not registered"
    undeclared = sorted(r.endpoint for r in rules if endpoint_roles(app, r.endpoint) is None)
    assert undeclared == [], f"staff endpoints without roles_required: {undeclared}"
    public = {r.endpoint for r in rules if endpoint_roles(app, r.endpoint) == PUBLIC}
    assert public == PUBLIC_ENDPOINTS


def test_anonymous_requests_are_sent_to_login_or_get_401(app):
    client = app.test_client()
    token = csrf_token(client)  # an attacker can have a valid token of their own
    checked = 0
    for rule, method, url in _requests(app):
        if endpoint_roles(app, rule.endpoint) == PUBLIC:
            continue
        response = _call(client, method, url, token)
        where = f"{method} {url} ({rule.endpoint})"
        if url.startswith("/staff/api"):
            assert response.status_code == 401, where
            assert response.is_json, where
        else:
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/staff/login"), where
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("role", ROLES)
def test_signed_in_users_get_403_where_their_role_is_not_declared(app, staff_login, role):
    client = staff_login(role)
    token = csrf_token(client, "/staff/account/2fa")
    refused = 0
    for rule, method, url in _requests(app):
        roles = endpoint_roles(app, rule.endpoint)
        assert roles is not None, f"{rule.endpoint} declares no roles"
        if roles == PUBLIC or role in roles:
            continue
        response = _call(client, method, url, token)
        assert response.status_code == 403, f"{role}: {method} {url} ({rule.endpoint})"
        if url.startswith("/staff/api"):
            assert response.is_json
        refused += 1
    if role != "admin":
        assert refused >= 1  # at least the user administration


def test_allowed_roles_are_not_refused(app, staff_login):
    """The other side: a declared role is let through the guard (the view may still 404)."""
    for role in ROLES:
        client = staff_login(role)
        for rule, method, url in _requests(app):
            roles = endpoint_roles(app, rule.endpoint)
            if method != "GET" or roles == PUBLIC or role not in roles or rule.arguments:
                continue
            response = client.get(url)
            assert response.status_code != 403, f"{role}: GET {url}"
            assert not (response.status_code == 302
                        and response.headers["Location"].startswith("/staff/login")), url


def test_an_endpoint_without_a_declaration_is_refused_for_everybody(tmp_path, database_url):
    from app.extensions import db
    from tests.conftest import make_app
    from tests.staff.conftest import login_client, make_user

    app = make_app(tmp_path, database_url)

    def forgotten():
        return "secret"

    app.add_url_rule("/staff/vergeten", "forgotten", forgotten)
    app.add_url_rule("/staff/api/vergeten", "forgotten_api", forgotten)
    with app.app_context():
        db.create_all()
        try:
            assert endpoint_roles(app, "forgotten") is None
            anonymous = app.test_client()
            assert anonymous.get("/staff/vergeten").status_code == 302
            assert anonymous.get("/staff/api/vergeten").status_code == 401
            for role in ROLES:
                client = app.test_client()
                login_client(client, make_user(role))
                assert client.get("/staff/vergeten").status_code == 403
                assert client.get("/staff/api/vergeten").status_code == 403
        finally:
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def test_unknown_staff_paths_need_login_too(client):
    response = client.get("/staff/bestaat-niet")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


def test_roles_required_rejects_unknown_roles():
    from app.staff.auth import roles_required

    with pytest.raises(ValueError):
        roles_required("superuser")
    with pytest.raises(ValueError):
        roles_required()
