"""The council tax rule's outcomes, one value type for the flow and the checks of a council's YAML replies."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

WHEREVER = "applies_wherever_they_live"  # a council tax rule that follows the council's care leavers anywhere
OTHER_COUNCILS = "other_council"  # the reply to care leavers from other areas who live in the council's area


class Outcome(Enum):
    """What the rule of the council that looked after them says, for where they live and how old they are.

    The values of the first four are the keys of the council's replies in its YAML file.
    """

    UNDER_AGE = "under_age"
    ELIGIBLE = "eligible"
    TOO_OLD = "too_old"
    ELSEWHERE = "elsewhere"  # its rule is only for those living in its own area, and they live elsewhere
    SILENT = "silent"  # its offer says nothing about council tax
    UNCOVERED = "uncovered"  # we have no file for that council

    @property
    def settled(self) -> bool:
        """Whether this rule alone answers the question, so the rule where they live need not be added."""
        return self in (Outcome.UNDER_AGE, Outcome.ELIGIBLE, Outcome.TOO_OLD)


def replies_needed(values: Mapping[str, object]) -> tuple[str, ...]:
    """The replies a council's council tax topic must have: one per outcome its rule can give, and the one for
    care leavers from other areas living in its area."""
    outcomes = [Outcome.UNDER_AGE, Outcome.ELIGIBLE, Outcome.TOO_OLD]
    if not values.get(WHEREVER):
        outcomes.append(Outcome.ELSEWHERE)
    return (*(outcome.value for outcome in outcomes), OTHER_COUNCILS)
