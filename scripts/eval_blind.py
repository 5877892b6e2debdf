"""`make eval`: start the real assistant, send it both halves of the blind set, print the figures per half.

`--misses` also lists the tuning halves' misses with their text; the sealed halves' are never shown.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

from bench.blind import HALVES, TUNING_HALVES, Score, ask_all, load_half, read_replies, score
from knowledge import load_knowledge
from tests.stack import SATURDAY_NIGHT, start_stack, stop_stack

ROOT = Path(__file__).resolve().parent.parent


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(name: str, result: Score) -> str:
    """The figures of one half, as lines of text."""
    lines = [
        f"{name} half:",
        f"  topic accuracy (English)   {_shown(result.topic_accuracy)} of {result.topic_total}",
        f"  two questions, both        {_shown(result.two_questions_both)} of {result.two_questions_total}",
        f"  crisis recall              {_shown(result.crisis_recall)} of {result.crisis_total}",
        f"    of which English         {_shown(result.crisis_recall_english)} of {result.crisis_english_total}",
        f"  a crisis reply, any kind   {_shown(result.crisis_replied)} of {result.crisis_total}",
        f"  false alarms               {_shown(result.false_alarms)} of {result.ordinary_total} ordinary",
        f"  a human contact given      {_shown(result.human_contact)} (messages that need a human now)",
        f"  non-English handled        {_shown(result.non_english_handled)} of {result.non_english_total}",
        "  crisis by category: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in result.crisis_by_category.items()),
        "  handled by language: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in result.handled_by_language.items()),
        "  topic by first label: " + ", ".join(f"{k} {c}/{t}" for k, (c, t) in result.topic_by_first_label.items()),
    ]
    return "\n".join(lines)


def evaluate(webhook: str) -> dict[str, Score]:
    """Score both halves against a running assistant's REST channel."""
    kb = load_knowledge()
    run_id = uuid.uuid4().hex[:8]
    results = {}
    for name in HALVES:
        items = load_half(name)
        replies = ask_all(webhook, run_id, items)
        results[name] = score(items, [read_replies(kb, r) for r in replies])
    return results


def main() -> int:
    """Print both halves' figures (and the tuning half's misses when asked)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        running = start_stack(Path(tmp), SATURDAY_NIGHT)
        try:
            results = evaluate(running.webhook)
        finally:
            stop_stack(running)
    for name, result in results.items():
        print(report(name, result))
    if args.misses:
        for name in TUNING_HALVES:
            texts = {i.id: i.text for i in load_half(name)}
            for message_id, kind, got in results[name].misses:
                print(f"  MISS {kind:11s} {message_id} got {got}: {texts[message_id]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
