"""Word documents (.docx) with python-docx: paragraphs and tables in document order, and the core properties.

Each paragraph is a line (headings too); a table is written as tab-separated rows between blank lines (see
``readers.table_lines``), so a bare cell takes its column header, row label and the caption above it as in HTML.
The title, author and creation date come from the core properties (File > Properties in Word), where a template
may have left its own: a file made from python-docx's default template says it was created on 23 December 2013,
so that date is not taken as the document's.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from ..documents import Document, Metadata, UnreadableDocument, log
from . import blocks_text, checksum, table_lines

_TEMPLATE_CREATED = dt.date(2013, 12, 23)  # python-docx's default template's creation date


def read(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise UnreadableDocument("not a readable Word document (not a .docx package)") from None
    except (KeyError, ValueError) as error:
        raise UnreadableDocument(f"not a readable Word document ({error})") from None
    blocks: list[str] = []
    lines: list[str] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table
            if lines:
                blocks.append("\n".join(lines))
                lines = []
            blocks.append(table_lines([[cell.text for cell in _distinct(row.cells)] for row in item.rows]))
        else:
            words = " ".join(item.text.split())
            if words:
                lines.append(words)
    if lines:
        blocks.append("\n".join(lines))
    text = blocks_text(blocks)
    if not text.strip():
        log.warning("%s: empty document; nothing to extract", path.name)
    return Document(
        name=path.name,
        path=path,
        text=text,
        sha256=checksum(text),
        encoding="",
        size=len(text),
        metadata=_metadata(document),
    )


def _distinct(cells) -> list:
    """A row's cells, a merged cell once (python-docx repeats it for every grid column it spans)."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _metadata(document) -> Metadata:
    core = document.core_properties
    created = core.created.date() if core.created else None
    return Metadata(
        title=" ".join((core.title or "").split()),
        author=" ".join((core.author or "").split()),
        published=created.isoformat() if created and created != _TEMPLATE_CREATED else "",
        format="docx",
    )
