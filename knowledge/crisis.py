"""Spot a message that signals risk now, by reviewed patterns in data/crisis.yaml; say which kind of risk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .loader import KnowledgeBase
from .schema import CrisisFile

GAP = 3  # how many other words a * may stand for
FUZZY_MIN_LENGTH = 5  # shorter words must match exactly
SAFE_WORD = "safe_word"
UNSPECIFIED = "unspecified"  # a crisis the classifier saw where no pattern matched: every emergency line
CATEGORY_ENTITY = "crisis_category"  # the entity that carries a detected crisis category to the actions
NUMBER = "#"  # a pattern word that stands for any number written in digits


@dataclass(frozen=True)
class CrisisSignal:
    """A detected crisis: its category and the pattern that matched."""

    category: str
    pattern: str


Slot = tuple[tuple[str, ...], ...] | str  # alternatives, each a run of words; or GAP_SLOT / END_SLOT
GAP_SLOT, END_SLOT = "*", "$"


def squeeze(word: str) -> str:
    """Fold repeated letters, so 'kiiill', 'kill' and 'kil' are one word."""
    return re.sub(r"(.)\1+", r"\1", word)


def normalise(text: str, crisis: CrisisFile, as_typed: frozenset[str] = frozenset()) -> list[str]:
    """Lower case, emoji as words, apostrophes dropped, text-speak expanded (but not the words `as_typed`),
    repeated letters squeezed."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    for emoji, word in crisis.emoji.items():
        text = text.replace(emoji, f" {word} ")
    words: list[str] = []
    # Whole words, accented letters included: 'shërbimet' must not yield the text-speak 'sh'.
    for token in re.findall(r"[^\W_]+", text):
        words += (token if token in as_typed else crisis.words.get(token, token)).split()
    return [squeeze(w) for w in words]


def _alternative(alt: str, crisis: CrisisFile) -> tuple[str, ...]:
    return (NUMBER,) if alt == NUMBER else tuple(normalise(alt.replace("_", " "), crisis))


def compile_pattern(pattern: str, crisis: CrisisFile) -> list[Slot]:
    """Turn 'kill|end * myself|my_life' into slots of normalised alternatives."""
    slots: list[Slot] = []
    for part in pattern.split():
        if part in (GAP_SLOT, END_SLOT):
            slots.append(part)
        else:
            slots.append(tuple(_alternative(alt, crisis) for alt in part.split("|")))
    return slots


@lru_cache(maxsize=200_000)
def _close(word: str, wanted: str) -> bool:
    if word == wanted:
        return True
    if wanted == NUMBER:
        return word.isdigit()
    # Typos rarely hit the first letter, and allowing it would make 'hitting' match 'fitting'.
    if min(len(word), len(wanted)) < FUZZY_MIN_LENGTH or abs(len(word) - len(wanted)) > 1 or word[0] != wanted[0]:
        return False
    return _one_edit(word, wanted)


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one insertion, deletion, substitution or swap of neighbours."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


def _matches_at(words: list[str], start: int, slots: list[Slot]) -> bool:
    if not slots:
        return True
    slot, rest = slots[0], slots[1:]
    if slot == END_SLOT:
        return start == len(words) and _matches_at(words, start, rest)
    if slot == GAP_SLOT:
        return any(_matches_at(words, start + skip, rest) for skip in range(GAP + 1) if start + skip <= len(words))
    for alternative in slot:
        end = start + len(alternative)
        fits = end <= len(words) and all(_close(w, a) for w, a in zip(words[start:end], alternative, strict=True))
        if fits and _matches_at(words, end, rest):
            return True
    return False


def could_match(present: set[str], slots: list[Slot]) -> bool:
    """A quick necessary test: every word slot has an alternative whose words are all in the message."""
    return all(
        any(all(w in present for w in alternative) for alternative in slot)
        for slot in slots
        if slot not in (GAP_SLOT, END_SLOT)
    )


def matches(words: list[str], slots: list[Slot], present: set[str] | None = None) -> bool:
    """Whether the slots match anywhere in the words (present: the pattern words found, to rule out quickly)."""
    if present is not None and not could_match(present, slots):
        return False
    return any(_matches_at(words, start, slots) for start in range(len(words)))


@dataclass(frozen=True)
class _Vocabulary:
    """Every word the patterns, their exceptions and the figures of speech use: all of them, and the ones long
    enough to match with a typo by first letter and length (a typo keeps the first letter and changes the length
    by one at most)."""

    words: frozenset[str]
    by_start_and_length: dict[tuple[str, int], list[str]]


@lru_cache(maxsize=4)
def _vocabulary(kb: KnowledgeBase) -> _Vocabulary:
    phrases = [slots for p in compiled_patterns(kb) for slots in [p.slots, *p.unless]] + _not_a_crisis(kb)
    words = {w for slots in phrases for slot in slots if slot not in (GAP_SLOT, END_SLOT)
             for alternative in slot for w in alternative}  # fmt: skip
    grouped: dict[tuple[str, int], list[str]] = {}
    for word in words:
        if len(word) >= FUZZY_MIN_LENGTH:
            grouped.setdefault((word[0], len(word)), []).append(word)
    return _Vocabulary(frozenset(words), grouped)


def pattern_words_present(kb: KnowledgeBase, words: list[str]) -> set[str]:
    """The pattern words that some word of the message matches (exactly, or with one typo)."""
    vocabulary = _vocabulary(kb)
    unique = set(words)
    present = unique & vocabulary.words
    for word in unique:
        if len(word) < FUZZY_MIN_LENGTH:
            continue
        for length in (len(word) - 1, len(word), len(word) + 1):
            present.update(w for w in vocabulary.by_start_and_length.get((word[0], length), ()) if _close(word, w))
    return present | {NUMBER} if any(word.isdigit() for word in words) else present


