"""Four eyes that cannot be bypassed, and no lost updates on organisations and locations.

* An approval is bound to the version of the proposal the reviewer was shown: a proposal
  changed after the review page was opened is refused (409), nothing goes live, and the
  reviewer is shown the new version.
* Organisation and location changes (website, phone, address: the public sees them on
  provision pages, in JSON-LD and in the API) wait for a second editor like provisions.
* Two editors saving the same organisation or location from the same form at the same
  moment: exactly one wins, the other is told someone else changed it (real threads, two
  sessions, SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import threading
from collections import Counter

from markupsafe import escape
from sqlalchemy import select

from app.domain import editing
from app.extensions import db
from app.models import EditChange, EditRevision, Location, Organization, Service
from tests.editor.conftest import form_of, parse_form, post

PHISHING = "https://voormekaar-inloggen.example.net/"
PREMIUM = "0900 123 4567"


def _fresh(model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


def _public_service_of_org() -> Service:
    """A public provision that shows its organisation's website and phone (none of its own)."""
    return next(s for s in db.session.scalars(select(Service).order_by(Service.name))
                if s.is_public and not s.url and not s.phones and s.service_at_locations)


def _pending(kind: str, ident) -> EditChange | None:
    db.session.expire_all()
    return db.session.scalar(select(EditChange).where(EditChange.resource_type == kind,
                                                      EditChange.resource_id == ident,
                                                      EditChange.status == "pending"))


# --------------------------------------------------------------------------- finding 3a

