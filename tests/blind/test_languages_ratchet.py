"""The sealed other-language messages may not score below the figures last recorded in docs/quality.md.

Only the figures are compared and shown; the sealed messages and their misses are never printed.
"""

import re

import yaml

from knowledge import load_knowledge
from scripts.eval_languages import HALVES, score_half, totals
from tests.stack import ROOT

RECORDED = re.compile(r"<!-- ratchet: languages sealed recognised=([0-9.]+) crisis_kind=([0-9.]+) -->")


def test_the_sealed_other_language_messages_score_no_lower_than_last_recorded():
    found = RECORDED.search((ROOT / "docs" / "quality.md").read_text(encoding="utf-8"))
    assert found, "docs/quality.md has no ratchet line for the sealed other-language messages"
    messages = yaml.safe_load(HALVES["sealed"].read_text(encoding="utf-8"))["messages"]
    total = totals(score_half(load_knowledge(), messages, misses=None))
    recognised = total["recognised"] / total["messages"]
    kind_right = total["kind right"] / total["crisis"]
    figures = f"recognised {recognised:.3f}, crisis kind right {kind_right:.3f}"
    assert round(recognised, 3) >= float(found.group(1)), f"sealed other-language messages fell: {figures}"
    assert round(kind_right, 3) >= float(found.group(2)), f"sealed other-language messages fell: {figures}"
