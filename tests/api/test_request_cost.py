"""What one API request reads from the database: the records on its page, never the map.

A page of fully nested services shows their stored attributes (taxonomies outside the
profile) and metadata.  Those used to be read for the whole map on every request (every
attribute and metadata row, then picked from in Python), a cost that grows with the map
however small the page.  Now the page's rows are read, a fixed number of queries whatever
the page size (no N+1), and the answers are the same.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from app.extensions import db
from app.models import Attribute, Metadata, Taxonomy, TaxonomyTerm
from tests.api.helpers import get, public_services


@pytest.fixture
def tagged_map(changing_app):
    """Every public service, its organisation and its places carry a stored attribute of a
    taxonomy outside the profile, and every service a metadata row."""
    taxonomy = Taxonomy(name="extern", description="Another directory's taxonomy")
    term = TaxonomyTerm(name="Extern", code="extern", taxonomy="extern", taxonomy_detail=taxonomy)
    db.session.add_all([taxonomy, term])
    db.session.flush()
    for service in public_services():
        records = [("service", service.id), ("organization", service.organization_id)]
        records += [("location", loc.id) for loc in service.locations]
        for entity, record_id in records:
            db.session.add(Attribute(link_id=record_id, link_entity=entity, link_type="extern",
                                     taxonomy_term_id=term.id, value=str(record_id)[:8]))
        db.session.add(Metadata(resource_id=service.id, resource_type="service",
                                last_action_date=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
                                last_action_type="update", field_name="name",
                                previous_value="Oud", replacement_value=service.name,
                                updated_by="redactie@berkelland.example"))
    db.session.commit()
    return changing_app.test_client()


class Statements:
    def __init__(self):
        self.sql: list[str] = []

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.sql.append(" ".join(statement.split()))

    def reading(self, table: str) -> list[str]:
        return [s for s in self.sql if re.search(rf"\bFROM {table}\b", s)]


URLS = ["/api/v1/services?full=true&per_page=5", "/api/v1/service_at_locations?per_page=5",
        "/api/v1/service_at_locations?full=true&per_page=5",
        "/api/v1/organizations?full=true&full_service=true&per_page=3"]


@pytest.mark.parametrize("url", URLS)
def test_a_page_reads_only_its_own_attributes_and_metadata(tagged_map, url):
    api = tagged_map
    get(api, url)  # warm: the profile's terms, the kernen
    with Statements() as seen:
        body = get(api, url).get_json()
    assert body["contents"]
    for table in ("attribute", "metadata"):
        for statement in seen.reading(table):
            assert " WHERE " in statement and " IN " in statement, statement
    # one query per kind of record loaded (organizations, then their services): a constant
    assert len(seen.reading("attribute")) <= 2 and len(seen.reading("metadata")) <= 2


def test_single_records_read_only_their_own(tagged_map):
    api = tagged_map
    service = public_services()[0]
    for url in (f"/api/v1/services/{service.id}", f"/api/v1/organizations/{service.organization_id}",
                f"/api/v1/service_at_locations/{service.service_at_locations[0].id}"
                if service.service_at_locations else f"/api/v1/services/{service.id}"):
        get(api, url)
        with Statements() as seen:
            get(api, url)
        assert all(" WHERE " in s for s in seen.reading("attribute") + seen.reading("metadata"))


def test_the_query_count_does_not_grow_with_the_page(tagged_map):
    api = tagged_map
    counts = []
    for per_page in (2, 40):
        url = f"/api/v1/services?full=true&per_page={per_page}"
        get(api, url)
        with Statements() as seen:
            get(api, url)
        counts.append(len(seen.sql))
    assert counts[0] == counts[1], counts


def test_the_answers_still_carry_every_stored_attribute_and_metadata_row(tagged_map):
    api = tagged_map
    page = get(api, "/api/v1/services?full=true&per_page=1000").get_json()["contents"]
    stored = db.session.scalars(select(Attribute).where(Attribute.link_type == "extern")).all()
    by_record = {(a.link_entity, str(a.link_id)) for a in stored}
    for service in page:
        assert ("service", service["id"]) in {(a["link_entity"], a["link_id"])
                                                for a in service["attributes"]}
        assert service["metadata"] and service["metadata"][0]["field_name"] == "name"
        for sal in service["service_at_locations"]:
            assert {a["link_type"] for a in sal["location"]["attributes"]} == {"extern"}
            assert ("location", sal["location_id"]) in by_record
    org = get(api, f"/api/v1/organizations/{page[0]['organization_id']}").get_json()
    assert [a["link_type"] for a in org["attributes"]] == ["extern"]


def test_a_search_reads_its_page_not_every_match(changing_app):
    """With a search the engine filters by itself, the API reads only the page's services
    from the database, not every match; the page is still checked, so an entry that left
    public search after the index was written (a lagging index) is not served."""
    from sqlalchemy import text

    api = changing_app.test_client()
    everything = [s["id"] for s in get(api, "/api/v1/services?search=hulp&per_page=1000")
                  .get_json()["contents"]]
    assert len(everything) > 5
    url = "/api/v1/services?search=hulp&per_page=3"
    get(api, url)
    with Statements() as seen:
        page = get(api, url).get_json()
    service_reads = seen.reading("service")
    # bound values per statement (sqlite "?", psycopg "%(name)s"): the page's 3 ids and the
    # public rule, not one per match
    assert service_reads and all(len(re.findall(r"\?|%\(", s)) <= 3 + 4
                                 for s in service_reads), service_reads
    assert page["total_items"] == len(everything)
    # the database changes behind the index's back: the page leaves the entry out
    hidden = page["contents"][0]["id"]
    db.session.execute(text("UPDATE service SET publication = 'draft' WHERE id = :id"),
                       {"id": hidden.replace("-", "") if db.engine.dialect.name == "sqlite"
                        else hidden})
    db.session.commit()
    db.session.expire_all()
    again = get(api, url).get_json()
    assert hidden not in {s["id"] for s in again["contents"]}
    assert get(api, f"/api/v1/services/{hidden}", 404)
