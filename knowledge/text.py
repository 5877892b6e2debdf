"""Read what people type: an age, a council's name. No guessing: None when it is not clear."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .loader import KnowledgeBase

MIN_AGE, MAX_AGE = 10, 99
UNITS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
OTHER_COUNCIL = re.compile(
    r"\b(another|different|diff|other|some other|a different)\s+(council|area|authority|la|place|borough|county)\b"
)
NOT_AN_AGE = r"(?!\s*(?:am|pm|%|k\b|p\b|quid|pounds|weeks?|months?|days?|hours?|mins?|minutes?))"
NUMBER = re.compile(rf"(?<![£$\d.,])\b(\d{{1,3}})\b(?![\d.,]?\d){NOT_AN_AGE}")
OTHER = "other"


@dataclass(frozen=True)
class CouncilMention:
    """A council named in a message: its id, or 'other' for 'another council'; name as written in the register."""

    council_id: str
    name: str | None


def normalise(text: str) -> str:
    """Lower case, curly quotes made straight, runs of spaces and punctuation folded to one space."""
    text = text.lower().replace("\u2019", "'")
    return re.sub(r"[^a-z0-9&'£$%.,-]+", " ", text).strip()


def _word_number(text: str) -> int | None:
    words = re.findall(r"[a-z]+", text.replace("-", " "))
    for i, word in enumerate(words):
        if word in UNITS:
            return UNITS[word]
        if word in TENS:
            following = words[i + 1] if i + 1 < len(words) else ""
            return TENS[word] + ONES.get(following, 0)
    return None


AGE_CUE = re.compile(r"\b(i'?m|i am|im|aged?|years? old|yrs? old|yo|turned|turning|age is)\b|\d\s*(yo|y o)\b")
AGE_WORD = "|".join([*UNITS, *TENS])
# An age said as one: "i'm 19", "aged nineteen", "turned 18", "19yo", "19 years old" (before any other number).
STATED_AGE = re.compile(
    rf"\b(?:i'?m|i am|aged?|turned|turning|age is)\s+(?:now\s+|just\s+)?"
    rf"(\d{{1,3}}(?![\d.,]?\d){NOT_AN_AGE}|(?:{AGE_WORD})[a-z -]*)"
    r"|\b(\d{1,3})\s*(?:yo|y o|years? old|yrs? old|yr old)\b"
)


def _stated_age(plain: str) -> int | None:
    match = STATED_AGE.search(plain)
    if match is None:
        return None
    said = match.group(1) or match.group(2)
    return int(said) if said.isdigit() else _word_number(said)


def read_age(text: str, expected: bool = True) -> int | None:
    """The age a message states ('19', "i'm 22", 'twenty one', '19yo', 'i turned 18 last month'), or None when
    there is none or it is implausible.

    An age said as one ("i'm 19") wins over other numbers in the message ("2 years in my flat").
    When the age was not just asked for (expected=False), the message must say it is an age.
    """
    plain = normalise(text)
    age = _stated_age(plain)
    if age is None:
        if not expected and not AGE_CUE.search(plain):
            return None
        match = NUMBER.search(plain)
        age = int(match.group(1)) if match else _word_number(plain)
    if age is None or not MIN_AGE <= age <= MAX_AGE:
        return None
    return age


@lru_cache(maxsize=4)
def _council_patterns(kb: KnowledgeBase) -> list[tuple[re.Pattern, str, str]]:
    names = [(name.lower(), entry.id, entry.name) for entry in kb.register.councils for name in entry.names]
    return [(re.compile(rf"(?<![a-z]){re.escape(name)}(?![a-z])"), cid, full) for name, cid, full in names]


def find_council(kb: KnowledgeBase, text: str, home_council: str | None = None) -> CouncilMention | None:
    """The council a message names first (longest name on a tie); 'other' for 'another council' or 'not <home>'."""
    plain = normalise(text)
    if home_council:
        home = kb.registered(home_council)
        home_names = home.names if home else []
        if any(re.search(rf"\b(not|wasn'?t|isn'?t|never)\s+(in\s+)?{re.escape(n)}\b", plain) for n in home_names):
            return CouncilMention(OTHER, None)
    found = [
        (match.start(), -len(match.group()), council_id, name)
        for pattern, council_id, name in _council_patterns(kb)
        if (match := pattern.search(plain))
    ]
    if found:
        _, _, council_id, name = min(found)
        return CouncilMention(council_id, name)
    if OTHER_COUNCIL.search(plain):
        return CouncilMention(OTHER, None)
    return None
