"""The words people use for each topic (vocabulary.yaml): which topics a message names, in the order it names them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

NOT_A_WORD = re.compile(r"[^a-z0-9]+")
SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
# A comma or semicolon where a question starts: "staff keep going in my room, where do i complain" asks only after it.
CLAUSE_BREAK = re.compile(r"[,;]\s*")
# Words that make a sentence a question: a question word anywhere in it, or one of these first ("can i", "when do").
QUESTION_WORDS = frozenset({"how", "what", "who", "where", "which", "why", "whats", "wheres", "whos", "hows"})
ASKING_FIRST_WORDS = (
    QUESTION_WORDS
    | {"when", "can", "could", "do", "does", "did", "is", "are", "am", "will"}
    | {"would", "should", "shall", "may", "might", "any", "anyone"}
)


def plain_words(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" is "dont"), anything else that is not a letter or digit a space."""
    return NOT_A_WORD.sub(" ", text.lower().replace("'", "").replace("\u2019", "")).strip()


def _places(padded: str, phrase: str) -> list[tuple[int, int]]:
    needle = f" {phrase} "
    places, start = [], padded.find(needle)
    while start != -1:
        places.append((start, start + len(needle)))
        start = padded.find(needle, start + 1)
    return places


def asks(sentence: str) -> bool:
    """Whether a sentence asks something: a "?" at its end, a question word first, or a question word in it."""
    words = plain_words(sentence).split()
    if not words:
        return False
    return sentence.rstrip().endswith("?") or words[0] in ASKING_FIRST_WORDS or not QUESTION_WORDS.isdisjoint(words)


def clauses(sentence: str) -> list[str]:
    """A sentence, split where a comma or semicolon is followed by a question's first word ("..., where do i");
    a list ("council tax, and can i get the gym") stays whole."""
    parts = [""]
    for piece in CLAUSE_BREAK.split(sentence):
        words = plain_words(piece).split()
        if parts[-1] and words and words[0] in ASKING_FIRST_WORDS:
            parts.append(piece)
        else:
            parts[-1] = f"{parts[-1]}, {piece}" if parts[-1] else piece
    return parts


def _asking_spans(text: str, named_at: Sequence[int]) -> list[tuple[int, int]]:
    """Where the sentences that ask something stand in the padded plain text of the whole message; where a
    sentence's asking clause names a topic itself (named_at: where topics are named), only that clause."""
    spans, offset = [], 0
    for match in SENTENCE.finditer(text):
        sentence_start = offset
        asking_clauses = []
        for clause in clauses(match.group()):
            plain = plain_words(clause)
            if not plain:
                continue
            if asks(clause):
                asking_clauses.append((offset, offset + len(plain) + 1))
            offset += len(plain) + 1
        if any(a <= at < b for a, b in asking_clauses for at in named_at):
            spans += asking_clauses
        elif asking_clauses or asks(match.group()):
            spans.append((sentence_start, offset))
    return spans


def topics_named(phrases: Mapping[str, Sequence[str]], text: str) -> list[str]:
    """The topics whose phrases stand in the text, as whole words, in the order they first appear; in a message
    of context and a question ("my pa said... how do i complain"), the topics of the sentences that ask first.

    A phrase inside a longer phrase of another topic does not count ("grant" in "setting up home grant").
    """
    padded = f" {plain_words(text)} "
    found = [
        (start, end, topic_id)
        for topic_id, topic_phrases in phrases.items()
        for phrase in topic_phrases
        for start, end in _places(padded, phrase)
    ]
    asking = _asking_spans(text, [start for start, _, _ in found])
    first_seen: dict[str, int] = {}
    first_asked: dict[str, int] = {}  # where each topic is first named in a sentence that asks
    for start, end, topic_id in found:
        inside_another = any(s <= start and end <= e and (e - s) > (end - start) and t != topic_id for s, e, t in found)
        if inside_another:
            continue
        first_seen[topic_id] = min(start, first_seen.get(topic_id, start))
        if any(a <= start < b for a, b in asking):
            first_asked[topic_id] = min(start, first_asked.get(topic_id, start))
    if not first_asked or len(first_asked) == len(first_seen):
        return sorted(first_seen, key=first_seen.__getitem__)
    return sorted(first_seen, key=lambda t: (t not in first_asked, first_asked.get(t, first_seen[t])))


# A topic the message names counts as asked when the classifier ranks it among its likeliest this many.
LIKELY_RANKS = 4
# One topic named in a message the classifier could not settle is taken when it ranks it this high.
SURE_RANKS = 2


def topics_asked(phrases: Mapping[str, Sequence[str]], text: str, ranked: Sequence[str]) -> list[str]:
    """The topics a message asks about, in the order it names them: named in the text and ranked likely by the
    classifier (ranked: topics from likeliest down). One topic alone must be among the classifier's first two."""
    named = [topic for topic in topics_named(phrases, text) if topic in ranked[:LIKELY_RANKS]]
    if len(named) == 1 and named[0] not in ranked[:SURE_RANKS]:
        return []
    return named
