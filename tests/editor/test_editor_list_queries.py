"""The editor's list page costs the same number of SQL statements with a few provisions and
proposals as with many: no query per row (an N+1 would slow the page as the map grows)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from app.extensions import db
from app.models import EditChange, Service
from tests.staff.conftest import make_user


@contextmanager
def _statements():
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _propose(services: list[Service], authors: list) -> None:
    """A pending proposal on each provision, by different editors."""
    for number, service in enumerate(services):
        db.session.add(EditChange(resource_type="service", resource_id=service.id,
                                  open_key=service.id, action="update",
                                  payload={"name": f"Voorstel {number}"}, base_token="x",
                                  author_id=authors[number % len(authors)].id,
                                  editor_ids=[], status="pending"))
    db.session.commit()


def _list_statements(client, query: str = "") -> tuple[int, str]:
    with _statements() as seen:
        response = client.get(f"/staff/redactie/{query}")
    assert response.status_code == 200
    return len(seen), response.get_data(as_text=True)


def test_editor_list_statements_do_not_grow_with_rows(editor_app, editors):
    client = editors()
    services = list(db.session.scalars(select(Service).order_by(Service.name)))
    assert len(services) >= 12
    authors = [make_user("editor") for _ in range(4)]

    _propose(services[:1], authors)
    _list_statements(client)  # warm: the first request loads the thesaurus and such
    few, page = _list_statements(client, f"?q={services[0].name}")
    assert "Voorstel 0" not in page or services[0].name in page

    _propose(services[1:12], authors)
    many, page = _list_statements(client)
    assert page.count("/staff/redactie/wijzigingen/") == 12  # every proposal is listed
    assert services[11].name in page
    assert many == few, f"{few} statements with one row, {many} with many"
