"""PDF reports: text page by page in reading order, tables as tables, a page on every row, notices for PDFs that
cannot be read, and bounded memory on a 500-page PDF. The PDFs are printed here by Chromium (as the briefing's own
PDF is) and edited with pypdfium2 and pypdf."""

from __future__ import annotations

import csv
import tracemalloc

import pytest
from playwright.sync_api import sync_playwright

from briefing.extraction.extract import extract_folder
from briefing.presentation.render import CHROMIUM, CHROMIUM_FLAGS
from briefing.reading.documents import iter_documents, read_document
from briefing.reading.readers import pdf as pdf_reader

WRAPPING = (
    "Belarus shipped 130,582 tonnes of ammunition to Russia from January 2022 to January 2023, according to "
    "the railway workers, who counted the wagons at the border crossings near Orsha every month."
)
REPORT = f"""<html><head><title>Rail freight between Belarus and Russia</title>
<style>body{{font-family:sans-serif}} table{{border-collapse:collapse}} td,th{{border:1px solid #000;padding:4px}}</style>
</head><body>
<h1>Rail freight between Belarus and Russia</h1>
<p>{WRAPPING}</p>
<p>Last month the railway workers counted 38 trains.</p>
<p style="page-break-after:always">Peleng supplies optics to Russia.</p>
<p>Table 1. Exports to Russia (USD million)</p>
<table><tr><th>Product</th><th>2022</th><th>2023</th></tr>
<tr><td>Trucks</td><td>1,204.5</td><td>1,873.2</td></tr>
<tr><td>Optics</td><td>312</td><td>498</td></tr></table>
<p>Belarus supplies Russia with some 40 wagons of shells a week.</p>
</body></html>"""


