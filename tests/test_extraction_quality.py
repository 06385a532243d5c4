"""Precision and recall of the figure extractor on a regression set.

These documents arrived in the same commits as the rules they score, so they are a regression set, not a held-out
one: a score near 1.0 here says the rules still do what they were written to do, not how they read new text. Text
the rules were not tuned on is scored apart: ``tests/fixtures/figures_heldout.csv`` (``tests/score_figures_heldout.py``,
written before the issue-20 rules) for figures, ``tests/fixtures/relations/heldout`` (``make eval``) for relations.

Each ``tests/fixtures/documents/eval_*`` document has a gold file beside it, ``<stem>.gold.csv``, listing in
document order every figure a careful reader would extract: text, kind, low, high, unit, qualifier. What counts
as a figure follows the module docstring of ``briefing.extraction.figures`` (vague quantities such as "dozens of" are not
figures; fractions such as "a third of" are percentages; counts of attributed sources, "two officials said",
are not figures; table cells take the unit of their column or caption).

A gold figure is located by its text, searched after the previous gold figure and ignoring whitespace (HTML
entities are blanked to spaces in place). An extracted row matches a gold figure when their spans overlap and
kind, low, high, unit and qualifier agree; each gold figure matches at most one row.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

from briefing.extraction.figures import extract_figures
from briefing.reading.documents import read_document
from briefing.reading.text import split_sentences

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
THRESHOLD = 0.95


def gold_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.gold.csv"))


def document_of(gold: Path) -> Path:
    stem = gold.name.removesuffix(".gold.csv")
    (path,) = [p for p in FIXTURES.iterdir() if p.stem == stem and not p.name.endswith(".csv")]
    return path


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each kept character its offset in ``text``."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def load_gold(gold: Path, text: str) -> list[dict]:
    compact, offsets = _compact(text)
    figures = []
    cursor = 0
    with open(gold, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            needle = "".join(row["text"].split())
            found = compact.find(needle, cursor)
            assert found >= 0, f"{gold.name}: gold text {row['text']!r} not found in document order"
            cursor = found + len(needle)
            figures.append(
                {
                    "text": row["text"],
                    "start": offsets[found],
                    "end": offsets[cursor - 1] + 1,
                    "kind": row["kind"],
                    "low": float(row["low"]),
                    "high": float(row["high"]),
                    "unit": row["unit"],
                    "qualifier": row["qualifier"],
                }
            )
    return figures


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def agrees(row: dict, gold: dict) -> bool:
    return (
        row["start"] < gold["end"]
        and gold["start"] < row["end"]
        and row["kind"] == gold["kind"]
        and _same(row["low"], gold["low"])
        and _same(row["high"], gold["high"])
        and row["unit"] == gold["unit"]
        and row["qualifier"] == gold["qualifier"]
    )


def evaluate() -> tuple[int, int, int, list[str]]:
    """(true positives, extracted, gold, report lines of misses and false alarms per document)."""
    true_positives = extracted = expected = 0
    report: list[str] = []
    for gold_path in gold_files():
        document = read_document(document_of(gold_path))
        rows = extract_figures(document, split_sentences(document.text))
        gold = load_gold(gold_path, document.text)
        used: set[int] = set()
        matched_rows: set[int] = set()
        for g_index, g in enumerate(gold):
            for r_index, row in enumerate(rows):
                if r_index not in matched_rows and agrees(row, g):
                    used.add(g_index)
                    matched_rows.add(r_index)
                    break
        true_positives += len(used)
        extracted += len(rows)
        expected += len(gold)
        for g_index, g in enumerate(gold):
            if g_index not in used:
                report.append(
                    f"{document.name}: MISSED {g['text']!r} {g['kind']} {g['low']:g}-{g['high']:g} "
                    f"{g['unit']!r} {g['qualifier']}"
                )
        for r_index, row in enumerate(rows):
            if r_index not in matched_rows:
                report.append(
                    f"{document.name}: EXTRA {row['text']!r} {row['kind']} {row['low']}-{row['high']} "
                    f"{row['unit']!r} {row['qualifier']}"
                )
    return true_positives, extracted, expected, report


def test_the_evaluation_set_is_there():
    golds = gold_files()
    assert len(golds) >= 8
    for gold in golds:
        document = read_document(document_of(gold))
        assert load_gold(gold, document.text)


def test_precision_and_recall_on_unseen_documents():
    true_positives, extracted, expected, report = evaluate()
    precision = true_positives / extracted if extracted else 0.0
    recall = true_positives / expected if expected else 0.0
    summary = (
        f"precision {precision:.3f} ({true_positives}/{extracted}), recall {recall:.3f} ({true_positives}/{expected})"
    )
    print(summary)
    assert precision >= THRESHOLD and recall >= THRESHOLD, summary + "\n" + "\n".join(report)
