"""`make eval`, other languages: the trained model's NLU on the other-language messages in tests/blind/.

For each half: how many messages are recognised in their language, how many crisis messages get the right kind
or any kind, and how many ordinary ones raise a crisis, as the whole pipeline reads them (the language layer's
patterns and the crisis models). `--misses` lists the tuning halves' misses with their text; the sealed halves'
are never shown.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.crisis import CATEGORY_ENTITY
from knowledge.language_detect import ENGLISH
from rasa_addons.crisis_detector import CRISIS_INTENT
from rasa_addons.language_detector import LANGUAGE_ENTITY
from scripts.nlu_score import MODEL

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind"
# The first two writers' halves, then the third writer's (tests/blind/README.md, "Other languages").
HALVES = {
    "tuning": BLIND / "languages_tuning.yml",
    "sealed": BLIND / "languages_sealed.yml",
    "second tuning": BLIND / "languages_second_tuning.yml",
    "second sealed": BLIND / "languages_second_sealed.yml",
}


@dataclass(frozen=True)
class Reading:
    """What the NLU made of a message: its language, and the crisis category it raised (None for no crisis)."""

    language: str
    crisis: str | None


def reading_of(parsed: dict) -> Reading:
    """The language and crisis a parse result carries."""
    entities = {entity["entity"]: entity["value"] for entity in parsed.get("entities") or []}
    crisis = None
    if (parsed.get("intent") or {}).get("name") == CRISIS_INTENT:
        crisis = entities.get(CATEGORY_ENTITY, CRISIS_INTENT)
    return Reading(entities.get(LANGUAGE_ENTITY, ENGLISH), crisis)


def read_all(texts: list[str], model: Path = MODEL) -> list[Reading]:
    """Each text as the trained model's NLU reads it, in order."""
    from rasa.core.agent import Agent  # here: importing Rasa takes seconds, and only scoring needs it
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed text at debug level: the sealed halves' messages must never be printed.
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))

    async def parse_each() -> list[dict]:
        return [await agent.parse_message(text) for text in texts]

    return [reading_of(parsed) for parsed in asyncio.run(parse_each())]


def score_half(messages: list[dict], readings: list[Reading], misses: list[str] | None) -> Counter:
    """Counts per (language, script, figure); misses, when given a list, get a line per miss."""
    counts: Counter = Counter()
    for item, reading in zip(messages, readings, strict=True):
        key = (item["language"], item["script"])
        found = reading.crisis
        counts[key, "messages"] += 1
        counts[key, "recognised"] += reading.language == item["language"]
        if item["crisis"]:
            counts[key, "crisis"] += 1
            counts[key, "kind right"] += found == item["crisis"]
            counts[key, "any crisis"] += found is not None
        else:
            counts[key, "ordinary"] += 1
            counts[key, "false alarms"] += found is not None
        wrong = reading.language != item["language"] or found != item["crisis"]
        if misses is not None and wrong:
            misses.append(
                f"  MISS {item['id']} {key} {reading.language} {found} (want {item['crisis']}): {item['text']}"
            )
    return counts


def totals(counts: Counter) -> Counter:
    """The half's counts summed over its languages and scripts, by figure."""
    total: Counter = Counter()
    for (_, figure), value in counts.items():
        total[figure] += value
    return total


def report(name: str, counts: Counter) -> list[str]:
    """The figures of one half, in all and per language and script."""
    keys = sorted({key for key, _ in counts})
    lines = [f"{name} half (other languages, the whole NLU):", "  all: " + _figures(totals(counts))]
    for key in keys:
        lines.append(f"  {key[0]} {key[1]}: " + _figures(Counter({f: counts[key, f] for f in _FIGURES})))
    return lines


_FIGURES = ("messages", "recognised", "crisis", "kind right", "any crisis", "ordinary", "false alarms")


def _figures(c: Counter) -> str:
    return (
        f"recognised {c['recognised']}/{c['messages']}, crisis kind right {c['kind right']}/{c['crisis']}, "
        f"a crisis reply {c['any crisis']}/{c['crisis']}, false alarms {c['false alarms']}/{c['ordinary']}"
    )


def main() -> int:
    """Score both halves and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="also list the tuning halves' misses")
    args = parser.parse_args()
    halves = {name: yaml.safe_load(path.read_text(encoding="utf-8"))["messages"] for name, path in HALVES.items()}
    readings = iter(read_all([item["text"] for messages in halves.values() for item in messages]))
    for name, messages in halves.items():
        misses: list[str] | None = [] if args.misses and name.endswith("tuning") else None
        half_readings = [next(readings) for _ in messages]
        print("\n".join(report(name, score_half(messages, half_readings, misses))))
        if misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
