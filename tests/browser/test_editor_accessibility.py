"""WCAG 2.1 AA on the editor: axe in Chromium finds zero violations, nl and en.

An editor signs in through the real form and walks the editor: the list, the edit form
with a validation error and readability warnings shown, the conflict page (another
editor saved in between) and the history page.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in_staff
from tests.browser.test_case_accessibility import check
from tests.staff.conftest import PASSWORD

pytestmark = pytest.mark.browser

HARD = ("Teneinde in aanmerking te komen voor een maatwerkvoorziening in het kader van de Wet "
        "maatschappelijke ondersteuning dient de aanvrager middels het daartoe bestemde "
        "formulier een verzoek in te dienen.")


@pytest.fixture(scope="module")
def editor_setup(live_server):
    _, app = live_server
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Service, User

    with app.app_context():
        user = User(email="redactie-editor.a11y@voormekaar.test", display_name="Redacteur A11y",
                    role="editor", is_active=True)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        service = next(s for s in db.session.scalars(select(Service).order_by(Service.name.desc()))
                       if s.is_public and s.service_at_locations)
        return user.email, str(service.id)


def sign_in(page, base, email):
    """Through the real forms (password, then the second factor)."""
    sign_in_staff(page, base, email, PASSWORD, lang="nl")


def _bump(app, service_id: str, text: str) -> None:
    """Another editor saves the provision in between (direct, no review)."""
    import uuid

    from app.domain import editing
    from app.extensions import db
    from app.models import Service, User

    with app.test_request_context():
        service = db.session.get(Service, uuid.UUID(service_id))
        other = db.session.scalar(db.select(User).where(User.email == "redactie-editor.a11y@voormekaar.test"))
        record = editing.service_record(service)
        record["description"] = text + " " + record["description"]
        editing.save(db.session, "service", service, record, other,
                     token=editing.token_of(db.session, "service", service), review=False)
        db.session.commit()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_editor_pages_have_no_axe_violations(live_server, browser, editor_setup, lang):
    base, app = live_server
    email, service_id = editor_setup
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    sign_in(page, base, email)
    for path in ("/staff/redactie/", "/staff/redactie/organisaties/", "/staff/redactie/zoekwoorden",
                 "/staff/redactie/zoekwoorden/eenzaamheid", "/staff/redactie/voorzieningen/nieuw"):
        page.goto(f"{base}{path}?lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        assert "/staff/login" not in page.url, path
        check(page)

    edit = f"{base}/staff/redactie/voorzieningen/{service_id}?lang={lang}"
    # A validation error and readability warnings, shown together.
    page.goto(edit)
    page.fill("#veld-description", HARD)
    page.fill("#veld-minimum_age", "70")
    page.fill("#veld-maximum_age", "10")
    page.click("button[name=actie][value=opslaan]")
    assert page.locator("#veld-maximum_age-fout").is_visible()
    assert page.locator("#leesbaarheid").is_visible()
    check(page)

    # The conflict page: read the form, someone else saves, then save ours.
    page.goto(edit)
    _bump(app, service_id, f"Gewijzigd door een collega ({lang}).")
    page.fill("#veld-phone", "0545 999 999")
    page.click("button[name=actie][value=opslaan]")
    assert page.locator("#conflict-kop").is_visible()
    check(page)

    page.goto(f"{base}/staff/redactie/geschiedenis/service/{service_id}?lang={lang}")
    assert page.locator("h1").is_visible()
    check(page)
    context.close()
