"""The tuned relevance set (``bench/relevance/tuned``) never falls below its recorded figures.

``python -m bench.relevance --sets tuned --record`` records them after a deliberate change;
this test asks the same 304 resident queries through the open data API of a fresh demo site
(in-memory engine: the twin of Whoosh, same scores) and compares.
"""

from __future__ import annotations

import json

from bench.relevance import HERE, read_queries
from bench.relevance.__main__ import RECORDED, ask_api, build_site, evaluate, figures

TOLERANCE = 0.005  # rounding of the recorded figures


def test_the_tuned_set_keeps_its_recorded_figures(tmp_path):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    app, refs = build_site("tuned", tmp_path, "memory")
    client = app.test_client()
    with app.app_context():
        rows = evaluate(read_queries(HERE / "tuned" / "queries.jsonl"), lambda q: ask_api(client, q), refs)
    now = figures(rows)
    for name in ("recall_at_10", "mrr", "p_at_1", "ndcg_at_10"):
        assert now[name] >= recorded[name] - TOLERANCE, (name, now[name], recorded[name])
    assert now["no_answer"] <= recorded["no_answer"]
