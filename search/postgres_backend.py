"""The PostgreSQL search backend: same contract as Whoosh, stored in the application's database.

Documents are analysed in Python with ``search.analysis`` exactly as for Whoosh and the
in-memory twin (Dutch Snowball stems, compound parts, synonyms in the query plan), and the
resulting terms are stored as a weighted ``tsvector`` (name A, description B, organisation
and the rest C) with a GIN index.  The lexemes are the Python stems, passed to PostgreSQL as
a ``tsvector`` literal, not re-parsed by a text search configuration: PostgreSQL's ``dutch``
configuration stems differently from Snowball's ``dutch_porter`` and does not split compounds,
so reusing it would make the backends disagree.  Query plans become ``tsquery`` literals
(``'stem' | 'prefix':*`` per word, alternatives OR-ed, clauses AND-ed; a prefix that no index
term extends is queried as a whole lexeme, which matches and ranks the same without the GIN
prefix scan).

One statement answers a query: the matches are materialised once, the top ``limit`` come from
a top-N sort, and the total and all facet counts from one grouping-sets aggregate over the
facet arrays (each facet counting the matches that pass the other facets' filters).

Tables (not the application's models; defined once, by ``schema_statements()``, which the
migrations ``c45e0006pgsearch`` and ``c45e0007pgsearchperf`` froze and ``ensure_schema()`` runs):

``search_document``  one row per document: filter columns, ``tsv``, spelling words, fingerprint,
                     and its points again (``lats``/``lons``): the distance of each text match
                     is computed from the row itself
``search_point``     (doc_id, lat, lon) with a btree on (lat, lon): bounding box, then haversine
                     (geographic search without text)
``search_word``      spelling vocabulary of visible documents; pg_trgm index; feeds the
                     decompounder and "Bedoelde u ...?" (document frequency counted on demand)
``search_term``      every index term (lexeme) ever written, byte-ordered: "is this word in the
                     index at all?" (exact or as a prefix) without touching the documents
``search_removed``   ids removed while a rebuild may run (so the swap does not revive them)

Writes happen in the application's own transaction (``app/indexing.py`` hands its connection
to ``index``/``remove`` just before the commit), so a change and its search rows are
committed or rolled back together; called without a connection, each call is its own
transaction.  ``rebuild()`` fills ``*_next`` tables aside, then — under an exclusive advisory lock that
every writer takes shared — copies the writes made meanwhile and renames the tables.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine

from search.analysis import (
    Decompounder,
    PlanTerm,
    analyze_text,
    edit_distance,
    max_edits,
)
from search.bitsets import bits_from
from search.common import (
    TEXT_FIELDS,
    Candidate,
    age_matches,
    document_words,
    finish,
    opening_intervals,
    validate_document,
)
from search.facets import facet_filters, facet_values
from search.geo import EARTH_RADIUS_KM, bounding_box
from search.interface import FACETS, GeoFilter, ProvisionDocument, SearchHit, SearchQuery, SearchResult
from search.language import Language
from search.query import Alternative, QueryPlan, plan_query, suggestion_text
from search.relevance import DESCRIPTION, NAME, OTHER, matching_clauses
from search.scoring import Levels, Ranking, scored
from search.thesaurus import Thesaurus

__all__ = ["PostgresBackend", "SEARCH_TABLES", "ensure_schema", "schema_statements"]

#: Tables owned by this backend (kept out of the application's models and schema comparison).
SEARCH_TABLES = ("search_document", "search_point", "search_word", "search_term", "search_removed")

def schema_statements(schema: str | None = None) -> list[str]:
    """DDL of the search tables (idempotent); the migration holds a frozen copy."""
    p = f'"{schema}".' if schema else ""
    return [
        f"CREATE SEQUENCE IF NOT EXISTS {p}search_write_seq",
        f"CREATE SEQUENCE IF NOT EXISTS {p}search_word_seq",
        f"""CREATE TABLE IF NOT EXISTS {p}search_document (
            id text PRIMARY KEY,
            name text NOT NULL,
            tier text NOT NULL,
            kernen text[] NOT NULL,
            life_domains text[] NOT NULL,
            target_groups text[] NOT NULL,
            free boolean NOT NULL,
            minimum_age integer,
            maximum_age integer,
            visible boolean NOT NULL,
            opening int4multirange NOT NULL,
            tsv tsvector NOT NULL,
            words text[] NOT NULL,
            fingerprint text NOT NULL,
            seq bigint NOT NULL,
            lats double precision[] NOT NULL DEFAULT '{{}}',
            lons double precision[] NOT NULL DEFAULT '{{}}')""",
        f"CREATE INDEX IF NOT EXISTS search_document_tsv ON {p}search_document USING gin (tsv)",
        f"CREATE INDEX IF NOT EXISTS search_document_words ON {p}search_document USING gin (words)",
        f"CREATE INDEX IF NOT EXISTS search_document_kernen ON {p}search_document USING gin (kernen)",
        f"CREATE INDEX IF NOT EXISTS search_document_seq ON {p}search_document (seq)",
        f"""CREATE TABLE IF NOT EXISTS {p}search_point (
            doc_id text NOT NULL, lat double precision NOT NULL, lon double precision NOT NULL)""",
        f"CREATE INDEX IF NOT EXISTS search_point_latlon ON {p}search_point (lat, lon)",
        f"CREATE INDEX IF NOT EXISTS search_point_doc ON {p}search_point (doc_id)",
        f"""CREATE TABLE IF NOT EXISTS {p}search_word (
            word text PRIMARY KEY, first text NOT NULL, len integer NOT NULL,
            seq bigint NOT NULL DEFAULT nextval('{p}search_word_seq'))""",
        f"CREATE INDEX IF NOT EXISTS search_word_trgm ON {p}search_word USING gin (word gin_trgm_ops)",
        f"CREATE INDEX IF NOT EXISTS search_word_bucket ON {p}search_word (first, len)",
        f"CREATE INDEX IF NOT EXISTS search_word_seq_ix ON {p}search_word (seq)",
        f"CREATE TABLE IF NOT EXISTS {p}search_removed (id text NOT NULL, seq bigint NOT NULL)",
        f'CREATE TABLE IF NOT EXISTS {p}search_term (term text COLLATE "C" PRIMARY KEY)',
        # c45e0007: the points of each document in its own row (distances without a join)
        f"""ALTER TABLE {p}search_document
            ADD COLUMN IF NOT EXISTS lats double precision[] NOT NULL DEFAULT '{{}}',
            ADD COLUMN IF NOT EXISTS lons double precision[] NOT NULL DEFAULT '{{}}'""",
        f"""UPDATE {p}search_document d SET lats = g.lats, lons = g.lons
            FROM (SELECT doc_id, array_agg(lat ORDER BY lat, lon) AS lats,
                         array_agg(lon ORDER BY lat, lon) AS lons
                  FROM {p}search_point GROUP BY doc_id) g
            WHERE g.doc_id = d.id AND cardinality(d.lats) = 0""",  # noqa: S608 (names only)
    ]


def ensure_schema(conn: Connection, schema: str | None = None) -> None:
    """Create pg_trgm and the search tables when missing (the migration does the same).

    Does nothing when they all exist, so a database role without CREATE rights can run the
    application once ``flask db upgrade`` has made them."""
    prefix = f"{schema}." if schema else ""
    present = conn.execute(
        text(
            "SELECT bool_and(to_regclass(t) IS NOT NULL) AND (SELECT count(*) = 2 FROM pg_attribute"
            " WHERE attrelid = to_regclass(:doc) AND attname IN ('lats', 'lons') AND NOT attisdropped)"
            " FROM unnest(CAST(:ts AS text[])) AS t"
        ),
        {"ts": [prefix + t for t in SEARCH_TABLES], "doc": prefix + "search_document"},
    ).scalar_one()
    trgm = conn.execute(
        text("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
    ).scalar_one()
    if present and trgm:
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(4711006)"))  # concurrent start-ups
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    if schema:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    for statement in schema_statements(schema):
        conn.execute(text(statement))


# --------------------------------------------------------------------------- literals

_FIELD_WEIGHT = {"name": "A", "description": "B", "organization": "C", "extra_text": "C"}
_MAX_POS = 16383
_LEXEME_OK = re.compile(r"^[^'\\\s]+$")


def _lexeme(term: str) -> str:
    if not _LEXEME_OK.match(term):  # analysis yields letters and digits only
        term = re.sub(r"['\\\s]", "", term) or "_"
    return f"'{term}'"


def tsvector_literal(fields: Mapping[str, list[str]]) -> str:
    """``'stem':1A,2A 'other':3B`` from analysed terms per field (positions run on)."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for name in TEXT_FIELDS:
        weight = _FIELD_WEIGHT[name]
        for term in fields.get(name, ()):
            pos = min(pos + 1, _MAX_POS)
            bucket = positions.setdefault(term, [])
            if len(bucket) < 255:
                bucket.append(f"{pos}{weight}")
        pos = min(pos + 1, _MAX_POS)  # no phrase across fields
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


