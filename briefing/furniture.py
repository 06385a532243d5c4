"""Site furniture in plain text: the parts of a saved page that are about the page, not the subject.

A saved article carries the size of its download links ("Read Full Report (PDF 1MB)"), view and comment counts
("Views: 3,418 · 12 comments") and "Read more" lines. Their numbers are not figures: extraction drops every figure
that lies in one of these spans (extract.extract_document). Web pages read by trafilatura lose most furniture before
this (readers/html.py); this table covers what plain text keeps. The patterns are data: add a row to add a kind.
"""

from __future__ import annotations

import re

_SIZE = r"\d+(?:[.,]\d+)?\s?(?-i:[KMG]i?B|kB|[KMG]b)\b"
_FILE_TYPE = r"(?-i:PDF|DOCX?|XLSX?|CSV|ZIP|EPUB|PPTX?|RTF|ODT|MP3|MP4)\b"
_COUNT = r"\d[\d,.\u00a0 ]*[KkMm]?"

FURNITURE_PATTERNS: list[tuple[str, str]] = [
    # "(PDF 1MB)", "PDF, 1.2 MB", "PDF | 850 KB"
    ("download size", rf"{_FILE_TYPE}[\s,:;·|–-]*\(?\s*{_SIZE}"),
    # "1 MB PDF", "(850 KB, PDF)"
    ("download size", rf"{_SIZE}\s*\)?[\s,;·|–-]*{_FILE_TYPE}"),
    # "Download the report (2.4 MB)"
    ("download size", rf"download[^\n]{{0,60}}?{_SIZE}"),
    # "Views: 3,418 · 12 comments", "3.4K views", "12 comments", "Shares 87": counts on a short line of their own
    ("view count", rf"^[^\S\n]*(?:(?:views?|reads?|shares?|likes?|comments?)[:\s]*{_COUNT}"
                   rf"|{_COUNT}\s*(?:views?|reads?|shares?|likes?|comments?))\b[^\n]{{0,60}}$"),
    # "Read more: 5 things to know about the sanctions", "Continue reading", "Related stories: ..."
    ("read more line", r"^[^\S\n]*(?:read more|read also|read next|continue reading|see also"
                       r"|related(?:\s+(?:articles?|stories|posts|news|reading))?\s*:)[^\n]{0,160}$"),
]

# Line patterns hold "^" and "$": lines (re.M); words in any case (re.I), size units are case-sensitive above.
_FURNITURE = re.compile("|".join(f"(?:{pattern})" for _, pattern in FURNITURE_PATTERNS), re.M | re.I)
# Every pattern holds one of these words or a size unit: a text with none of them has no furniture (a quick test).
_CUES = re.compile(r"(?i)[KMG]i?B\b|\b(?:views?|reads?|shares?|likes?|comments?|more|continue|see also|related)\b")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of site furniture in ``text``, in order."""
    if not _CUES.search(text):
        return []
    return [match.span() for match in _FURNITURE.finditer(text)]


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
