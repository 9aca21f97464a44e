"""Plain language for the editor: a Dutch readability score and what makes a text hard.

The score is Flesch-Douma (textstat with the Dutch constants; syllables via Pyphen):
60 and up reads as plain Dutch, under 60 is harder than B1 and under 45 much harder.
No formula defines B1, so this only ever warns (never blocks a save) and points at the
usual suspects: long sentences, long words and officialese with a plainer alternative
(``data/plain_language.csv``, editors extend it).

Results are structured (codes and numbers); the templates word them, translated.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PLAIN_LANGUAGE_FILE = Path(__file__).resolve().parents[2] / "data" / "plain_language.csv"

#: Flesch-Douma bands used by the editor.
SCORE_PLAIN = 60.0
SCORE_HARD = 45.0
#: A sentence longer than this many words is pointed out; longer than LONG, strongly.
SENTENCE_WORDS = 15
SENTENCE_WORDS_LONG = 20
#: A word with this many letters or syllables is pointed out (Dutch compounds are long).
WORD_LETTERS = 15
WORD_SYLLABLES = 5
MIN_WORDS_FOR_SCORE = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-*•])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int
    strong: bool  # more than SENTENCE_WORDS_LONG words


@dataclass(frozen=True)
class Word:
    word: str
    letters: int
    syllables: int


@dataclass(frozen=True)
class Officialese:
    phrase: str
    plain: str
    count: int


@dataclass
class Report:
    score: float | None
    words: int
    sentences: int
    mean_sentence_words: float
    long_sentences: list[Sentence] = field(default_factory=list)
    long_words: list[Word] = field(default_factory=list)
    officialese: list[Officialese] = field(default_factory=list)

    @property
    def level(self) -> str:
        """``plain``, ``harder`` (below B1), ``hard`` (well below) or ``short`` (too little text)."""
        if self.score is None:
            return "short"
        if self.score >= SCORE_PLAIN:
            return "plain"
        return "harder" if self.score >= SCORE_HARD else "hard"

    @property
    def has_warnings(self) -> bool:
        return self.level in ("harder", "hard") or bool(
            self.long_sentences or self.long_words or self.officialese)


@functools.cache
def _plain_language(path: str) -> tuple[tuple[str, str], ...]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [(r["moeilijk"].strip().lower(), r["eenvoudig"].strip())
                for r in csv.DictReader(handle) if r.get("moeilijk") and r.get("eenvoudig")]
    # Longer phrases first, so "ten behoeve van" is found before a word inside it.
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def plain_language_list(path: Path | None = None) -> tuple[tuple[str, str], ...]:
    return _plain_language(str(path or PLAIN_LANGUAGE_FILE))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s and s.strip()]


def _textstat() -> Any:  # textstat ships no type information
    import textstat

    textstat.set_lang("nl")
    return textstat


def syllables(word: str) -> int:
    return max(1, int(_textstat().syllable_count(word)))


def check(text: str, *, wordlist: Path | None = None) -> Report:
    """How hard ``text`` is to read, and why."""
    text = (text or "").strip()
    sentences = split_sentences(text)
    counts = [len(_WORD.findall(s)) for s in sentences]
    total = sum(counts)
    score = None
    if total >= MIN_WORDS_FOR_SCORE:
        score = round(float(_textstat().flesch_reading_ease(text)), 1)
    report = Report(score=score, words=total, sentences=len([c for c in counts if c]),
                    mean_sentence_words=round(total / max(1, len([c for c in counts if c])), 1))
    for sentence, count in zip(sentences, counts, strict=True):
        if count > SENTENCE_WORDS:
            report.long_sentences.append(Sentence(sentence, count, count > SENTENCE_WORDS_LONG))
    seen: set[str] = set()
    for word in _WORD.findall(text):
        key = word.lower()
        if key in seen:
            continue
        seen.add(key)
        letters = len(word)
        syl = syllables(word) if letters >= 8 else 1
        if letters >= WORD_LETTERS or syl >= WORD_SYLLABLES:
            report.long_words.append(Word(word, letters, syl))
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    for phrase, plain in plain_language_list(wordlist):
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])")
        hits = [m.span() for m in pattern.finditer(lowered)
                if not any(a <= m.start() < b for a, b in taken)]
        if hits:
            taken.extend(hits)
            report.officialese.append(Officialese(phrase, plain, len(hits)))
    return report
