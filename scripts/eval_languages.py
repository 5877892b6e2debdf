"""`make eval`, other languages: the language layer alone on the other-language messages in tests/blind/.

For each half: how many messages are recognised in their language, how many crisis messages get the right kind
or any kind, and how many ordinary ones raise a crisis. `--misses` lists the tuning halves' misses with their
text; the sealed halves' are never shown.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from knowledge import KnowledgeBase, load_knowledge
from knowledge.language_replies import read_language

BLIND = Path(__file__).resolve().parent.parent / "tests" / "blind"
# The first two writers' halves, then the third writer's (tests/blind/README.md, "Other languages").
HALVES = {
    "tuning": BLIND / "languages_tuning.yml",
    "sealed": BLIND / "languages_sealed.yml",
    "second tuning": BLIND / "languages_second_tuning.yml",
    "second sealed": BLIND / "languages_second_sealed.yml",
}


def score_half(kb: KnowledgeBase, messages: list[dict], misses: list[str] | None) -> Counter:
    """Counts per (language, script, figure); misses, when given a list, get a line per miss."""
    counts: Counter = Counter()
    for item in messages:
        reading = read_language(kb, item["text"])
        key = (item["language"], item["script"])
        found = reading.crisis.category if reading.crisis else None
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
    lines = [f"{name} half (other languages, the language layer alone):", "  all: " + _figures(totals(counts))]
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
    kb = load_knowledge()
    for name, path in HALVES.items():
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
        misses: list[str] | None = [] if args.misses and name.endswith("tuning") else None
        print("\n".join(report(name, score_half(kb, messages, misses))))
        if misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
