"""Word documents: paragraphs and tables in document order, tables read as tables, the core properties."""

from __future__ import annotations

import datetime as dt

import docx

from briefing.extraction.entities import load_gazetteer
from briefing.extraction.extract import extract_document
from briefing.reading.documents import read_document


def make_docx(path, created=dt.datetime(2024, 5, 2, 9, 0)):
    document = docx.Document()
    document.add_heading("Optics exports from Belarus", level=1)
    document.add_paragraph("Peleng supplies sights to Russia. Last month it shipped 120 sights.")
    document.add_paragraph("Table 3. Shipments (units)")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [["", "2022", "2023"], ["Sights", "410", "730"], ["Rangefinders", "95", ""]]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    document.add_paragraph("The figures come from customs records.")
    document.core_properties.title = "Optics exports"
    document.core_properties.author = "Monitoring group"
    document.core_properties.created = created
    document.save(str(path))


def test_paragraphs_and_tables_in_document_order(tmp_path):
    make_docx(tmp_path / "optics.docx")
    document = read_document(tmp_path / "optics.docx")
    assert document.text == (
        "Optics exports from Belarus\nPeleng supplies sights to Russia. Last month it shipped 120 sights.\n"
        "Table 3. Shipments (units)\n\n–\t2022\t2023\nSights\t410\t730\nRangefinders\t95\t–\n\n"
        "The figures come from customs records."
    )
    assert (document.metadata.title, document.metadata.author, document.metadata.published) == (
        "Optics exports",
        "Monitoring group",
        "2024-05-02",
    )


def test_table_cells_take_their_column_and_row_and_relative_dates_the_documents_date(tmp_path):
    make_docx(tmp_path / "optics.docx")
    document = read_document(tmp_path / "optics.docx")
    tables = extract_document(document, load_gazetteer())
    figures = {row["text"]: row for row in tables["figures"]}
    assert (figures["730"]["period_start"], figures["730"]["measure"]) == ("2023", "Sights")
    assert figures["95"]["measure"] == "Rangefinders"
    assert {row["text"]: row["value"] for row in tables["dates"]}["Last month"] == "2024-04"
    assert all(row["page"] == "" for rows in tables.values() for row in rows if "page" in row)


def test_the_default_templates_creation_date_is_not_the_documents(tmp_path):
    make_docx(tmp_path / "template.docx", created=dt.datetime(2013, 12, 23, 23, 15))
    assert read_document(tmp_path / "template.docx").metadata.published == ""


def test_damaged_word_files_are_skipped_with_one_line_each_and_the_folder_still_read(tmp_path, caplog):
    import zipfile

    from briefing.reading.documents import iter_documents

    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("notes.txt", "a zip, but not a Word package")
    make_docx(tmp_path / "optics.docx")
    assert [d.name for d in iter_documents(tmp_path)] == ["optics.docx"]
    assert "broken.docx: skipped: not a readable Word document (not a .docx package)" in caplog.text
    assert 'other.docx: skipped: not a readable Word document ("There is no item named' in caplog.text
