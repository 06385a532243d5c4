"""Reading source documents: decoding, duplicates and broken files; PDF, web pages, Word files and Telegram
exports through the readers in ``briefing.reading.readers``.

Offsets everywhere in the project index ``Document.text``, the text the reader produced. For ``.txt`` and ``.md``
that is the file decoded as it is; for the other formats it is the text their reader writes (see each module of
``briefing.reading.readers``), with tables as tab-separated rows. Every format's problems (a PDF with no text layer, an
encrypted or corrupt file) give a one-line notice, and the rest of the folder is still read.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.entities import html5
from pathlib import Path

from ..errors import UserError

log = logging.getLogger("briefing")

PLAIN_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (*PLAIN_SUFFIXES, ".html", ".htm", ".pdf", ".docx", ".json")
# Plain-text documents larger than this are read in parts of about this size, cut at paragraph breaks, so memory
# stays bounded however large a file is. HTML must be read whole to blank its markup: larger HTML is skipped.
PART_BYTES = 4 * 1024 * 1024
MAX_HTML_BYTES = 20 * 1024 * 1024

BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b")

_BLOCK_TAGS = frozenset(
    "p div br li ul ol tr table thead tbody h1 h2 h3 h4 h5 h6 section article header footer blockquote pre "
    "title caption hr dd dt dl figure figcaption main nav aside".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_HIDDEN_BLOCK = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>", re.S)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")


class DocumentError(UserError):
    """A problem with the input folder that stops the run (missing folder, nothing readable)."""


class UnreadableDocument(Exception):
    """A document that cannot be read (encrypted, corrupt, no text layer): its message is the one-line notice."""


@dataclass(frozen=True)
class Metadata:
    """What a document's file states about itself; empty strings where it states nothing."""

    title: str = ""
    author: str = ""
    publisher: str = ""
    published: str = ""  # ISO day
    url: str = ""
    channel: str = ""
    format: str = ""
    pages: int | None = None


@dataclass(frozen=True)
class Document:
    """A document's text, or one part of a large one: ``offset`` is where ``text`` starts in the whole document."""

    name: str
    path: Path
    text: str
    sha256: str
    encoding: str
    offset: int = 0
    size: int = 0  # characters in the whole document; 0 when unknown until the last part (a PDF read page by page)
    metadata: Metadata | None = None
    # Paged formats: where each page of this part starts, in offsets into the whole document, the first being page
    # ``first_page``. Empty for unpaged formats.
    page_starts: tuple[int, ...] = ()
    first_page: int = 1

    def page_at(self, offset: int) -> int | str:
        """The page holding ``offset`` (into the whole document), or "" for an unpaged document."""
        if not self.page_starts:
            return ""
        return self.first_page + max(0, bisect.bisect_right(self.page_starts, offset) - 1)


def _blank(match: re.Match, first: str = " ") -> str:
    """The matched markup as spaces of the same length (newlines kept), starting with ``first``."""
    span = match.group(0)
    blanked = re.sub(r"[^\n]", " ", span)
    return first + blanked[1:] if blanked and blanked[0] != "\n" else blanked


def html_to_text(source: str) -> str:
    """Blank HTML markup to whitespace of the same length, so offsets into the text index the source."""
    text = _HIDDEN_BLOCK.sub(lambda m: _blank(m, "\n"), source)
    text = _COMMENT.sub(_blank, text)

    def tag(match: re.Match) -> str:
        name = (match.group(1) or "").lower()
        if name in _BLOCK_TAGS:
            return _blank(match, "\n")
        if name in _CELL_TAGS:
            return _blank(match, "\t")
        return _blank(match)

    text = _TAG.sub(tag, text)

    def entity(match: re.Match) -> str:
        code = match.group(1)
        if code.startswith("#x"):
            char = chr(int(code[2:], 16))
        elif code.startswith("#"):
            char = chr(int(code[1:]))
        else:
            # every named entity HTML5 knows (the standard library's table), as written or in lower case
            char = html5.get(code + ";") or html5.get(code.lower() + ";")
            if char is None or len(char) > len(match.group(0)):
                return match.group(0)
        return char + " " * (len(match.group(0)) - 1)

    return _ENTITY.sub(entity, text)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8, else Windows-1252, else Latin-1, warning when it is not UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.warning("%s: not UTF-8; decoded as %s", name, "Windows-1252" if encoding == "cp1252" else "Latin-1")
        return text, encoding
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def looks_binary(head: bytes) -> bool:
    return head.startswith(BINARY_MAGIC) or b"\x00" in head[:8192]


def read_document(path: Path) -> Document | None:
    """One document read whole, or None with a one-line notice when it cannot be used. A PDF comes with all its
    pages in one text; a Telegram export as its first message (iter_documents reads every message)."""
    name = path.name
    if path.suffix.lower() not in PLAIN_SUFFIXES:
        from . import readers

        try:
            documents = list(readers.read(path, parts=False))
        except UnreadableDocument as error:
            log.warning("%s: skipped: %s", name, error)
            return None
        return documents[0] if documents else None
    size = path.stat().st_size
    if path.suffix.lower() in (".html", ".htm") and size > MAX_HTML_BYTES:
        log.warning(
            "%s: skipped: %.1f MB of HTML is over the %.0f MB limit; save it as text to read it",
            name,
            size / 2**20,
            MAX_HTML_BYTES / 2**20,
        )
        return None
    data = path.read_bytes()
    if looks_binary(data[:8192]):
        log.warning("%s: skipped: binary file, not a text document", name)
        return None
    text, encoding = decode(data, name)
    if not text.strip():
        log.warning("%s: empty document; nothing to extract", name)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(name=name, path=path, text=text, sha256=digest, encoding=encoding, size=len(text))


