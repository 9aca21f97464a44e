"""The Dutch lexicon (search/lexicon.py, data/lexicon/) as a resident's search notices it: a real word is not
"corrected", a typo is; an inflected form finds its lemma; a newcomer's English finds Dutch words."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.analysis import normalize
from search.lexicon import DEFAULT_DIRECTORY, FILES, Lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


# --------------------------------------------------------------------------- real words and typos


@pytest.mark.parametrize(
    "word",
    ["zoon", "blowt", "Zoon", "kinderen", "mantelzorg", "eenzame", "verhuisd", "Financiën",
     "schuldhulpverlening", "blow-out"],
)
def test_real_dutch_words_are_words(lexicon: Lexicon, word: str) -> None:
    assert lexicon.is_word(word)


@pytest.mark.parametrize("word", ["zoov", "mantelzrog", "schuldhulpverleining", "", "a", "x" * 41])
def test_typos_are_not_words(lexicon: Lexicon, word: str) -> None:
    assert not lexicon.is_word(word)


def test_the_lexicon_knows_hundreds_of_thousands_of_forms(lexicon: Lexicon) -> None:
    assert 300_000 < len(lexicon) < 2_000_000


# --------------------------------------------------------------------------- lemmas


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("blowt", "blowen"),
        ("blowde", "blowen"),
        ("geblowd", "blowen"),
        ("woont", "wonen"),
        ("gepest", "pesten"),
        ("verhuisd", "verhuizen"),
        ("ging", "gaan"),
        ("mishandeld", "mishandelen"),
        ("kinderen", "kind"),
        ("maatjes", "maatje"),
        ("zonen", "zoon"),
        ("eenzame", "eenzaam"),
        ("Schulden", "schuld"),
        ("pleegkinderen", "pleegkind"),  # a compound of the word list: head + the tail's lemma
        ("opgezocht", "opzoeken"),
    ],
)
def test_inflected_forms_find_their_lemma(lexicon: Lexicon, form: str, lemma: str) -> None:
    assert lemma in lexicon.lemmas(form)


def test_a_lemma_or_an_unknown_word_has_no_other_lemma(lexicon: Lexicon) -> None:
    assert lexicon.lemmas("kind") == ()
    assert lexicon.lemmas("eenzaam") == ()
    assert lexicon.lemmas("zoov") == ()


def test_an_adjective_is_not_read_as_a_verb_form(lexicon: Lexicon) -> None:
    # "gezond" (healthy) is also the participle of "zonnen", "week" (soft) the past of "wijken"
    assert "zonnen" not in lexicon.lemmas("gezond")
    assert "wijken" not in lexicon.lemmas("week")


# --------------------------------------------------------------------------- frequencies


def test_common_words_are_more_frequent(lexicon: Lexicon) -> None:
    assert lexicon.frequency("zoon") > lexicon.frequency("blowen") > 0
    assert lexicon.frequency("de") > lexicon.frequency("zoon")
    assert lexicon.frequency("Zoon") == lexicon.frequency("zoon")
    assert lexicon.frequency("zoov") == 0.0


# --------------------------------------------------------------------------- English -> Dutch


def dutch(results: list[tuple[str, float]]) -> list[str]:
    return [word for word, _ in results]


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("lonely", "eenzaam"),
        ("wheelchair", "rolstoel"),
        ("debts", "schuld"),  # morphy rule: -s
        ("children", "kind"),  # morphy exception list
        ("feeling", "gevoel"),
        ("feeling", "voelen"),  # feeling -> feel
        ("Lonely", "eenzaam"),
        ("look after", "verzorgen"),  # a WordNet collocation, whole
        ("looking for", "zoeken"),  # a collocation with an inflected word
    ],
)
def test_english_words_find_dutch_words(lexicon: Lexicon, english: str, expected: str) -> None:
    assert expected in dutch(lexicon.english(english))


def test_english_results_are_weighted_best_first(lexicon: Lexicon) -> None:
    for word in ("lonely", "help", "bank", "children", "feeling"):
        results = lexicon.english(word)
        weights = [weight for _, weight in results]
        assert 0 < len(results) <= 8
        assert all(0 < w <= 1 for w in weights)
        assert weights == sorted(weights, reverse=True)
        assert all(normalize(d) == d for d in dutch(results))


def test_an_unknown_phrase_is_looked_up_word_by_word(lexicon: Lexicon) -> None:
    found = dutch(lexicon.english("help with debts"))
    assert "hulp" in found
    assert "schuld" in found


def test_unknown_english_gives_nothing(lexicon: Lexicon) -> None:
    assert lexicon.english("qwzxv") == []
    assert lexicon.english("") == []
    assert lexicon.english("the of") == []


# --------------------------------------------------------------------------- synonyms


def test_dutch_synonyms(lexicon: Lexicon) -> None:
    assert "bijstand" in lexicon.synonyms("hulp")
    assert lexicon.synonyms("Hulp") == lexicon.synonyms("hulp")
    assert "hulp" not in lexicon.synonyms("hulp")
    assert lexicon.synonyms("zoov") == ()


# --------------------------------------------------------------------------- loading


def test_the_empty_lexicon_knows_nothing() -> None:
    empty = Lexicon.empty()
    assert not empty.is_word("zoon")
    assert len(empty) == 0
    assert empty.lemmas("kinderen") == ()
    assert empty.frequency("zoon") == 0.0
    assert empty.english("lonely") == []
    assert empty.synonyms("hulp") == ()


def test_the_lexicon_is_loaded_once_per_directory(lexicon: Lexicon) -> None:
    assert Lexicon.load() is lexicon
    assert Lexicon.load(str(DEFAULT_DIRECTORY)) is lexicon


def test_a_missing_data_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Lexicon.load(tmp_path / "nothing-here")


def test_loading_stays_within_its_budget() -> None:
    """A fresh process: at most 1 s and 90 MB of extra memory (measured: about 0.2 s and 25 MB)."""
    script = (
        "import json, sys, time\n"
        "def rss():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS'))\n"
        "from search.lexicon import Lexicon\n"
        "before, start = rss(), time.perf_counter()\n"
        "lex = Lexicon.load()\n"
        "print(json.dumps({'seconds': time.perf_counter() - start, 'mb': (rss() - before) / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    measured = json.loads(out.stdout)
    assert measured["seconds"] < 5.0
    assert measured["mb"] < 90


# --------------------------------------------------------------------------- the derived data


def read_lines(name: str) -> list[str]:
    return gzip.decompress((DEFAULT_DIRECTORY / name).read_bytes()).decode("utf-8").splitlines()


def test_the_data_is_normalised_as_the_analysis_does() -> None:
    words = read_lines(FILES["words"])
    assert all(normalize(w) == w and w.isalpha() and 2 <= len(w) <= 40 for w in words)
    known = set(words)
    for line in read_lines(FILES["lemmas"]):
        form, *lemmas = line.split("\t")
        assert form in known and lemmas and all(lemma in known and lemma != form for lemma in lemmas)


def test_the_data_files_are_sorted_and_small() -> None:
    total = 0
    for name in FILES.values():
        path = DEFAULT_DIRECTORY / name
        total += path.stat().st_size
        keys = [line.split("\t", 1)[0].encode("utf-8") for line in read_lines(name)]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), name
    assert total <= 12 * 1024 * 1024
    assert (DEFAULT_DIRECTORY / "README.md").exists()


def test_the_derivation_normalises_as_the_analysis_does() -> None:
    spec = importlib.util.spec_from_file_location("lexicon_derive", DEFAULT_DIRECTORY / "derive.py")
    assert spec is not None and spec.loader is not None
    derive = importlib.util.module_from_spec(spec)
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in data/lexicon
    try:
        spec.loader.exec_module(derive)
    finally:
        sys.dont_write_bytecode = saved
    from search.lexicon import _normalize

    for text in ("Financiën", "Café", "ĳsbeer", "Ĳssel", "naïef", "ZOON", "Straße", "coördinatie", "Ø"):
        assert derive.normalize(text) == normalize(text) == _normalize(text)
    assert derive.word_key("blow-out") == "blowout"
    assert derive.word_key("auto's") is None
