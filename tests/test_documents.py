"""Reading documents: encodings, markup, duplicates, binary and oversized files, bad folders."""

from __future__ import annotations

import logging

import pytest

from briefing.documents import DocumentError, html_to_text, iter_documents, read_document


def test_html_markup_is_blanked_to_same_length_so_offsets_index_the_source():
    source = '<p>Exports rose <b>40&ndash;50%</b></p><script>alert("x")</script><td>12</td>'
    text = html_to_text(source)
    assert len(text) == len(source)
    start = source.index("40")
    assert text[start:start + 2] == "40"
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
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: the reader must refuse it without reading it
    with caplog.at_level(logging.WARNING, logger="briefing"):
        names = [d.name for d in iter_documents(tmp_path)]
    assert names == ["a.txt", "empty.txt"]
    assert "b-copy.txt: same text as a.txt; counted once" in caplog.text
    assert "picture.txt: skipped: binary file" in caplog.text
    assert "huge.txt: skipped: 50.0 MB is over the 20 MB limit" in caplog.text
    assert "empty.txt: empty document" in caplog.text


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
