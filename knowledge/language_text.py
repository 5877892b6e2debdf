"""Read a message in another language the same way its crisis patterns are written, and match them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .language_schema import CrisisPatterns, LanguageFile, LanguageRefinement

GAP = 3  # how many other words a * may stand for
# Nowhere to sleep at 16 or 17 is a child told to leave (children's services must help), in any language:
# the age written in digits, not part of a longer number, a price, a time or a date.
CHILD_AGE = re.compile(r"(?<![\d£$€.,:/])1[67](?![\d.,:/%])")
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")  # Arabic and Persian digits
# Letters people type either way (Arabic or Persian keyboard, with or without the Kurdish, Pashto and Urdu forms).
ARABIC_SCRIPT_FOLDS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ي": "ی", "ى": "ی", "ې": "ی", "ۍ": "ی",
    "ێ": "ی", "ے": "ی", "ۓ": "ی", "ك": "ک", "ة": "ه", "ۃ": "ه", "ہ": "ه", "ھ": "ه", "ۆ": "و", "ڵ": "ل",
    "ڕ": "ر", "ں": "ن", "\u0640": "", "\u200c": " ", "\u200d": "",
})  # fmt: skip
LATIN_FOLDS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "\u2019": "", "'": "", "-": " "})
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
LATIN_MARKS = re.compile("[\u0300-\u036f]")  # the accents Latin letters take; other scripts' marks are kept


def latin_folded(word: str) -> str:
    """A Latin-script word without its accents ('żyć' -> 'zyc', 'sống' -> 'song'), lower case."""
    decomposed = unicodedata.normalize("NFD", word.lower().translate(LATIN_FOLDS))
    return unicodedata.normalize("NFC", LATIN_MARKS.sub("", decomposed))


def normalise(text: str) -> str:
    """Lower case, Latin accents dropped, Arabic-script letter forms folded, punctuation as spaces, one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_SCRIPT_FOLDS)
    text = latin_folded(text)
    spaced = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in text)
    return " ".join(spaced.split())


def compile_pattern(pattern: str) -> re.Pattern:
    """'a|b * c_d' as a regular expression over normalised text: each word may start a longer one (a stem),
    c_d is 'c d' or 'cd', * stands for up to GAP other words, and a word may carry Arabic's "and" (و) in front."""
    pieces: list[str] = []
    for part in pattern.split():
        if part == "*":
            pieces.append(rf"(?:\s+\S+){{0,{GAP}}}")
            continue
        alternatives = []
        for alternative in part.split("|"):
            words = [re.escape(normalise(w)) for w in alternative.split("_") if normalise(w)]
            alternatives.append(r"\s?".join(words))
        lead = r"\s+" if pieces else r"(?<!\S)"
        lead += "و?"  # Arabic writes "and" on the front of the next word: "وما عندي" is "and I have no"
        pieces.append(lead + "(?:" + "|".join(alternatives) + r")\S*")
    return re.compile("".join(pieces))


@dataclass(frozen=True)
class LanguageCrisis:
    """A crisis found in another language: the English category it maps to, and the pattern that matched."""

    category: str
    language: str
    pattern: str


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern:
    return compile_pattern(pattern)


@dataclass(frozen=True)
class PatternSet:
    """One language's crisis patterns in one script (its own, or its romanised form's), and its refinements."""

    code: str
    crisis: Mapping[str, CrisisPatterns]
    refinements: Sequence[LanguageRefinement] = ()


def own_script(language: LanguageFile) -> PatternSet:
    """The patterns written in the language's own script."""
    return PatternSet(language.code, language.crisis, language.refinements)


def latin_letters(language: LanguageFile) -> PatternSet | None:
    """The patterns for the language as typed in Latin letters, if it is or can be; else None."""
    if language.script == "latin":
        return own_script(language)
    if language.romanised:
        return PatternSet(language.code, language.romanised.crisis, language.refinements)
    return None


