"""PDF reports: text page by page with pdfium (pypdfium2), tables with pdfplumber, and a page map.

* **Speed.** pdfium reads a page's text in C, in content order, which is reading order for the single-column
  reports and papers this briefing reads; pdfplumber (pdfminer, pure Python) is some ten times slower, so it runs
  only on a page that draws enough lines to hold a ruled table, and only there does it write the page.
* **Lines into paragraphs.** A PDF breaks a paragraph into lines, and a sentence never crosses a line break in
  this project (text.py). A line that reaches the right edge of the page's text (within a tenth of its width) was
  wrapped, so it is joined to the next with a space; a shorter line ends its paragraph or is a heading. A page
  number alone on the first or last line of a page is dropped ("12", "Page 3 of 10", "- 4 -").
* **Tables as tables.** A table found by pdfplumber is written where it stands on the page as tab-separated rows
  under the lines above it (see ``readers.table_lines``): its caption ("Table 1. Exports to Russia (USD million)")
  stays above it, so a bare cell takes its caption's unit, its column header's period and its row label as measure,
  as the figure extractor reads HTML tables. The other choice, a sentence per cell ("Exports to Russia, 2023 (USD
  million): 9,310"), would repeat the caption per cell and move every offset away from the page's own words.
* **Pages.** Every page's first character has an offset, so each extracted row gets its page ("p. 2"). A long PDF
  comes as parts of ``PART_PAGES`` pages (cut where a paragraph ends), so memory stays bounded: one page is open
  at a time, and extraction sees one part at a time.
* **Notices.** An encrypted PDF, a corrupt one, and one without a text layer (scanned: run OCR first) are skipped
  with one line each; pages without text in a PDF that has some are counted in one notice.
* **Metadata.** Title, author and creation date from the document information dictionary; the page count.
  Chromium and most exporters write the day the PDF was made as its creation date, which may be later than the
  publication.

The checksum is the file's (its text is never held whole).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..documents import PART_BYTES, Document, Metadata, UnreadableDocument, log
from . import table_lines

PART_PAGES = 50
# A page that draws at least this many paths (lines, rectangles) may hold a ruled table: pdfplumber looks there.
TABLE_PATHS = 4
# A line whose right end is within this share of the text's width from the right edge was wrapped.
WRAPPED_WITHIN = 0.10
_PAGE_NUMBER = re.compile(r"(?i)\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?\s*")
# Titles printers write when the source had none
_NO_TITLE = frozenset(("about:blank", "untitled", "untitled document"))
# What pdfium may leave in a line that is no text: NUL, its mark for a hyphen it made, byte-order marks, soft hyphens
_INVISIBLE = dict.fromkeys(map(ord, "\x00\x02\ufffe\ufeff\u00ad"))
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")


def read(path: Path, parts: bool = True) -> Iterator[Document]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(_reason(str(error))) from None
    plumber = _Plumber(path)
    try:
        yield from _documents(pdf, path, parts, plumber)
    finally:
        plumber.close()
        pdf.close()


class _Plumber:
    """pdfplumber's view of the same file, opened once when a page first needs it (its opening parses the
    document's structure); each page it reads is flushed afterwards, so memory stays bounded."""

    def __init__(self, path: Path) -> None:
        self.path, self.document = path, None

    def page(self, index: int):
        if self.document is None:
            import pdfplumber

            self.document = pdfplumber.open(self.path)
        return self.document.pages[index]

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


def _reason(message: str) -> str:
    if "password" in message.lower():
        return "encrypted PDF: it needs a password to open; save an unprotected copy to read it"
    detail = message.rsplit("PDFium:", 1)[-1].strip(" ).") if "PDFium:" in message else message
    return f"not a readable PDF ({detail.lower() or 'damaged'})"


