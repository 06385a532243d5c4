"""Reading documents: encodings, markup, duplicates, binary and oversized files, bad folders."""

from __future__ import annotations

import logging
import tracemalloc

import pytest

from briefing.reading.documents import PART_BYTES, DocumentError, html_to_text, iter_documents, read_document


def test_html_markup_is_blanked_to_same_length_so_offsets_index_the_source():
    source = '<p>Exports rose <b>40&ndash;50%</b></p><script>alert("x")</script><td>12</td>'
    text = html_to_text(source)
    assert len(text) == len(source)
    start = source.index("40")
    assert text[start : start + 2] == "40"
    assert "alert" not in text and "<b>" not in text
    assert "–" in text  # the entity decoded, padded to its own length
    assert "\t" in text  # table cells are kept apart


def test_latin1_and_cp1252_documents_are_decoded_with_a_warning(tmp_path, caplog):
    (tmp_path / "latin.txt").write_bytes("Exportations: 12 000 tonnes à Minsk".encode("latin-1"))
    (tmp_path / "windows.txt").write_bytes("He said \u201cmore than 2,400 drones\u201d".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        documents = {d.name: d for d in iter_documents(tmp_path)}
    assert "à Minsk" in documents["latin.txt"].text
    assert "\u201cmore than 2,400 drones\u201d" in documents["windows.txt"].text
    assert documents["windows.txt"].encoding == "cp1252"
    assert "windows.txt: not UTF-8; decoded as Windows-1252" in caplog.text


def test_binary_empty_duplicate_and_oversized_files_are_reported_and_the_rest_read(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Belarus shipped 130,582 tons.", encoding="utf-8")
    (tmp_path / "b-copy.txt").write_text("Belarus shipped 130,582 tons.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with caplog.at_level(logging.WARNING, logger="briefing"):
        names = [d.name for d in iter_documents(tmp_path)]
    assert names == ["a.txt", "empty.txt"]
    assert "b-copy.txt: same text as a.txt; counted once" in caplog.text
    assert "picture.txt: skipped: binary file" in caplog.text
    assert "empty.txt: empty document" in caplog.text


PARAGRAPH = "In March, 2,558 tonnes of ammunition left Belarus by rail for Russia.\n\n"


def test_fifty_megabytes_of_text_are_read_in_parts_with_bounded_memory(tmp_path, caplog):
    repeats = 50 * 1024 * 1024 // len(PARAGRAPH)
    with open(tmp_path / "huge.txt", "w", encoding="utf-8") as handle:
        for _ in range(repeats // 1000):
            handle.write(PARAGRAPH * 1000)
    tracemalloc.start()
    try:
        with caplog.at_level(logging.WARNING, logger="briefing"):
            parts = [(part.offset, len(part.text), part.text.endswith("\n\n")) for part in iter_documents(tmp_path)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "huge.txt: 50.0 MB; read in parts of 4 MB at paragraph breaks" in caplog.text
    assert len(parts) >= 12 and all(ends for *_, ends in parts), "parts end at paragraph breaks"
    assert [offset for offset, *_ in parts] == [sum(size for _, size, _ in parts[:i]) for i in range(len(parts))]
    assert sum(size for _, size, _ in parts) == len(PARAGRAPH) * (repeats // 1000) * 1000
    assert peak < 8 * PART_BYTES, f"peak {peak / 2**20:.0f} MB while reading 50 MB"


def test_a_document_read_in_parts_gives_the_rows_of_the_whole(tmp_path, monkeypatch, seeds_dir):
    import csv

    from briefing.extraction.extract import extract_folder
    from briefing.reading import documents

    source = next(p for p in sorted(seeds_dir.iterdir()))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    extract_folder(tmp_path / "docs", tmp_path / "whole")
    monkeypatch.setattr(documents, "PART_BYTES", 1500)
    summary = extract_folder(tmp_path / "docs", tmp_path / "parts")
    assert any("read in parts" in notice for notice in summary.notices)
    text = source.read_text(encoding="utf-8")

    def rows(folder, table):
        with open(tmp_path / folder / f"{table}.csv", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    for table in ("figures", "dates", "documents"):
        assert rows("parts", table) == rows("whole", table), table
    for row in rows("parts", "figures"):
        assert text[int(row["start"]) : int(row["end"])] == row["text"]


def test_missing_or_empty_folder_is_one_clear_error(tmp_path):
    with pytest.raises(DocumentError, match="no such folder"):
        list(iter_documents(tmp_path / "absent"))
    with pytest.raises(DocumentError, match="no documents"):
        list(iter_documents(tmp_path))
    (tmp_path / "only.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(DocumentError, match="none of the documents could be read"):
        list(iter_documents(tmp_path))


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTroops: 13,000")
    document = read_document(path)
    assert document.text == "Troops: 13,000" and document.encoding == "utf-8"


@pytest.mark.parametrize(
    "variant",
    [
        str.upper,
        str.swapcase,
        lambda text: text.replace("i", "\u0130"),
        lambda text: text.replace("i", "\u0131"),  # İ and ı
        lambda text: text.replace("s", "\u017f"),
        lambda text: text.replace("k", "\u212a"),  # ſ and the Kelvin sign
    ],
    ids=["upper", "swapcase", "dotted-I", "dotless-i", "long-s", "kelvin-sign"],
)
def test_letters_that_patterns_fold_to_ascii_never_break_extraction(variant):
    """re.IGNORECASE matches "bİllion" and "ADDED ... TO ITS LIST": every word it matches is looked up folded."""
    from pathlib import Path

    from briefing.extraction.entities import load_gazetteer
    from briefing.extraction.extract import extract_document
    from briefing.reading.documents import Document

    fixtures = Path(__file__).parent / "fixtures"
    gazetteer = load_gazetteer()
    for path in (
        fixtures / "documents" / "eval_belstat_release.txt",
        fixtures / "relations" / "eval" / "01_wire_ammunition.txt",
        fixtures / "relations" / "eval" / "09_belarus_industry.txt",
    ):
        text = variant(read_document(path).text)
        document = Document(name=path.name, path=None, text=text, sha256="variant", encoding="utf-8")
        tables = extract_document(document, gazetteer)
        assert tables["figures"], path.name


def test_html_entities_are_read_by_the_standard_librarys_table_and_keep_offsets():
    from briefing.reading.documents import html_to_text

    source = "<p>Peleng&rsquo;s sights &eacute;t&Eacute; &frac12;&nbsp;&mdash; &bogus; &#8212;&amp;</p>"
    text = html_to_text(source)
    assert len(text) == len(source)  # offsets into the text index the source
    # each entity is padded with spaces to its own length; unknown names stay as written
    assert text.split() == ["Peleng’", "s", "sights", "é", "tÉ", "½", "—", "&bogus;", "—", "&"]
