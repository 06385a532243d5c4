"""Plural nouns: what a number may count. One stop-list for every extractor (figures count nouns, dates tell a
year from a count by the noun after it)."""

from __future__ import annotations

import csv
from pathlib import Path

from .. import DATA_DIR

# Words that are never a counted noun after a number: grammar words, and words that look plural but are not.
STOP_WORDS = frozenset(
    "of in to from the a an and or by for with on at as was were is are has have had will would be been being "
    "that which who whom whose per than this these those its their his her our your it they we he she there "
    "into onto over under between among during since before after until about against within without via not "
    "no nor but so if then also only each every all some more most less than such other another same both "
    "when where while what how why do does did can could may might must shall should".split()
)
# Words ending in "s" that are not plurals.
NOT_PLURAL = frozenset(
    "this its his thus news yes does goes sees always perhaps whereas besides towards afterwards plus less unless "
    "across various numerous previous serious famous us gas bus status basis analysis crisis series species "
    "means ones".split()
)
IRREGULAR_PLURALS = frozenset(
    "people personnel aircraft children men women staff police cattle livestock militia crew chassis".split()
)
# Nouns in "-men" that are singular; the others are plurals of "-man": servicemen, crewmen, militiamen.
SINGULAR_IN_MEN = frozenset(
    "specimen abdomen regimen stamen acumen cyclamen hymen semen albumen bitumen omen amen".split()
)


def is_plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun: "drones", "servicemen", "people"; not "status", "its", "was"."""
    lowered = word.lower()
    if lowered in IRREGULAR_PLURALS:
        return True
    if lowered in NOT_PLURAL or lowered in STOP_WORDS or len(lowered) < 3:
        return False
    if lowered.endswith("men"):
        return lowered not in SINGULAR_IN_MEN
    return lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "'s", "’s"))


# ---------------------------------------------------------------- canonical classes of counted nouns

COUNTED_NOUNS = DATA_DIR / "counted_nouns.csv"


def _read_classes(path: Path) -> dict[str, list[tuple[str, str]]]:
    """noun -> [(class, word the sentence must hold or "")] from the table, in its order."""
    classes: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            classes.setdefault(row["noun"].strip().lower(), []).append(
                (row["class"].strip(), (row["only_with"] or "").strip().lower())
            )
    return classes


_CLASSES = _read_classes(COUNTED_NOUNS)


def unit_class(noun: str, sentence: str) -> str:
    """The canonical class of a counted noun ("UAVs" -> "drones", "individuals" -> "people"), so that counts add
    like with like; a noun the table ties to words ("units" to "drone", "rounds" to "ammunition;artillery") has its
    class only in a sentence holding one of them. "" when the table does not know it."""
    rows = _CLASSES.get(noun.lower())
    if not rows:
        return ""
    lowered = None
    for name, only_with in rows:
        if not only_with:
            return name
        lowered = lowered if lowered is not None else sentence.lower()
        if any(word in lowered for word in only_with.split(";")):
            return name
    return ""
