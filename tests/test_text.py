"""The shared sentence splitter."""

from briefing.text import sentence_at, split_sentences


def test_sentences_and_offsets():
    text = "The U.S. Treasury named Peleng. It ships 2,400 drones!\n\nA new line\tA cell"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["The U.S. Treasury named Peleng.", "It ships 2,400 drones!", "A new line",
                                           "A cell"]
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_decimals_and_abbreviations_do_not_split():
    sentences = split_sentences("Trade rose 12.5 per cent, approx. 3 times more than Gen. Ivanov said. Next one.")
    assert [s.text for s in sentences] == ["Trade rose 12.5 per cent, approx. 3 times more than Gen. Ivanov said.",
                                           "Next one."]


def test_sentence_at():
    text = "First one. Second one."
    sentences = split_sentences(text)
    assert sentence_at(sentences, 0).text == "First one."
    assert sentence_at(sentences, text.index("Second")).text == "Second one."
    assert sentence_at(sentences, len(text) + 5) is None
    assert sentence_at([], 0) is None
