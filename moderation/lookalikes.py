r"""The Unicode data word lists need to see through disguises: invisible characters and look-alikes.

- **Default-ignorable code points** (Unicode's ``Default_Ignorable_Code_Point`` property: zero-width
  spaces and joiners, the soft hyphen, bidirectional controls, variation selectors, tag
  characters, Hangul fillers, …) draw nothing, so "b\u200bad" reads as "bad". Neither
  ``unicodedata`` nor the confusables package carries the property, so ``IGNORABLE`` copies its
  ranges from the Unicode Character Database (``DerivedCoreProperties.txt`` of Unicode 16; a
  test compares them with the ``regex`` module's table where that module is installed).
- **Look-alikes**: ``fold_table()`` maps a character to the ASCII letters or digits it imitates
  ("а" Cyrillic → "a", "Β" Greek → "B"), from Unicode's confusables data (UTS #39) as shipped by
  the ``confusable-homoglyphs`` package (offline, in the package). That package keeps each pair
  of UTS #39 in both directions; a character whose only partner is ASCII is one whose UTS #39
  prototype is ASCII. Two prototypes are put back to the letter people see: a single character
  mapped to "rn" imitates "m", and an upper-case one mapped to "l" imitates "I" (UTS #39 merges
  I, l and 1). ASCII itself is never folded: UTS #39 also maps "m" to "rn", "I" and "1" to "l"
  and "0" to "O", which would make "burn" read as "bum".
"""

import functools
import unicodedata

from confusable_homoglyphs import categories, utils

# Default_Ignorable_Code_Point, DerivedCoreProperties.txt (4,174 code points).
IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong and jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidirectional isolates, deprecated
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors 1–16
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol beam and phrase controls
    (0xE0000, 0xE0FFF),  # tag characters, variation selectors 17–256, reserved
)
IGNORABLE = dict.fromkeys(
    code for first, last in IGNORABLE_RANGES for code in range(first, last + 1)
)  # a str.translate table that deletes them

# Scripts that are not a language's letters: punctuation, digits, symbols, combining marks.
NO_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})


def drop_ignorable(text: str) -> str:
    """``text`` without its default-ignorable code points."""
    return text.translate(IGNORABLE)


@functools.cache
def fold_table() -> dict[str, str]:
    """Non-ASCII character → the ASCII letters or digits it imitates (loaded on first use)."""
    table = {}
    for key, partners in utils.load("confusables.json").items():
        # Right-to-left entries come with the marks that kept their source line readable.
        char = key.strip("\u200e\u200f")
        if len(char) != 1 or char.isascii() or len(partners) != 1:
            continue
        target = partners[0]["c"].strip("\u200e\u200f")
        if not (target.isascii() and target.isalnum()):
            continue
        if unicodedata.normalize("NFKD", char) != char:
            continue  # NFKD has made it plain letters before folding is looked at
        if target == "rn":
            target = "m"
        elif target == "l" and char.isupper():
            target = "I"
        table[char] = target
    return table


@functools.lru_cache(maxsize=4096)
def script(char: str) -> str:
    """The Unicode script of ``char`` ("LATIN", "CYRILLIC", "GREEK", "COMMON", …)."""
    return categories.alias(char)
