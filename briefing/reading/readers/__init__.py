"""Readers of the formats that are not plain text, one module per format, each giving ``Document`` objects whose
``text`` is what the reader wrote (every extracted row's offsets index it) and whose ``metadata`` holds what the
file states about itself.

Each reader raises ``UnreadableDocument`` with a one-line reason for a file it cannot read; the caller turns it
into a notice and goes on with the folder. The libraries are imported only when a file of their format is read, so
a folder of plain text pays nothing for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..documents import Document, UnreadableDocument, log, looks_binary


def read(path: Path, parts: bool = True) -> Iterator[Document]:
    """The documents of a file in a non-plain format. ``parts``: a long PDF comes as parts of some pages each
    (bounded memory); otherwise as one document.

    Whatever a library raises on a damaged file becomes UnreadableDocument, so that a bad file is one line of
    notice and never stops the folder (the traceback is logged at debug level, shown with VERBOSE=1).
    """
    try:
        yield from _read(path, parts)
    except (UnreadableDocument, OSError):
        raise
    except Exception as error:  # noqa: BLE001 - a third-party parser's error on a bad file
        log.debug("%s: reader failed", path.name, exc_info=True)
        raise UnreadableDocument(f"cannot be read ({type(error).__name__}: {error})") from None


def _read(path: Path, parts: bool) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".json"):
        with open(path, "rb") as handle:
            if looks_binary(handle.read(8192)):
                raise UnreadableDocument("binary file, not a text document")
    if suffix == ".pdf":
        from . import pdf

        return pdf.read(path, parts=parts)
    if suffix in (".html", ".htm"):
        from . import html

        return iter((html.read(path),))
    if suffix == ".docx":
        from . import docx

        return iter((docx.read(path),))
    if suffix == ".json":
        from . import telegram

        return telegram.read(path)
    raise UnreadableDocument(f"no reader for {suffix} files")


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def blocks_text(blocks: list[str]) -> str:
    """Blocks (paragraphs, headings, tables already written as lines) one after another, a blank line between
    them so that no sentence runs from one into the next."""
    return "\n\n".join(block for block in blocks if block.strip())


def table_lines(rows: list[list[str]]) -> str:
    """A table as the figure extractor reads one: a row a line, cells split by tabs, the header row first.

    A bare cell then takes its column header's period ("2023"), its row label as measure ("Trucks") and the unit
    the caption above the table states ("USD million"), as figures.py reads HTML and TSV tables. A row with one
    non-empty cell (a caption spread over the columns, a section label) is written as a line of text. Line breaks
    and tabs inside a cell become spaces, so a cell never splits its row; an empty cell is written "–", so that
    every row keeps its columns (the extractor counts a row's non-empty cells).
    """
    lines = []
    for row in rows:
        cells = [" ".join((cell or "").split()) for cell in row]
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        lines.append(filled[0] if len(filled) == 1 else "\t".join(cell or "–" for cell in cells))
    return "\n".join(lines)