def _documents(pdf, path: Path, parts: bool, plumber: _Plumber) -> Iterator[Document]:
    name = path.name
    pages = len(pdf)
    metadata = _metadata(pdf, pages)
    digest = _file_digest(path)
    texts: list[str] = []  # the pages of the part being gathered
    starts: list[int] = []
    first_page, offset, part_chars, empty_pages = 1, 0, 0, 0
    ended_paragraph = True
    emitted = 0
    right = 0.0  # the right edge of the text column, widest so far: a short page's last line is not taken as full
    for index in range(pages):
        page_text, wrapped, right = _page_text(pdf, index, plumber, right)
        if not page_text:
            empty_pages += 1
        separator = "" if not texts else (" " if not ended_paragraph else "\n\n")
        if parts and texts and ended_paragraph and (len(texts) >= PART_PAGES or part_chars >= PART_BYTES):
            yield _part(name, path, texts, digest, metadata, offset, starts, first_page)
            emitted += 1
            offset += part_chars
            # the separator opens the next part, so that the parts joined are the text of the whole
            texts, starts, part_chars, first_page = [], [], 0, index + 1
        starts.append(offset + part_chars + len(separator))
        texts.append(separator + page_text)
        part_chars += len(separator) + len(page_text)
        ended_paragraph = not wrapped
    if empty_pages == pages:
        raise UnreadableDocument("no text layer (a scanned PDF?): run OCR on it to read it")
    if empty_pages:
        log.warning("%s: %d of %d pages have no text layer (scanned?); they are not read", name, empty_pages, pages)
    last = _part(name, path, texts, digest, metadata, offset, starts, first_page)
    if not emitted:  # one part: the whole document, whose size is known
        last = Document(**{**last.__dict__, "size": len(last.text)})
    yield last


def _part(name, path, texts, digest, metadata, offset, starts, first_page) -> Document:
    return Document(
        name=name,
        path=path,
        text="".join(texts),
        sha256=digest,
        encoding="",
        offset=offset,
        metadata=metadata,
        page_starts=tuple(starts),
        first_page=first_page,
    )


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _metadata(pdf, pages: int) -> Metadata:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a damaged information dictionary: the text may still be read
        info = {}
    found = _PDF_DATE.match(info.get("CreationDate", ""))
    published = ""
    if found and found.group(2) and found.group(3):
        published = f"{found.group(1)}-{found.group(2)}-{found.group(3)}"
    title = " ".join(info.get("Title", "").split())
    if title.lower() in _NO_TITLE:
        title = ""
    return Metadata(
        title=title, author=" ".join(info.get("Author", "").split()), published=published, format="pdf", pages=pages
    )


