"""The briefing charts each Telegram channel's posts per month when the documents include channel posts."""

from __future__ import annotations

from seeds_support import PROJECT_ROOT, SEEDS, copy_seeds
from test_readers_telegram import write_export

from briefing.extraction.extract import extract_folder
from briefing.presentation.compose import Briefing

REFERENCE = PROJECT_ROOT / "data" / "reference"


def test_channel_posts_are_charted_per_month_beside_the_seeds(tmp_path):
    docs = copy_seeds(tmp_path / "docs")
    write_export(docs)
    extract_folder(docs, tmp_path / "tables")
    chart = Briefing.load(tmp_path / "tables", REFERENCE).channel_posts_chart()
    assert [(t.name, list(t.x), list(t.y)) for t in chart.data] == [
        ("t.me/rail_monitors", ["2024-01", "2024-02", "2024-03"], [1, 0, 2])
    ]
    assert "t.me/rail_monitors" in chart.layout.meta["source_note"]
    assert chart.layout.xaxis.type == "category" and chart.layout.yaxis.dtick == 1, "months as written, whole posts"


def test_no_channel_posts_no_chart(tmp_path):
    extract_folder(SEEDS, tmp_path / "tables")
    assert Briefing.load(tmp_path / "tables", REFERENCE).channel_posts_chart() is None


def test_a_build_with_channel_posts_and_unreviewed_parties_shows_them(tmp_path):
    from briefing.build.pipeline import build

    docs = copy_seeds(tmp_path / "docs")
    write_export(docs)
    (docs / "parts.txt").write_text(
        "Parts\n\nNingbo Gearbox Works supplies gearboxes to Belarus, according to customs "
        "data. Belarus reportedly supplies shells to Russia. Iran plans to supply drones "
        "to Belarus.\n",
        encoding="utf-8",
    )
    result = build(docs, {}, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    html = result.html.read_text(encoding="utf-8")
    assert "Posts per month, by Telegram channel" in html and "t.me/rail_monitors" in html
    assert "Belarus reportedly supplies Russia" in html
    assert "Stated as planned or denied, not as fact:" in html
    assert "Ningbo Gearbox Works" in html and "unreviewed: not in the gazetteer" in html
