"""Score the whole assistant on the blind set (tests/blind/): each message is sent, as a new conversation, to
the real servers, and the reply is judged as a person would see it.

Only figures are printed for the sealed half; its messages and misses are never shown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

from knowledge import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind"
# The halves of the blind English sets: the first writer's (tuning, sealed), the second's (english_*) and the third's
# (english_third_*).
HALVES = ("tuning", "sealed", "english_tuning", "english_sealed", "english_third_tuning", "english_third_sealed")
TUNING_HALVES = ("tuning", "english_tuning", "english_third_tuning")
# The blind set's labels for "reach someone now" are answered by the reply whose payload topic is "contact", or
# (for a PA who isn't answering, or isn't known) by "pa_not_answering", which gives who to contact now first.
ANSWERED_AS = {"contact_pa": ("contact", "pa_not_answering"), "out_of_hours": ("contact",)}
# Farsi and Dari share a written language; a reply in either is a reply the person can read.
READS_AS = {"prs": "fa"}
CONCURRENCY = 4
NOT_AN_ANSWER = {"fallback", "safe_fallback", "crisis", "language_notice"}


@dataclass(frozen=True)
class Item:
    """One labelled blind-set message."""

    id: str
    text: str
    language: str
    topics: tuple[str, ...]
    needs_human_now: bool
    crisis: str | None
    style: tuple[str, ...]

    @property
    def english(self) -> bool:
        """Whether the message is in English."""
        return self.language == "en"

    @property
    def ordinary(self) -> bool:
        """A message that raises no alarm: no crisis and nobody needed right now."""
        return self.crisis is None and not self.needs_human_now


@dataclass
class Seen:
    """What the assistant did with one message, read from its replies."""

    topics: list[str] = field(default_factory=list)
    crisis: str | None = None
    languages: set[str] = field(default_factory=set)
    text: str = ""

    @property
    def answered(self) -> list[str]:
        """The topics answered, in order, leaving out replies that are not answers."""
        return [t for t in self.topics if t not in NOT_AN_ANSWER]


def load_half(name: str) -> list[Item]:
    """The messages of one half of the blind set."""
    data = yaml.safe_load((BLIND / f"{name}.yml").read_text(encoding="utf-8"))
    return [
        Item(
            id=str(m["id"]),
            text=str(m["text"]),
            language=str(m["language"]),
            topics=tuple(m.get("topics") or ()),
            needs_human_now=bool(m.get("needs_human_now")),
            crisis=m.get("crisis"),
            style=tuple(m.get("style") or ()),
        )
        for m in data["messages"]
    ]


def crisis_of(kb: KnowledgeBase, text: str, payload: dict) -> str | None:
    """The kind of crisis reply given: the payload says so; a reply without that is known by its opening."""
    if payload.get("category"):
        return str(payload["category"])
    for category_id, category in kb.crisis.categories.items():
        if text.startswith(category.opening):
            return category_id
    return "all"


def read_replies(kb: KnowledgeBase, replies: list[dict]) -> Seen:
    """What a person would take from the replies: topics answered, a crisis reply and its kind, languages."""
    seen = Seen(text="\n".join(r.get("text") or "" for r in replies))
    last_text = ""
    for reply in replies:
        if reply.get("text"):
            last_text = reply["text"]
            if any(str(b.get("payload", "")).startswith('/inform{"council"') for b in reply.get("buttons") or []):
                seen.topics.append("council_tax")
        payload = reply.get("custom")
        if not isinstance(payload, dict):
            continue
        topic = payload.get("topic")
        if topic == "crisis" and seen.crisis is None:
            seen.crisis = crisis_of(kb, last_text, payload)
        if topic:
            seen.topics.append(str(topic))
        if payload.get("language"):
            seen.languages.add(str(payload["language"]))
    return seen


def ask_all(webhook: str, run_id: str, items: list[Item]) -> list[list[dict]]:
    """Send every message as its own new conversation, a few at a time, and collect the replies in order."""
    with httpx.Client(timeout=60) as client:

        def ask(item: Item) -> list[dict]:
            response = client.post(webhook, json={"sender": f"blind-{run_id}-{item.id}", "message": item.text})
            response.raise_for_status()
            return response.json()

        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            return list(pool.map(ask, items))


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _caught(item: Item, seen: Seen) -> bool:
    if item.crisis == "distress":
        return seen.crisis is not None
    return seen.crisis == item.crisis


def _reads(item: Item, seen: Seen) -> bool:
    wanted = READS_AS.get(item.language, item.language)
    return any(READS_AS.get(code, code) == wanted for code in seen.languages) and "999" in seen.text


def _answers_for(label: str) -> tuple[str, ...]:
    return ANSWERED_AS.get(label, (label,))


def _topic_right(item: Item, seen: Seen) -> bool:
    return bool(seen.answered) and seen.answered[0] in _answers_for(item.topics[0])


def _all_in_order(item: Item, seen: Seen) -> bool:
    wanted = [_answers_for(t) for t in item.topics]
    answered = iter(seen.answered)
    return all(any(a in t for a in answered) for t in wanted)


@dataclass
class Score:
    """The figures for one half."""

    topic_accuracy: float | None
    topic_total: int
    two_questions_both: float | None
    two_questions_total: int
    crisis_recall: float | None
    crisis_total: int
    crisis_recall_english: float | None
    crisis_english_total: int
    crisis_replied: float | None
    false_alarms: float | None
    ordinary_total: int
    human_contact: float | None
    non_english_handled: float | None
    non_english_total: int
    crisis_by_category: dict[str, tuple[int, int]]
    handled_by_language: dict[str, tuple[int, int]]
    topic_by_first_label: dict[str, tuple[int, int]]
    misses: list[tuple[str, str, str]]


def score(items: Iterable[Item], seen_all: Iterable[Seen]) -> Score:
    """Judge every reply against its labels."""
    pairs = list(zip(items, seen_all, strict=True))
    topical = [(i, s) for i, s in pairs if i.english and i.topics and i.crisis is None]
    two = [(i, s) for i, s in topical if len(i.topics) > 1]
    crisis = [(i, s) for i, s in pairs if i.crisis]
    english_crisis = [(i, s) for i, s in crisis if i.english]
    ordinary = [(i, s) for i, s in pairs if i.ordinary]
    human = [(i, s) for i, s in pairs if i.needs_human_now]
    foreign = [(i, s) for i, s in pairs if not i.english]
    by_category: dict[str, list[int]] = {}
    for item, seen in crisis:
        tally = by_category.setdefault(str(item.crisis), [0, 0])
        tally[0] += _caught(item, seen)
        tally[1] += 1
    by_language: dict[str, list[int]] = {}
    for item, seen in foreign:
        tally = by_language.setdefault(item.language, [0, 0])
        tally[0] += _reads(item, seen)
        tally[1] += 1
    by_topic: dict[str, list[int]] = {}
    for item, seen in topical:
        tally = by_topic.setdefault(item.topics[0], [0, 0])
        tally[0] += _topic_right(item, seen)
        tally[1] += 1
    misses = [(i.id, "topic", ",".join(s.answered) or "-") for i, s in topical if not _topic_right(i, s)]
    misses += [(i.id, "crisis", str(s.crisis)) for i, s in crisis if not _caught(i, s)]
    misses += [(i.id, "false alarm", str(s.crisis)) for i, s in ordinary if s.crisis]
    misses += [(i.id, "language", ",".join(sorted(s.languages)) or "-") for i, s in foreign if not _reads(i, s)]
    return Score(
        topic_accuracy=_rate(sum(_topic_right(i, s) for i, s in topical), len(topical)),
        topic_total=len(topical),
        two_questions_both=_rate(sum(_all_in_order(i, s) for i, s in two), len(two)),
        two_questions_total=len(two),
        crisis_recall=_rate(sum(_caught(i, s) for i, s in crisis), len(crisis)),
        crisis_total=len(crisis),
        crisis_recall_english=_rate(sum(_caught(i, s) for i, s in english_crisis), len(english_crisis)),
        crisis_english_total=len(english_crisis),
        crisis_replied=_rate(sum(s.crisis is not None for _, s in crisis), len(crisis)),
        false_alarms=_rate(sum(s.crisis is not None for _, s in ordinary), len(ordinary)),
        ordinary_total=len(ordinary),
        human_contact=_rate(sum(_has_contact(s) for _, s in human), len(human)),
        non_english_handled=_rate(sum(_reads(i, s) for i, s in foreign), len(foreign)),
        non_english_total=len(foreign),
        crisis_by_category={k: (v[0], v[1]) for k, v in sorted(by_category.items())},
        handled_by_language={k: (v[0], v[1]) for k, v in sorted(by_language.items())},
        topic_by_first_label={k: (v[0], v[1]) for k, v in sorted(by_topic.items())},
        misses=misses,
    )


PHONE = re.compile(r"\b(999|0\d{3,4} ?\d{3} ?\d{3,4}|116 123)\b")


def _has_contact(seen: Seen) -> bool:
    return bool(PHONE.search(seen.text))


def style_counts(items: Iterable[Item]) -> Counter[str]:
    """How many messages carry each style label."""
    return Counter(s for i in items for s in i.style)
