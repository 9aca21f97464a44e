"""Whoosh as storage: the schema, the writer, per-segment columns and term bitsets, and the
index directory with its atomically replaced pointer.

Layout on disk (``index_dir``)::

    CURRENT            name of the live index directory (replaced atomically on rebuild)
    ix-<token>/        the live Whoosh index (and the previous one, kept for readers)
    tmp-<token>/       an index being built by ``rebuild``

Text fields hold terms already analysed by ``search.analysis`` (stems, lemma stems and
compound parts), so Whoosh only splits on spaces. Whoosh stores postings and columns; it
does not rank (``search.scoring`` does, as for every backend).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.writing import SegmentWriter

from search.analysis import Decompounder, SpellIndex, WordList, analyze_text
from search.bitsets import bits_from
from search.common import TEXT_FIELDS, slot_tokens
from search.facets import facet_values
from search.geo import cell_of, unit_vector
from search.interface import ProvisionDocument
from search.language import Language

__all__ = [
    "SCHEMA",
    "FACET_FIELDS",
    "WRITE_TIMEOUT",
    "IndexWriter",
    "document_fields",
    "SegmentData",
    "Live",
    "IndexDirectory",
    "bounded_put",
    "segment_key",
    "Opening",
]

log = logging.getLogger(__name__)

#: A document's opening hours: (weekday, opens, closes) in minutes.
Opening = tuple[tuple[int, int, int], ...]

K = TypeVar("K")
V = TypeVar("V")

AGE_OPEN_MIN = -1  # stands for "no minimum age"
AGE_OPEN_MAX = 10_000  # stands for "no maximum age"
WRITE_TIMEOUT = 60.0  # seconds a writer waits for the Whoosh lock
POINTER = "CURRENT"
FACET_FIELDS = {
    "kern": "kern",
    "tier": "tier",
    "life_domain": "life_domain",
    "target_group": "target_group",
    "free": "free",
}


def _text_field() -> Any:
    return TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)


SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    name=_text_field(),
    description=_text_field(),
    organization=_text_field(),
    extra_text=_text_field(),
    # every term of the four text fields once: prefix matching and "does this term exist"
    all=KEYWORD(),
    # unstemmed words and compound parts of visible documents: spelling suggestions and the
    # vocabulary the decompounder learns when the index is opened
    spell=KEYWORD(),
    kern=KEYWORD(vector=True),
    tier=KEYWORD(vector=True),
    life_domain=KEYWORD(vector=True),
    target_group=KEYWORD(vector=True),
    free=ID(),
    visible=ID(),
    min_age=NUMERIC(int, bits=32, signed=True),
    max_age=NUMERIC(int, bits=32, signed=True),
    open=KEYWORD(),  # half hours fully open: "1-0930"
    open_part=KEYWORD(),  # half hours partly open (checked exactly against ``data``)
    data=STORED(),  # {"points": [[lat, lon], ...], "opening": [[wd, opens, closes], ...]}
)


class _Lengths(W3PerDocReader):  # type: ignore[misc]  # whoosh ships no types
    """The per-document reader a commit reads field lengths from, remembering which fields
    have no length column: Whoosh's own looks for that column's file on disk (a ``stat``)
    again for every posting of such a field (the keyword and id fields), about a third of
    an import's index write."""

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


class IndexWriter(SegmentWriter):  # type: ignore[misc]  # whoosh ships no types
    """Whoosh's segment writer, reading the new segment's lengths through ``_Lengths``."""

    def per_document_reader(self) -> Any:
        if not isinstance(self.codec, W3Codec):
            return super().per_document_reader()
        if not self.perdocwriter.is_closed:
            raise RuntimeError("Per-doc writer is still open")
        return _Lengths(self.storage, self.get_segment())


