"""The shared sentence splitter."""

from briefing.reading.text import sentence_at, split_sentences


def test_sentences_and_offsets():
    text = "The U.S. Treasury named Peleng. It ships 2,400 drones!\n\nA new line\tA cell"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. Treasury named Peleng.",
        "It ships 2,400 drones!",
        "A new line",
        "A cell",
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_decimals_and_abbreviations_do_not_split():
    sentences = split_sentences("Trade rose 12.5 per cent, approx. 3 times more than Gen. Ivanov said. Next one.")
    assert [s.text for s in sentences] == [
        "Trade rose 12.5 per cent, approx. 3 times more than Gen. Ivanov said.",
        "Next one.",
    ]


def test_sentence_at():
    text = "First one. Second one."
    sentences = split_sentences(text)
    assert sentence_at(sentences, 0).text == "First one."
    assert sentence_at(sentences, text.index("Second")).text == "Second one."
    assert sentence_at(sentences, len(text) + 5) is None
    assert sentence_at([], 0) is None


def test_keyed_alternation_matches_what_the_plain_alternation_matches():
    import re

    from briefing.reading.text import keyed_alternation

    words = ["thousand", "trillion", "tn", "k", "m", "bn", "\\+", "[–—]"]
    keyed = re.compile(f"(?:{keyed_alternation(words, ignore_case=True)})\\b")
    plain = re.compile(f"(?i:{'|'.join(words)})\\b")
    for text in ["thousand", "THOUSAND", "Trillion", "tn", "trn", "\u212a", "k", "bn", "b", "+", "–", "x", "Tn"]:
        assert bool(keyed.match(text)) == bool(plain.match(text)), text


def test_a_gate_admits_where_its_pattern_may_match_and_nothing_else():
    import re

    from briefing.reading.text import Gated, initials

    gate = Gated(re.compile(r"\s*(?:%|per\s?cent)", re.I), initials(["%", "per"], ignore_case=True))
    assert gate.initials == "%Pp"
    assert gate.match("12  Per cent", 2) and gate.match("12%", 2)
    assert gate.match("12 drones", 2) is None
    assert gate.admits("12" + " " * 20, 2)  # nothing but spaces within reach: the pattern decides
