"""Known unknowns: sentences in which a document says that something is not known, not public or hard to measure."""

from __future__ import annotations

import re
from pathlib import Path

from ..reading.documents import Document
from ..reading.text import Sentence, fold_case, sentence_at
from ..schema import UNKNOWN_COLUMNS  # noqa: F401  also reached as unknowns.UNKNOWN_COLUMNS

# Cues that a source admits a gap in the evidence. Each is a phrase an analyst would flag by hand. Matched without
# re.IGNORECASE in the folded text (text.fold_case), which reads as re.IGNORECASE would read the text, at about
# half the cost.
_CUES = re.compile(
    r"\b(?:no (?:publicly available |public |reliable |official |independent )?(?:sources?|data|figures?|information|"
    r"evidence|records?)\b[^.]*?\b(?:specif|exist|show|confirm|available|report|give|state)\w*"
    r"|(?:it is|it's|it was|remains?|is) (?:hard|difficult|impossible|unclear|not clear|unknown|not known)"
    r"(?: to (?:know|tell|say|track|verify|confirm|establish|gauge|assess|determine|estimate|measure))?"
    r"|hard to (?:track|know|verify|gauge|assess|measure|quantify)"
    r"|difficult to (?:track|know|verify|gauge|assess|measure|quantify)"
    r"|(?:could|can) not be (?:verified|confirmed|independently verified)|cannot be (?:verified|confirmed)"
    r"|not (?:publicly )?(?:known|disclosed|published|verified|confirmed|reported)"
    r"|(?:un(?:known|clear|verified|confirmed|disclosed|published|documented))"
    r"|denied|no (?:way|means) (?:to|of) (?:know|verify)|little is known|lack of (?:data|information|transparency))"
)


# Words (lower case) of which every match of _CUES contains at least one: a sentence without any is not searched.
_CUE_KEYS = (
    "no ",
    "not ",
    "hard",
    "difficult",
    "impossible",
    "unclear",
    "unknown",
    "cannot",
    "unverified",
    "unconfirmed",
    "undisclosed",
    "unpublished",
    "undocumented",
    "denied",
    "little is known",
    "lack of",
)


def _keyed(folded: str, sentences: list[Sentence]) -> set[int]:
    """The starts of the sentences that hold a key, found by one search of the whole (folded) document per key."""
    keyed = set()
    for key in _CUE_KEYS:
        at = folded.find(key)
        while at >= 0:
            sentence = sentence_at(sentences, at)
            if sentence is not None and at + len(key) <= sentence.end:
                keyed.add(sentence.start)
            at = folded.find(key, at + 1)
    return keyed


def find_unknowns(document: Document, sentences: list[Sentence]) -> list[dict]:
    """One row per sentence that states a gap in the evidence, with the words that say so."""
    rows = []
    name = Path(document.name).name
    folded = fold_case(document.text)
    keyed = _keyed(folded, sentences)  # _CUES is searched only in these sentences
    for sentence in sentences:
        match = _CUES.search(folded, sentence.start, sentence.end) if sentence.start in keyed else None
        if match:
            rows.append(
                {
                    "doc": name,
                    "sentence_start": sentence.start,
                    "sentence_end": sentence.end,
                    "sentence": sentence.text,
                    "cue": document.text[match.start() : match.end()],
                }
            )
    return rows
