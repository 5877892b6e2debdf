"""Score the crisis detector on the reviewed safety sets: recall on crisis messages, false alarms on the rest.

A crisis message counts as caught only when its category is right: the category decides the reply (a self-harm
message read as "no food or money" no longer leads with 999). Fails if any crisis message is missed or read as
the wrong category, or if more than 3% of ordinary messages raise an alarm.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from knowledge import load_knowledge
from knowledge.crisis import detect_crisis

ROOT = Path(__file__).resolve().parent.parent

SETS = ROOT / "tests" / "safety"
MAX_FALSE_ALARM_RATE = 0.03


def load_sets() -> tuple[dict[str, list[str]], list[str]]:
    """Crisis messages by category, and ordinary messages, from every file in tests/safety/."""
    crisis: dict[str, list[str]] = {}
    ordinary: list[str] = []
    for path in sorted(SETS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for category, messages in (data.get("crisis") or {}).items():
            crisis.setdefault(category, []).extend(messages)
        for key in ("ordinary", "near_misses"):
            ordinary.extend(data.get(key) or [])
    return crisis, ordinary


def labelled_crisis_messages() -> list[tuple[str, str]]:
    """Every crisis message in the safety sets, as (text, expected category)."""
    crisis, _ = load_sets()
    return [(text, category) for category, messages in sorted(crisis.items()) for text in messages]


def main() -> int:
    """Print category-correct recall per category and the false-alarm rate; exit 1 if either misses its mark."""
    kb = load_knowledge()
    crisis, ordinary = load_sets()
    wrong: list[tuple[str, str, str | None]] = []
    total = 0
    for category, messages in sorted(crisis.items()):
        found = [detect_crisis(kb, m) for m in messages]
        misses = [(category, m, s.category if s else None) for m, s in zip(messages, found, strict=True)]
        misses = [miss for miss in misses if miss[2] != category]
        wrong += misses
        total += len(messages)
        unnoticed = sum(seen is None for _, _, seen in misses)
        print(
            f"  {category:22s} {len(messages) - len(misses):3d}/{len(messages)} right category"
            f" ({len(misses) - unnoticed} other category, {unnoticed} not noticed)"
        )
    alarms = [(m, detect_crisis(kb, m)) for m in ordinary]
    alarms = [(m, s) for m, s in alarms if s is not None]
    for category, message, seen in wrong:
        print(f"  {'MISSED' if seen is None else 'WRONG CATEGORY ' + seen} ({category}): {message!r}")
    for message, signal in alarms:
        print(f"  FALSE ALARM ({signal.category}, pattern '{signal.pattern}'): {message!r}")
    recall = (total - len(wrong)) / total
    rate = len(alarms) / len(ordinary)
    print(
        f"Crisis recall (right category): {total - len(wrong)}/{total} ({recall:.1%}). "
        f"False alarms: {len(alarms)}/{len(ordinary)} ordinary messages ({rate:.1%}, limit {MAX_FALSE_ALARM_RATE:.0%})."
    )
    return 0 if not wrong and rate <= MAX_FALSE_ALARM_RATE else 1


if __name__ == "__main__":
    sys.exit(main())
