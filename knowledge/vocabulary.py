"""The words people use for each topic (vocabulary.yaml): which topics a message names, in the order it names them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def plain_words(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" is "dont"), anything else that is not a letter or digit a space."""
    return NOT_A_WORD.sub(" ", text.lower().replace("'", "").replace("\u2019", "")).strip()


def _places(padded: str, phrase: str) -> list[tuple[int, int]]:
    needle = f" {phrase} "
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(f"(?= {re.escape(phrase)} )", padded)]


def topics_named(phrases: Mapping[str, Sequence[str]], text: str) -> list[str]:
    """The topics whose phrases stand in the text, as whole words, in the order they first appear.

    A phrase inside a longer phrase of another topic does not count ("grant" in "setting up home grant").
    """
    padded = f" {plain_words(text)} "
    found = [
        (start, end, topic_id)
        for topic_id, topic_phrases in phrases.items()
        for phrase in topic_phrases
        for start, end in _places(padded, phrase)
    ]
    first_seen: dict[str, int] = {}
    for start, end, topic_id in found:
        inside_another = any(s <= start and end <= e and (e - s) > (end - start) and t != topic_id for s, e, t in found)
        if not inside_another and start < first_seen.get(topic_id, len(padded)):
            first_seen[topic_id] = start
    return sorted(first_seen, key=first_seen.__getitem__)


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
