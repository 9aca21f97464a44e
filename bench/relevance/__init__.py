"""Relevance benchmark: judged resident queries, asked the way residents ask them.

Two sets, each a folder beside this file:

``tuned/``    queries over the demo map (``data/demo/sociale_kaart.json``), graded by service
              ``key``; the set the search is tuned on.
``heldout/``  another municipality's map (``map.json``, HSDS 3.0, with its own ``kernen.csv``
              and ``postcodes.csv``) and its queries, graded by HSDS service id; written and
              judged by someone who did not tune the search, and never used for tuning: it tells
              what a map the search has not seen will get.

``queries.jsonl``: one query a line, ``{"id", "q", "kind", "grades": {ref: 2|1}}``, optional
``"bij"`` (a postcode or place typed in the "near" box) and ``"straal"`` (km). Grade 2: what
the person needs; 1: useful. Kind ``none``: the map cannot answer it (no grades).

Each query is asked through the open data API (``/api/v1/services?search=``, with
``postcode``/``proximity`` for a "near" query) and through the results page (``/zoeken``, first
page, the cards in their order), on a freshly built site; and through a plain SQLite FTS5
index of the same documents as a baseline. Metrics per query, averaged per kind:

* recall@10: graded provisions in the first 10 / min(10, graded provisions);
* MRR: 1 / the rank of the first graded provision (0 when none in the first 20);
* P@1: the first result is graded;
* nDCG@10 with gains 2^grade - 1;
* no answer: the query has graded provisions but gets no result at all;
* for ``none`` queries: "found nothing" is the share that get no result in the main list
  (results under "Misschien ook" do not claim to answer; the API has no such list).
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("plain", "inflection", "compound", "synonym", "typo", "question", "english", "kern",
         "postcode", "none")


@dataclass(frozen=True)
class Query:
    id: str
    q: str
    kind: str
    grades: dict[str, int] = field(default_factory=dict)  # reference (key or HSDS id) -> 1|2
    bij: str = ""
    straal: int | None = None


def read_queries(path: Path) -> list[Query]:
    queries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["kind"] not in KINDS:
            raise ValueError(f"{path.name}, regel {n}: onbekende soort {row['kind']!r}")
        queries.append(Query(id=row["id"], q=row.get("q", ""), kind=row["kind"],
                             grades={str(k): int(v) for k, v in (row.get("grades") or {}).items()},
                             bij=str(row.get("bij") or ""), straal=row.get("straal")))
    return queries


# --------------------------------------------------------------------------- metrics

@dataclass
class Scores:
    recall: float
    rr: float
    p1: float
    ndcg: float
    answered: bool  # got at least one result
    main: bool = True  # ... in the main list (not only under "Misschien ook")


def score(ranked: Sequence[str], grades: dict[str, int], *, answered: bool, main: bool = True) -> Scores:
    """``ranked``: references in result order; ``grades``: reference -> grade."""
    relevant = {k for k, g in grades.items() if g > 0}
    top10 = list(ranked[:10])
    recall = (len(relevant & set(top10)) / min(10, len(relevant))) if relevant else 0.0
    rr = 0.0
    for i, ref in enumerate(ranked[:20], start=1):
        if ref in relevant:
            rr = 1.0 / i
            break
    p1 = 1.0 if ranked and ranked[0] in relevant else 0.0
    dcg = sum((2 ** grades.get(ref, 0) - 1) / math.log2(i + 1) for i, ref in enumerate(top10, start=1))
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 1) for i, g in enumerate(ideal, start=1))
    return Scores(recall, rr, p1, dcg / idcg if idcg else 0.0, answered, main)


@dataclass
class Summary:
    n: int
    recall: float
    mrr: float
    p1: float
    ndcg: float
    no_answer: int  # queries with graded provisions that got nothing
    none_n: int = 0  # "none" queries ...
    none_empty: int = 0  # ... that found nothing in the main list


def summarise(rows: Iterable[tuple[Query, Scores]]) -> Summary:
    rows = list(rows)
    judged = [(q, s) for q, s in rows if q.kind != "none"]
    nones = [(q, s) for q, s in rows if q.kind == "none"]
    n = len(judged)

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    return Summary(
        n=n,
        recall=mean([s.recall for _, s in judged]),
        mrr=mean([s.rr for _, s in judged]),
        p1=mean([s.p1 for _, s in judged]),
        ndcg=mean([s.ndcg for _, s in judged]),
        no_answer=sum(1 for _, s in judged if not s.answered),
        none_n=len(nones),
        none_empty=sum(1 for _, s in nones if not s.main),
    )


# --------------------------------------------------------------------------- result pages

_CARD = re.compile(r'class="provision-card__title"><a [^>]*href="/voorziening/([0-9a-f-]{36})')
_MAYBE = re.compile(r'id="misschien-ook"')


def page_ids(html: str) -> tuple[list[str], int]:
    """The provision ids of a results page in order, and how many come before the
    "Misschien ook" section (the main list)."""
    start = html.find('<section class="results"')
    html = html[start:] if start >= 0 else ""
    cut = _MAYBE.search(html)
    ids = _CARD.findall(html)
    main = len(_CARD.findall(html[: cut.start()])) if cut else len(ids)
    return ids, main


def as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