def document_fields(doc: ProvisionDocument, dec: Decompounder,
                     language: Language) -> tuple[dict[str, Any], set[str]]:
    fields: dict[str, Any] = {"id": doc.id}
    words: set[str] = set()
    every: set[str] = set()
    for name in TEXT_FIELDS:
        terms, spell = analyze_text(getattr(doc, name) or "", dec, language.lemma_stems)
        fields[name] = " ".join(terms)
        every.update(terms)
        words.update(spell)
    fields["all"] = " ".join(sorted(every))
    if not doc.visible:
        words = set()
    fields["spell"] = " ".join(sorted(words))
    for facet, values in facet_values(doc).items():
        fields[FACET_FIELDS[facet]] = " ".join(values)
    fields["visible"] = "true" if doc.visible else "false"
    fields["min_age"] = AGE_OPEN_MIN if doc.minimum_age is None else doc.minimum_age
    fields["max_age"] = AGE_OPEN_MAX if doc.maximum_age is None else doc.maximum_age
    full, part = slot_tokens(doc.opening)
    fields["open"] = " ".join(sorted(full))
    fields["open_part"] = " ".join(sorted(part))
    fields["data"] = {
        "points": [[float(lat), float(lon)] for lat, lon in doc.points],
        "opening": [list(o) for o in doc.opening],
        "tier": doc.tier,
        "name": doc.name,
        "stamp": doc.fingerprint(),
        "domains": list(doc.life_domains),
        "groups": list(doc.target_groups),
        "kernen": list(doc.kernen),
    }
    return fields, words


# --------------------------------------------------------------------------- caches

# Cache sizes (entries). Bitsets cost N/8 bytes each.
_MASK_CACHE_SIZE = 4096  # per segment: term bitsets
_VIEW_CACHE_SIZE = 4096  # per searcher: composed bitsets


def segment_key(segreader: Any) -> str:
    segment = segreader.segment()
    return segment.segment_id() if segment is not None else "<empty>"


def _deleted_count(segreader: Any) -> int:
    segment = segreader.segment()
    return segment.deleted_count() if segment is not None else 0


