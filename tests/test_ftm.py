"""The followthemoney export: accepted by `ftm validate`, typed as the issue asks, byte-identical across runs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import PROJECT_ROOT
from briefing.analysis.ftm import export_network
from briefing.extraction.entities import find_entities, load_gazetteer
from briefing.extraction.relations import extract_relations
from briefing.reading.documents import iter_documents
from briefing.reading.text import split_sentences
from briefing.schema import ENTITY_COLUMNS, RELATION_COLUMNS

FTM = Path(sys.executable).parent / "ftm"


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> Path:
    """documents.csv, entities.csv and relations.csv for the seeds, written as extract.py writes them."""
    out = tmp_path_factory.mktemp("tables")
    gazetteer = load_gazetteer()
    documents, entities, relations = [], [], []
    for document in iter_documents(PROJECT_ROOT / "seeds"):
        sentences = split_sentences(document.text)
        found = find_entities(document, sentences, gazetteer)
        documents.append(
            {
                "doc": document.name,
                "sha256": document.sha256,
                "encoding": document.encoding,
                "characters": len(document.text),
            }
        )
        entities += found
        relations += extract_relations(
            document,
            sentences,
            found,
            [
                {
                    "figure_id": "x",
                    "start": document.text.find("49%"),
                    "end": document.text.find("49%") + 3,
                    "kind": "percent",
                    "low": 49,
                    "text": "49%",
                }
            ]
            if "49%" in document.text
            else [],
        )
    for name, columns, rows in (
        ("documents", ["doc", "sha256", "encoding", "characters"], documents),
        ("entities", ENTITY_COLUMNS, entities),
        ("relations", RELATION_COLUMNS, relations),
    ):
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return out


@pytest.fixture(scope="module")
def exported(tables, tmp_path_factory) -> tuple[Path, int, list[dict]]:
    path = tmp_path_factory.mktemp("ftm") / "network.ftm.json"
    count = export_network(tables, path)
    return path, count, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_passes_ftm_validate_without_losing_anything(exported, tmp_path):
    path, count, entities = exported
    assert count == len(entities) > 0
    cleaned = tmp_path / "validated.json"
    result = subprocess.run(
        [str(FTM), "validate", "-i", str(path), "-o", str(cleaned)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    validated = {e["id"]: e for e in map(json.loads, cleaned.read_text(encoding="utf-8").splitlines())}
    assert set(validated) == {e["id"] for e in entities}
    for entity in entities:  # validate drops invalid values silently: nothing may be dropped
        again = validated[entity["id"]]
        assert again["schema"] == entity["schema"]
        assert set(again["properties"]) == set(entity["properties"]), entity["schema"]


def test_export_has_the_expected_schemata_and_links(exported):
    _, _, entities = exported
    by_id = {e["id"]: e for e in entities}
    schemata = {e["schema"] for e in entities}
    assert {"Article", "PublicBody", "Company", "Person", "Ownership", "UnknownLink", "Sanction"} <= schemata
    articles = [e for e in entities if e["schema"] == "Article"]
    assert sorted(a["properties"]["fileName"][0] for a in articles) == [
        "000_9aec26ecfd200c94.txt",
        "003_d90ae2d9ccfe776e.txt",
    ]
    name = {e["id"]: e["properties"].get("name", [""])[0] for e in entities}
    ownership = [e for e in entities if e["schema"] == "Ownership"]
    assert [
        (name[o["properties"]["owner"][0]], name[o["properties"]["asset"][0]], o["properties"]["percentage"])
        for o in ownership
    ] == [("Belarus", "Peleng", ["49"])]
    supplies = {
        (name[e["properties"]["subject"][0]], name[e["properties"]["object"][0]])
        for e in entities
        if e["schema"] == "UnknownLink" and e["properties"]["role"] == ["supplies"]
    }
    assert {("Belarus", "Russia"), ("Iran", "Russia"), ("Peleng", "Russia"), ("China", "Peleng")} <= supplies
    sanction = next(e for e in entities if e["schema"] == "Sanction")
    assert name[sanction["properties"]["entity"][0]] == "Belarus"
    # every reference resolves, and every statement cites its article
    for entity in entities:
        for prop in ("owner", "asset", "subject", "object", "entity", "proof"):
            for ref in entity["properties"].get(prop, []):
                assert ref in by_id, (entity["schema"], prop)
        if entity["schema"] in ("Ownership", "UnknownLink", "Sanction"):
            assert by_id[entity["properties"]["proof"][0]]["schema"] == "Article"
    peleng = next(e for e in entities if e["properties"].get("name") == ["Peleng"])
    assert peleng["schema"] == "Company" and peleng["properties"]["country"] == ["by"]


def test_export_is_byte_identical_across_runs(tables, exported, tmp_path):
    path, count, _ = exported
    again = tmp_path / "again.json"
    assert export_network(tables, again) == count
    assert again.read_bytes() == path.read_bytes()
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids)


def test_unreviewed_parties_are_marked_and_denied_relations_are_not_links(tmp_path):
    def write(name, columns, rows):
        with open(tmp_path / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows)

    base = {c: "" for c in RELATION_COLUMNS} | {
        "doc": "a.txt",
        "relation": "supplies",
        "sentence_start": 0,
        "sentence_end": 10,
    }
    write(
        "relations.csv",
        RELATION_COLUMNS,
        [
            base
            | {
                "relation_id": "a:0:Ningbo Parts>Belarus:supplies",
                "source": "Ningbo Parts",
                "target": "Belarus",
                "modality": "asserted",
                "unreviewed": "Ningbo Parts",
            },
            base
            | {
                "relation_id": "a:0:Belarus>Ukraine:supplies",
                "source": "Belarus",
                "target": "Ukraine",
                "modality": "denied",
            },
        ],
    )
    write("entities.csv", ENTITY_COLUMNS, [])
    write("documents.csv", ["doc", "title", "sha256", "encoding", "characters"], [])
    export_network(tmp_path, tmp_path / "out.ftm.json")
    text = (tmp_path / "out.ftm.json").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    names = {line["properties"]["name"][0]: line for line in lines if "name" in line["properties"]}
    assert "unreviewed: not in the gazetteer" in names["Ningbo Parts"]["properties"]["description"]
    assert "Ukraine" not in names  # the denied relation is no link, and names no node
