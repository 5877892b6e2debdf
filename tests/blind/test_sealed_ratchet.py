"""The sealed half of the blind set may not score below the figures last recorded in docs/quality.md.

Only the figures are compared and shown; the sealed half's messages and misses are never printed.
"""

import re
import uuid

from bench.blind import ask_all, load_half, read_replies, score
from knowledge import load_knowledge
from tests.stack import ROOT

RECORDED = re.compile(r"<!-- ratchet: sealed topic_accuracy=([0-9.]+) crisis_recall=([0-9.]+) -->")


def recorded() -> tuple[float, float]:
    found = RECORDED.search((ROOT / "docs" / "quality.md").read_text(encoding="utf-8"))
    assert found, "docs/quality.md has no ratchet line for the sealed half"
    return float(found.group(1)), float(found.group(2))


def test_the_sealed_half_scores_no_lower_than_last_recorded(stack):
    items = load_half("sealed")
    replies = ask_all(stack.webhook, uuid.uuid4().hex[:8], items)
    result = score(items, [read_replies(load_knowledge(), r) for r in replies])
    topic_floor, crisis_floor = recorded()
    figures = f"topic accuracy {result.topic_accuracy:.3f}, crisis recall {result.crisis_recall:.3f}"
    assert round(result.topic_accuracy, 3) >= topic_floor, f"sealed half fell: {figures}"
    assert round(result.crisis_recall, 3) >= crisis_floor, f"sealed half fell: {figures}"
