"""One set of rules for a new staff account: ``flask create-user`` refuses what the admin's
new-account form refuses, and accepts what it accepts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from tests.staff.conftest import csrf_token

GOOD_PASSWORD = "een lang genoeg wachtwoord"


def _users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def _form(admin, email: str, password: str, name: str = "Nieuwe Collega"):
    return admin.post("/staff/admin/users", data={
        "email": email, "display_name": name, "role": "editor", "password": password,
        "csrf_token": csrf_token(admin, "/staff/admin/users")})


def _cli(app, email: str, password: str, name: str = "Nieuwe Collega"):
    return app.test_cli_runner().invoke(
        args=["create-user", email, "--role", "editor", "--name", name],
        input=f"{password}\n{password}\n")


@pytest.mark.parametrize("email", [" Jan Jansen@x ", "geen-adres", "jan@", "jan@x",
                                   "jan@@voormekaar.nl", "jan@voormekaar .nl"])
def test_a_malformed_email_is_refused_by_the_form_and_the_command_line(app, staff_login,
                                                                        email):
    admin = staff_login("admin")
    before = _users()
    form = _form(admin, email, GOOD_PASSWORD)
    assert form.status_code == 422
    assert "Vul een geldig e-mailadres in" in form.get_data(as_text=True)
    cli = _cli(app, email, GOOD_PASSWORD)
    assert cli.exit_code != 0 and "not an email address" in cli.output, cli.output
    assert _users() == before


@pytest.mark.parametrize("password", ["kort", "wachtwoord123", "aaaaaaaaaaaaaaaa"])
def test_a_weak_password_is_refused_by_the_form_and_the_command_line(app, staff_login,
                                                                      password):
    admin = staff_login("admin")
    before = _users()
    assert _form(admin, "nieuw@voormekaar.test", password).status_code == 422
    cli = _cli(app, "nieuw@voormekaar.test", password)
    assert cli.exit_code != 0 and "password" in cli.output, cli.output
    assert _users() == before


def test_a_name_too_long_is_refused_by_both(app, staff_login):
    admin = staff_login("admin")
    before = _users()
    assert _form(admin, "nieuw@voormekaar.test", GOOD_PASSWORD, name="x" * 121).status_code == 422
    assert _cli(app, "nieuw@voormekaar.test", GOOD_PASSWORD, name="x" * 121).exit_code != 0
    assert _users() == before


def test_both_store_the_same_normalised_account(app, staff_login):
    admin = staff_login("admin")
    assert _form(admin, "  Form@Voormekaar.Test ", GOOD_PASSWORD, name=" Anna ").status_code == 302
    result = _cli(app, "  Cli@Voormekaar.Test ", GOOD_PASSWORD, name=" Bert ")
    assert result.exit_code == 0, result.output
    form = db.session.scalar(select(User).where(User.email == "form@voormekaar.test"))
    cli = db.session.scalar(select(User).where(User.email == "cli@voormekaar.test"))
    assert (form.role, form.display_name, form.is_active) == ("editor", "Anna", True)
    assert (cli.role, cli.display_name, cli.is_active) == ("editor", "Bert", True)
    assert _cli(app, "FORM@voormekaar.test", GOOD_PASSWORD).exit_code != 0  # taken
