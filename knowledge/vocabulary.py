"""The words people use for each topic (vocabulary.yaml): which topics a message names, in the order it names them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def plain_words(text: str) -> str:
    """Lower case, apostrophes dropped ("don't" is "dont"), anything else that is not a letter or digit a space."""
    return NOT_A_WORD.sub(" ", text.lower().replace("'", "").replace("\u2019", "")).strip()


def topics_named(phrases: Mapping[str, Sequence[str]], text: str) -> list[str]:
    """The topics whose phrases stand in the text, as whole words, in the order they first appear."""
    padded = f" {plain_words(text)} "
    first_seen: dict[str, int] = {}
    for topic_id, topic_phrases in phrases.items():
        places = [padded.find(f" {phrase} ") for phrase in topic_phrases]
        found = [place for place in places if place >= 0]
        if found:
            first_seen[topic_id] = min(found)
    return sorted(first_seen, key=first_seen.__getitem__)
