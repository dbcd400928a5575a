r"""Word lists matched the way moderators mean them: whole words, whatever the case, accents,
punctuation, invisible characters or look-alike letters, and never inside another word ("class"
does not match "ass").

``readings`` is the one normalisation every caller goes through (comments, reader stories with
their titles and tags, picture captions and album names, usernames, display names). It serves
matching only: what members typed is stored and shown as they typed it.

1. Default-ignorable code points are dropped (zero-width characters, soft hyphen, variation
   selectors, bidirectional controls, tag characters: ``lookalikes.IGNORABLE``), so "b\u200bad"
   is "bad".
2. NFKD and dropping combining marks take away compatibility forms and accents ("ｂａｄ",
   "𝐛𝐚𝐝", "bád" are "bad").
3. Words are split out (letters and digits); runs of single letters are joined ("b.a.d").
4. Look-alike letters of other scripts are folded to the Latin letters they imitate, word by
   word ("bаd" with a Cyrillic "а", "ΒΑD" with Greek capitals): always in a word that mixes
   scripts or has non-ASCII Latin look-alikes ("ı"); in a word written wholly in one other
   script only when the text has no letter of that script that is not a look-alike — so a
   Russian or Greek sentence keeps its words ("Весь этот сор" never reads "cop"), while "аѕѕ"
   typed among English words, or alone as a name, is read as "ass". ASCII is never folded.
5. Case is folded.

A text is matched twice, as typed (steps 1–3, 5) and folded (1–5), so a moderator's entry in
Cyrillic still finds the Cyrillic word it names; entries are read as typed.

Matching works on tokens with set lookups, so its cost grows with the text's length only: no
input can make it backtrack.
"""

import re
import unicodedata

from . import lookalikes

TOKEN = re.compile(r"[^\W_]+")
MAX_PHRASE_WORDS = 5


def readings(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` as typed and with look-alikes folded, both lower case."""
    plain = unicodedata.normalize("NFKD", lookalikes.drop_ignorable(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _join_letters(TOKEN.findall(plain))
    as_typed = [word.casefold() for word in words]
    if plain.isascii():
        return as_typed, as_typed
    genuine = _genuine_scripts(plain)
    return as_typed, [_fold(word, genuine).casefold() for word in words]


def tokens(text: str) -> list[str]:
    """The words of ``text`` as matching reads them: folded (see ``readings``)."""
    return readings(text)[1]


def _join_letters(found: list[str]) -> list[str]:
    """Runs of single letters ("s.h.o.u.t") become one word."""
    words, letters = [], []
    for word in found:
        if len(word) == 1 and word.isalpha():
            letters.append(word)
            continue
        if letters:
            words.append("".join(letters))
        letters = []
        words.append(word)
    if letters:
        words.append("".join(letters))
    return words


def _genuine_scripts(text: str) -> set[str]:
    """Scripts other than Latin of which ``text`` has a letter that imitates no Latin one."""
    table = lookalikes.fold_table()
    return {
        lookalikes.script(c) for c in text if not c.isascii() and c.isalpha() and c not in table
    } - {"LATIN"}


def _fold(word: str, genuine: set[str]) -> str:
    if word.isascii():
        return word
    scripts = {lookalikes.script(c) for c in word if not c.isascii()} - lookalikes.NO_SCRIPT
    if any(c.isascii() and c.isalpha() for c in word):
        scripts.add("LATIN")
    if len(scripts) == 1 and scripts <= genuine:
        return word  # a word of a script the text is written in
    table = lookalikes.fold_table()
    return "".join(table.get(c, c) for c in word)


def phrases(word_list: str) -> set[tuple[str, ...]]:
    """A moderator's list (one entry a line) as token tuples, read as typed."""
    entries = set()
    for line in word_list.splitlines():
        words = tuple(readings(line)[0])[:MAX_PHRASE_WORDS]
        if words:
            entries.add(words)
    return entries


def matches(text: str, entries: set[tuple[str, ...]]) -> list[str]:
    """The entries found in ``text`` as typed or folded, as the moderator wrote them."""
    if not entries:
        return []
    as_typed, folded = readings(text)
    lengths = sorted({len(entry) for entry in entries})
    found = []
    for words in (as_typed,) if folded == as_typed else (as_typed, folded):
        for length in lengths:
            for start in range(len(words) - length + 1):
                candidate = tuple(words[start : start + length])
                if candidate in entries and " ".join(candidate) not in found:
                    found.append(" ".join(candidate))
    return found
