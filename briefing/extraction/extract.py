"""Extraction of a folder of documents into figures.csv, dates.csv, entities.csv and relations.csv.

Documents are streamed one at a time and rows are written as they are found, so memory stays flat however many
documents the folder holds. The tables are written to a temporary folder and moved into place at the end, so a
failed run never leaves half a set of tables.
"""

from __future__ import annotations

import csv
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..reading.documents import Document, document_names, iter_documents, log
from ..reading.furniture import drop_furniture
from ..reading.text import iter_sentences, split_sentences
from ..schema import (
    DATE_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    FIGURE_COLUMNS,
    PAGE_COLUMN,
    RELATION_COLUMNS,
    UNKNOWN_COLUMNS,
)
from .dates import extract_dates
from .entities import Gazetteer, find_entities, load_gazetteer
from .figures import extract_figures
from .parallel import extract_documents
from .relations import extract_relations
from .unknowns import find_unknowns

TABLES = {
    "figures": [*FIGURE_COLUMNS, PAGE_COLUMN],
    "dates": [*DATE_COLUMNS, PAGE_COLUMN],
    "entities": [*ENTITY_COLUMNS, PAGE_COLUMN],
    "relations": [*RELATION_COLUMNS, PAGE_COLUMN],
    "unknowns": UNKNOWN_COLUMNS,
}
# The offset that places a row on a page: its own start, or its sentence's for a relation.
_PAGE_OFFSET = {"figures": "start", "dates": "start", "entities": "start", "relations": "sentence_start"}


@dataclass
class ExtractionSummary:
    documents: int = 0
    characters: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {name: 0 for name in TABLES})
    notices: list[str] = field(default_factory=list)