def test_approval_applies_only_the_version_the_reviewer_saw(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    assert post(anna, url, form_of(anna, url), phone="0545 250 250",
                actie="opslaan").status_code == 302
    change = _pending("service", provision.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    seen = parse_form(bert.get(review_url).get_data(as_text=True))   # Bert reads 0545 250 250

    # Anna swaps in a premium number and a phishing link before Bert clicks.
    assert post(anna, url, {**form_of(anna, url), "url": [PHISHING]}, phone=PREMIUM,
                actie="opslaan").status_code == 302

    refused = post(bert, f"{review_url}/beoordelen", seen, besluit="goedkeuren")
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "is gewijzigd nadat u het opende" in page and "niets gepubliceerd" in page
    assert PREMIUM in page and PHISHING in page            # the reviewer sees the new version
    live = _fresh(Service, provision.id)
    assert live.url != PHISHING and all(p.number != PREMIUM for p in live.phones)
    assert _pending("service", provision.id) is not None    # still waiting, nothing approved

    # A form without the version is refused too; the form of the new version is accepted.
    assert post(bert, f"{review_url}/beoordelen", {}, besluit="goedkeuren").status_code == 409
    again = post(bert, f"{review_url}/beoordelen", parse_form(page), besluit="goedkeuren")
    assert again.status_code == 302
    live = _fresh(Service, provision.id)
    assert live.url == PHISHING and live.phones[0].number == PREMIUM


def test_rejection_is_bound_to_the_version_the_reviewer_saw(editor_app, editors, provision):
    """Bert opens the review of Anna's (wrong) proposal; Anna corrects it before Bert clicks
    "Afwijzen": the rejection is refused (409), the corrected proposal stays open and Bert is
    shown it; rejecting the version now shown works."""
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    assert post(anna, url, form_of(anna, url), phone=PREMIUM, actie="opslaan").status_code == 302
    change = _pending("service", provision.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    seen = parse_form(bert.get(review_url).get_data(as_text=True))   # Bert reads the 0900

    assert post(anna, url, form_of(anna, url), phone="0545 250 250",
                actie="opslaan").status_code == 302                  # Anna corrects it

    refused = post(bert, f"{review_url}/beoordelen", seen, besluit="afwijzen",
                   toelichting="Geen 0900-nummers")
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "is gewijzigd nadat u het opende" in page and "niet afgewezen" in page
    assert "0545 250 250" in page                                    # the new version shown
    still = _pending("service", provision.id)
    assert still is not None and still.payload["phone"] == "0545 250 250"
    assert still.review_note is None and still.reviewer_id is None
    # Without the version, refused too; with the version now shown, the rejection counts.
    assert post(bert, f"{review_url}/beoordelen", {}, besluit="afwijzen").status_code == 409
    assert _pending("service", provision.id) is not None
    done = post(bert, f"{review_url}/beoordelen", parse_form(page), besluit="afwijzen",
                toelichting="Toch niet")
    assert done.status_code == 302 and "afgewezen" in done.headers["Location"]
    db.session.expire_all()
    closed = db.session.get(EditChange, change.id)
    assert closed.status == "rejected" and closed.review_note == "Toch niet"
    assert all(p.number != "0545 250 250" for p in _fresh(Service, provision.id).phones)


# --------------------------------------------------------------------------- finding 3b

def test_an_organisation_change_waits_for_a_second_editor(editor_app, editors):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    service = _public_service_of_org()
    org = service.organization
    old_website = org.website
    url = f"/staff/redactie/organisaties/{org.id}"
    response = post(anna, url, form_of(anna, url), website=PHISHING, phone=PREMIUM)
    assert response.status_code == 302 and "voorstel" in response.headers["Location"]

    live = _fresh(Organization, org.id)
    assert live.website == old_website and all(p.number != PREMIUM for p in live.phones)
    public = editor_app.test_client()
    assert PHISHING not in public.get(f"/voorziening/{service.id}").get_data(as_text=True)
    assert PHISHING not in public.get(f"/api/v1/organizations/{org.id}").get_data(as_text=True)
    # The editor form shows the proposal, with a link to the review.
    page = anna.get(url).get_data(as_text=True)
    assert PHISHING in page and "wacht een wijziging" in page

    change = _pending("organization", org.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    own = post(anna, f"{review_url}/beoordelen",
               parse_form(bert.get(review_url).get_data(as_text=True)), besluit="goedkeuren")
    assert own.status_code == 403
    assert _fresh(Organization, org.id).website == old_website

    review = bert.get(review_url).get_data(as_text=True)
    assert PHISHING in review and PREMIUM in review         # the reviewer sees what changes
    approved = post(bert, f"{review_url}/beoordelen", parse_form(review), besluit="goedkeuren")
    assert approved.status_code == 302
    live = _fresh(Organization, org.id)
    assert live.website == PHISHING and live.phones[0].number == PREMIUM
    revision = db.session.scalars(select(EditRevision).where(
        EditRevision.resource_id == org.id).order_by(EditRevision.number.desc())).first()
    assert revision.user_id == anna.staff_user.id and revision.approved_by
    assert {c["field"] for c in revision.changes} == {"website", "phone"}


def test_a_location_change_waits_for_a_second_editor(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    location = provision.service_at_locations[0].location
    old_address = location.physical_address.address_1
    url = f"/staff/redactie/locaties/{location.id}"
    response = post(anna, url, form_of(anna, url), address="Nepstraat 1")
    assert response.status_code == 302 and "voorstel" in response.headers["Location"]
    assert _fresh(Location, location.id).physical_address.address_1 == old_address
    public = editor_app.test_client().get(f"/voorziening/{provision.id}").get_data(as_text=True)
    assert "Nepstraat 1" not in public

    change = _pending("location", location.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    review = bert.get(review_url).get_data(as_text=True)
    assert post(anna, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 403
    assert post(bert, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 302
    assert _fresh(Location, location.id).physical_address.address_1 == "Nepstraat 1"


def test_a_new_location_is_not_public_before_review(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    org = provision.organization
    new_url = f"/staff/redactie/locaties/nieuw?organisatie={org.id}"
    form = form_of(anna, new_url)
    response = post(anna, "/staff/redactie/locaties/nieuw", form, organization=str(org.id),
                    name="Nieuw inloophuis", address="Nepstraat 2", postcode="7271 AA",
                    city="Borculo", kern="Borculo")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    assert db.session.scalar(select(Location).where(Location.name == "Nieuw inloophuis")) is None
    change = db.session.scalar(select(EditChange).where(EditChange.resource_type == "location",
                                                        EditChange.status == "pending"))
    assert change is not None and change.payload["name"] == "Nieuw inloophuis"
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    review = bert.get(review_url).get_data(as_text=True)
    assert "Nepstraat 2" in review
    assert post(anna, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 403
    assert post(bert, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 302
    db.session.expire_all()
    created = db.session.get(Location, change.resource_id)
    assert created is not None and created.name == "Nieuw inloophuis"
    assert created.organization_id == org.id


def test_a_restore_of_an_organisation_waits_for_review_too(editor_app, editors):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna = editors()
    org = _public_service_of_org().organization
    url = f"/staff/redactie/organisaties/{org.id}"
    assert post(anna, url, form_of(anna, url), website="https://example.org/a").status_code == 302
    assert _fresh(Organization, org.id).website == "https://example.org/a"
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    token = form_of(anna, url)["token"][0]
    response = post(anna, f"/staff/redactie/geschiedenis/organization/{org.id}/1/herstellen",
                    {"token": [token]})
    assert response.status_code == 302 and "voorstel" in response.headers["Location"]
    assert _fresh(Organization, org.id).website == "https://example.org/a"
    assert _pending("organization", org.id).action == "restore"


# --------------------------------------------------------------------- archiving, four eyes

def _is_public(editor_app, service_id) -> bool:
    return editor_app.test_client().get(f"/voorziening/{service_id}").status_code == 200


def _archive(client, kind_path: str, ident, url: str, **fields):
    token = form_of(client, url)["token"][0]
    return post(client, f"/staff/redactie/{kind_path}/{ident}/archiveren", {"token": [token]},
                **fields)


def test_archiving_waits_for_a_second_editor(editor_app, editors, provision):
    """One editor alone cannot make a provision disappear: archiving is a proposal."""
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    response = _archive(anna, "voorzieningen", provision.id, url, status="defunct",
                        actie="voorstel")
    assert response.status_code == 302 and "melding=voorstel" in response.headers["Location"]
    assert _fresh(Service, provision.id).status == "active"
    assert _is_public(editor_app, provision.id)                # still there for the public
    change = _pending("service", provision.id)
    assert change.action == "archive" and change.payload == {"status": "defunct"}
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    assert "Het blijft zichtbaar voor het publiek" in anna.get(
        response.headers["Location"]).get_data(as_text=True)
    # An edit of the provision meanwhile is refused until the archive is decided.
    assert post(anna, url, form_of(anna, url), phone="0545 111 111",
                actie="opslaan").status_code == 409

    review = bert.get(review_url).get_data(as_text=True)
    assert "opgeheven" in review and "Goedkeuren en archiveren" in review
    assert post(anna, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 403
    assert _is_public(editor_app, provision.id)
    approved = post(bert, f"{review_url}/beoordelen", parse_form(review), besluit="goedkeuren")
    assert approved.status_code == 302 and "gearchiveerd" in approved.headers["Location"]
    assert _fresh(Service, provision.id).status == "defunct"
    assert not _is_public(editor_app, provision.id)
    revision = db.session.scalars(select(EditRevision).where(
        EditRevision.resource_id == provision.id).order_by(EditRevision.number.desc())).first()
    assert revision.action == "archive" and revision.user_id == anna.staff_user.id
    assert revision.approved_by


def test_archiving_an_organisation_waits_for_a_second_editor(editor_app, editors):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    org = _public_service_of_org().organization
    public = [s.id for s in org.services if s.is_public]
    url = f"/staff/redactie/organisaties/{org.id}"
    response = _archive(anna, "organisaties", org.id, url, status="inactive", actie="voorstel")
    assert response.status_code == 302
    assert all(_is_public(editor_app, ident) for ident in public)
    change = _pending("organization", org.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    review = bert.get(review_url).get_data(as_text=True)
    assert all(str(escape(_fresh(Service, i).name)) in review for i in public)
    rejected = post(bert, f"{review_url}/beoordelen", parse_form(review), besluit="afwijzen")
    assert rejected.status_code == 302
    assert all(_is_public(editor_app, ident) for ident in public)

    _archive(anna, "organisaties", org.id, url, status="inactive", actie="voorstel")
    change = _pending("organization", org.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    review = bert.get(review_url).get_data(as_text=True)
    assert post(bert, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 302
    assert not any(_is_public(editor_app, ident) for ident in public)
    assert {_fresh(Service, i).status for i in public} == {"inactive"}


def test_an_urgent_hide_needs_a_reason(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna = editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    for reason in ("", "  gevaar  "):
        refused = _archive(anna, "voorzieningen", provision.id, url, status="inactive",
                           actie="direct", reden=reason)
        assert refused.status_code == 422
        assert "Geef de reden" in refused.get_data(as_text=True)
    assert _is_public(editor_app, provision.id) and _pending("service", provision.id) is None


def test_an_urgent_hide_is_immediate_and_a_second_editor_confirms_it(editor_app, editors,
                                                                     provision):
    """A dangerous entry cannot wait for review: hidden at once, with a reason, and a second
    editor confirms it afterwards."""
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    reason = "Het telefoonnummer is overgenomen door oplichters"
    response = _archive(anna, "voorzieningen", provision.id, url, status="inactive",
                        actie="direct", reden=reason)
    assert response.status_code == 302 and "melding=verborgen" in response.headers["Location"]
    assert not _is_public(editor_app, provision.id)          # gone at once
    change = _pending("service", provision.id)
    assert change.action == "hide" and change.payload["reason"] == reason
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    assert "direct verborgen, te bevestigen" in bert.get("/staff/redactie/").get_data(as_text=True)
    review = bert.get(review_url).get_data(as_text=True)
    assert reason in review and "Bevestigen: offline houden" in review
    # The one who hid it cannot confirm it.
    assert post(anna, f"{review_url}/beoordelen", parse_form(review),
                besluit="goedkeuren").status_code == 403
    confirmed = post(bert, f"{review_url}/beoordelen", parse_form(review), besluit="goedkeuren")
    assert confirmed.status_code == 302
    assert "verbergen-bevestigd" in confirmed.headers["Location"]
    db.session.expire_all()
    assert db.session.get(EditChange, change.id).status == "approved"
    assert _fresh(Service, provision.id).status == "inactive"
    assert not _is_public(editor_app, provision.id)
    actions = [r.action for r in db.session.scalars(select(EditRevision).where(
        EditRevision.resource_id == provision.id).order_by(EditRevision.number))]
    assert actions[-1] == "hide"


def test_a_rejected_urgent_hide_makes_the_entry_public_again(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    # A pending edit by someone else is kept readable (withdrawn), not lost.
    assert post(bert, url, form_of(bert, url), phone="0545 250 250",
                actie="opslaan").status_code == 302
    edit = _pending("service", provision.id)
    assert _archive(anna, "voorzieningen", provision.id, url, status="defunct", actie="direct",
                    reden="Ik dacht dat dit was opgeheven").status_code == 302
    assert not _is_public(editor_app, provision.id)
    db.session.expire_all()
    assert db.session.get(EditChange, edit.id).status == "withdrawn"
    change = _pending("service", provision.id)
    review_url = f"/staff/redactie/wijzigingen/{change.id}"
    review = bert.get(review_url).get_data(as_text=True)
    undone = post(bert, f"{review_url}/beoordelen", parse_form(review), besluit="afwijzen",
                  toelichting="Bestaat nog, net gebeld")
    assert undone.status_code == 302 and "teruggedraaid" in undone.headers["Location"]
    assert _fresh(Service, provision.id).status == "active"
    assert _is_public(editor_app, provision.id)
    actions = [r.action for r in db.session.scalars(select(EditRevision).where(
        EditRevision.resource_id == provision.id).order_by(EditRevision.number))]
    assert actions[-2:] == ["hide", "unhide"]


# --------------------------------------------------------------------------- finding 4

PAIRS = int(os.environ.get("BW_RACE_PAIRS", "8"))


def _race(editor_app, monkeypatch, kind: str, url: str, changes: tuple[dict, dict], *,
          review: bool = False, pairs: int | None = None):
    """``PAIRS`` times: two editors read the same form (same token), then save at the same
    moment (both past the token check before either writes: applying the change, or with
    ``review`` opening the proposal).  Returns the status pairs."""
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = review
    from tests.staff.conftest import login_client, make_user

    clients = []
    for _ in range(2):
        client = editor_app.test_client()
        login_client(client, make_user("editor"))
        clients.append(client)
    barrier = threading.Barrier(2, timeout=20)
    original = editing._add_change if review else editing.APPLY[kind]

    def together(*args, **kwargs):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return original(*args, **kwargs)

    if review:
        monkeypatch.setattr(editing, "_add_change", together)
    else:
        monkeypatch.setitem(editing.APPLY, kind, together)
    results = []
    for number in range(pairs or PAIRS):
        # The GETs run in this thread's (the fixture's) session: read the entry afresh, as a
        # new request would.
        db.session.rollback()
        forms = [form_of(c, url) for c in clients]
        assert forms[0]["token"] == forms[1]["token"]
        statuses: list = [None, None]

        def save(i, forms=forms, statuses=statuses, number=number):
            with editor_app.app_context():
                extra = {k: v.format(n=number) for k, v in changes[i].items()}
                try:
                    response = post(clients[i], url, forms[i], **extra)
                    statuses[i] = (response.status_code, response.get_data(as_text=True))
                except Exception as exc:  # noqa: BLE001 - an error page, counted as such
                    statuses[i] = (500, repr(exc))
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        barrier.reset()
        results.append(statuses)
    return results


def _problem(page: str) -> str:
    import re

    return " | ".join(re.findall(r'role="alert"[^>]*>(.*?)</', page, re.S))[:600]


def _check_race(results, changes, live_value):
    """Exactly one of each pair is accepted; the other is refused in Dutch and gets its own
    input back (the merge form); the last winner's value is live."""
    twice = sum(1 for pair in results if [s for s, _ in pair] == [302, 302])
    outcomes = Counter(tuple(sorted(s for s, _ in pair)) for pair in results)
    print(f"\nrace {db.engine.dialect.name}: {twice} of {len(results)} pairs accepted twice; "
          f"outcomes {dict(outcomes)}")
    assert twice == 0, f"{twice} of {len(results)} pairs were both accepted (a lost update)"
    for number, pair in enumerate(results):
        codes = [s for s, _ in pair]
        assert sorted(codes) == [302, 409], (number, codes, [p[:200] for _, p in pair],
                                             [_problem(p) for _, p in pair])
        loser = codes.index(409)
        page = pair[loser][1]
        assert "Iemand anders heeft dit intussen gewijzigd" in page
        assert all(v.format(n=number) in page for v in changes[loser].values())
    number = len(results) - 1
    winner = [s for s, _ in results[-1]].index(302)
    assert live_value(winner) == next(iter(changes[winner].values())).format(n=number)


def test_simultaneous_saves_of_an_organisation_lose_nothing(editor_app, editors, monkeypatch):
    org = _public_service_of_org().organization
    url = f"/staff/redactie/organisaties/{org.id}"
    # One changes only the phone (a child row), the other only the website (the row itself).
    changes = ({"phone": "0545 100 {n:03}"}, {"website": "https://example.org/{n}"})
    results = _race(editor_app, monkeypatch, "organization", url, changes)

    def live_value(winner):
        now = _fresh(Organization, org.id)
        return now.phones[0].number if winner == 0 else now.website

    _check_race(results, changes, live_value)


def test_simultaneous_saves_of_a_location_lose_nothing(editor_app, editors, provision,
                                                       monkeypatch):
    location = provision.service_at_locations[0].location
    url = f"/staff/redactie/locaties/{location.id}"
    changes = ({"address": "Raceweg {n}"}, {"transportation": "Bus {n} stopt voor de deur."})
    results = _race(editor_app, monkeypatch, "location", url, changes)

    def live_value(winner):
        now = _fresh(Location, location.id)
        return now.physical_address.address_1 if winner == 0 else now.transportation

    _check_race(results, changes, live_value)


def test_an_import_makes_an_open_organisation_form_stale(editor_app, editors):
    """An import (an admin act) that changes an organisation's phone bumps its version, so an
    editor's form read before the import is refused rather than overwriting it."""
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna = editors()
    org = _public_service_of_org().organization
    url = f"/staff/redactie/organisaties/{org.id}"
    form = form_of(anna, url)
    from app.domain.directory import UpsertReport, Vocabulary, upsert_organization

    upsert_organization(db.session, org.source, {
        "key": org.external_id, "name": org.name, "description": org.description,
        "website": org.website, "email": org.email,
        "phones": [{"number": "0545 999 999", "type": "voice"}]},
        UpsertReport(), Vocabulary(db.session))
    db.session.commit()
    response = post(anna, url, form, description=["Tekst van Anna."])
    assert response.status_code == 409
    assert _fresh(Organization, org.id).phones[0].number == "0545 999 999"


def test_simultaneous_proposals_for_an_organisation_open_one_review(editor_app, editors,
                                                                  monkeypatch):
    """With review on, two editors proposing at once: one proposal, the other is refused."""
    org = _public_service_of_org().organization
    url = f"/staff/redactie/organisaties/{org.id}"
    changes = ({"phone": "0545 200 {n:03}"}, {"website": "https://example.org/p{n}"})
    results = _race(editor_app, monkeypatch, "organization", url, changes, review=True,
                    pairs=1)
    codes = sorted(s for s, _ in results[0])
    assert codes == [302, 409], (codes, [_problem(p) for _, p in results[0]])
    assert "Iemand anders heeft dit intussen gewijzigd" in next(p for s, p in results[0]
                                                                 if s == 409)
    db.session.expire_all()
    assert len(db.session.scalars(select(EditChange).where(
        EditChange.resource_id == org.id, EditChange.status == "pending")).all()) == 1
    assert _fresh(Organization, org.id).website != "https://example.org/p0"


def test_a_proposal_saved_during_the_approval_is_not_applied(editor_app, editors, provision,
                                                             monkeypatch):
    """The proposer saves between the approval's version check and its write: the write
    (``WHERE version = <shown>`` on the proposal) fails and nothing is applied."""
    import pytest
    from sqlalchemy.orm import Session as OrmSession
    from sqlalchemy.orm.exc import StaleDataError

    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = f"/staff/redactie/voorzieningen/{provision.id}"
    assert post(anna, url, form_of(anna, url), phone="0545 250 250",
                actie="opslaan").status_code == 302
    db.session.rollback()
    change = _pending("service", provision.id)
    shown = editing.review_token(db.session, change)
    original_close = editing._close

    def proposer_saves_first(*args, **kwargs):
        with OrmSession(db.engine) as other:
            theirs = other.get(EditChange, change.id)
            theirs.payload = {**theirs.payload, "phone": PREMIUM, "url": PHISHING}
            other.commit()
        return original_close(*args, **kwargs)

    monkeypatch.setattr(editing, "_close", proposer_saves_first)
    reviewer = db.session.get(type(bert.staff_user), bert.staff_user.id)
    with pytest.raises(StaleDataError):
        editing.approve(db.session, change, reviewer, token=shown)
    db.session.rollback()
    live = _fresh(Service, provision.id)
    assert live.url != PHISHING and all(p.number != PREMIUM for p in live.phones)
    assert _pending("service", provision.id).payload["phone"] == PREMIUM
