"""What only the PostgreSQL backend has: its DDL (and the migrations' frozen copies of it), the
points repeated in each document row, and the one-pass facet counts."""

from __future__ import annotations

import importlib.util
import uuid

import pytest

from search import GeoFilter, SearchQuery
from search.geo import haversine_km
from search.interface import ProvisionDocument
from tests.search.conftest import POSTGRES_URL, ROOT, drop_schema, new_backend
from tests.search.fixtures import DOCS, KERNEN
from tests.sites import need_postgres

pytestmark = pytest.mark.postgres

VERSIONS = ROOT / "app" / "migrations" / "versions"


@pytest.fixture
def engine():
    if not POSTGRES_URL:
        need_postgres()
    from sqlalchemy import create_engine

    eng = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    yield eng
    eng.dispose()


@pytest.fixture
def schemas(engine):
    made: list[str] = []

    def _new() -> str:
        name = f"bw_search_test_{uuid.uuid4().hex[:12]}"
        made.append(name)
        return name

    yield _new
    for name in made:
        drop_schema(name)


@pytest.fixture
def pg_backends(engine, tmp_path, language):
    made = []

    def _make(schema: str | None = None, docs=DOCS):
        from search.postgres_backend import PostgresBackend

        if schema is None:
            backend, schema = new_backend("postgres", tmp_path, language)
        else:
            backend = PostgresBackend(POSTGRES_URL, language, schema=schema)
        made.append((backend, schema))
        if docs:
            backend.index(docs)
        return backend

    yield _make
    for backend, _ in made:
        backend.close()
    for schema in {s for _, s in made}:
        drop_schema(schema)


def _migration(filename_part: str):
    (path,) = [p for p in VERSIONS.glob("*.py") if filename_part in p.name]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(conn, schema: str) -> tuple[list, list]:
    from sqlalchemy import text

    columns = conn.execute(text(
        "SELECT table_name, ordinal_position, column_name, data_type, udt_name, is_nullable,"
        " replace(replace(coalesce(column_default, ''), :q, ''), :u, ''), collation_name"
        " FROM information_schema.columns WHERE table_schema = :s ORDER BY 1, 2"),
        {"s": schema, "q": f'"{schema}".', "u": f"{schema}."}).all()
    indexes = conn.execute(text(
        "SELECT indexname, replace(replace(indexdef, :q, ''), :u, '') FROM pg_indexes"
        " WHERE schemaname = :s ORDER BY 1"),
        {"s": schema, "q": f'"{schema}".', "u": f"{schema}."}).all()
    return columns, indexes


def test_migrations_create_what_the_backend_creates(engine, schemas):
    from sqlalchemy import text

    from search.postgres_backend import SEARCH_TABLES, ensure_schema

    by_backend, by_migrations = schemas(), schemas()
    with engine.begin() as conn:
        ensure_schema(conn, by_backend)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{by_migrations}"'))
        conn.execute(text(f'SET LOCAL search_path TO "{by_migrations}", public'))
        for part in ("c45e0006", "c45e0007"):
            for statement in _migration(part).UPGRADE:
                conn.execute(text(statement))
    with engine.connect() as conn:
        backend_shape = _shape(conn, by_backend)
        migrated_shape = _shape(conn, by_migrations)
    assert {row[0] for row in backend_shape[0]} == set(SEARCH_TABLES)
    for made, migrated in zip(backend_shape, migrated_shape, strict=True):
        assert set(made) ^ set(migrated) == set()
        assert made == migrated


def _near(doc_points, lat, lon, radius):
    inside = [haversine_km(lat, lon, a, b) for a, b in doc_points]
    inside = [d for d in inside if radius is None or d <= radius]
    return min(inside) if inside else None


PLACES = (
    ProvisionDocument(id="twee-plekken", name="Koffieochtend in twee dorpen", tier="algemeen",
                      kernen=("rekken", "ruurlo"), points=(KERNEN["ruurlo"], KERNEN["rekken"])),
    ProvisionDocument(id="drie-plekken", name="Koffieochtend met drie adressen", tier="algemeen",
                      kernen=("eibergen",), points=((52.101, 6.651), (52.0985, 6.722), (52.102, 6.655))),
    ProvisionDocument(id="een-plek", name="Koffieochtend Rekken", tier="algemeen", kernen=("rekken",),
                      points=(KERNEN["rekken"],)),
    ProvisionDocument(id="ver-weg", name="Koffieochtend Ruurlo", tier="algemeen", kernen=("ruurlo",),
                      points=(KERNEN["ruurlo"],)),
    ProvisionDocument(id="nergens", name="Koffieochtend aan huis", tier="algemeen", kernen=("rekken",)),
)


