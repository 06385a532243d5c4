"""Sentence boundaries shared by every extractor, so figures, entities and relations quote the same sentence."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj capt sgt st no nos vs etc e.g i.e approx est fig jan feb mar apr jun jul aug "
    "sep sept oct nov dec inc ltd co corp jsc ojsc llc u.s u.k u.n e.u dept min govt".split()
)
# Where sentences are cut, in one scan of the text: at a run of line breaks and tabs (lines and table cells are
# never joined into one sentence), or after a sentence's end: punctuation before spaces (not a break: the break
# cuts) and a capital or a number. "[\n\t]+|[.!?]+..." is written with one character class first: a pattern that
# starts with a class is scanned for it at C speed, an alternation is tried at every position.
_CUT = re.compile(
    r"[\n\t.!?]"
    r"(?:(?<=[\n\t])[\n\t]*"  # a break
    r"|(?<=[.!?])[.!?]*[\"'”’)\]]*(?=[^\S\n\t]+[\"'“‘(\[]?[A-Z0-9•\-–]))"  # an end
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    # The word before the dot, as re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot]) finds it, without a scan from
    # the start of the text: the run of letters and dots ending at ``dot``, from its first letter.
    start = dot
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    while start < dot and text[start] == ".":
        start += 1
    if start >= dot:
        return False
    token = text[start:dot].lower().rstrip(".")
    return token in _ABBREVIATIONS or len(token) == 1  # initials: "J. Smith", "U.S."


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into ``text``, trimmed of surrounding whitespace."""
    return list(iter_sentences(text))


def iter_sentences(text: str):
    """The sentences of ``text`` one at a time, as split_sentences gives them (to stop after the first)."""
    start = 0
    for cut in _CUT.finditer(text):
        mark = text[cut.start()]
        if mark == "\n" or mark == "\t":
            end, after = cut.span()  # the break belongs to no sentence
        elif mark == "." and _ends_with_abbreviation(text, cut.start()):
            continue
        else:
            end = after = cut.end()  # the punctuation ends the sentence
        sentence = _sentence(text, start, end)
        if sentence is not None:
            yield sentence
        start = after
    sentence = _sentence(text, start, len(text))
    if sentence is not None:
        yield sentence


def _sentence(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end]) if end > start else None


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains ``offset`` (sentences are sorted)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset < sentences[lo].end:
        return sentences[lo]
    return None


def first_char_alternation(alternatives: list[tuple[str, str]]) -> str:
    """An alternation keyed on its first character: ``alternatives`` holds (first characters, rest of pattern) in
    order; the result matches what "|".join of them would, each first character leading to the rests it may start,
    in their order, so that a position is rejected after one character test instead of one per alternative."""
    return _keyed_alternation(alternatives, re.escape)


def word_start_alternation(alternatives: list[tuple[str, str]], not_after: str = r"\w") -> str:
    """first_char_alternation for alternatives that start a word, as if led by "\\b" (by "\\b(?<!-)" with
    ``not_after`` "[\\w-]"): each first character is followed by a lookbehind that nothing in ``not_after`` comes before
    it, so that the pattern starts with a literal and the scan skips to those characters (a leading "\\b" tests
    every position)."""
    return _keyed_alternation(alternatives, lambda char: f"{re.escape(char)}(?<!{not_after}{re.escape(char)})")


def _keyed_alternation(alternatives: list[tuple[str, str]], lead) -> str:
    order: list[str] = []
    rests: dict[str, list[str]] = {}
    for firsts, rest in alternatives:
        for char in firsts:
            if char not in rests:
                order.append(char)
                rests[char] = []
            rests[char].append(rest)
    return "(?:" + "|".join(lead(char) + "(?:" + "|".join(rests[char]) + ")" for char in order) + ")"


# Memo tables (a word or a name -> what it reads as) are emptied when they hold this many entries: real and generated
# corpora keep bringing new numbers and names, and memory must stay flat however many documents a run reads.
MEMO_LIMIT = 1_024

ASCII_FOLDS = frozenset("\u017f\u212a\u0130\u0131")  # letters re.IGNORECASE matches to ASCII letters: ſ K İ ı
_ASCII_FOLD_TABLE = {0x130: "i", 0x131: "i", 0x17F: "s"}  # the Kelvin sign lowers to "k" by itself


