"""Score figures on tests/fixtures/figures_heldout.csv: sentences written before the rules of issue 20 were tuned,
kept apart from the regression tests (pytest does not collect this file). Run:
``PYTHONPATH=. .venv/bin/python tests/score_figures_heldout.py [-v]``.

A row is correct when a figure of its sentence has the expected low, high, qualifier and unit (an empty unit is not
checked); a row "none" is correct when no figure is read from the sentence's number.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

from briefing.extraction.figures import extract_figures
from briefing.reading.documents import Document
from briefing.reading.text import split_sentences

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "figures_heldout.csv"


def figures_of(sentence: str) -> list[dict]:
    document = Document("heldout.txt", Path("heldout.txt"), sentence, sentence, "utf-8")
    return extract_figures(document, split_sentences(sentence))


def correct(row: dict, figures: list[dict]) -> bool:
    if row["low"] == "none":
        return not figures
    low, high = float(row["low"]), float(row["high"])
    return any(
        math.isclose(float(f["low"]), low, rel_tol=1e-6)
        and math.isclose(float(f["high"]), high, rel_tol=1e-6)
        and f["qualifier"] == row["qualifier"]
        and (not row["unit"] or f["unit"].lower() == row["unit"].lower())
        for f in figures
    )


def main(verbose: bool) -> float:
    with HELDOUT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    right = 0
    for row in rows:
        figures = figures_of(row["sentence"])
        ok = correct(row, figures)
        right += ok
        if verbose and not ok:
            got = [(f["text"], f["low"], f["high"], f["qualifier"], f["unit"]) for f in figures]
            print(
                f"MISS {row['sentence']!r}\n     want {row['low']} {row['high']} {row['qualifier']} "
                f"{row['unit']!r}; got {got}"
            )
    score = right / len(rows)
    print(f"figures held-out: {right}/{len(rows)} fully correct ({score:.2f})")
    return score


if __name__ == "__main__":
    main("-v" in sys.argv)
