"""How the briefing presents what extraction marks: hedged claims as claims, planned and denied relations counted
apart, and parties the gazetteer does not know tagged unreviewed."""

from __future__ import annotations

import pandas as pd

from briefing.presentation import report
from briefing.schema import RELATION_COLUMNS

COLUMNS = RELATION_COLUMNS


def _relations(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: "" for c in COLUMNS} | {"sentence_start": 0, "sentence_end": 10} | r for r in rows], columns=COLUMNS
    )


def _tables(rows: list[dict]) -> report.Tables:
    relations = _relations(rows)
    stated = relations["modality"].isin(["asserted", "hedged"])
    empty = pd.DataFrame()
    return report.Tables(
        figures=empty,
        dates=empty,
        entities=empty,
        relations=relations[stated],
        unknowns=empty,
        documents=empty,
        notices=empty,
        unstated_relations=relations[~stated],
    )


ROWS = [
    {
        "relation_id": "a:1",
        "doc": "a",
        "source": "Belarus",
        "target": "Russia",
        "relation": "supplies",
        "item": "shells",
        "modality": "asserted",
    },
    {
        "relation_id": "b:1",
        "doc": "b",
        "source": "Belarus",
        "target": "Russia",
        "relation": "supplies",
        "item": "optics",
        "modality": "hedged",
    },
    {
        "relation_id": "c:1",
        "doc": "c",
        "source": "Iran",
        "target": "Belarus",
        "relation": "supplies",
        "item": "drones",
        "modality": "planned",
    },
    {
        "relation_id": "d:1",
        "doc": "d",
        "source": "Minsk Gearbox Plant",
        "target": "Belarus",
        "relation": "supplies",
        "item": "tanks",
        "modality": "denied",
        "unreviewed": "Minsk Gearbox Plant",
    },
    {
        "relation_id": "e:1",
        "doc": "e",
        "source": "Ningbo Parts",
        "target": "Belarus",
        "relation": "supplies",
        "item": "bearings",
        "modality": "asserted",
        "unreviewed": "Ningbo Parts",
    },
]


def test_hedged_relations_are_stated_as_claims_and_asserted_ones_as_findings():
    html = report.key_judgments(_tables(ROWS), "Belarus")
    assert "<b>Belarus supplies Russia</b>: shells." in html
    assert "<b>Belarus reportedly supplies Russia</b>" in html and 'class="tag hedged"' in html
    hedged = html[html.index("reportedly supplies Russia") :]
    assert "optics" in hedged.split("</li>")[0] and 'href="#relation-b-1"' in hedged.split("</li>")[0]
    assert "shells" not in hedged.split("</li>")[0], "the asserted item is not in the claim, nor the claim's in it"
    assert "optics" not in html[: html.index("reportedly")]


def test_planned_and_denied_relations_are_counted_and_linked_never_stated():
    html = report.key_judgments(_tables(ROWS), "Belarus")
    judgments = html[: html.index('class="unstated"')]
    assert "Iran supplies Belarus" not in judgments and "drones" not in judgments and "tanks" not in judgments
    assert "Stated as planned or denied, not as fact: 2 relations." in html
    note = html[html.index('class="unstated"') :]
    assert '<span class="tag">planned</span> Iran supplies Belarus (drones)' in note
    assert 'href="#relation-c-1"' in note and 'href="#relation-d-1"' in note
    assert report.unstated_note(_tables(ROWS[:2]), "Belarus") == "", "nothing planned or denied: no line"


def test_unstated_note_counts_what_it_does_not_list():
    rows = [
        {
            "relation_id": f"p:{i}",
            "doc": "p",
            "source": "Iran",
            "target": "Belarus",
            "relation": "supplies",
            "item": f"item {i}",
            "modality": "planned",
        }
        for i in range(7)
    ]
    html = report.unstated_note(_tables(rows), "Belarus", limit=3)
    assert "7 relations" in html and html.count("<li>") == 3 and "… and 4 more claims in the relations register" in html


def test_the_same_planned_claim_in_many_documents_is_listed_once_with_its_count():
    claim = {
        "source": "Russia",
        "target": "Belarus",
        "relation": "produces_in",
        "item": "drones",
        "modality": "planned",
    }
    rows = [{"relation_id": f"{doc}:1", "doc": doc, **claim} for doc in ("a", "b", "c")]
    html = report.unstated_note(_tables(rows), "Belarus")
    assert "3 relations" in html and html.count("<li>") == 1 and "3 documents" in html


def test_unreviewed_parties_are_tagged_in_the_key_judgments():
    html = report.key_judgments(_tables(ROWS), "Belarus")
    judgment = next(
        li
        for li in html.split("<li>")
        if "Ningbo Parts supplies Belarus" in li.replace(f" {report.UNREVIEWED_TAG}", "")
    )
    assert f"Ningbo Parts {report.UNREVIEWED_TAG}" in judgment
    assert f"Belarus {report.UNREVIEWED_TAG}" not in html


def test_the_relations_register_shows_modality_and_unreviewed_parties_and_lists_every_relation():
    register = report.relations_register(_tables(ROWS), "Belarus")
    frame = register.frame
    assert list(frame["relation"]) == ["a:1", "b:1", "e:1", "c:1", "d:1"], "stated first, then planned and denied"
    assert list(frame["modality"]) == ["asserted", "hedged", "asserted", "planned", "denied"]
    assert list(frame["unreviewed"]) == ["", "", "Ningbo Parts", "", "Minsk Gearbox Plant"]
    html = register.html.set_index(frame["relation"])
    assert html.loc["e:1", "source"] == f"Ningbo Parts {report.UNREVIEWED_TAG}"
    assert html.loc["a:1", "source"] == "Belarus"
    assert 'id="relation-c-1"' in html.loc["c:1", "relation"], "the note's links find their row"
