"""Score the crisis detector on the reviewed safety sets: recall on crisis messages, false alarms on the rest.

Fails if any crisis message is missed or if more than 3% of ordinary messages raise an alarm.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import load_knowledge  # noqa: E402
from knowledge.crisis import detect_crisis  # noqa: E402

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


def main() -> int:
    """Print recall per category and the false-alarm rate; exit 1 if either misses its mark."""
    kb = load_knowledge()
    crisis, ordinary = load_sets()
    missed = []
    total = 0
    for category, messages in sorted(crisis.items()):
        caught = [m for m in messages if detect_crisis(kb, m) is not None]
        missed += [(category, m) for m in messages if detect_crisis(kb, m) is None]
        total += len(messages)
        print(f"  {category:22s} {len(caught):3d}/{len(messages)} detected")
    alarms = [(m, detect_crisis(kb, m)) for m in ordinary]
    alarms = [(m, s) for m, s in alarms if s is not None]
    for category, message in missed:
        print(f"  MISSED ({category}): {message!r}")
    for message, signal in alarms:
        print(f"  FALSE ALARM ({signal.category}, pattern '{signal.pattern}'): {message!r}")
    recall = (total - len(missed)) / total
    rate = len(alarms) / len(ordinary)
    print(
        f"Crisis recall: {total - len(missed)}/{total} ({recall:.1%}). "
        f"False alarms: {len(alarms)}/{len(ordinary)} ordinary messages ({rate:.1%}, limit {MAX_FALSE_ALARM_RATE:.0%})."
    )
    return 0 if not missed and rate <= MAX_FALSE_ALARM_RATE else 1


if __name__ == "__main__":
    sys.exit(main())