def refined(refinements: Sequence[LanguageRefinement], category: str, text: str) -> str:
    """The closer category a message's own words decide: nowhere to sleep at an age of 16 or 17 (in digits) is a
    child told to leave, then the language's refinements ('my husband' makes abuse domestic abuse)."""
    if category == "homeless_tonight" and CHILD_AGE.search(text.translate(DIGITS)):
        category = "child_told_to_leave"
    for_category = [refinement for refinement in refinements if refinement.category == category]
    if not for_category:
        return category
    plain = normalise(text)
    for refinement in for_category:
        if any(_compiled(pattern).search(plain) for pattern in refinement.when):
            return refinement.becomes
    return category


def _part_first_words(part: str) -> frozenset[str]:
    """The words a match of one part of a pattern ('a|b_c') can start with: each alternative's first word."""
    firsts = set()
    for alternative in part.split("|"):
        pieces = [normalise(piece) for piece in alternative.split("_") if normalise(piece)]
        firsts.add(pieces[0].split(" ")[0])
    return frozenset(firsts)


def _part_letters(part: str) -> tuple[str, ...]:
    """What each alternative of one part of a pattern matches at least, with the spaces taken out ('b_c': 'bc')."""
    return tuple("".join(normalise(alternative.replace("_", " ")).split()) for alternative in part.split("|"))


@dataclass(frozen=True)
class _Indexed:
    """A pattern with, for each of its word parts, what one of that part's alternatives needs in the message."""

    order: int
    category: str
    pattern: str
    parts: tuple[tuple[str, ...], ...]

    def could_match(self, squashed: str) -> bool:
        """A quick necessary test: every word part has an alternative in the message with its spaces taken out."""
        return all(any(letters in squashed for letters in part) for part in self.parts)


# Each pattern set's patterns by the words they can start with, so a message is tried only against the patterns
# one of its words could begin (thousands of patterns, a few of them worth trying). Kept with the mapping itself.
_INDEXES: dict[int, tuple[Mapping[str, CrisisPatterns], dict[str, list[_Indexed]]]] = {}


def _index(crisis: Mapping[str, CrisisPatterns]) -> dict[str, list[_Indexed]]:
    kept = _INDEXES.get(id(crisis))
    if kept and kept[0] is crisis:
        return kept[1]
    index: dict[str, list[_Indexed]] = {}
    order = 0
    for category, entry in crisis.items():
        for pattern in entry.patterns:
            parts = [part for part in pattern.split() if part != "*"]
            # The part least likely to be in a message (its shortest alternative the longest) is tested first.
            needs = sorted(map(_part_letters, parts), key=lambda letters: -min(map(len, letters)))
            indexed = _Indexed(order, category, pattern, tuple(needs))
            for word in _part_first_words(parts[0]):
                index.setdefault(word, []).append(indexed)
            order += 1
    _INDEXES[id(crisis)] = (crisis, index)
    return index


def _starts(plain: str) -> set[str]:
    """Every start of every word of the message (and of each word without Arabic's joined "and")."""
    words = {word for token in plain.split() for word in (token, token.removeprefix("و"))}
    return {word[:end] for word in words for end in range(1, len(word) + 1)}


def _worth_trying(crisis: Mapping[str, CrisisPatterns], starts: set[str], squashed: str) -> list[_Indexed]:
    """The patterns whose first word starts one of the message's words and whose every word part the message
    has (its spaces taken out), in the order they are written."""
    index = _index(crisis)
    found = {entry for start in starts & index.keys() for entry in index[start] if entry.could_match(squashed)}
    return sorted(found, key=lambda entry: entry.order)


def find_crisis(pattern_sets: list[PatternSet], text: str) -> LanguageCrisis | None:
    """The first crisis pattern of these pattern sets (tried in order) that the message matches, else None."""
    plain = normalise(text)
    starts = _starts(plain)
    squashed = "".join(plain.split())
    for pattern_set in pattern_sets:
        for entry in _worth_trying(pattern_set.crisis, starts, squashed):
            if _compiled(entry.pattern).search(plain):
                category = refined(pattern_set.refinements, entry.category, text)
                return LanguageCrisis(category, pattern_set.code, entry.pattern)
    return None