class _Notices(logging.Handler):
    """Collects the one-line notices about documents (skipped, re-encoded, duplicated) for the tables."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def extract_document(document: Document, gazetteer: Gazetteer, tables=tuple(TABLES)) -> dict[str, list[dict]]:
    """The rows of each table named in ``tables`` (all by default) for one document (or one part of a large one,
    with offsets in the whole document). Relations are read off the figures and entities, found for them if need be."""
    sentences = split_sentences(document.text)
    figures = extract_figures(document, sentences) if "figures" in tables or "relations" in tables else []
    if figures:
        figures = without_furniture(figures, document.text)
    entities = find_entities(document, sentences, gazetteer) if "entities" in tables or "relations" in tables else []
    steps = {
        "figures": lambda: figures,
        "dates": lambda: extract_dates(document, sentences),
        "entities": lambda: entities,
        "relations": lambda: extract_relations(document, sentences, entities, figures, gazetteer),
        "unknowns": lambda: find_unknowns(document, sentences),
    }
    tables = {name: step() for name, step in steps.items() if name in tables}
    add_pages(tables, document)
    if document.offset:
        for rows in tables.values():
            _shift(rows, document.offset, Path(document.name).stem)
    return tables


def without_furniture(figures: list[dict], text: str) -> list[dict]:
    """The figures that are not in site furniture (a download's size, a view count, a "Read more" line)."""
    return drop_furniture(figures, text)


def add_pages(tables: dict[str, list[dict]], document: Document) -> None:
    """Fill the page column of the rows of a document part (offsets still in the part): the page that holds each
    row's start, for a paged document; empty for the others."""
    for name, rows in tables.items():
        column = _PAGE_OFFSET.get(name)
        if column is None:
            continue
        if not document.page_starts:
            for row in rows:
                row[PAGE_COLUMN] = ""
            continue
        for row in rows:
            offset = row.get(column)
            row[PAGE_COLUMN] = document.page_at(document.offset + offset) if isinstance(offset, int) else ""


_OFFSET_COLUMNS = ("start", "end", "sentence_start", "sentence_end")
_ID_COLUMNS = ("figure_id", "date_id", "relation_id")


def _shift(rows: list[dict], offset: int, stem: str) -> None:
    """Move a part's rows to offsets in the whole document; ids ("<stem>:<offset>...") move with them."""
    prefix = f"{stem}:"
    for row in rows:
        for column in _OFFSET_COLUMNS:
            if isinstance(row.get(column), int):
                row[column] += offset
        for column in _ID_COLUMNS:
            value = row.get(column)
            if isinstance(value, str) and value.startswith(prefix):
                number, _, rest = value[len(prefix) :].partition(":")
                if number.isdigit():
                    row[column] = f"{prefix}{int(number) + offset}" + (f":{rest}" if rest else "")


def document_title(document: Document) -> str:
    """The title the file states, else its first non-empty line: the headline in the articles and reports analysts
    collect."""
    if document.metadata and document.metadata.title:
        return document.metadata.title[:160]
    for sentence in iter_sentences(document.text[:2000]):
        return sentence.text[:160]
    return document.name


def document_row(document: Document) -> dict:
    """The documents.csv row of a document: its title, what its file states about itself, checksum and size."""
    metadata = document.metadata
    suffix = Path(document.name).suffix.lower().lstrip(".")
    return {
        "doc": document.name,
        "title": document_title(document),
        "author": metadata.author if metadata else "",
        "publisher": metadata.publisher if metadata else "",
        "published": metadata.published if metadata else "",
        "url": metadata.url if metadata else "",
        "channel": metadata.channel if metadata else "",
        "format": (metadata.format if metadata else "") or ("html" if suffix == "htm" else suffix),
        "pages": metadata.pages if metadata and metadata.pages is not None else "",
        "sha256": document.sha256,
        "encoding": document.encoding,
        "characters": document.size or len(document.text),
    }


def extract_folder(
    seeds_dir: Path, out_dir: Path, gazetteer: Gazetteer | None = None, tables=tuple(TABLES)
) -> ExtractionSummary:
    """Extract every document in ``seeds_dir`` into CSV tables in ``out_dir``: those named in ``tables`` (all by
    default), with documents.csv and notices.csv.

    Notices about documents are returned in the summary and written to notices.csv, not printed: the caller
    decides where a reader sees them.
    """
    unknown = [name for name in tables if name not in TABLES]
    if unknown:
        raise ValueError(f"{unknown[0]}: unknown table (choose from {', '.join(TABLES)})")
    gazetteer = gazetteer or load_gazetteer()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = ExtractionSummary(rows={name: 0 for name in TABLES if name in tables})
    notices = _Notices()
    log.addHandler(notices)
    propagate, log.propagate = log.propagate, False
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=out_dir))
    try:
        columns_of = {name: columns for name, columns in TABLES.items() if name in tables}
        columns_of["documents"] = DOCUMENT_COLUMNS
        files = {name: open(staging / f"{name}.csv", "w", newline="", encoding="utf-8") for name in columns_of}
        try:
            writers = {
                name: csv.DictWriter(files[name], columns, extrasaction="ignore")
                for name, columns in columns_of.items()
            }
            for writer in writers.values():
                writer.writeheader()
            pending: dict | None = None  # the documents row of the document being read, written when it ends
            # over every core, or a Dask cluster when one is set; results in document order (briefing.extraction.parallel)
            total = len(document_names(seeds_dir))
            for document, extracted in extract_documents(iter_documents(seeds_dir), gazetteer, tables, total=total):
                summary.characters += len(document.text)
                if document.offset == 0:  # the whole document, or the first part of a large one
                    if pending:
                        writers["documents"].writerow(pending)
                    summary.documents += 1
                    pending = document_row(document)
                elif pending and not document.size:  # a PDF's size is known once its last part is read
                    pending["characters"] = document.offset + len(document.text)
                for name, rows in extracted.items():
                    writers[name].writerows(rows)
                    summary.rows[name] += len(rows)
            if pending:
                writers["documents"].writerow(pending)
        finally:
            for handle in files.values():
                handle.close()
        summary.notices = notices.lines
        with open(staging / "notices.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["notice"])
            writer.writerows([line] for line in summary.notices)
        for path in staging.iterdir():
            os.replace(path, out_dir / path.name)
    finally:
        log.removeHandler(notices)
        log.propagate = propagate
        shutil.rmtree(staging, ignore_errors=True)
    return summary
