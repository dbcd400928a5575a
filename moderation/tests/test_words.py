"""Word lists: whole words, any case, accents, punctuation, invisible characters or look-alike
letters; never inside another word."""

import sys

import pytest

from moderation import lookalikes
from moderation.words import matches, phrases, readings, tokens


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


# Item 5 of the hardening issue: with "bad" listed, each of these was published clean.
DISGUISED = [
    pytest.param("b\u200bad", id="zero-width-space"),
    pytest.param("b\u00adad", id="soft-hyphen"),
    pytest.param("b\u200dad", id="zero-width-joiner"),
    pytest.param("ba\ufe0fd", id="variation-selector"),
    pytest.param("b\u0430d", id="cyrillic-a"),
    pytest.param("\u0392\u0391D", id="greek-capitals"),
]


@pytest.mark.parametrize("disguised", DISGUISED)
def test_invisible_and_look_alike_characters_do_not_hide_a_listed_word(disguised):
    assert matches(f"What a {disguised} idea", phrases("bad")) == ["bad"]
    assert matches(disguised, phrases("bad")) == ["bad"]  # alone, as in a name or a tag


@pytest.mark.parametrize(
    "text",
    [
        "a \u2066bad\u2069 idea",  # bidirectional isolates
        "b\U000e0041ad",  # a tag character
        "b\u2060a\u200cd",  # word joiner, zero-width non-joiner
        "b\ufeffad",  # zero-width no-break space
        "\u0432\u0430\u0441 b\u0430d",  # a mixed word is folded even beside Cyrillic words
        "b \u0430 d",  # spaced-out letters, one of them Cyrillic
        "\u0184ad",  # Latin capital tone six (Ƅ), a non-ASCII Latin look-alike
    ],
)
def test_other_disguises(text):
    assert matches(text, phrases("bad")) == ["bad"]


def test_a_word_wholly_in_look_alikes_among_english_words_is_read_as_latin():
    # Cyrillic а, ѕ, ѕ; Greek capitals Ι, Ο, Τ with a Latin D.
    assert matches("you \u0430\u0455\u0455", phrases("ass")) == ["ass"]
    assert matches("\u0399D\u0399\u039f\u03a4!", phrases("idiot")) == ["idiot"]
    assert tokens("\u0456d\u0456ot") == ["idiot"]  # Ukrainian і


def test_ascii_is_never_folded_so_burn_is_not_bum():
    entries = phrases("bum\nass\nol")
    assert matches("They burn the class notes at 10", entries) == []
    assert tokens("burn rn I1l 0O") == ["burn", "rn", "i1l", "0o"]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("Весь этот сор убрали до обеда", "cop"),  # сор: "rubbish", all look-alikes
        ("ΠΟΛΗ ΚΑΙ ΧΩΡΙΟ", "kai"),  # ΚΑΙ ("and"): Greek capitals, each a look-alike
        ("Το ΚΑΙ είναι σύνδεσμος", "kai"),
        ("Вадим оплатил в кассе", "ass"),  # look-alikes inside longer Cyrillic words
        ("Καλημέρα, τι κάνεις; Ο Άδωνις είναι καλά", "o"),
        ("\u0441lass", "ass"),  # a spoofed "class" is still not "ass"
    ],
)
def test_ordinary_cyrillic_and_greek_text_does_not_match_latin_entries(text, listed):
    assert matches(text, phrases(listed)) == []


def test_an_entry_in_cyrillic_still_finds_the_cyrillic_word():
    assert matches("Весь этот сор убрали", phrases("сор")) == ["сор"]
    assert matches("сор", phrases("сор")) == ["сор"]  # alone: read as typed too


def test_readings_are_for_matching_only():
    typed = "b\u200b\u0430d"
    assert readings(typed) == (["b\u0430d"], ["bad"])
    assert typed == "b\u200b\u0430d"  # nothing changes the text itself


def test_the_ignorable_list_is_unicodes_default_ignorable_code_points():
    regex = pytest.importorskip("regex")  # installed with the test tools (moto's cfn-lint)
    prop = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    expected = {code for code in range(sys.maxunicode + 1) if prop.match(chr(code))}
    assert set(lookalikes.IGNORABLE) == expected


def test_the_fold_table_maps_look_alikes_to_ascii_and_never_ascii_itself():
    table = lookalikes.fold_table()
    assert table["\u0430"] == "a" and table["\u0392"] == "B" and table["\u0399"] == "I"
    assert table["\u03bf"] == "o" and table["\u0455"] == "s"
    assert not any(char.isascii() for char in table)
    assert all(target.isascii() and target.isalnum() for target in table.values())
