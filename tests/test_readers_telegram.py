"""Telegram Desktop channel exports: a dated, linked document per message, and a channel's posts per month."""

from __future__ import annotations

import csv
import json

import pandas as pd

from briefing.extraction.extract import extract_folder
from briefing.presentation.channels import posts_per_month
from briefing.reading.documents import iter_documents

EXPORT = {
    "name": "Rail monitors",
    "type": "public_channel",
    "id": 1234567890,
    "messages": [
        {
            "id": 101,
            "type": "message",
            "date": "2024-01-15T08:00:00",
            "from": "Rail monitors",
            "text": "Last month 41 ammunition trains left Belarus for Russia.",
        },
        {"id": 102, "type": "service", "date": "2024-01-16T08:00:00", "action": "pin_message"},
        {"id": 103, "type": "message", "date": "2024-01-20T10:30:00", "photo": "photos/1.jpg", "text": ""},
        {
            "id": 104,
            "type": "message",
            "date": "2024-03-02T09:15:00",
            "from": "Rail monitors",
            "text": ["Near Orsha we counted ", {"type": "bold", "text": "12 wagons"}, " of shells this week."],
        },
        {"id": 105, "type": "message", "date": "2024-03-28T19:00:00", "text": "Another 9 wagons passed Homel."},
    ],
}


def write_export(folder, name="rail_monitors.json", export=EXPORT):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(export), encoding="utf-8")


def test_each_message_with_text_is_a_dated_linked_document(tmp_path, caplog):
    write_export(tmp_path / "docs")
    documents = list(iter_documents(tmp_path / "docs"))
    assert [d.name for d in documents] == ["rail_monitors_101", "rail_monitors_104", "rail_monitors_105"]
    assert documents[1].text == "Near Orsha we counted 12 wagons of shells this week."
    assert [d.metadata.published for d in documents] == ["2024-01-15", "2024-03-02", "2024-03-28"]
    assert documents[0].metadata.url == "https://t.me/rail_monitors/101"
    assert documents[0].metadata.publisher == "Rail monitors"
    assert "rail_monitors.json: 1 messages without text (media alone) are not read" in caplog.text


def test_an_export_named_result_links_by_the_channels_id(tmp_path):
    write_export(tmp_path / "docs", name="result.json")
    first = next(iter_documents(tmp_path / "docs"))
    assert (first.name, first.metadata.url) == ("c_1234567890_101", "https://t.me/c/1234567890/101")


def test_relative_dates_read_against_the_message_and_the_tables_carry_the_link(tmp_path):
    write_export(tmp_path / "docs")
    extract_folder(tmp_path / "docs", tmp_path / "out")
    with open(tmp_path / "out" / "dates.csv", encoding="utf-8", newline="") as handle:
        dates = {(row["doc"], row["text"]): row["value"] for row in csv.DictReader(handle)}
    assert dates[("rail_monitors_101", "Last month")] == "2023-12"
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert list(documents["url"]) == [f"https://t.me/rail_monitors/{n}" for n in (101, 104, 105)]
    assert set(documents["channel"]) == {"rail_monitors"} and set(documents["format"]) == {"telegram"}


def test_posts_per_month_fills_the_months_without_posts():
    documents = pd.DataFrame(
        {
            "doc": ["a_1", "a_2", "a_3", "b_1", "report.txt"],
            "channel": ["a", "a", "a", "b", ""],
            "published": ["2024-01-15", "2024-03-02", "2024-03-28", "2024-02-01", "2024-02-01"],
            "format": ["telegram", "telegram", "telegram", "telegram", "txt"],
        }
    )
    counts = posts_per_month(documents)
    assert counts.to_dict("records") == [
        {"channel": "a", "month": "2024-01", "posts": 1},
        {"channel": "a", "month": "2024-02", "posts": 0},
        {"channel": "a", "month": "2024-03", "posts": 2},
        {"channel": "b", "month": "2024-02", "posts": 1},
    ]
    assert list(posts_per_month(documents, channel="b")["posts"]) == [1]
    assert posts_per_month(documents, channel="nobody").empty


def test_a_json_file_that_is_not_an_export_is_skipped_with_one_line(tmp_path, caplog):
    write_export(tmp_path / "docs", name="config.json", export={"settings": []})
    (tmp_path / "docs" / "note.txt").write_text("Some 300 wagons crossed.", encoding="utf-8")
    assert [d.name for d in iter_documents(tmp_path / "docs")] == ["note.txt"]
    assert "config.json: skipped: not a Telegram export (no list of messages)" in caplog.text


def test_the_posts_chart_draws_a_line_per_channel_and_says_when_there_is_none():
    from briefing.presentation.channels import posts_chart

    counts = pd.DataFrame({"channel": ["a", "a", "b"], "month": ["2024-01", "2024-02", "2024-02"], "posts": [1, 0, 3]})
    figure = posts_chart(counts)
    assert [(trace.name, list(trace.y)) for trace in figure.data] == [("t.me/a", [1, 0]), ("t.me/b", [3])]
    assert "t.me/a, t.me/b" in figure.layout.meta["source_note"]
    empty = posts_chart(posts_per_month(pd.DataFrame(columns=["doc", "channel", "published", "format"])))
    assert not empty.data and "No Telegram channel" in empty.layout.annotations[0].text
