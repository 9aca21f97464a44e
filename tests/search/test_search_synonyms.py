"""The synonym file format and the list shipped in data/synonyms.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.synonyms import SynonymError, load_synonyms, parse_synonyms

DATA = Path(__file__).resolve().parents[2] / "data" / "synonyms.txt"


def test_one_way_two_way_comments_and_merging():
    text = (
        "\ufeff# toelichting\n"
        "\n"
        "Geldzorgen => schulden, Financiën , geld   # opmerking\n"
        "poetshulp, schoonmaakhulp => huishoudelijke   hulp\n"
        "dementie, vergeetachtig, alzheimer\n"
        "geldzorgen => geld, budget\n"
    )
    parsed = parse_synonyms(text.lstrip("\ufeff"))
    assert parsed["geldzorgen"] == ["schulden", "financiën", "geld", "budget"]
    assert parsed["poetshulp"] == ["huishoudelijke hulp"]
    assert parsed["schoonmaakhulp"] == ["huishoudelijke hulp"]
    assert "schulden" not in parsed  # one-way
    assert parsed["vergeetachtig"] == ["dementie", "alzheimer"]  # two-way
    assert parsed["alzheimer"] == ["dementie", "vergeetachtig"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("=> schulden", "geen term links"),
        ("geldzorgen =>", "geen uitbreiding rechts"),
        ("a => b => c", "meer dan één"),
        ("eenzaam", "minstens twee termen"),
        ("a,, b", "lege term"),
        ("a => b,", "lege term"),
    ],
)
def test_malformed_lines_name_their_line_number(line, message):
    text = "# kop\n\nschuld => schulden\n" + line + "\nok, goed\n"
    with pytest.raises(SynonymError, match=message) as info:
        parse_synonyms(text, source="synoniemen.txt")
    assert info.value.line_no == 4
    assert str(info.value).startswith("synoniemen.txt, regel 4: ")


def test_load_reports_the_file(tmp_path):
    bad = tmp_path / "syn.txt"
    bad.write_text("a => b\nkapot\n", encoding="utf-8")
    with pytest.raises(SynonymError, match=r"syn\.txt, regel 2"):
        load_synonyms(bad)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("financiën => geld\n".encode("latin-1"))
    with pytest.raises(SynonymError, match="geen UTF-8"):
        load_synonyms(latin1)


def test_the_shipped_list():
    groups = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line.split("#", 1)[0].strip()]
    assert len(groups) >= 80
    synonyms = load_synonyms(DATA)
    assert all(key == key.lower() for key in synonyms)
    for key, expected in {
        "geldzorgen": "schulden",
        "poetshulp": "huishoudelijke hulp",
        "eenzaam": "ontmoeting",
        "debts": "schulden",
        "language course": "taalcafe",
        "caregiver": "mantelzorg",
        "food bank": "voedselbank",
        "rood staan": "schulden",
        "scootmobiel": "hulpmiddelen",
        "respijtzorg": "logeeropvang",
    }.items():
        assert expected in synonyms[key], key
