"""The sealed halves of the blind English sets may not score below the figures last recorded in docs/quality.md.

Only the figures are compared and shown; the sealed halves' messages and misses are never printed.
"""

import re
import uuid

import pytest

from bench.blind import ask_all, load_half, read_replies, score
from knowledge import load_knowledge
from tests.stack import ROOT


def recorded(half: str) -> tuple[float, float]:
    """The topic accuracy and crisis recall last recorded for a sealed half."""
    line = re.compile(rf"<!-- ratchet: {half} topic_accuracy=([0-9.]+) crisis_recall=([0-9.]+) -->")
    found = line.search((ROOT / "docs" / "quality.md").read_text(encoding="utf-8"))
    assert found, f"docs/quality.md has no ratchet line for the {half} half"
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize("half", ["sealed", "english_sealed", "english_third_sealed"])
def test_each_sealed_half_scores_no_lower_than_last_recorded(stack, half):
    items = load_half(half)
    replies = ask_all(stack.webhook, uuid.uuid4().hex[:8], items)
    kb = load_knowledge()
    result = score(items, [read_replies(kb, r) for r in replies])
    topic_floor, crisis_floor = recorded(half)
    figures = f"topic accuracy {result.topic_accuracy:.3f}, crisis recall {result.crisis_recall:.3f}"
    assert round(result.topic_accuracy, 3) >= topic_floor, f"{half} half fell: {figures}"
    assert round(result.crisis_recall, 3) >= crisis_floor, f"{half} half fell: {figures}"
