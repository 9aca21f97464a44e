"""The editor: concurrent saves, revisions, restore, archive, review, validation, roles."""

from __future__ import annotations

import re

from markupsafe import escape
from sqlalchemy import select

from app.extensions import db
from app.models import EditChange, EditRevision, Metadata, Service
from app.services import search_engine
from search import SearchQuery
from tests.editor.conftest import form_of, parse_form, post


def _url(service) -> str:
    return f"/staff/redactie/voorzieningen/{service.id}"


def _live(service_id) -> Service:
    db.session.expire_all()
    return db.session.get(Service, service_id)


def _found(text: str, service_id) -> bool:
    return str(service_id) in {h.id for h in search_engine().search(SearchQuery(text=text)).hits}


def test_two_editors_same_provision_second_gets_409_then_merges(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna, bert = editors(), editors()
    url = _url(provision)
    form_a, form_b = form_of(anna, url), form_of(bert, url)   # both read version N
    version = provision.version
    assert form_a["token"] == form_b["token"]

    first = post(anna, url, form_a, description=["Anna schreef dit: " + form_a["description"][0]],
                 actie="opslaan")
    assert first.status_code == 302
    assert _live(provision.id).version > version

    second = post(bert, url, form_b, phone="0545 123 456", actie="opslaan")
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Hun versie" in page and "Uw versie" in page
    live = _live(provision.id)
    assert live.description.startswith("Anna schreef dit")   # nothing overwritten
    assert live.phones[0].number != "0545 123 456" if live.phones else True

    # The merge form: Anna's description (only she changed it) and Bert's phone number.
    merged = parse_form(page)
    assert merged["description"][0].startswith("Anna schreef dit")
    assert merged["phone"] == ["0545 123 456"]
    third = post(bert, url, merged, actie="opslaan")
    assert third.status_code == 302, third.get_data(as_text=True)[:2000]
    live = _live(provision.id)
    assert live.description.startswith("Anna schreef dit")
    assert live.phones[0].number == "0545 123 456"


def test_every_change_writes_revisions_with_old_and_new(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna = editors()
    url = _url(provision)
    old_name = provision.name
    response = post(anna, url, form_of(anna, url), name="Nieuwe naam voor de test",
                    actie="opslaan")
    assert response.status_code == 302
    revs = list(db.session.scalars(select(EditRevision).where(
        EditRevision.resource_id == provision.id).order_by(EditRevision.number)))
    assert [r.action for r in revs] == ["baseline", "update"]
    assert revs[1].changes == [{"field": "name", "old": old_name, "new": "Nieuwe naam voor de test"}]
    assert revs[1].user_id == anna.staff_user.id
    meta = db.session.scalars(select(Metadata).where(Metadata.resource_id == provision.id)).all()
    assert [(m.field_name, m.previous_value, m.replacement_value, m.updated_by) for m in meta] == [
        ("name", old_name, "Nieuwe naam voor de test", anna.staff_user.email)]
    history = anna.get(f"/staff/redactie/geschiedenis/service/{provision.id}")
    assert history.status_code == 200
    assert "Nieuwe naam voor de test" in history.get_data(as_text=True)


def test_restore_an_earlier_version(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    anna = editors()
    url = _url(provision)
    original = provision.description
    post(anna, url, form_of(anna, url), description=["Eerste nieuwe tekst. Kort en duidelijk."],
         actie="opslaan")
    post(anna, url, form_of(anna, url), description=["Tweede nieuwe tekst. Ook kort en duidelijk."],
         actie="opslaan")
    assert _live(provision.id).description.startswith("Tweede")
    token = form_of(anna, url)["token"][0]
    response = post(anna, f"/staff/redactie/geschiedenis/service/{provision.id}/1/herstellen",
                    {"token": [token]})
    assert response.status_code == 302
    assert _live(provision.id).description == original
    last = db.session.scalars(select(EditRevision).where(EditRevision.resource_id == provision.id)
                              .order_by(EditRevision.number.desc())).first()
    assert last.action == "restore" and last.number == 4


def test_archive_hides_from_public_but_keeps_the_row(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False  # with review: test_editor_four_eyes.py
    anna = editors()
    url = _url(provision)
    assert _found(provision.name, provision.id)
    token = form_of(anna, url)["token"][0]
    response = post(anna, f"{url}/archiveren", {"token": [token]}, status="defunct")
    assert response.status_code == 302
    live = _live(provision.id)
    assert live is not None and live.status == "defunct"
    assert not _found(provision.name, provision.id)
    assert editor_app.test_client().get(f"/voorziening/{provision.id}").status_code == 404
    listing = anna.get("/staff/redactie/?toon=gearchiveerd").get_data(as_text=True)
    assert str(escape(provision.name)) in listing


def test_review_second_editor_approves_not_the_author(editor_app, editors, provision):
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    anna, bert = editors(), editors()
    url = _url(provision)
    old = provision.description
    response = post(anna, url, form_of(anna, url),
                    description=["Een voorstel voor een nieuwe tekst. Het is kort."],
                    actie="opslaan")
    assert response.status_code == 302 and "voorstel" in response.headers["Location"]
    assert _live(provision.id).description == old          # not live yet
    public = editor_app.test_client().get(f"/voorziening/{provision.id}").get_data(as_text=True)
    assert "Een voorstel voor een nieuwe tekst" not in public
    change = db.session.scalar(select(EditChange).where(EditChange.resource_id == provision.id))
    assert change.status == "pending"
    decide = f"/staff/redactie/wijzigingen/{change.id}/beoordelen"
    refused = post(anna, decide, {}, besluit="goedkeuren")
    assert refused.status_code == 403
    assert _live(provision.id).description == old
    review = parse_form(bert.get(f"/staff/redactie/wijzigingen/{change.id}").get_data(as_text=True))
    approved = post(bert, decide, review, besluit="goedkeuren")
    assert approved.status_code == 302
    assert _live(provision.id).description.startswith("Een voorstel")
    db.session.expire_all()
    assert db.session.get(EditChange, change.id).status == "approved"
    assert _found("voorstel nieuwe tekst", provision.id)


def test_new_provision_is_a_draft_until_approved_and_public_at_once_when_review_off(
        editor_app, editors, provision):
    anna, bert = editors(), editors()
    form = form_of(anna, "/staff/redactie/voorzieningen/nieuw")
    data = {**form, "organization": [str(provision.organization_id)], "name": ["Samen koken"],
            "description": ["Elke week koken we samen in het dorpshuis. Iedereen is welkom."],
            "tier": ["algemeen"], "access": ["vrij-toegankelijk"],
            "life_domains": ["sociaal-netwerk"], "target_groups": ["iedereen"],
            "kernen": ["Rietmolen"], "status": ["active"]}
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = True
    response = post(anna, "/staff/redactie/voorzieningen/nieuw", data, actie="opslaan")
    assert response.status_code == 302
    draft = db.session.scalar(select(Service).where(Service.name == "Samen koken"))
    assert draft.publication == "draft" and not _found("samen koken", draft.id)
    change = db.session.scalar(select(EditChange).where(EditChange.resource_id == draft.id))
    review = parse_form(bert.get(f"/staff/redactie/wijzigingen/{change.id}").get_data(as_text=True))
    assert post(bert, f"/staff/redactie/wijzigingen/{change.id}/beoordelen", review,
                besluit="goedkeuren").status_code == 302
    assert _live(draft.id).publication == "published" and _found("samen koken", draft.id)

    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    data["name"] = ["Samen eten"]
    assert post(anna, "/staff/redactie/voorzieningen/nieuw", data, actie="opslaan").status_code == 302
    direct = db.session.scalar(select(Service).where(Service.name == "Samen eten"))
    assert direct.publication == "published" and _found("samen eten", direct.id)


def test_validation_errors_in_dutch_beside_the_field(editor_app, editors, provision):
    anna = editors()
    url = _url(provision)
    form = form_of(anna, url)
    response = post(anna, url, form, description=["Te kort."], email="geen-adres",
                    **{"schedules-0-opens_at": "9 uur"}, actie="opslaan")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="veld-description-fout">Schrijf in een paar zinnen wat de voorziening is.' in page
    assert 'id="veld-email-fout">Dit is geen geldig e-mailadres.' in page
    assert 'id="veld-schedules-0-opens_at-fout">Schrijf een tijd als 09:30.' in page
    assert 'aria-invalid="true"' in page
    assert _live(provision.id).description == provision.description


def test_readability_warns_on_hard_text_not_on_plain(editor_app, editors, provision):
    anna = editors()
    url = _url(provision)
    form = form_of(anna, url)
    hard = ("Teneinde in aanmerking te komen voor een maatwerkvoorziening in het kader van de Wet "
            "maatschappelijke ondersteuning dient de aanvrager middels het daartoe bestemde "
            "formulier een verzoek in te dienen.")
    page = post(anna, url, form, description=[hard], actie="controleer").get_data(as_text=True)
    assert "moeilijker dan B1" in page
    assert "Schrijf “met” in plaats van “middels”" in page
    assert "29 woorden" in page
    assert "maatwerkvoorziening" in page
    plain = "U kunt hulp krijgen bij het invullen van formulieren. Kom gerust langs. Het is gratis."
    page = post(anna, url, form, description=[plain], actie="controleer").get_data(as_text=True)
    assert "Goed: dit is gewone, eenvoudige taal (B1)." in page
    assert "Lange zinnen" not in page and "Ambtelijke woorden" not in page
    # A warning, never a block: the hard text saves.
    editor_app.config["EDITOR_REVIEW_REQUIRED"] = False
    assert post(anna, url, form, description=[hard], actie="opslaan").status_code == 302
    assert _live(provision.id).description == hard


def test_a_new_thesaurus_concept_changes_search_results(editor_app, editors, provision):
    anna = editors()
    word = "zwoerdbrommer"
    assert not _found(word, provision.id)
    longest = max(re.findall(r"[^\W\d_]+", provision.name), key=len).lower()
    text = f"= zwoerdbrommer\nleefgebied: sociaal-netwerk\nnl: {word}\nvak: {longest}\n"
    response = post(anna, "/staff/redactie/zoekwoorden/nieuw", {}, text=text)
    assert response.status_code == 302
    assert _found(word, provision.id)
    # the old address of the synonym list leads here
    assert anna.get("/staff/redactie/synoniemen").headers["Location"].endswith("/staff/redactie/zoekwoorden")
    assert word in anna.get("/staff/redactie/zoekwoorden?woord=zwoerd").get_data(as_text=True)


def test_a_concept_that_cannot_be_saved_says_which_line_and_keeps_the_text(editor_app, editors):
    anna = editors()
    url = "/staff/redactie/zoekwoorden/nieuw"
    no_domain = post(anna, url, {}, text="= klompjes\nnl: klompjes, klompen")
    assert no_domain.status_code == 422
    page = no_domain.get_data(as_text=True)
    assert "leefgebied" in page and "klompjes, klompen" in page  # what was typed stays
    unknown = post(anna, url, {}, text="= klompjes\nleefgebied: dansen\nnl: klompjes")
    assert unknown.status_code == 422 and "leefgebied &#39;dansen&#39; bestaat niet" in unknown.get_data(
        as_text=True)
    broken = post(anna, url, {}, text="= klompjes\nleefgebied: tijdsbesteding\nwoorden: klompjes")
    assert broken.status_code == 422 and "regel 3" in broken.get_data(as_text=True)
    taken = post(anna, url, {}, text="= eenzaamheid\nleefgebied: sociaal-netwerk\nnl: alleen")
    assert taken.status_code == 422 and "al een begrip" in taken.get_data(as_text=True)


def test_editing_a_file_concept_then_going_back_to_the_file(editor_app, editors):
    from app.models import ThesaurusEntry, ThesaurusRevision

    anna, bert = editors(), editors()
    url = "/staff/redactie/zoekwoorden/eenzaamheid"
    form_a, form_b = form_of(anna, url), form_of(bert, url)  # both read the file's version
    assert "= eenzaamheid" in form_a["text"][0]
    first = post(anna, url, form_a, text=form_a["text"][0] + "\nverwant: zwoerdbrommer", actie="opslaan")
    assert first.status_code == 302
    assert _found_concept("zwoerdbrommer")
    # Bert saves what he read before Anna's save: refused, his text kept, hers shown
    second = post(bert, url, form_b, text=form_b["text"][0] + "\nverwant: klompendans", actie="opslaan")
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "klompendans" in page and "zwoerdbrommer" in page
    # back to the file's version: Anna's words are gone from search, the history keeps them
    again = form_of(anna, url)
    assert post(anna, url, again, actie="vaste-versie").status_code == 302
    assert db.session.scalar(select(ThesaurusEntry).where(ThesaurusEntry.code == "eenzaamheid")) is None
    assert not _found_concept("zwoerdbrommer")
    texts = [r.text for r in db.session.scalars(select(ThesaurusRevision).where(
        ThesaurusRevision.code == "eenzaamheid"))]
    assert any("zwoerdbrommer" in t for t in texts) and "" in texts


def _found_concept(word: str) -> bool:
    return any(word in t.text for c in search_engine()._language.thesaurus for t in c.terms)


def test_only_editors_and_admins_may_edit(editor_app, editors, provision):
    url = _url(provision)
    for role in ("staff", "manager"):
        client = editors(role)
        assert client.get("/staff/redactie/").status_code == 403
        assert client.get(url).status_code == 403
        assert post(client, url, {}, name="x").status_code == 403
    assert editors("editor").get(url).status_code == 200


def test_a_tier_and_access_that_contradict_are_refused_beside_the_access_field(
        editor_app, editors, provision):
    """Issue 16: "Algemene voorziening" above "Via Voormekaar, na een gesprek" tells a resident
    two stories; the editor names the field to correct and saves nothing."""
    anna = editors()
    url = _url(provision)
    form = form_of(anna, url)
    response = post(anna, url, form, tier=["algemeen"], access=["beschikking-gemeente"],
                    actie="opslaan")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="veld-access-fout">Een algemene voorziening krijgt iedereen zonder verwijzing' in page
    assert _live(provision.id).access == provision.access
    ciz = post(anna, url, form, tier=["voorliggend"], access=["aanmelden"],
               application_process=["U heeft eerst een indicatie van het CIZ nodig."],
               actie="opslaan")
    assert ciz.status_code == 422
    assert "kies dan de toegang &#39;indicatie-ciz&#39;" in ciz.get_data(as_text=True) \
        or "kies dan de toegang 'indicatie-ciz'" in ciz.get_data(as_text=True)