def bounded_put(cache: dict[K, V], key: K, value: V, size: int) -> None:
    """Put into a cache of at most ``size`` entries, dropping the oldest half when full."""
    if len(cache) >= size:
        for old in list(cache)[: size // 2]:  # drop the oldest half
            cache.pop(old, None)
    cache[key] = value


class SegmentData:
    """Per-segment columns, term bitsets and term frequencies (local document numbers).

    Built from the segment once and shared by every thread's searcher; a segment never
    changes except for deletions, which the ``alive`` bitset tracks.
    """

    def __init__(self, segreader: Any) -> None:
        n = segreader.doc_count_all()
        self.ids: list[str | None] = [None] * n
        self.points: list[tuple[tuple[float, float], ...]] = [()] * n
        self.opening: list[Opening] = [()] * n
        self.tiers: list[str] = [""] * n
        self.names: list[str] = [""] * n
        self.stamps: list[str] = [""] * n
        # (life domains, target groups, kernen): the relevance bonus and the kern a query names
        self.info: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [((), (), ())] * n
        for docnum, stored in segreader.iter_docs():
            self.ids[docnum] = stored.get("id")
            data = stored.get("data") or {}
            self.points[docnum] = tuple((p[0], p[1]) for p in data.get("points", ()))
            self.opening[docnum] = tuple((o[0], o[1], o[2]) for o in data.get("opening", ()))
            self.tiers[docnum] = data.get("tier", "")
            self.names[docnum] = data.get("name", "")
            self.stamps[docnum] = data.get("stamp", "")
            self.info[docnum] = (tuple(data.get("domains", ())), tuple(data.get("groups", ())),
                                 tuple(data.get("kernen", ())))
        self.vectors = [tuple(unit_vector(lat, lon) for lat, lon in pts) for pts in self.points]
        cells: dict[tuple[int, int], list[int]] = {}
        for docnum, pts in enumerate(self.points):
            for cell in {cell_of(lat, lon) for lat, lon in pts}:
                cells.setdefault(cell, []).append(docnum)
        self.cells = {cell: bits_from(docs) for cell, docs in cells.items()}
        self.masks: dict[tuple[str, str], int] = {}
        self.values: dict[str, tuple[str, ...]] = {}
        self.alive: dict[int, int] = {}  # deleted count -> alive bitset

    def mask(self, segreader: Any, field: str, value: str) -> int:
        key = (field, value)
        found = self.masks.get(key)
        if found is None:
            if key in segreader:
                found = bits_from(list(segreader.postings(field, value).all_ids()))
            else:
                found = 0
            bounded_put(self.masks, key, found, _MASK_CACHE_SIZE)
        return found

    def field_values(self, segreader: Any, field: str) -> tuple[str, ...]:
        found = self.values.get(field)
        if found is None:
            found = self.values[field] = tuple(segreader.field_terms(field))
        return found

    def alive_mask(self, segreader: Any) -> int:
        deleted = _deleted_count(segreader)
        found = self.alive.get(deleted)
        if found is None:
            found = self.alive[deleted] = bits_from(list(segreader.all_doc_ids()))
        return found


class Live:
    """One live index directory with what is shared between threads."""

    def __init__(self, name: str, path: Path, ix: Any, pointer_stat: tuple[int, int],
                 lexicon: WordList | None = None) -> None:
        self.name = name
        self.path = path
        self.ix = ix
        self.pointer_stat = pointer_stat
        self.decompounder = Decompounder(lexicon=lexicon)
        self.segments: dict[str, SegmentData] = {}
        self.spell: tuple[int, SpellIndex] | None = None
        self.lock = threading.Lock()
        with ix.reader() as reader:
            self.decompounder.learn(reader.field_terms("spell"))

    def segment_data(self, segreader: Any) -> SegmentData:
        key = segment_key(segreader)
        data = self.segments.get(key)
        if data is None:
            data = SegmentData(segreader)
            with self.lock:
                self.segments[key] = data
        return data

    def forget_segments(self, keep: set[str]) -> None:
        with self.lock:
            for key in list(self.segments):
                if key not in keep:
                    del self.segments[key]

    def spell_index(self, reader: Any) -> SpellIndex:
        gen = reader.generation()
        cached = self.spell
        if cached is None or cached[0] != gen:
            counts = (
                (text.decode("utf-8"), info.doc_frequency()) for text, info in reader.iter_field("spell")
            )
            cached = (gen, SpellIndex(counts))
            self.spell = cached
        return cached[1]


class IndexDirectory:
    """``index_dir``: the live index named by ``CURRENT``, builds beside it, and cleanup."""

    def __init__(self, root: Path, lexicon: WordList | None) -> None:
        self.root = root
        self.lexicon = lexicon

    @property
    def pointer(self) -> Path:
        return self.root / POINTER

    def pointer_stat(self) -> tuple[int, int] | None:
        """(inode, mtime) of ``CURRENT``: changes whenever another index is published."""
        try:
            st = os.stat(self.pointer)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _pointer_state(self) -> tuple[tuple[int, int], str] | None:
        try:
            st = os.stat(self.pointer)
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns), name

    def new_dir(self, prefix: str) -> Path:
        token = time.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(4)
        path = self.root / f"{prefix}-{token}"
        path.mkdir()
        return path

    def publish(self, name: str, *, only_if_absent: bool = False) -> None:
        """Make ``name`` the live index (atomically; readers switch over on their next search)."""
        tmp = self.root / f"{POINTER}.tmp-{secrets.token_hex(4)}"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            if only_if_absent:
                os.link(tmp, self.pointer)  # fails when another process got there first
            else:
                os.replace(tmp, self.pointer)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    @staticmethod
    def finished(tmp: Path) -> Path:
        """Rename a build directory ``tmp-<token>`` to the index directory ``ix-<token>``."""
        final = tmp.with_name("ix-" + tmp.name[len("tmp-") :])
        os.rename(tmp, final)
        return final

    def _create_empty(self) -> str:
        tmp = self.new_dir("tmp")
        whoosh_index.create_in(str(tmp), SCHEMA)
        return self.finished(tmp).name

    def open_live(self) -> Live:
        """The live index (an empty one is created and published when there is none)."""
        self.root.mkdir(parents=True, exist_ok=True)
        state = self._pointer_state()
        if state is None:
            name = self._create_empty()
            try:
                self.publish(name, only_if_absent=True)
            except FileExistsError:
                shutil.rmtree(self.root / name, ignore_errors=True)
            state = self._pointer_state()
            assert state is not None
        stat, name = state
        path = self.root / name
        try:
            ix = whoosh_index.open_dir(str(path))
        except (whoosh_index.EmptyIndexError, OSError) as exc:
            raise RuntimeError(
                f"the search index in {path} (named in {self.pointer}) cannot be opened: "
                f"{exc}. Remove {self.root} and rebuild the index."
            ) from exc
        return Live(name, path, ix, stat, self.lexicon)

    def cleanup(self, keep: set[str]) -> None:
        """Delete index directories other than the live and the previous one (readers in
        other threads or processes may still hold the previous one for a moment), and
        builds abandoned for more than a day."""
        cutoff = time.time() - 86400
        for entry in self.root.iterdir():
            if not entry.is_dir() or entry.name in keep:
                continue
            if entry.name.startswith("ix-") or (
                entry.name.startswith("tmp-") and entry.stat().st_mtime < cutoff
            ):
                shutil.rmtree(entry, ignore_errors=True)