def fold_case(text: str) -> str:
    """``text`` in lower case as re.IGNORECASE reads it, one character for one ("İ", which lowers to two, is folded
    first): what a word an re.I pattern matched ("bİllion", "thouſand") is looked up by, and a text whose offsets
    must stay those of the original."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_ASCII_FOLD_TABLE)
    return text.lower()


_ASCII_BYTES = bytes(range(128))


@functools.lru_cache(maxsize=None)
def _uncased(char: str) -> bool:
    return char.lower() == char == char.upper() and char.casefold() == char and char not in ASCII_FOLDS


def ascii_case_only(text: str) -> bool:
    """Whether lower case changes nothing in ``text`` but ASCII capitals, and re.IGNORECASE matches each of its
    other characters only to itself (typographic quotes and dashes, "•", "×"): then a case-sensitive pattern without
    capitals may run on it in lower case in place of the re.IGNORECASE pattern on it."""
    if text.isascii():
        return True
    # Its characters beyond ASCII: the UTF-8 bytes of the others dropped, at C speed.
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    return all(map(_uncased, set(others)))


# ---------------------------------------------------------------- gates: a cheap test before a pattern

# Every character str.isspace() (and so re's "\s") admits: none lies beyond U+3000.
WHITESPACE = "".join(char for char in map(chr, range(0x3001)) if char.isspace())


def case_variants(char: str) -> set[str]:
    """The characters re.IGNORECASE matches to ``char``: "k" -> {"k", "K", "\u212a"} (the Kelvin sign)."""
    return {
        other
        for other in {char, char.lower(), char.upper(), *ASCII_FOLDS}
        if len(other) == 1 and re.fullmatch(re.escape(char), other, re.I)
    }


def _opening(alternative: str) -> tuple[str, str]:
    """The characters an alternative opens with (a literal, an escaped one, a class of literals) and its rest."""
    if alternative.startswith("["):
        end = alternative.index("]", 1)
        return alternative[1:end], alternative[end + 1 :]
    if alternative.startswith("\\"):
        return alternative[1], alternative[2:]
    return alternative[0], alternative[1:]


def initials(alternatives: list[str], ignore_case: bool = False) -> str:
    """The characters that the alternatives of a pattern can open with. Each alternative opens with a literal
    character, an escaped one ("\\+") or a class of literals ("[–—]"); with ``ignore_case``, in every case that
    re.IGNORECASE matches."""
    chars = {char for alternative in alternatives for char in _opening(alternative)[0]}
    if ignore_case:
        chars = {variant for char in chars for variant in case_variants(char)}
    return "".join(sorted(chars))


def keyed_alternation(alternatives: list[str], ignore_case: bool = False) -> str:
    """The alternatives (patterns that open as ``initials`` reads them) as one alternation keyed on their opening
    characters (first_char_alternation): a position that opens none of them fails after a test per key rather
    than a try of each alternative. With ``ignore_case``, keyed on each case re.IGNORECASE matches, the rest
    matched ignoring case."""
    keyed = []
    for alternative in alternatives:
        firsts, rest = _opening(alternative)
        if ignore_case:
            firsts = "".join(sorted({variant for char in firsts for variant in case_variants(char)}))
            rest = f"(?i:{rest})"
        keyed.append((firsts, rest))
    return first_char_alternation(keyed)


class Gated:
    """A pattern that opens with characters to skip and then one of some alternatives, matched only where the first
    character past the skipped ones (within ``reach`` characters) may open an alternative: one string test, much
    cheaper than a failed match. Nothing but skipped characters within reach admits the match too."""

    def __init__(self, pattern: re.Pattern, initials: str, skip: str = WHITESPACE, reach: int = 8):
        self.pattern, self.initials, self.skip, self.reach = pattern, initials, skip, reach

    def admits(self, text: str, pos: int) -> bool:
        return text[pos : pos + self.reach].lstrip(self.skip)[:1] in self.initials  # "" is in every string

    def match(self, text: str, pos: int) -> re.Match | None:
        if text[pos : pos + self.reach].lstrip(self.skip)[:1] in self.initials:  # admits, without a call
            return self.pattern.match(text, pos)
        return None
