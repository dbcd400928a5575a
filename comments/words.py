"""Word lists matched the way moderators mean them: whole words, whatever the case, accents or
punctuation, and never inside another word ("class" does not match "ass").

Matching works on tokens with set lookups, so its cost grows with the text's length only: no
input can make it backtrack.
"""

import re
import unicodedata

TOKEN = re.compile(r"[^\W_]+")
MAX_PHRASE_WORDS = 5


def tokens(text: str) -> list[str]:
    """Lower-case words without accents; runs of single letters ("s.h.o.u.t") joined."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words, letters = [], []
    for word in TOKEN.findall(folded):
        if len(word) == 1 and word.isalpha():
            letters.append(word)
            continue
        if len(letters) > 1:
            words.append("".join(letters))
        elif letters:
            words.append(letters[0])
        letters = []
        words.append(word)
    if len(letters) > 1:
        words.append("".join(letters))
    elif letters:
        words.append(letters[0])
    return words


def phrases(word_list: str) -> set[tuple[str, ...]]:
    """A moderator's list (one entry a line) as token tuples."""
    entries = set()
    for line in word_list.splitlines():
        words = tuple(tokens(line))[:MAX_PHRASE_WORDS]
        if words:
            entries.add(words)
    return entries


def matches(text: str, entries: set[tuple[str, ...]]) -> list[str]:
    """The entries found in ``text``, as the moderator wrote them (space-joined)."""
    if not entries:
        return []
    words = tokens(text)
    lengths = {len(entry) for entry in entries}
    found = []
    for length in sorted(lengths):
        for start in range(len(words) - length + 1):
            candidate = tuple(words[start : start + length])
            if candidate in entries and " ".join(candidate) not in found:
                found.append(" ".join(candidate))
    return found
