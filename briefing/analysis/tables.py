"""The extraction's CSV tables read back for analysis and the briefing (their columns: briefing/schema.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..extraction.relation_rules import STATED_MODALITIES
from ..schema import DATE_COLUMNS, DOCUMENT_COLUMNS, ENTITY_COLUMNS, FIGURE_COLUMNS, RELATION_COLUMNS, UNKNOWN_COLUMNS


@dataclass
class Tables:
    figures: pd.DataFrame
    dates: pd.DataFrame
    entities: pd.DataFrame
    relations: pd.DataFrame  # what the briefing may state: asserted and hedged relations
    unknowns: pd.DataFrame
    documents: pd.DataFrame
    notices: pd.DataFrame
    unstated_relations: pd.DataFrame | None = None  # planned and denied ones: never drawn or stated as fact

    def every_relation(self) -> pd.DataFrame:
        """The relations of every modality, the stated ones first (relations.csv in that order)."""
        unstated = self.unstated_relations
        if unstated is None or unstated.empty:
            return self.relations
        return unstated if self.relations.empty else pd.concat([self.relations, unstated], ignore_index=True)


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=columns)
    return frame.reindex(columns=list(dict.fromkeys([*columns, *frame.columns])), fill_value="")


def load_tables(tables_dir) -> Tables:
    """The extraction's CSV tables, with offsets and values as numbers."""
    folder = Path(tables_dir)
    figures = _read(folder / "figures.csv", FIGURE_COLUMNS)
    for column in ("low", "high"):
        figures[column] = pd.to_numeric(figures[column], errors="coerce")
    relations = _read(folder / "relations.csv", RELATION_COLUMNS)
    # (a table written before relations had a modality states all its relations)
    stated = relations["modality"].isin(STATED_MODALITIES) | (relations["modality"] == "")
    tables = Tables(
        figures=figures,
        dates=_read(folder / "dates.csv", DATE_COLUMNS),
        entities=_read(folder / "entities.csv", ENTITY_COLUMNS),
        relations=relations[stated].reset_index(drop=True),
        unknowns=_read(folder / "unknowns.csv", UNKNOWN_COLUMNS),
        documents=_read(folder / "documents.csv", DOCUMENT_COLUMNS),
        notices=_read(folder / "notices.csv", ["notice"]),
        unstated_relations=relations[~stated].reset_index(drop=True),
    )
    for frame in (
        tables.figures,
        tables.dates,
        tables.entities,
        tables.relations,
        tables.unstated_relations,
        tables.unknowns,
    ):
        for column in ("start", "end", "sentence_start", "sentence_end"):
            if column in frame:
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return tables