@pytest.mark.parametrize("radius", [3.0, 8.0, None])
def test_distance_with_text_is_the_nearest_point_of_the_row(pg_backends, radius):
    backend = pg_backends(docs=PLACES)
    lat, lon = KERNEN["rekken"]
    result = backend.search(SearchQuery(text="koffieochtend", geo=GeoFilter(lat, lon, radius)))
    expected = {d.id: _near(d.points, lat, lon, radius) for d in PLACES}
    if radius is not None:
        expected = {i: km for i, km in expected.items() if km is not None}
    assert {h.id for h in result.hits} == set(expected)
    assert result.total == len(expected)
    for hit in result.hits:
        if expected[hit.id] is None:
            assert hit.distance_km is None
        else:
            assert hit.distance_km == pytest.approx(expected[hit.id], abs=1e-9)


def test_an_older_schema_gets_the_point_columns_filled(pg_backends, engine):
    from sqlalchemy import text

    old = pg_backends(docs=PLACES)
    lat, lon = KERNEN["rekken"]
    query = SearchQuery(text="koffieochtend", geo=GeoFilter(lat, lon, 8.0))
    before = old.search(query)
    schema = old._schema
    with engine.begin() as conn:  # as c45e0006 left it
        conn.execute(text(f'ALTER TABLE "{schema}".search_document DROP COLUMN lats, DROP COLUMN lons'))
    again = pg_backends(schema=schema, docs=())
    after = again.search(query)
    assert [(h.id, h.distance_km) for h in after.hits] == [(h.id, h.distance_km) for h in before.hits]
    assert after.total == before.total > 0


def test_index_and_rebuild_keep_the_point_columns(pg_backends, engine):
    from sqlalchemy import text

    backend = pg_backends(docs=PLACES)
    moved = ProvisionDocument(id="een-plek", name="Koffieochtend Rekken", tier="algemeen",
                              kernen=("rekken",), points=(KERNEN["neede"], KERNEN["rekken"]))
    backend.index([moved])
    backend.rebuild([*PLACES[:2], moved, *PLACES[3:]])
    with engine.connect() as conn:
        rows = dict(conn.execute(text(
            f'SELECT id, array[lats, lons] FROM "{backend._schema}".search_document')).all())  # noqa: S608
    assert rows["een-plek"] == [[KERNEN["neede"][0], KERNEN["rekken"][0]],
                                [KERNEN["neede"][1], KERNEN["rekken"][1]]]
    assert rows["nergens"] == []


@pytest.mark.parametrize("filters", [
    {},
    {"kern": "rekken"},
    {"kern": "rekken", "tiers": ("algemeen",), "free": True},
    {"life_domains": ("financien",), "target_groups": ("volwassenen",)},
])
@pytest.mark.parametrize("with_facets", [True, False])
def test_facets_counted_in_one_pass_equal_the_memory_backend(pg_backends, tmp_path, language,
                                                             filters, with_facets):
    from search import make_backend

    backend = pg_backends()
    memory = make_backend("memory", tmp_path / "mem", language)
    memory.index(DOCS)
    for text_ in ("", "hulp", "koffie"):
        q = SearchQuery(text=text_, with_facets=with_facets, **filters)
        got, want = backend.search(q), memory.search(q)
        assert got.total == want.total
        assert got.facets == want.facets
        assert {h.id for h in got.hits} == {h.id for h in want.hits}
        assert [(h.id, h.strong) for h in got.hits] == [(h.id, h.strong) for h in want.hits]
        assert [h.score for h in got.hits] == pytest.approx([h.score for h in want.hits])



def test_a_prefix_no_index_term_extends_is_matched_whole(pg_backends):
    from search.postgres_backend import _Probe, _term_query
    from search.query import plan_query

    first = ProvisionDocument(id="a", name="Flapperdoedel", tier="algemeen", kernen=("rekken",))
    later = ProvisionDocument(id="b", name="Flapperdoedelsgewijs", tier="algemeen", kernen=("rekken",))
    backend = pg_backends(docs=[first])

    def closed_terms():
        with backend._engine.connect() as conn:
            probe = _Probe(backend, conn)
            plan = plan_query("flapperdoedel", backend._language, probe, backend._decompounder)
        return plan, probe.closed

    plan, closed = closed_terms()
    (term,) = [t for c in plan.clauses for a in c.alternatives for t in a.terms if t.prefix]
    assert term in closed
    assert ":*" not in _term_query(term, closed) and ":*" in _term_query(term)
    assert [h.id for h in backend.search(SearchQuery(text="flapperdoedel")).hits] == ["a"]
    backend.index([later])  # now an index term extends the prefix: the prefix scan is back
    plan, closed = closed_terms()
    assert term not in closed
    assert {h.id for h in backend.search(SearchQuery(text="flapperdoedel")).hits} == {"a", "b"}
