"""Site furniture in plain text: the parts of a saved page that are about the page, not the subject.

A saved article carries the size of its download links ("Read Full Report (PDF 1MB)"), view and comment counts
("Views: 3,418 · 12 comments") and "Read more" lines. Their numbers are not figures: extraction drops every figure
that lies in one of them (extract.without_furniture). Web pages read by trafilatura lose most furniture before this
(readers/html.py); this table covers what plain text keeps. The patterns are data: add a row to add a kind.

Only the surroundings of each figure are tested, never the whole text, so plain-text extraction keeps its speed:
a line pattern is tried on the short line holding a figure, a span pattern on the characters around it.
"""

from __future__ import annotations

import re

_SIZE = r"\d+(?:[.,]\d+)?\s?(?-i:[KMG]i?B|kB|[KMG]b)\b"
_FILE_TYPE = r"(?-i:PDF|DOCX?|XLSX?|CSV|ZIP|EPUB|PPTX?|RTF|ODT|MP3|MP4)\b"
_COUNT = r"\d[\d,.\u00a0 ]*[KkMm]?"
_COUNTED = r"(?:views?|reads?|shares?|likes?|comments?)"
_ONE_COUNT = rf"(?:{_COUNTED}\s*:?\s*{_COUNT}|{_COUNT}\s*{_COUNTED})\b"

# Spans around a figure (case-insensitive but where marked): the figure is furniture when one covers its start.
SPAN_PATTERNS: list[tuple[str, str]] = [
    ("download size", rf"{_FILE_TYPE}[\s,:;·|–-]*\(?\s*{_SIZE}"),  # "(PDF 1MB)", "PDF, 1.2 MB", "PDF | 850 KB"
    ("download size", rf"{_SIZE}\s*\)?[\s,;·|–-]*{_FILE_TYPE}"),  # "1 MB PDF", "(850 KB, PDF)"
    ("download size", rf"download[^\n]{{0,60}}?{_SIZE}"),  # "Download the report (2.4 MB)"
    # "Views: 3,418", "· 12 comments", "12 comments ·", "3.4K views" at the end of a line: counts of a byline
    ("view count", rf"{_COUNTED}\s*:\s*{_COUNT}"),
    ("view count", rf"[·|•]\s*{_COUNT}\s*{_COUNTED}\b|{_COUNT}\s*{_COUNTED}\b(?=\s*(?:[·|•]|$))"),
]
# Whole lines (of at most MAX_LINE characters): every figure on such a line is furniture.
LINE_PATTERNS: list[tuple[str, str]] = [
    # "Shares 87", "3.4K views", "1,204 views, 31 likes": a line of counts alone
    ("view count", rf"\s*{_ONE_COUNT}(?:\s*[·|•,]?\s*{_ONE_COUNT})*\s*"),
    # "Read more: 5 things to know about the sanctions", "Continue reading", "Related stories: ..."
    (
        "read more line",
        r"\s*(?:read more|read also|read next|continue reading|see also"
        r"|related(?:\s+(?:articles?|stories|posts|news|reading))?\s*:).*",
    ),
    # a trending or menu entry: "5 things to know about ...", "Top 10", "Top 7 cafés in Hrodna"
    ("list headline", r"\s*(?:top\s+\d+\b|\d+\s+(?:things|reasons|ways|facts|takeaways|questions|charts|photos)\b).*"),
]
# Lines tried only in a document that holds one of the cue words (a quick substring test per document): every
# figure on such a line is furniture. A cookie banner ("We and our 847 partners use cookies") and a footer.
CUED_LINE_PATTERNS: list[tuple[str, tuple[str, ...], str]] = [
    ("cookie banner", ("cookie", "Cookie", "COOKIE"), r".*\bcookies?\b.*"),
    (
        "footer",
        ("©", "ompany number", "ights reserved", "egistered in England"),
        r".*(?:©|\bcompany (?:number|no\.?)|\ball rights reserved\b|\bregistered in england\b).*",
    ),
]
MAX_LINE = 200
# How far around a figure a span pattern may start or end.
_BEFORE, _AFTER = 80, 40

_SPAN = re.compile("|".join(f"(?:{pattern})" for _, pattern in SPAN_PATTERNS), re.I | re.M)
_LINE = re.compile("|".join(f"(?:{pattern})" for _, pattern in LINE_PATTERNS), re.I)
_CUED = [(cues, re.compile(pattern, re.I)) for _, cues, pattern in CUED_LINE_PATTERNS]
# The characters a furniture line may open with (a count, or a word of the patterns above): other lines are not
# tried, so that the figures of ordinary lines cost a character test.
_LINE_FIRSTS = frozenset("0123456789 \tvVrRsSlLcCtT")


# The units figures.py gives a file size or a count of a page's readers: other figures are tested for span
# patterns only when bare and followed by a B ("850 kB": the extractor reads no unit in "kB") or after a colon
# ("Views: 3,418").
_SPAN_UNITS = frozenset(("MB", "GB", "TB", "KB", "view", "views", "comments", "shares", "likes", "reads"))


def drop_furniture(rows: list[dict], text: str) -> list[dict]:
    """The figure rows (with ``start``, ``end`` and ``unit`` in ``text``) that are not in site furniture. Cheap tests
    first: most figures are no file size or view count, most lines open with a character no furniture line opens
    with, and most documents have no cookie banner or footer."""
    cued = [pattern for cues, pattern in _CUED if any(cue in text for cue in cues)]
    kept = []
    for row in rows:
        start, end, unit = row["start"], row["end"], row["unit"]
        line_start = text.rfind("\n", 0, start) + 1
        if unit in _SPAN_UNITS or (not unit and ("B" in text[end : end + 4].upper() or ":" in text[start - 2 : start])):
            if is_furniture(text, start, end):
                continue
        elif text[line_start : line_start + 1] in _LINE_FIRSTS and _on_furniture_line(text, line_start, end):
            continue
        if cued and _on_cued_line(text, line_start, end, cued):
            continue
        kept.append(row)
    return kept


def _on_cued_line(text: str, line_start: int, end: int, patterns: list[re.Pattern]) -> bool:
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    return line_end - line_start <= MAX_LINE and any(p.fullmatch(text, line_start, line_end) for p in patterns)


def _on_furniture_line(text: str, line_start: int, end: int) -> bool:
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    return line_end - line_start <= MAX_LINE and _LINE.fullmatch(text, line_start, line_end) is not None


def is_furniture(text: str, start: int, end: int) -> bool:
    """Whether the figure at ``text[start:end]`` is in site furniture."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    if line_end - line_start <= MAX_LINE and _LINE.fullmatch(text, line_start, line_end):
        return True
    window_start = max(line_start, start - _BEFORE)
    return any(
        found.start() <= start < found.end()
        for found in _SPAN.finditer(text, window_start, min(line_end, end + _AFTER))
    )


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The furniture of a whole text, (start, end) in order: for reading and testing the patterns, not for
    extraction (which tests the surroundings of each figure)."""
    spans = [found.span() for found in _SPAN.finditer(text)]
    position = 0
    for line in text.split("\n"):
        if len(line) <= MAX_LINE and (_LINE.fullmatch(line) or any(p.fullmatch(line) for _, p in _CUED)):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return sorted(spans)
