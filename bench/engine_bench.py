"""Search speed on synthetic Dutch documents (not a test; pytest does not collect it).

    .venv/bin/python -m bench.engine_bench 10000 [index_dir]

Builds (once) a Whoosh index of N documents made from the fixture vocabulary, then reports
median / p95 latency of 200 queries per kind on one warm backend. Target: p95 ≤ 25 ms at
10,000 documents for plain, filtered and geographic queries.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from search import GeoFilter, ProvisionDocument, SearchQuery, load_synonyms, make_backend
from tests.search.fixtures import DOCS, KERNEN

LIFE_DOMAINS = (
    "financien werk-en-opleiding tijdsbesteding huisvesting huiselijke-relaties "
    "geestelijke-gezondheid lichamelijke-gezondheid middelengebruik basale-adl "
    "instrumentele-adl sociaal-netwerk maatschappelijke-participatie justitie"
).split()
TARGET_GROUPS = (
    "iedereen kinderen jongeren ouders volwassenen ouderen mantelzorgers nieuwkomers "
    "mensen-met-een-beperking vrijwilligers"
).split()
EXTRA_WORDS = (
    "zorg hulp ondersteuning ouderen jongeren mantelzorgers schuldhulp taalles "
    "koffieochtend inloopspreekuur buurthuis sportclub wandelgroep vrijwilligerswerk "
    "dagbesteding vervoer maaltijd gezin opvoeding administratie geldzaken eenzaamheid "
    "ontmoeting dementie rolstoel woningaanpassing belastingaangifte"
).split()
QUERIES = [
    "hulp",
    "mantelzorg",
    "schulden",
    "eenzaam",
    "ouderen ontmoeting",
    "taal",
    "vervoer rolstoel",
    "dagbesteding",
    "koffie",
    "woord12 woord99",
    "waar kan ik hulp krijgen bij schulden",
    "geldzorgen",
    "ik zie bijna niemand meer",
]


def documents(n: int, seed: int = 42) -> list[ProvisionDocument]:
    rnd = random.Random(seed)
    words: set[str] = set()
    for d in DOCS:
        words.update((d.name + " " + d.description).replace(",", " ").replace(".", " ").split())
    vocab = sorted(words) + EXTRA_WORDS + [f"woord{i}" for i in range(3000)]
    kernen = list(KERNEN)
    out = []
    for i in range(n):
        served = rnd.sample(kernen, rnd.choice([1, 1, 1, 2, 3, 11]))
        points = tuple(
            (KERNEN[k][0] + rnd.uniform(-0.02, 0.02), KERNEN[k][1] + rnd.uniform(-0.03, 0.03))
            for k in served[:2]
        )
        out.append(
            ProvisionDocument(
                id=f"d{i:06d}",
                name=" ".join(rnd.choices(vocab, k=4)).title(),
                description=" ".join(rnd.choices(vocab, k=40)),
                organization=" ".join(rnd.choices(vocab, k=2)),
                extra_text=" ".join(rnd.choices(vocab, k=15)),
                tier=rnd.choice(["algemeen", "voorliggend", "maatwerk"]),
                kernen=tuple(served),
                life_domains=tuple(rnd.sample(LIFE_DOMAINS, rnd.randint(1, 3))),
                target_groups=tuple(rnd.sample(TARGET_GROUPS, rnd.randint(1, 3))),
                free=rnd.random() < 0.5,
                minimum_age=rnd.choice([None, None, 12, 18, 55]),
                maximum_age=rnd.choice([None, None, None, 23]),
                points=points,
                opening=tuple(
                    (d, 540, rnd.choice([720, 1020])) for d in rnd.sample(range(7), rnd.randint(0, 5))
                ),
                visible=rnd.random() < 0.97,
            )
        )
    return out


def measure(name: str, search: Callable[[SearchQuery], object], make: Callable[[int], SearchQuery]):
    search(make(0))
    times = []
    for i in range(200):
        q = make(i)
        start = time.perf_counter()
        search(q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"{name:10} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 10_000
    index_dir = Path(argv[2]) if len(argv) > 2 else Path(tempfile.gettempdir()) / f"bench-ix{n}"
    synonyms = load_synonyms(Path(__file__).resolve().parents[2] / "data" / "synonyms.txt")
    backend = make_backend("whoosh", index_dir, synonyms)
    if len(backend.ids()) != n:
        start = time.time()
        backend.rebuild(documents(n))
        print(f"rebuild of {n} documents: {time.time() - start:.1f} s")
    kernen = list(KERNEN)
    search = backend.search
    measure("plain", search, lambda i: SearchQuery(text=QUERIES[i % len(QUERIES)], limit=10))
    measure(
        "filtered",
        search,
        lambda i: SearchQuery(
            text=QUERIES[i % len(QUERIES)],
            kern=kernen[i % 11],
            tiers=("algemeen",),
            free=i % 2 == 0,
            limit=10,
        ),
    )
    measure(
        "geo",
        search,
        lambda i: SearchQuery(
            text=QUERIES[i % len(QUERIES)] if i % 2 else "",
            geo=GeoFilter(*KERNEN[kernen[i % 11]], 5.0),
            limit=10,
        ),
    )
    measure(
        "nearest",
        search,
        lambda i: SearchQuery(geo=GeoFilter(*KERNEN[kernen[i % 11]]), limit=10),
    )
    measure(
        "open+age",
        search,
        lambda i: SearchQuery(text=QUERIES[i % len(QUERIES)], open_at=(i % 7, 600), age=30, limit=10),
    )
    measure(
        "typo",
        search,
        lambda i: SearchQuery(text=["mantelzrog", "schuldn", "eenzam", "taalkafe"][i % 4]),
    )


if __name__ == "__main__":
    main(sys.argv)
