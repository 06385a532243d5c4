"""Saved web pages: the article's main text and its metadata, by trafilatura.

trafilatura drops what is not the article (navigation, cookie banners, share and view counts, "related" and
"trending" lists, comments, footers), so none of it can yield a figure. Its XML output keeps the article's
structure: headings and paragraphs become blocks of text, list items lines, and tables tab-separated rows (see
``readers.table_lines``). The title, author, site name, date and URL come from the page's meta tags, JSON-LD and
markup. A page where trafilatura finds no main text is read whole, its markup blanked (documents.html_to_text),
with a notice. Offsets index the text written here, not the HTML source.
"""

from __future__ import annotations

from pathlib import Path

from ..documents import MAX_HTML_BYTES, Document, Metadata, UnreadableDocument, decode, html_to_text, log
from . import blocks_text, checksum, table_lines


def read(path: Path) -> Document:
    name = path.name
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise UnreadableDocument(
            f"{size / 2**20:.1f} MB of HTML is over the {MAX_HTML_BYTES / 2**20:.0f} MB limit; "
            "save it as text to read it"
        )
    source, encoding = decode(path.read_bytes(), name)
    if not source.strip():
        log.warning("%s: empty document; nothing to extract", name)
    text, metadata = main_text(source)
    if text is None:
        if source.strip():
            log.warning("%s: no main text found; the whole page is read", name)
        text = html_to_text(source)
    return Document(
        name=name, path=path, text=text, sha256=checksum(text), encoding=encoding, size=len(text), metadata=metadata
    )


def main_text(source: str) -> tuple[str | None, Metadata]:
    """The page's main text (None when trafilatura finds none) and its metadata."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        source,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
        favor_precision=True,
        deduplicate=False,
        # the page's own stated date only: a date guessed from its text could anchor "last month" wrongly
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        return None, _metadata_only(source)
    root = etree.fromstring(xml.encode("utf-8"))
    metadata = Metadata(
        title=root.get("title") or "",
        author=root.get("author") or "",
        publisher=root.get("sitename") or root.get("hostname") or "",
        published=(root.get("date") or "")[:10],
        url=root.get("url") or "",
        format="html",
    )
    main = root.find("main")
    blocks = [_block(element) for element in (main if main is not None else [])]
    body = blocks_text(blocks)
    if not body.strip():
        return None, metadata
    if metadata.title and metadata.title not in body[: len(metadata.title) + 200]:
        body = metadata.title + "\n\n" + body  # the headline heads the text, as in a saved article
    return body, metadata


def _metadata_only(source: str) -> Metadata:
    import trafilatura

    found = trafilatura.extract_metadata(source)
    if found is None:
        return Metadata(format="html")
    return Metadata(
        title=found.title or "",
        author=found.author or "",
        publisher=found.sitename or "",
        published=(found.date or "")[:10],
        url=found.url or "",
        format="html",
    )


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _block(element) -> str:
    if element.tag == "table":
        return table_lines([[_words(cell) for cell in row.iter("cell")] for row in element.iter("row")])
    if element.tag == "list":
        return "\n".join(_words(item) for item in element.iter("item"))
    return _words(element)
