"""SQLite FTS5 as a comparison engine for the benchmark (same interface as the real ones).

Stems both sides with the same Snowball Dutch stemmer as the Whoosh backend (FTS5 has no
Dutch stemmer); no compound splitting or synonyms: a plain baseline.  Facets are counted
in SQL over the matches; fuzzy matching uses the fts5vocab table and edit distance.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from search.analysis import edit_distance, stem, tokenize
from search.geo import bounding_box, haversine_km
from search.interface import ProvisionDocument, SearchHit, SearchQuery, SearchResult


def _stems(text: str) -> str:
    return " ".join(stem(t.word) for t in tokenize(text))


class Fts5Backend:
    def __init__(self, path: str = ":memory:"):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.meta: dict[str, tuple[str, str]] = {}  # id -> (tier, name), as Whoosh stores them
        self.db.executescript("""
            CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, name, body, tags);
            CREATE VIRTUAL TABLE vocab USING fts5vocab(doc, row);
            CREATE TABLE point(rid INTEGER, lat REAL, lon REAL);
            CREATE INDEX point_lat ON point(lat, lon);
            CREATE TABLE tag(rid INTEGER, facet TEXT, value TEXT);
            CREATE INDEX tag_rid ON tag(rid);
        """)

    def index(self, documents: Iterable[ProvisionDocument]) -> None:
        cur = self.db.cursor()
        for d in documents:
            if not d.visible:
                continue
            tags = [f"kern_{k}" for k in d.kernen] + [f"tier_{d.tier}"] + \
                [f"ld_{c.replace('-', '_')}" for c in d.life_domains] + \
                [f"tg_{c.replace('-', '_')}" for c in d.target_groups] + \
                (["free_1"] if d.free else [])
            cur.execute("INSERT INTO doc(id, name, body, tags) VALUES (?, ?, ?, ?)",
                        (d.id, _stems(d.name), _stems(f"{d.description} {d.organization} "
                                                      f"{d.extra_text}"), " ".join(tags)))
            rid = cur.lastrowid
            self.meta[d.id] = (d.tier, d.name)
            cur.executemany("INSERT INTO point VALUES (?, ?, ?)",
                            [(rid, lat, lon) for lat, lon in d.points])
            facets = [("kern", k) for k in d.kernen] + [("tier", d.tier)] + \
                [("life_domain", c) for c in d.life_domains] + \
                [("target_group", c) for c in d.target_groups] + \
                ([("free", "1")] if d.free else [])
            cur.executemany("INSERT INTO tag VALUES (?, ?, ?)", [(rid, f, v) for f, v in facets])
        self.db.commit()

    def rebuild(self, documents: Iterable[ProvisionDocument]) -> int:
        self.index(documents)
        return self.db.execute("SELECT count(*) FROM doc").fetchone()[0]

    def remove(self, ids) -> None:  # not needed for the benchmark
        raise NotImplementedError

    def ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM doc")}

    def set_synonyms(self, synonyms: Mapping) -> None:
        pass

    def _fuzzy(self, word: str) -> str | None:
        rows = self.db.execute("SELECT term FROM vocab WHERE term BETWEEN ? AND ?",
                               (word[:2], word[:2] + "\uffff")).fetchall()
        best = [(edit_distance(word, t, 2), t) for (t,) in rows]
        best = [b for b in best if b[0] <= (1 if len(word) < 8 else 2)]
        return min(best)[1] if best else None

    def search(self, query: SearchQuery) -> SearchResult:
        words = [stem(t.word) for t in tokenize(query.text)]
        filters = []
        if query.kern:
            filters.append(f"kern_{query.kern}")
        tier_clause = " OR ".join(f"tier_{t}" for t in query.tiers)
        broadened = False
        rows = []
        if words:
            match = " AND ".join(f'"{w}"*' for w in words)
            rows = self._match(match, filters, tier_clause, query)
            if not rows:
                fixed = [w if self._known(w) else (self._fuzzy(w) or w) for w in words]
                rows = self._match(" OR ".join(f'"{w}"*' for w in fixed), filters, tier_clause,
                                   query)
                broadened = True
        else:
            rows = self._match(None, filters, tier_clause, query)
        hits = self._geo(rows, query)
        facets = self._facets([r[0] for r in rows]) if query.with_facets else {}
        return SearchResult(hits=hits[: query.limit], total=len(hits), facets=facets,
                            broadened=broadened)

    def _known(self, word: str) -> bool:
        return self.db.execute("SELECT 1 FROM vocab WHERE term = ?", (word,)).fetchone() is not None

    def _match(self, match, filters, tier_clause, query):
        parts = []
        if match:
            parts.append(f"{{name body}}: ({match})")
        for f in filters:
            parts.append(f"tags: {f}")
        if tier_clause:
            parts.append(f"tags: ({tier_clause})")
        if query.free:
            parts.append("tags: free_1")
        if not parts:
            return self.db.execute("SELECT rowid, id, 0.0 FROM doc").fetchall()
        expression = " AND ".join(parts)
        return self.db.execute(
            "SELECT rowid, id, -bm25(doc, 0, 3.0, 1.0, 0) FROM doc WHERE doc MATCH ? "
            "ORDER BY bm25(doc, 0, 3.0, 1.0, 0) LIMIT 1000", (expression,)).fetchall()

    def _geo(self, rows, query: SearchQuery) -> list[SearchHit]:
        if query.geo is None:
            return [SearchHit(r[1], r[2], None, *self.meta.get(r[1], ("", ""))) for r in rows]
        g = query.geo
        radius = g.radius_km or 50.0
        south, west, north, east = bounding_box(g.latitude, g.longitude, radius)
        rids = {r[0]: r for r in rows}
        hits = []
        for rid, lat, lon in self.db.execute(
                "SELECT rid, lat, lon FROM point WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (south, north, west, east)):
            if rid in rids:
                d = haversine_km(g.latitude, g.longitude, lat, lon)
                if d <= radius:
                    hits.append(SearchHit(rids[rid][1], rids[rid][2], d,
                                          *self.meta.get(rids[rid][1], ("", ""))))
        return sorted(hits, key=lambda h: (h.distance_km, -h.score))

    def _facets(self, rids: list[int]) -> dict[str, dict[str, int]]:
        if not rids:
            return {}
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS hit(rid INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM hit")
        self.db.executemany("INSERT INTO hit VALUES (?)", [(r,) for r in rids])
        out: dict[str, dict[str, int]] = {}
        for facet, value, count in self.db.execute(
                "SELECT facet, value, count(*) FROM tag JOIN hit USING (rid) "
                "GROUP BY facet, value"):
            out.setdefault(facet, {})[value] = count
        return out