_WEIGHT_LEVEL = {"A": NAME, "B": DESCRIPTION, "C": OTHER, "D": OTHER}


def _term_query(term: PlanTerm, closed: frozenset[PlanTerm] = frozenset()) -> str:
    """``closed``: terms whose prefix is no index term's proper prefix, so that ``'prefix':*``
    matches (and ranks) exactly as ``'prefix'`` does, without the index's prefix scan."""
    if term in closed:
        if term.prefix and term.prefix != term.stem:
            return f"({_lexeme(term.stem)} | {_lexeme(term.prefix)})"
        return _lexeme(term.stem)
    if term.prefix and term.prefix != term.stem:
        return f"({_lexeme(term.stem)} | {_lexeme(term.prefix)}:*)"
    if term.prefix:
        return f"{_lexeme(term.stem)}:*"
    return _lexeme(term.stem)


def _alt_query(alt: Alternative, closed: frozenset[PlanTerm] = frozenset()) -> str:
    return "(" + " & ".join(_term_query(t, closed) for t in alt.terms) + ")"


def opening_literal(opening: Iterable[tuple[int, int, int]]) -> str:
    """Week minutes open as an int4multirange literal: '{[540,720),[1980,2160)}'."""
    ranges = sorted((wd * 1440 + start, wd * 1440 + end) for wd, start, end in opening_intervals(opening))
    return "{" + ",".join(f"[{a},{b})" for a, b in ranges if b > a) + "}"


_EXISTS_STEM = "EXISTS (SELECT 1 FROM {term} WHERE term = :q{n})"
_EXISTS_PREFIX = "EXISTS (SELECT 1 FROM {term} WHERE term = :q{n} OR (term >= :p{n} AND term < :e{n}))"
# a prefix that some other index term starts with (else it may be matched as a whole lexeme)
_EXISTS_LONGER = "EXISTS (SELECT 1 FROM {term} WHERE term > :p{n} AND term < :e{n})"
_EXISTS_WORD = "EXISTS (SELECT 1 FROM {doc} WHERE visible AND words @> ARRAY[CAST(:w{n} AS text)])"
# the nearest of a document's own points (no bounding box)
_ROW_KM_SQL = "(SELECT min({hav}) FROM unnest(d.lats, d.lons) AS p(lat, lon))"
_NEAR_SQL = (
    "{near} (SELECT p.doc_id, min({hav}) AS km FROM {point} p {box} GROUP BY p.doc_id) g"
    " ON g.doc_id = d.id {cut}"
)


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # left for ``PostgresBackend._sql`` (table names)


