"""Word lists: whole words, any case, accents or punctuation; never inside another word."""

import pytest

from comments.words import matches, phrases, tokens


def test_tokens_fold_case_accents_and_punctuation():
    assert tokens("Héllo, WÖRLD!! it's") == ["hello", "world", "it", "s"]


@pytest.mark.parametrize(
    "text",
    ["You IDIOT", "you idiot.", "you i.d.i.o.t", "you i d i o t", "you ídíót", "(idiot)"],
)
def test_a_listed_word_is_found_whatever_the_spelling(text):
    assert matches(text, phrases("idiot")) == ["idiot"]


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United won",  # "cunt" inside a town's name
        "a classic class assessment",  # "ass" inside other words
        "idiotic is a different word",
        "",
    ],
)
def test_a_listed_word_inside_another_word_does_not_match(text):
    assert matches(text, phrases("ass\ncunt\nidiot")) == []


def test_phrases_match_as_a_sequence_of_words():
    entries = phrases("go back to\nfree money")
    assert matches("Why don't you GO back, to where...", entries) == ["go back to"]
    assert matches("money for free", entries) == []


def test_blank_lines_and_punctuation_only_entries_are_ignored():
    assert phrases("\n  \n...\nScam ") == {("scam",)}


def test_a_pathological_input_is_handled_in_one_pass():
    text = ("a." * 1500) + "!" * 3000 + ("ab " * 1000)
    assert matches(text, phrases("a a a a b\nzzz")) == []
    assert len(tokens(text)) == 1001