def _paragraph_parts(text_parts: Iterator[str]) -> Iterator[str]:
    """Regroup a stream of text into parts that end at a paragraph break (or a line break, failing that)."""
    carry = ""
    for chunk in text_parts:
        carry += chunk
        paragraph = carry.rfind("\n\n")
        end = paragraph + 2 if paragraph >= len(carry) // 2 else carry.rfind("\n") + 1
        if end > 0:
            yield carry[:end]
            carry = carry[end:]
    if carry:
        yield carry


def read_large_document(path: Path) -> tuple[Document, Iterator[Document]] | None:
    """A large plain-text document as a header (whole-document checksum and size) and an iterator of its parts.

    The file is read twice, part by part: once for its checksum, encoding and size, once for extraction.
    """
    name = path.name
    with open(path, "rb") as handle:
        if looks_binary(handle.read(8192)):
            log.warning("%s: skipped: binary file, not a text document", name)
            return None
    encoding = "utf-8"
    try:
        digest, size = _scan(path, encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
        try:
            digest, size = _scan(path, encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            digest, size = _scan(path, encoding)
    if encoding != "utf-8":
        log.warning("%s: not UTF-8; decoded as %s", name, "Windows-1252" if encoding == "cp1252" else "Latin-1")
    log.warning(
        "%s: %.1f MB; read in parts of %.0f MB at paragraph breaks",
        name,
        path.stat().st_size / 2**20,
        PART_BYTES / 2**20,
    )
    header = Document(name=name, path=path, text="", sha256=digest, encoding=encoding, size=size)

    def parts() -> Iterator[Document]:
        offset = 0
        for text in _paragraph_parts(_decoded_chunks(path, encoding)):
            yield Document(name=name, path=path, text=text, sha256=digest, encoding=encoding, offset=offset, size=size)
            offset += len(text)

    return header, parts()


def _decoded_chunks(path: Path, encoding: str) -> Iterator[str]:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig" if encoding == "utf-8" else encoding)()
    with open(path, "rb") as handle:
        while block := handle.read(PART_BYTES):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)


def _scan(path: Path, encoding: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for text in _decoded_chunks(path, encoding):
        digest.update(text.encode("utf-8"))
        size += len(text)
    return digest.hexdigest(), size


def document_names(folder: Path) -> list[str]:
    """The file names of the documents in a folder, sorted; raises DocumentError when the folder is unusable.

    Names, not Path objects: a tenth of the memory, which matters with tens of thousands of documents.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DocumentError(f"{folder}: no such folder of documents")
    with os.scandir(folder) as entries:
        names = sorted(
            entry.name
            for entry in entries
            if entry.is_file() and os.path.splitext(entry.name)[1].lower() in DOCUMENT_SUFFIXES
        )
    if not names:
        raise DocumentError(f"{folder}: no documents (.txt, .md, .html, .pdf, .docx, Telegram .json) in the folder")
    return names


def iter_documents(folder: Path) -> Iterator[Document]:
    """Stream the readable documents of a folder, each distinct text once; a large one comes as its parts, a
    Telegram export as one document per message.

    Raises DocumentError when the folder is missing, holds no documents, or none could be read.
    """
    folder = Path(folder)
    first_named: dict[bytes, str] = {}  # checksum -> the first document with that text; bytes are half a hex string
    readable = 0
    for name in document_names(folder):
        path = folder / name
        read_any = duplicate = False
        try:
            for document in _file_documents(path):
                if document.offset == 0:  # a document starts: its first part, or the whole of it
                    read_any = True
                    checksum = bytes.fromhex(document.sha256)
                    duplicate = checksum in first_named
                    if duplicate:
                        log.warning("%s: same text as %s; counted once", document.name, first_named[checksum])
                        continue
                    first_named[checksum] = document.name
                elif duplicate:
                    continue
                yield document
        except UnreadableDocument as error:
            log.warning("%s: skipped: %s", name, error)
        except OSError as error:
            log.warning("%s: skipped: cannot read (%s)", name, error.strerror or error)
        readable += read_any
    if not readable:
        raise DocumentError(f"{folder}: none of the documents could be read")


def _file_documents(path: Path) -> Iterator[Document]:
    """The documents of one file (parts of a large one in order, each document starting at offset 0)."""
    if path.suffix.lower() not in PLAIN_SUFFIXES:
        from . import readers  # the readers' libraries are imported only when a folder holds such a file

        yield from readers.read(path, parts=True)
    elif path.stat().st_size > PART_BYTES:
        large = read_large_document(path)
        if large:
            yield from large[1]  # its parts carry the whole document's checksum
    else:
        document = read_document(path)
        if document is not None:
            yield document