def _fill(template: str, **parts: str) -> str:
    """Put SQL fragments (constants and validated names, never values) into a template."""
    return template.format_map(_Keep(parts))


@dataclass
class _Outcome:
    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]]


_HAVERSINE = (
    "2 * {R} * asin(least(1.0, sqrt(power(sin(radians(p.lat - :glat) / 2), 2)"
    " + cos(radians(:glat)) * cos(radians(p.lat)) * power(sin(radians(p.lon - :glon) / 2), 2))))"
).replace("{R}", repr(EARTH_RADIUS_KM))


# GROUPING(kernen, tier, life_domains, target_groups, free) of each grouping set
_GROUP_TOTAL = 0b11111
_GROUP_FACET = {
    0b01111: "kern",
    0b10111: "tier",
    0b11011: "life_domain",
    0b11101: "target_group",
    0b11110: "free",
}


class PostgresBackend:
    """``SearchBackend`` on PostgreSQL tables in the application's database."""

    def __init__(
        self,
        engine_or_url: Engine | str,
        language: Language | None = None,
        schema: str | None = None,
        create_schema: bool = True,
    ) -> None:
        if isinstance(engine_or_url, str):
            url = engine_or_url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            self._engine = create_engine(url, pool_pre_ping=True)
            self._own_engine = True
        else:
            self._engine = engine_or_url
            self._own_engine = False
        if self._engine.dialect.name != "postgresql":
            raise ValueError("The postgres search backend needs a PostgreSQL database (DATABASE_URL).")
        if schema is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"search schema {schema!r}: use lowercase letters, digits and underscores")
        self._schema = schema
        self._p = f'"{schema}".' if schema else ""
        self._lock_key = zlib.crc32(f"bw-search:{schema or ''}".encode()) & 0x7FFFFFFF
        self._language = language or Language()
        self._decompounder = Decompounder(lexicon=self._language.lexicon)
        self._word_seq = 0
        self._vocab_lock = threading.Lock()
        if create_schema:
            with self._engine.begin() as conn:
                ensure_schema(conn, schema)

    def close(self) -> None:
        if self._own_engine:
            self._engine.dispose()

    def _t(self, name: str) -> str:
        return f"{self._p}{name}"

    def _sql(self, template: str, **parts: str) -> Any:
        """``text()`` of a statement template; ``{doc}``, ``{point}``, ``{word}``, ``{removed}``,
        ``{write_seq}`` and ``{word_seq}`` become this backend's (schema-qualified) names. Only
        constants and validated names are substituted; values always go as bind parameters."""
        names = {
            "doc": self._t("search_document"),
            "point": self._t("search_point"),
            "word": self._t("search_word"),
            "term": self._t("search_term"),
            "removed": self._t("search_removed"),
            "write_seq": self._t("search_write_seq"),
            "word_seq": self._t("search_word_seq"),
        }
        return text(template.format_map({**names, **parts}))

    # ------------------------------------------------------------------ vocabulary

    def _refresh_vocabulary(self, conn: Connection) -> None:
        """Teach the decompounder the words other processes (or a rebuild) added."""
        rows = conn.execute(
            self._sql("SELECT word, seq FROM {word} WHERE seq > :s"),
            {"s": self._word_seq},
        ).all()
        if rows:
            with self._vocab_lock:
                self._decompounder.learn(w for w, _ in rows)
                self._word_seq = max(self._word_seq, max(s for _, s in rows))

    # ------------------------------------------------------------------ writing

    def _rows(
        self, docs: list[ProvisionDocument], decompounder: Decompounder
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rows: list[dict[str, Any]] = []
        points: list[dict[str, Any]] = []
        for doc in docs:
            fields: dict[str, list[str]] = {}
            words: set[str] = set()
            for name in TEXT_FIELDS:
                terms, spell = analyze_text(getattr(doc, name) or "", decompounder,
                                            self._language.lemma_stems)
                fields[name] = terms
                words.update(spell)
            values = facet_values(doc)
            rows.append({
                "id": doc.id,
                "name": doc.name,
                "tier": doc.tier,
                "kernen": list(values["kern"]),
                "life_domains": list(values["life_domain"]),
                "target_groups": list(values["target_group"]),
                "free": bool(doc.free),
                "minimum_age": doc.minimum_age,
                "maximum_age": doc.maximum_age,
                "visible": bool(doc.visible),
                "opening": opening_literal(doc.opening),
                "tsv": tsvector_literal(fields),
                "words": sorted(words) if doc.visible else [],
                "fingerprint": doc.fingerprint(),
                "lats": [lat for lat, _ in doc.points],
                "lons": [lon for _, lon in doc.points],
            })
            points.extend({"doc_id": doc.id, "lat": lat, "lon": lon} for lat, lon in doc.points)
        return rows, points

    def _write(self, conn: Connection, suffix: str, rows: list[dict[str, Any]],
               points: list[dict[str, Any]]) -> None:
        sfx = {"sfx": suffix}
        ids = [r["id"] for r in rows]
        conn.execute(self._sql("DELETE FROM {point}{sfx} WHERE doc_id = ANY(:ids)", **sfx), {"ids": ids})
        conn.execute(self._sql("DELETE FROM {doc}{sfx} WHERE id = ANY(:ids)", **sfx), {"ids": ids})
        if rows:
            conn.execute(
                self._sql(
                    "INSERT INTO {doc}{sfx} (id, name, tier, kernen, life_domains, target_groups, free,"
                    " minimum_age, maximum_age, visible, opening, tsv, words, fingerprint, seq, lats, lons)"
                    " VALUES (:id, :name, :tier, :kernen, :life_domains, :target_groups, :free,"
                    " :minimum_age, :maximum_age, :visible, CAST(:opening AS int4multirange),"
                    " CAST(:tsv AS tsvector), :words, :fingerprint, nextval('{write_seq}'),"
                    " CAST(:lats AS float8[]), CAST(:lons AS float8[]))",
                    **sfx,
                ),
                rows,
            )
        if points:
            insert = self._sql("INSERT INTO {point}{sfx} (doc_id, lat, lon) VALUES (:doc_id, :lat, :lon)",
                               **sfx)
            conn.execute(insert, points)
        conn.execute(
            self._sql(
                "INSERT INTO {term}{sfx} (term) SELECT DISTINCT unnest(tsvector_to_array(tsv))"
                " FROM {doc}{sfx} WHERE id = ANY(:ids) ON CONFLICT (term) DO NOTHING",
                **sfx,
            ),
            {"ids": ids},
        )
        words = sorted({w for r in rows for w in r["words"]})
        if words:
            conn.execute(
                self._sql(
                    "INSERT INTO {word}{sfx} (word, first, len, seq) SELECT w, left(w, 1), length(w),"
                    " nextval('{word_seq}') FROM unnest(CAST(:words AS text[])) AS w"
                    " ON CONFLICT (word) DO NOTHING",
                    **sfx,
                ),
                {"words": words},
            )

    # The application may hand over its own connection: the search rows are then written in
    # the transaction of the change itself (``app/indexing.py``), committed or rolled back
    # with it, so there is no separate index that could fall behind.
    writes_in_transaction = True

    def _transaction(self, connection: Connection | None) -> AbstractContextManager[Connection]:
        if connection is not None:
            return nullcontext(connection)
        return self._engine.begin()

    def index(self, documents: Iterable[ProvisionDocument], *,
              connection: Connection | None = None) -> None:
        docs = list({d.id: d for d in documents}.values())
        for doc in docs:
            validate_document(doc)
        if not docs:
            return
        with self._transaction(connection) as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": self._lock_key})
            self._refresh_vocabulary(conn)
            self._decompounder.learn(document_words(docs))
            rows, points = self._rows(docs, self._decompounder)
            self._write(conn, "", rows, points)

    def remove(self, ids: Iterable[str], *, connection: Connection | None = None) -> None:
        ids = sorted(set(ids))
        if not ids:
            return
        with self._transaction(connection) as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": self._lock_key})
            conn.execute(self._sql("DELETE FROM {point} WHERE doc_id = ANY(:ids)"), {"ids": ids})
            conn.execute(self._sql("DELETE FROM {doc} WHERE id = ANY(:ids)"), {"ids": ids})
            conn.execute(
                self._sql(
                    "INSERT INTO {removed} (id, seq)"
                    " SELECT i, nextval('{write_seq}') FROM unnest(CAST(:ids AS text[])) AS i"
                ),
                {"ids": ids},
            )

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        with self._engine.begin() as conn:
            start = conn.execute(self._sql("SELECT nextval('{write_seq}')")).scalar_one()
        docs = list({d.id: d for d in documents}.values())
        for doc in docs:
            validate_document(doc)
        names = ("search_document", "search_point", "search_word", "search_term")
        try:
            with self._engine.begin() as conn:
                for n in names:
                    table = self._t(n)
                    conn.execute(self._sql("DROP TABLE IF EXISTS {t}_next", t=table))
                    conn.execute(self._sql("CREATE TABLE {t}_next (LIKE {t} INCLUDING ALL)", t=table))
            decompounder = Decompounder(lexicon=self._language.lexicon)
            decompounder.learn(document_words(docs))
            for i in range(0, len(docs), 500):
                rows, points = self._rows(docs[i : i + 500], decompounder)
                with self._engine.begin() as conn:
                    self._write(conn, "_next", rows, points)
            with self._engine.begin() as conn:  # statistics first: the planner needs them at once
                for n in names:
                    conn.execute(self._sql("ANALYZE {t}_next", t=self._t(n)))
            with self._engine.begin() as conn:
                self._swap(conn, start)
        except BaseException:
            with self._engine.begin() as conn:
                for n in names:
                    conn.execute(self._sql("DROP TABLE IF EXISTS {t}_next", t=self._t(n)))
            raise
        return len(docs)

    def _swap(self, conn: Connection, start: int) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": self._lock_key})
        # writes made while the rebuild ran win over what the rebuild read
        late = self._sql("SELECT id FROM {doc} WHERE seq > :s UNION SELECT id FROM {removed} WHERE seq > :s")
        late_ids = list(conn.scalars(late, {"s": start}))
        conn.execute(self._sql("DELETE FROM {point}_next WHERE doc_id = ANY(:ids)"), {"ids": late_ids})
        conn.execute(self._sql("DELETE FROM {doc}_next WHERE id = ANY(:ids)"), {"ids": late_ids})
        conn.execute(self._sql("INSERT INTO {doc}_next SELECT * FROM {doc} WHERE seq > :s"), {"s": start})
        conn.execute(
            self._sql(
                "INSERT INTO {point}_next SELECT p.* FROM {point} p JOIN {doc} d ON d.id = p.doc_id"
                " WHERE d.seq > :s"
            ),
            {"s": start},
        )
        conn.execute(
            self._sql(
                "INSERT INTO {word}_next (word, first, len, seq) SELECT DISTINCT w, left(w, 1), length(w), 0"
                " FROM {doc} d, unnest(d.words) AS w WHERE d.seq > :s ON CONFLICT (word) DO NOTHING"
            ),
            {"s": start},
        )
        conn.execute(
            self._sql("UPDATE {word}_next SET seq = nextval('{word_seq}') WHERE seq = 0")
        )
        conn.execute(self._sql("DELETE FROM {removed} WHERE seq <= (SELECT last_value FROM {write_seq})"))
        conn.execute(
            self._sql(
                "INSERT INTO {term}_next (term) SELECT DISTINCT unnest(tsvector_to_array(tsv))"
                " FROM {doc} WHERE seq > :s ON CONFLICT (term) DO NOTHING"
            ),
            {"s": start},
        )
        for n in ("search_document", "search_point", "search_word", "search_term"):
            conn.execute(self._sql("DROP TABLE {t}", t=self._t(n)))
            conn.execute(self._sql("ALTER TABLE {t}_next RENAME TO {n}", t=self._t(n), n=n))

    def ids(self) -> set[str]:
        with self._engine.connect() as conn:
            return set(conn.scalars(self._sql("SELECT id FROM {doc}")))

    def fingerprints(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            rows = conn.execute(self._sql("SELECT id, fingerprint FROM {doc}"))
            return {i: f for i, f in rows}

    def set_thesaurus(self, thesaurus: Thesaurus) -> None:
        """Search with another thesaurus from now on (no re-indexing needed)."""
        self._language = self._language.with_thesaurus(thesaurus)

    # ------------------------------------------------------------------ searching

    def search(self, query: SearchQuery) -> SearchResult:
        with self._engine.connect() as conn:
            conn.execute(text(
                "SELECT set_config('pg_trgm.similarity_threshold', '0.1', true),"
                " set_config('work_mem', '64MB', true),"  # facet counts without temp files
                " set_config('jit', 'off', true),"  # compiling costs more than these queries
                " set_config('random_page_cost', '1.1', true)"  # the index lives in memory
            ))
            self._refresh_vocabulary(conn)
            probe = _Probe(self, conn)
            plan = plan_query(query.text, self._language, probe, self._decompounder)
            if plan.empty:
                out = self._execute(conn, query)
                return SearchResult(out.hits, out.total, out.facets)
            return self._text_search(conn, query, plan, frozenset(probe.closed))

    def _text_search(self, conn: Connection, query: SearchQuery, plan: QueryPlan,
                     closed: frozenset[PlanTerm]) -> SearchResult:
        """Every document matching a topic alternative, with the plan's lexemes it holds (and
        their weights: the field), scored and banded by ``search.relevance``; filters, facets
        and order as the other backends (``search.common.finish``)."""
        topics = matching_clauses(plan)
        suggestion = suggestion_text(plan)
        seeds = [a for i in topics for a in plan.clauses[i].alternatives if a.seed]
        if not seeds:
            return finish(query, [], scores={}, suggestion=suggestion)
        result = self._matches(conn, query, plan, closed, seeds)
        rows = sorted((r for r in result if r.part == 0), key=lambda r: r.id)
        position = {r.id: n for n, r in enumerate(rows)}
        masks = _term_levels(plan.terms, (g for g in result if g.part == 1), position)
        trait_masks = _trait_masks(rows, plan, query.mentioned_kern)

        def traits(facet: str, code: str) -> int:
            return trait_masks.get((facet, code), 0)

        ranking = Ranking.of(plan, lambda t: masks.get(t, (0, 0, 0, 0)), (1 << len(rows)) - 1, traits,
                             [r.id for r in rows], query.mentioned_kern)
        scores = scored(ranking)
        docs = [_candidate(row, query) for row in rows if row.id in scores]
        return finish(query, docs, scores=scores, suggestion=suggestion)

    def _matches(self, conn: Connection, query: SearchQuery, plan: QueryPlan,
                 closed: frozenset[PlanTerm], seeds: list[Alternative]) -> list[Any]:
        """The matches (``part`` 0), and per plan lexeme and level (4 name, 3 description,
        2 the rest) the ids of the matches that hold it (``part`` 1): grouped in the
        database, so Python gets a few hundred lists."""
        terms = plan.terms
        # prefixes become the index terms that extend them (a lexeme test is then one hash probe)
        prefixes = sorted({t.prefix for t in terms if t.prefix and t not in closed})
        expanded = self._expand_prefixes(conn, prefixes)
        stems = sorted({t.stem for t in terms} | {t.prefix for t in terms if t in closed and t.prefix}
                       | {x for xs in expanded.values() for x in xs})
        params: dict[str, Any] = {
            "cand": " | ".join(_alt_query(a, closed) for a in seeds),
            "stems": stems,
        }
        open_ok = "TRUE"
        if query.open_at is not None:
            wd, minute = query.open_at
            open_ok = "d.opening @> CAST(:open_minute AS integer)"
            params["open_minute"] = wd * 1440 + minute
        dist = "NULL::float8"
        if query.geo is not None:
            params.update(glat=query.geo.latitude, glon=query.geo.longitude)
            dist = _fill(_ROW_KM_SQL, hav=_HAVERSINE)
        sql = _fill(_MATCHES_SQL, open_ok=open_ok, dist=dist)
        return list(conn.execute(self._sql(sql), params).all())

    def _known_terms(
        self, conn: Connection, terms: Iterable[PlanTerm]
    ) -> tuple[dict[PlanTerm, bool], frozenset[PlanTerm]]:
        """Which terms match any index term (exactly or as a prefix), and which prefixes no
        index term extends (those need no prefix scan, see ``_term_query``)."""
        terms = sorted(set(terms), key=repr)
        if not terms:
            return {}, frozenset()
        # the index terms table (every lexeme ever indexed; a btree in byte order for prefixes)
        checks, longer, params = [], [], {}
        for i, t in enumerate(terms):
            params[f"q{i}"] = t.stem
            if t.prefix:
                params[f"p{i}"] = t.prefix
                params[f"e{i}"] = t.prefix[:-1] + chr(ord(t.prefix[-1]) + 1)
                longer.append(t)
                checks.append(_fill(_EXISTS_PREFIX, n=str(i)))
            else:
                checks.append(_fill(_EXISTS_STEM, n=str(i)))
        checks += [_fill(_EXISTS_LONGER, n=str(terms.index(t))) for t in longer]
        row = conn.execute(self._sql(_fill("SELECT {checks}", checks=", ".join(checks))), params).one()
        known = {t: bool(found) for t, found in zip(terms, row[: len(terms)], strict=True)}
        closed = frozenset(t for t, extended in zip(longer, row[len(terms) :], strict=True) if not extended)
        return known, closed

    def _expand_prefixes(self, conn: Connection, prefixes: list[str]) -> dict[str, list[str]]:
        """Prefix -> the index terms that start with it (at most 500 each; more say little)."""
        if not prefixes:
            return {}
        ends = [p[:-1] + chr(ord(p[-1]) + 1) for p in prefixes]
        rows = conn.execute(self._sql(
            "SELECT x.p, t.term FROM unnest(CAST(:ps AS text[]), CAST(:es AS text[])) AS x(p, e)"
            " JOIN LATERAL (SELECT term FROM {term} WHERE term >= x.p AND term < x.e"
            " ORDER BY term LIMIT 500) t ON TRUE"), {"ps": prefixes, "es": ends}).all()
        out: dict[str, list[str]] = {}
        for prefix, term in rows:
            out.setdefault(prefix, []).append(term)
        return out

    def _in_vocabulary(self, conn: Connection, words: list[str]) -> set[str]:
        """The words that occur in at least one visible document."""
        listed = set(conn.scalars(self._sql("SELECT word FROM {word} WHERE word = ANY(:ws)"), {"ws": words}))
        if not listed:
            return set()
        ordered = sorted(listed)
        checks = ", ".join(_fill(_EXISTS_WORD, n=str(i)) for i in range(len(ordered)))
        # a rare word: the planner would scan the table hoping to stop early; the GIN index
        # answers at once either way
        conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
        row = conn.execute(
            self._sql(_fill("SELECT {checks}", checks=checks)), {f"w{i}": w for i, w in enumerate(ordered)}
        ).one()
        conn.execute(text("SELECT set_config('enable_seqscan', 'on', true)"))
        return {w for w, found in zip(ordered, row, strict=True) if found}

    def _suggest(self, conn: Connection, word: str, limit: int) -> list[str]:
        k = max_edits(word)
        if k == 0 or self._in_vocabulary(conn, [word]):
            return []
        candidates = conn.scalars(
            self._sql(
                "SELECT word FROM {word} WHERE first = :f AND len BETWEEN :lo AND :hi"
                " AND word <> :w AND word % :w"
            ),
            {"f": word[0], "lo": len(word) - k, "hi": len(word) + k, "w": word},
        ).all()
        close = {c: d for c in candidates if (d := edit_distance(word, c, k)) <= k}
        if not close:
            return []
        # words of visible documents only (cheap: stops at the first document) ...
        alive = self._in_vocabulary(conn, sorted(close))
        ranked = sorted((close[c], c) for c in alive)
        # ... and document frequencies only where they decide (ties within the first ``limit``)
        by_distance: dict[int, list[str]] = {}
        for d, c in ranked:
            by_distance.setdefault(d, []).append(c)
        tied: list[str] = []
        seen = 0
        for d in sorted(by_distance):
            if seen >= limit:
                break
            if len(by_distance[d]) > 1:
                tied.extend(by_distance[d])
            seen += len(by_distance[d])
        counts: dict[str, int] = {}
        if tied:
            counts = dict(
                conn.execute(
                    self._sql(
                        "SELECT w, (SELECT count(*) FROM {doc} d WHERE d.visible AND d.words @> ARRAY[w])"
                        " FROM unnest(CAST(:ws AS text[])) AS w"
                    ),
                    {"ws": tied},
                ).all()
            )
        scored = sorted((d, -counts.get(c, 0), c) for d, c in ranked)
        return [c for _, _, c in scored[:limit]]

    def _execute(self, conn: Connection, query: SearchQuery) -> _Outcome:
        """A query without text: filters, facets, and nearest first near a place."""
        params: dict[str, Any] = {}
        where = _moment_conditions(query, params)
        place = _Place.of(query.geo, params, self._t("search_point"))
        where.extend(place.where)
        selected = facet_filters(query)
        flags: dict[str, str] = {}
        for facet, values in selected.items():
            params[f"f_{facet}"] = list(values)
            flags[facet] = _FACET_FLAG_SQL[facet]
        flag_cols = "".join(f", ({expr}) AS f_{facet}" for facet, expr in flags.items())

        def passing(skip: str | None = None) -> str:
            conds = [f"f_{f}" for f in flags if f != skip]
            return " AND ".join(conds) if conds else "TRUE"

        params["limit"] = max(query.limit, 0)
        # one pass over the match set: the total and every facet as grouping sets of the
        # stored arrays (a few hundred groups), expanded to values below; each facet counts the
        # documents passing the other facets' filters, so one count per distinct condition
        facet_conds = [passing(facet) for facet in FACETS] if query.with_facets else []
        cond_keys = list(dict.fromkeys([passing(), *facet_conds]))  # the total's first
        counts_sql = ", ".join(
            "count(*)" if c == "TRUE" else f"count(*) FILTER (WHERE {c})" for c in cond_keys
        )
        parts = {
            "dist": place.dist,
            "score": "0.0::float8",
            "area": place.area,
            "flags": flag_cols,
            "join": place.join,
            "where": " AND ".join(where),
            "all": passing(),
            "order": "dist ASC NULLS LAST, id COLLATE \"C\"" if query.geo is not None else "id COLLATE \"C\"",
            "nulls": ", ".join("NULL::bigint" for _ in cond_keys),
            "counts": counts_sql,
        }
        groups = _GROUPS_SQL if query.with_facets else _TOTAL_SQL
        rows = conn.execute(self._sql(_fill(_BROWSE_SQL, groups=groups), **parts), params).all()
        column = {f: cond_keys.index(c) for f, c in zip(FACETS, facet_conds, strict=False)}
        return _browse_outcome(rows, query, column, selected)


_FACET_FLAG_SQL = {
    "kern": "d.kernen && CAST(:f_kern AS text[])",
    "tier": "d.tier = ANY(CAST(:f_tier AS text[]))",
    "life_domain": "d.life_domains && CAST(:f_life_domain AS text[])",
    "target_group": "d.target_groups && CAST(:f_target_group AS text[])",
    "free": "d.free",
}
_GROUPS_SQL = (
    "GROUPING(kernen, tier, life_domains, target_groups, free), NULL, NULL, NULL, tier,"
    " NULL, kernen, life_domains, target_groups, free, {counts} FROM base GROUP BY"
    " GROUPING SETS ((), (kernen), (tier), (life_domains), (target_groups), (free))"
)
_TOTAL_SQL = f"{_GROUP_TOTAL}, {', '.join(['NULL'] * 9)}, {{counts}} FROM base"
_BROWSE_SQL = (
    "WITH base AS MATERIALIZED (SELECT d.id, d.name, d.tier, d.kernen, d.life_domains,"
    " d.target_groups, d.free, {dist} AS dist, {score} AS score, {area} AS area{flags}"
    " FROM {doc} d {join} WHERE {where})"
    " (SELECT -1 AS g, id, score, dist, tier, name, NULL::text[], NULL::text[], NULL::text[],"
    " area, {nulls} FROM base WHERE {all} ORDER BY {order} LIMIT :limit)"
    " UNION ALL SELECT {groups}"
)


def _moment_conditions(query: SearchQuery, params: dict[str, Any]) -> list[str]:
    """The visible documents for the query's moment and age, as SQL conditions."""
    where = ["d.visible"]
    if query.open_at is not None:
        wd, minute = query.open_at
        where.append("d.opening @> CAST(:open_minute AS integer)")
        params["open_minute"] = wd * 1440 + minute
    if query.age is not None:
        where.append("(d.minimum_age IS NULL OR d.minimum_age <= :age)")
        where.append("(d.maximum_age IS NULL OR d.maximum_age >= :age)")
        params["age"] = query.age
    return where


@dataclass
class _Place:
    """The SQL for a query's place: the join with the nearest points, the distance, whether
    a document is kept only because it serves the place's kern, and the conditions."""

    join: str = ""
    dist: str = "NULL::float8"
    area: str = "FALSE"
    where: tuple[str, ...] = ()

    @classmethod
    def of(cls, g: GeoFilter | None, params: dict[str, Any], point: str) -> _Place:
        if g is None:
            return cls()
        params.update(glat=g.latitude, glon=g.longitude)
        box = ""
        if g.radius_km is not None:
            lat0, lon0, lat1, lon1 = bounding_box(g.latitude, g.longitude, g.radius_km)
            box = "WHERE p.lat BETWEEN :lat0 AND :lat1 AND p.lon BETWEEN :lon0 AND :lon1"
            params.update(lat0=lat0, lat1=lat1, lon0=lon0, lon1=lon1, radius=g.radius_km)
        if not g.kern:
            near = "JOIN" if g.radius_km is not None else "LEFT JOIN"
            cut = "AND g.km <= :radius" if g.radius_km is not None else ""
            return cls(_fill(_NEAR_SQL, near=near, hav=_HAVERSINE, point=point, box=box, cut=cut), "g.km")
        # provisions serving the place's kern stay in, however far
        params["geo_kern"] = [g.kern]
        join = _fill(_NEAR_SQL, near="LEFT JOIN", hav=_HAVERSINE, point=point, box=box, cut="")
        serves = "d.kernen && CAST(:geo_kern AS text[])"
        if g.radius_km is None:
            return cls(join, "g.km", f"({serves} AND g.km IS NULL)")
        whole = _fill(_ROW_KM_SQL, hav=_HAVERSINE)
        return cls(join, f"COALESCE(g.km, {whole})", f"({serves} AND (g.km IS NULL OR g.km > :radius))",
                   (f"(g.km <= :radius OR {serves})",))


def _browse_outcome(rows: Sequence[Any], query: SearchQuery, column: Mapping[str, int],
                    selected: Mapping[str, tuple[str, ...]]) -> _Outcome:
    """Hits, total and facet counts from the rows of ``_BROWSE_SQL`` (``column``: the count
    column of each facet's condition)."""
    hits: list[SearchHit] = []
    total = 0
    counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    for row in rows:
        g = row[0]
        if g == -1:
            _, value, sc, d, tier, name = row[:6]
            hits.append(SearchHit(value, float(sc), d if query.geo is not None else None, tier, name,
                                  in_area=bool(row[9])))
        elif g == _GROUP_TOTAL:
            total = int(row[10])
        else:
            _count_group(counts, row, column)
    if query.geo is not None:
        hits.sort(key=lambda h: (h.distance_km is None, h.distance_km or 0.0, h.id))
    else:
        hits.sort(key=lambda h: h.id)
    facets: dict[str, dict[str, int]] = {}
    if query.with_facets:
        for facet in FACETS:
            c = counts[facet]
            for value in selected.get(facet, ()):
                c.setdefault(value, 0)
            facets[facet] = dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
    return _Outcome(hits, total, facets)


def _count_group(counts: dict[str, dict[str, int]], row: Any, column: Mapping[str, int]) -> None:
    """Add one grouping-set row (one facet's value combination) to the facet counts."""
    facet = _GROUP_FACET[row[0]]
    n = row[10 + column[facet]]
    if not n:
        return
    tier, kernen, life_domains, target_groups, free = row[4], row[6], row[7], row[8], row[9]
    values = {
        "kern": kernen,
        "tier": (tier,),
        "life_domain": life_domains,
        "target_group": target_groups,
        "free": ("true" if free else "false",),
    }[facet]
    bucket = counts[facet]
    for value in values:
        bucket[value] = bucket.get(value, 0) + int(n)


_MATCHES_SQL = (
    "WITH c AS MATERIALIZED (SELECT d.id, d.tsv, d.tier, d.name, d.kernen, d.life_domains,"
    " d.target_groups, d.free, d.minimum_age, d.maximum_age, {open_ok} AS open_ok, {dist} AS dist"
    " FROM {doc} d WHERE d.visible AND d.tsv @@ CAST(:cand AS tsquery))"
    " SELECT 0 AS part, c.id, c.tier, c.name, c.kernen, c.life_domains, c.target_groups, c.free,"
    " c.minimum_age, c.maximum_age, c.open_ok, c.dist, NULL::text AS lexeme, NULL::int AS level,"
    " NULL::text[] AS ids FROM c"
    " UNION ALL SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, u.lexeme,"
    " CASE WHEN 'A' = ANY(u.weights) THEN 4 WHEN 'B' = ANY(u.weights) THEN 3 ELSE 2 END AS level,"
    " array_agg(c.id) FROM c, unnest(c.tsv) AS u WHERE u.lexeme = ANY(CAST(:stems AS text[]))"
    " GROUP BY u.lexeme, 14"
)


def _term_levels(terms: Iterable[PlanTerm], groups: Iterable[Any], position: Mapping[str, int]
                 ) -> dict[PlanTerm, Levels]:
    """``Levels`` per plan term from the (lexeme, level, ids) groups of ``_matches``: a
    lexeme counts for the terms it is the stem of at its level, and for the terms whose
    prefix it extends as a prefix match."""
    exact_terms: dict[str, list[PlanTerm]] = {}
    prefix_terms: dict[str, list[PlanTerm]] = {}
    for t in terms:
        exact_terms.setdefault(t.stem, []).append(t)
        if t.prefix:
            prefix_terms.setdefault(t.prefix, []).append(t)
    lengths = sorted({len(p) for p in prefix_terms})
    positions: dict[PlanTerm, dict[int, set[int]]] = {}
    for group in groups:
        holders = {position[i] for i in group.ids}
        for t in exact_terms.get(group.lexeme, ()):
            positions.setdefault(t, {}).setdefault(group.level, set()).update(holders)
        for k in lengths:
            for t in prefix_terms.get(group.lexeme[:k], ()):
                if group.lexeme != t.stem:
                    positions.setdefault(t, {}).setdefault(1, set()).update(holders)
    return {t: _level_masks(by_level) for t, by_level in positions.items()}


def _trait_masks(rows: Sequence[Any], plan: QueryPlan, mentioned_kern: str | None
                 ) -> dict[tuple[str, str], int]:
    """(facet, code) -> bitset of the rows with it, for the codes the ranking asks about."""
    wanted = ({("life_domain", c) for c in plan.life_domains}
              | {("target_group", c) for c in plan.target_groups})
    if mentioned_kern:
        wanted.add(("kern", mentioned_kern))
    members: dict[tuple[str, str], list[int]] = {key: [] for key in wanted}
    if wanted:
        for n, row in enumerate(rows):
            for facet, values in (("life_domain", row.life_domains), ("target_group", row.target_groups),
                                  ("kern", row.kernen)):
                for code in values:
                    bucket = members.get((facet, code))
                    if bucket is not None:
                        bucket.append(n)
    return {key: bits_from(found) for key, found in members.items()}


def _candidate(row: Any, query: SearchQuery) -> Candidate:
    """A matched row as ``search.common.finish`` filters and counts it."""
    return Candidate(
        row.id, row.tier, row.name,
        {"kern": tuple(row.kernen), "tier": (row.tier,) if row.tier else (),
         "life_domain": tuple(row.life_domains), "target_group": tuple(row.target_groups),
         "free": ("true" if row.free else "false",)},
        age_ok=query.age is None or age_matches(row.minimum_age, row.maximum_age, query.age),
        open_ok=bool(row.open_ok),
        distance_km=row.dist,
    )


class _Probe:
    """What the search tables hold, for the query plan (``search.query.IndexProbe``); it
    remembers the prefixes no index term extends (``closed``, see ``_term_query``)."""

    def __init__(self, backend: PostgresBackend, conn: Connection) -> None:
        self.backend = backend
        self.conn = conn
        self.closed: set[PlanTerm] = set()

    def known(self, terms: set[PlanTerm]) -> set[PlanTerm]:
        if not terms:
            return set()
        known, closed = self.backend._known_terms(self.conn, terms)
        self.closed |= closed
        return {t for t, found in known.items() if found}

    def suggest(self, word: str, limit: int) -> list[tuple[str, int]]:
        return [(w, 1) for w in self.backend._suggest(self.conn, word, limit)]


def _level_masks(by_level: dict[int, set[int]]) -> Levels:
    """``Levels`` from the positions per best level; a document found at several levels
    counts at its best (4 name, 3 description, 2 the rest, 1 only as a prefix)."""
    out, acc = [], 0
    for level in (4, 3, 2, 1):
        acc |= bits_from(sorted(by_level.get(level, ())))
        out.append(acc)
    return out[0], out[1], out[2], out[3]