@dataclass(frozen=True)
class CompiledPattern:
    """A crisis pattern ready to match, with the exceptions that apply to it."""

    category: str
    text: str
    slots: list[Slot]
    unless: list[list[Slot]]


@lru_cache(maxsize=4)
def compiled_patterns(kb: KnowledgeBase) -> list[CompiledPattern]:
    """Every crisis pattern, compiled, in the order the categories are tried."""
    crisis = kb.crisis
    found = []
    for key, category in crisis.categories.items():
        shared = [compile_pattern(u, crisis) for u in category.unless]
        for entry in category.patterns:
            text = entry if isinstance(entry, str) else entry.match
            own = [] if isinstance(entry, str) else [compile_pattern(u, crisis) for u in entry.unless]
            found.append(CompiledPattern(key, text, compile_pattern(text, crisis), shared + own))
    return found


@lru_cache(maxsize=4)
def _patterns_by_word(kb: KnowledgeBase) -> dict[str | None, list[int]]:
    """Each pattern's position, filed under the first word of every alternative of its first word slot: a pattern
    can only match a message in which one of those is present. A pattern with no word slot is filed under None."""
    index: dict[str | None, list[int]] = {}
    for position, pattern in enumerate(compiled_patterns(kb)):
        first = next((slot for slot in pattern.slots if slot not in (GAP_SLOT, END_SLOT)), None)
        keys: set[str | None] = {alternative[0] for alternative in first if alternative} if first else {None}
        for key in keys:
            index.setdefault(key, []).append(position)
    return index


def _candidates(kb: KnowledgeBase, present: set[str]) -> list[CompiledPattern]:
    """The patterns worth trying on a message with these pattern words, in the order the categories are tried."""
    index, patterns = _patterns_by_word(kb), compiled_patterns(kb)
    positions = {p for word in [None, *present] for p in index.get(word, ())}
    return [patterns[p] for p in sorted(positions)]


@lru_cache(maxsize=4)
def _refinements(kb: KnowledgeBase) -> list[tuple[str, str, list[list[Slot]], list[list[Slot]]]]:
    """Each refinement compiled: (category, what it becomes, the phrases that decide it, the phrases that keep it:
    its own and the new category's unless)."""
    crisis = kb.crisis
    return [
        (
            r.category,
            r.becomes,
            [compile_pattern(w, crisis) for w in r.when],
            [compile_pattern(u, crisis) for u in [*r.unless, *crisis.categories[r.becomes].unless]],
        )
        for r in crisis.refinements
    ]


def _refined(kb: KnowledgeBase, words: list[str], signal: CrisisSignal) -> CrisisSignal:
    """The closer category a message's own words decide (a 17-year-old with nowhere to sleep), else the same."""
    for category, becomes, when, unless in _refinements(kb):
        decided = category == signal.category and any(matches(words, w) for w in when)
        if decided and not any(matches(words, u) for u in unless):
            return CrisisSignal(becomes, signal.pattern)
    return signal


def refine_category(kb: KnowledgeBase, text: str, category: str) -> str:
    """The closer category a message's own words decide for a category found some other way, else the same."""
    return _refined(kb, normalise(text, kb.crisis), CrisisSignal(category, "")).category


@lru_cache(maxsize=4)
def _category_unless(kb: KnowledgeBase) -> dict[str, list[list[Slot]]]:
    return {key: [compile_pattern(u, kb.crisis) for u in c.unless] for key, c in kb.crisis.categories.items()}


def ruled_out(kb: KnowledgeBase, text: str, category: str) -> bool:
    """Whether the message says something that, for this category, means it is not about now ('years ago')."""
    words = normalise(text, kb.crisis)
    present = pattern_words_present(kb, words)
    return any(matches(words, u, present) for u in _category_unless(kb).get(category, []))


@lru_cache(maxsize=4)
def _not_a_crisis(kb: KnowledgeBase) -> list[list[Slot]]:
    return [compile_pattern(p, kb.crisis) for p in kb.crisis.not_a_crisis]


def says_not_a_crisis(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message says it is not a crisis ('shot myself in the foot', 'not an emergency'): it overrules a
    classifier's guess, never a pattern that matched."""
    words = normalise(text, kb.crisis)
    present = pattern_words_present(kb, words)
    return any(matches(words, phrase, present) for phrase in _not_a_crisis(kb))


def detect_crisis(kb: KnowledgeBase, text: str, as_typed: frozenset[str] = frozenset()) -> CrisisSignal | None:
    """The first crisis category whose pattern matches the message (and none of its 'unless'), else None.

    The safe word on its own also counts, as the category 'safe_word'. A refinement may then name a closer
    category that the message's own words decide. The words `as_typed` are never read as English text-speak:
    another language's own words ("od" is Polish for "from", not "OD").
    """
    words = normalise(text, kb.crisis, as_typed)
    if words == normalise(kb.crisis.safe_word, kb.crisis):
        return CrisisSignal(SAFE_WORD, kb.crisis.safe_word)
    present = pattern_words_present(kb, words)
    for pattern in _candidates(kb, present):
        if matches(words, pattern.slots, present) and not any(matches(words, u, present) for u in pattern.unless):
            return _refined(kb, words, CrisisSignal(pattern.category, pattern.text))
    return None
