"""Saved web pages: the article's main text only, with its metadata; site furniture never yields a figure."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from briefing.extraction.extract import extract_folder
from briefing.reading.documents import read_document

PAGE = Path(__file__).parent / "fixtures" / "readers" / "news_page.html"


def tables_of(folder: Path, out: Path) -> dict[str, list[dict]]:
    extract_folder(folder, out)
    tables = {}
    for name in ("figures", "dates", "documents"):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    return tables


def test_only_the_article_is_read_and_its_metadata_recorded():
    document = read_document(PAGE)
    assert document.text.startswith("Ammunition trains to Russia doubled, rail workers say\n\nBelarusian railway")
    for furniture in (
        "Politics",
        "847 partners",
        "Views",
        "12 comments",
        "5 things",
        "Trending",
        "company number",
        "0800",
        "87 shares",
    ):
        assert furniture not in document.text, furniture
    metadata = document.metadata
    assert (metadata.title, metadata.author, metadata.publisher, metadata.published, metadata.url) == (
        "Ammunition trains to Russia doubled, rail workers say",
        "Anna Kavaliova",
        "Minsk Ledger",
        "2024-04-09",
        "https://ledger.example.org/2024/04/ammunition-trains",
    )


def test_figures_are_the_articles_and_trace_to_their_sentences(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(PAGE, tmp_path / "docs" / PAGE.name)
    tables = tables_of(tmp_path / "docs", tmp_path / "out")
    text = read_document(PAGE).text
    assert [row["text"] for row in tables["figures"] if row["kind"] != "multiplier"] == [
        "38 trains",
        "2,558 tonnes",
        "130,000 tonnes",
    ]
    for row in tables["figures"]:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert text[int(row["sentence_start"]) : int(row["sentence_end"])] == row["sentence"]
        assert row["page"] == ""
    # "last month" is read against the article's own date (9 April 2024), not the clock
    assert {row["text"]: row["value"] for row in tables["dates"]}["last month"] == "2024-03"
    [document] = tables["documents"]
    assert (
        document["title"],
        document["author"],
        document["publisher"],
        document["published"],
        document["url"],
        document["format"],
    ) == (
        "Ammunition trains to Russia doubled, rail workers say",
        "Anna Kavaliova",
        "Minsk Ledger",
        "2024-04-09",
        "https://ledger.example.org/2024/04/ammunition-trains",
        "html",
    )


def test_a_binary_file_named_html_is_skipped_with_one_line(tmp_path, caplog):
    (tmp_path / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert read_document(tmp_path / "picture.html") is None
    assert "picture.html: skipped: binary file, not a text document" in caplog.text
