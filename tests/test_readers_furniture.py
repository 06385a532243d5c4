"""Site furniture in plain text (download sizes, view counts, "Read more" lines) is not a figure."""

from __future__ import annotations

import pytest
from seeds_support import SEEDS

from briefing.extraction.entities import load_gazetteer
from briefing.extraction.extract import extract_document
from briefing.reading.documents import Document, read_document
from briefing.reading.furniture import furniture_spans


def figures_of(text: str) -> list[str]:
    document = Document(name="page.txt", path=None, text=text, sha256="0" * 64, encoding="utf-8", size=len(text))
    return [row["text"] for row in extract_document(document, load_gazetteer(), ("figures",))["figures"]]


def test_the_download_size_in_a_seed_is_not_a_figure():
    document = read_document(SEEDS / "003_d90ae2d9ccfe776e.txt")
    assert "Read Full Report(PDF 1MB)" in document.text
    assert all("MB" not in text for text in figures_of(document.text))


@pytest.mark.parametrize(
    "line",
    [
        "Read Full Report (PDF, 1.2 MB)",
        "Download the full paper (2.4 MB)",
        "Annex | 850 KB PDF",
        "Views: 3,418 · 12 comments",
        "3.4K views",
        "Read more: 5 things to know about the sanctions",
        "Related stories: Minsk sends 300 wagons a week",
    ],
)
def test_furniture_lines_yield_no_figure(line):
    text = f"Belarus shipped 2,558 tonnes of shells.\n{line}\nRussia sent 12 trains back."
    assert figures_of(text) == ["2,558 tonnes", "12 trains"]


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("The ministry received 12 comments from the public on the draft law.", "12 comments"),
        ("The data centre stores 40 TB of customs records.", "40 TB"),
        ("Related exports rose by 12% in 2023.", "12%"),
        ("12 comments were received on the draft law.", "12 comments"),
        ("Top officials said 300 wagons left Orsha.", "300 wagons"),
    ],
)
def test_sentences_about_the_subject_keep_their_figures(sentence, figure):
    assert furniture_spans(sentence) == []
    assert figure in figures_of(sentence)


SAVED_AS_TEXT = """Home
Politics
Top 10
We and our 847 partners use cookies to personalise content. Accept all
Ammunition trains to Russia doubled, rail workers say
By Anna Kavaliova · 9 April 2024 · Views: 3,418 · 12 comments
Belarusian railway workers counted 38 trains carrying ammunition to Russia last month.
Trending
5 things to know about the new sanctions
Read more: 3 reasons the border closed
Minsk Ledger Ltd, company number 09876543. Newsroom: 0800 123 4567. © 2024 Minsk Ledger.
Share: 87 shares
"""


def test_a_page_saved_as_text_keeps_only_the_articles_figures():
    assert figures_of(SAVED_AS_TEXT) == ["doubled", "38 trains"]
