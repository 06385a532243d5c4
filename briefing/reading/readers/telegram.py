"""Telegram channel exports: Telegram Desktop's "Export chat history" in JSON (``result.json``).

Each message with text becomes a document of its own, named ``<channel>_<message id>``, dated by the message
(its date anchors the message's relative dates) and linked to it (``https://t.me/<channel>/<id>``), so that a
channel's posts become a time series (``channels.posts_per_month``). The export names the channel's title and
numeric id but not its public username: a ``username`` field, when a tool added one, or else the file's name
(``belarusian_hajun.json``) gives it; failing both, links take Telegram's form for a channel by id
(``https://t.me/c/<id>/<message id>``). A message's text may be a string or a list of strings and formatted
pieces; service messages and messages without text (a photo alone) are not documents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..documents import Document, Metadata, UnreadableDocument, decode, log
from . import checksum

_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_EXPORT_NAMES = frozenset(("result", "messages", "export"))


def read(path: Path) -> Iterator[Document]:
    text, encoding = decode(path.read_bytes(), path.name)
    try:
        export = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableDocument(f"not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise UnreadableDocument("not a Telegram export (no list of messages)")
    title = str(export.get("name") or "")
    channel, link_base = _channel(export, path)
    without_text = 0
    for message in export["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        body = message_text(message.get("text", ""))
        if not body.strip():
            without_text += 1
            continue
        number = message.get("id")
        metadata = Metadata(
            title=_first_line(body),
            author=str(message.get("from") or title),
            publisher=title,
            published=str(message.get("date") or "")[:10],
            url=f"{link_base}/{number}",
            channel=channel,
            format="telegram",
        )
        yield Document(
            name=f"{channel.replace('/', '_')}_{number}",
            path=path,
            text=body,
            sha256=checksum(body),
            encoding=encoding,
            size=len(body),
            metadata=metadata,
        )
    if without_text:
        log.warning("%s: %d messages without text (media alone) are not read", path.name, without_text)


def message_text(text) -> str:
    """A message's text: the export gives a string, or a list of strings and {"type": ..., "text": ...} pieces."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            piece if isinstance(piece, str) else str(piece.get("text", "")) if isinstance(piece, dict) else ""
            for piece in text
        )
    return ""


def _channel(export: dict, path: Path) -> tuple[str, str]:
    """The channel's name for documents and the base of its message links."""
    username = str(export.get("username") or "").lstrip("@")
    if not _USERNAME.fullmatch(username):
        stem = path.stem
        username = stem if _USERNAME.fullmatch(stem) and stem.lower() not in _EXPORT_NAMES else ""
    if username:
        return username, f"https://t.me/{username}"
    number = str(export.get("id") or "0")
    return f"c/{number}", f"https://t.me/c/{number}"


def _first_line(body: str) -> str:
    line = body.strip().split("\n", 1)[0]
    return line[:157] + "…" if len(line) > 160 else line
