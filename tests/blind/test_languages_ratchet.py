"""The sealed other-language messages may not score below the figures last recorded in docs/quality.md.

Only the figures are compared and shown; the sealed messages and their misses are never printed.
"""

import re

import pytest
import yaml

from scripts.eval_languages import HALVES, read_all, score_half, totals
from tests.stack import ROOT


@pytest.mark.parametrize("half", ["sealed", "second sealed"])
def test_each_sealed_other_language_half_scores_no_lower_than_last_recorded(half):
    line = re.compile(rf"<!-- ratchet: languages {half} recognised=([0-9.]+) crisis_kind=([0-9.]+) -->")
    found = line.search((ROOT / "docs" / "quality.md").read_text(encoding="utf-8"))
    assert found, f"docs/quality.md has no ratchet line for the {half} other-language messages"
    messages = yaml.safe_load(HALVES[half].read_text(encoding="utf-8"))["messages"]
    total = totals(score_half(messages, read_all([item["text"] for item in messages]), misses=None))
    recognised = total["recognised"] / total["messages"]
    kind_right = total["kind right"] / total["crisis"]
    figures = f"recognised {recognised:.3f}, crisis kind right {kind_right:.3f}"
    assert round(recognised, 3) >= float(found.group(1)), f"{half} other-language messages fell: {figures}"
    assert round(kind_right, 3) >= float(found.group(2)), f"{half} other-language messages fell: {figures}"