def _page_text(pdf, index: int, plumber: _Plumber, right: float) -> tuple[str, bool, float]:
    """A page's text, whether its last line was wrapped (the paragraph goes on on the next page), and the right
    edge of the text column (``right``: as far as the pages before it showed)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        width = page.get_width()
        paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1))
        if paths >= TABLE_PATHS:
            try:
                tabled = _page_with_tables(plumber.page(index), width, right)
            except Exception:  # pdfminer cannot parse what pdfium can: the page is read without its tables
                tabled = None
            if tabled is not None:
                return tabled
        textpage = page.get_textpage()
        try:
            lines = _pdfium_lines(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    lines = _without_page_numbers(lines)
    right = max(right, *(line[1] for line in lines)) if lines else right
    return (*_paragraphs(lines, width, (min(line[0] for line in lines), right) if lines else None), right)


def _pdfium_lines(textpage) -> list[tuple[float, float, str, float, float]]:
    """(left, right, text, type size, width of the first word) of each line pdfium writes (it ends lines with CR
    LF, one character per index)."""
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    lines, start = [], 0
    for line in text.split("\r\n"):
        stripped = line.strip()
        if stripped:
            first = start + (len(line) - len(line.lstrip()))
            last = start + len(line.rstrip()) - 1
            left = textpage.get_charbox(first)[0]
            right = textpage.get_charbox(last)[2]
            word_end = first + len(stripped.split(None, 1)[0]) - 1
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first)
            lines.append((left, right, stripped, size, textpage.get_charbox(word_end)[2] - left))
        start += len(line) + 2
    return lines


def _without_page_numbers(lines: list) -> list:
    while lines and _PAGE_NUMBER.fullmatch(lines[-1][2]):
        lines = lines[:-1]
    while lines and _PAGE_NUMBER.fullmatch(lines[0][2]):
        lines = lines[1:]
    return lines


def _paragraphs(
    lines: list[tuple[float, float, str, float, float]], page_width: float, edges: tuple[float, float] | None = None
) -> tuple[str, bool]:
    """Lines joined into paragraphs: a line runs on into the next when the next line's first word would not have
    fitted after it (so the line was wrapped) and both are in the same type size (a heading is not). Returns the
    text and whether its last line reaches the right edge (its paragraph may go on on the next page). ``edges``:
    the left and right of the page's text, when ``lines`` are only some of its lines."""
    if not lines:
        return "", False
    left, right = edges or _edges(lines)
    wide = right - left >= page_width / 2  # a column of short lines (a list) never wraps
    slack = WRAPPED_WITHIN * (right - left)
    out: list[str] = []
    for index, (_, line_right, text, size, _) in enumerate(lines):
        out.append(text)
        if index + 1 == len(lines):
            break
        _, _, _, next_size, next_word = lines[index + 1]
        same_size = abs(size - next_size) <= 0.1 * max(size, next_size, 1e-6)
        if wide and same_size and line_right + next_word >= right - slack / 4:
            if text.endswith(("\u00ad", "\x02")):  # a soft hyphen: one word across the lines
                out[-1] = text[:-1]
            else:
                out.append(" ")
        else:
            out.append("\n")
    return "".join(out).translate(_INVISIBLE), wide and lines[-1][1] >= right - slack


def _edges(lines: list) -> tuple[float, float]:
    return min(line[0] for line in lines), max(line[1] for line in lines)


def _page_with_tables(page, width: float, right: float) -> tuple[str, bool, float] | None:
    """The page written by pdfplumber, its tables as tab-separated rows where they stand; None when it finds no
    table."""
    try:
        tables = page.find_tables()
        if not tables:
            return None
        boxes = [table.bbox for table in tables]

        def outside(obj) -> bool:
            x, top = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= x <= x1 and t <= top <= b for x0, t, x1, b in boxes)

        items = [
            (line["top"], 0, _plumber_line(line))
            for line in page.filter(outside).extract_text_lines()
            if line["text"].strip()
        ]
        items += [(table.bbox[1], 1, table_lines(table.extract())) for table in tables]
    finally:
        page.close()  # flushes what pdfplumber cached for the page
    items.sort(key=lambda item: (item[0], item[1]))
    text_lines = [content for _, is_table, content in items if not is_table]
    edges = None
    if text_lines:
        left, page_right = _edges(text_lines)
        right = max(right, page_right)
        edges = (left, right)
    blocks: list[str] = []
    run: list = []
    wrapped = False
    for _, is_table, content in items:
        if is_table:
            if run:
                blocks.append(_paragraphs(run, width, edges)[0])
                run = []
            blocks.append(content)
        else:
            run.append(content)
    if run:
        text, wrapped = _paragraphs(_without_page_numbers(run), width, edges)
        blocks.append(text)
    return "\n\n".join(block for block in blocks if block), wrapped, right


def _plumber_line(line: dict) -> tuple[float, float, str, float, float]:
    """A line of pdfplumber's extract_text_lines as _pdfium_lines gives one."""
    chars = line["chars"]
    text = line["text"].strip()
    word = len(text.split(None, 1)[0])
    word_right = chars[min(word, len(chars)) - 1]["x1"] if chars else line["x1"]
    return line["x0"], line["x1"], text, chars[0]["size"] if chars else 0.0, word_right - line["x0"]