def print_pdf(html: str, path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.set_content(html)
        page.pdf(path=str(path), format="A4")
        browser.close()


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    import pypdf

    printed = tmp_path_factory.mktemp("pdf") / "printed.pdf"
    print_pdf(REPORT, printed)
    writer = pypdf.PdfWriter(clone_from=str(printed))
    writer.add_metadata({"/Author": "Institute of Rail Studies"})  # Chromium writes the title, not the author
    path = printed.with_name("rail_report.pdf")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_text_page_by_page_in_reading_order_with_wrapped_lines_joined(report_pdf):
    document = read_document(report_pdf)
    text = document.text
    assert WRAPPING in text, "a paragraph wrapped over two lines reads as one sentence"
    assert text.startswith("Rail freight between Belarus and Russia\n"), "a heading is not joined to its paragraph"
    assert text.index("Last month") < text.index("Peleng") < text.index("Table 1.") < text.index("40 wagons")
    assert document.page_starts == (0, text.index("Table 1."))
    assert document.page_at(text.index("Peleng")) == 1 and document.page_at(text.index("Trucks")) == 2
    assert document.metadata.title == "Rail freight between Belarus and Russia"
    assert document.metadata.pages == 2 and document.metadata.format == "pdf"


def test_a_table_is_read_as_rows_under_its_caption(report_pdf):
    text = read_document(report_pdf).text
    assert "Table 1. Exports to Russia (USD million)\n\nProduct\t2022\t2023\nTrucks\t1,204.5\t1,873.2\n" in text


def extracted(folder, tmp_path):
    out = tmp_path / "tables"
    summary = extract_folder(folder, out)
    return summary, {
        name: read_table(out / f"{name}.csv")
        for name in ("figures", "dates", "entities", "relations", "documents", "notices")
    }


def read_table(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_of_a_pdf_carries_its_page_and_cells_take_caption_unit_and_header_period(report_pdf, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / report_pdf.name).write_bytes(report_pdf.read_bytes())
    _, tables = extracted(folder, tmp_path)
    text = read_document(folder / report_pdf.name).text
    for name in ("figures", "dates", "entities", "relations"):
        assert tables[name], name
        for row in tables[name]:
            offset = int(row["start"] if name != "relations" else row["sentence_start"])
            assert row["page"] == ("1" if offset < text.index("Table 1.") else "2"), (name, row)
            if name != "relations":
                assert text[int(row["start"]) : int(row["end"])] == row["text"]
    figures = {row["text"]: row for row in tables["figures"]}
    assert (figures["1,873.2"]["kind"], figures["1,873.2"]["unit"], float(figures["1,873.2"]["low"])) == (
        "money",
        "USD",
        1_873_200_000,
    )
    assert figures["1,873.2"]["period_start"] == "2023" and figures["1,873.2"]["measure"] == "Trucks"
    assert figures["130,582 tonnes"]["page"] == "1" and figures["40 wagons"]["page"] == "2"
    [document] = tables["documents"]
    assert (document["title"], document["author"], document["format"], document["pages"]) == (
        "Rail freight between Belarus and Russia",
        "Institute of Rail Studies",
        "pdf",
        "2",
    )
    assert document["published"], "the PDF's creation date"
    assert int(document["characters"]) == len(text)
    from briefing.analysis.tables import load_tables
    from briefing.presentation.report import claims_register, source_list

    briefing_tables = load_tables(tmp_path / "tables")
    cited = set(claims_register(briefing_tables).frame["characters"].str.extract(r"^(p\. \d+), ", expand=False))
    assert {"p. 1", "p. 2"} <= cited, "the claims register cites the page"
    sources = "".join(source_list(briefing_tables).cells()["title"])
    assert "Institute of Rail Studies" in sources and "2 pages" in sources


def test_pdfs_that_cannot_be_read_get_one_line_each_and_the_folder_is_still_read(report_pdf, tmp_path):
    import pypdf
    import pypdfium2 as pdfium

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_report.pdf").write_bytes(report_pdf.read_bytes())
    (folder / "b_note.txt").write_text("Belarus shipped 2,000 tonnes of shells.", encoding="utf-8")
    scanned = pdfium.PdfDocument.new()
    scanned.new_page(595, 842)
    scanned.save(str(folder / "c_scanned.pdf"))
    writer = pypdf.PdfWriter(clone_from=str(report_pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(folder / "d_locked.pdf", "wb") as handle:
        writer.write(handle)
    (folder / "e_broken.pdf").write_bytes(report_pdf.read_bytes()[:1500])
    summary, tables = extracted(folder, tmp_path)
    assert [row["doc"] for row in tables["documents"]] == ["a_report.pdf", "b_note.txt"]
    assert summary.notices == [
        "c_scanned.pdf: skipped: no text layer (a scanned PDF?): run OCR on it to read it",
        "d_locked.pdf: skipped: encrypted PDF: it needs a password to open; save an unprotected copy to read it",
        "e_broken.pdf: skipped: not a readable PDF (data format error)",
    ]
    assert {row["doc"] for row in tables["figures"]} == {"a_report.pdf", "b_note.txt"}


def test_a_500_page_pdf_is_read_in_parts_with_bounded_memory(report_pdf, tmp_path, caplog):
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(report_pdf))
    big = pdfium.PdfDocument.new()
    big.import_pages(source, ([0] * 24 + [1]) * 20)  # a table on every 25th page
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "big.pdf"
    big.save(str(path))
    big.close()
    source.close()
    tracemalloc.start()
    try:
        parts = []
        for part in iter_documents(tmp_path / "docs"):
            parts.append((part.offset, len(part.text), part.first_page, len(part.page_starts), part.page_starts[0]))
            last = part
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(parts) == 500 // pdf_reader.PART_PAGES
    assert [first for _, _, first, _, _ in parts] == list(range(1, 501, pdf_reader.PART_PAGES))
    assert all(start == offset + (2 if offset else 0) for offset, _, _, _, start in parts), (
        "a part starts with its first page, after the blank line that ends the page before"
    )
    assert [offset for offset, *_ in parts] == [sum(size for _, size, *_ in parts[:i]) for i in range(len(parts))]
    assert last.page_at(last.offset + len(last.text) - 1) == 500
    assert peak < 4 * 2**20, f"peak {peak / 2**20:.1f} MB of Python objects while reading 500 pages"


def test_a_pdf_read_in_parts_gives_the_rows_of_the_whole(report_pdf, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / report_pdf.name).write_bytes(report_pdf.read_bytes())
    _, whole = extracted(folder, tmp_path / "whole")
    monkeypatch.setattr(pdf_reader, "PART_PAGES", 1)
    assert len(list(iter_documents(folder))) == 2, "one part a page"
    _, parted = extracted(folder, tmp_path / "parted")
    for name in ("figures", "dates", "entities", "relations", "documents"):
        assert parted[name] == whole[name], name
