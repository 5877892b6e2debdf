"""The council tax question: does this care leaver pay council tax where they live?

Whose rule applies depends on two councils: the one that looked after them, and the one whose area they live
in (taken as the council this assistant serves). Luton exempts only its own care leavers living in Luton;
Lancashire's grant pays for its care leavers wherever they live.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answer, SourceTrail, ask_line, next_step, with_source
from .loader import KnowledgeBase
from .templates import council_context, render
from .uncovered import silent_answer, uncovered_answer

TOPIC = "council_tax"
WHEREVER = "applies_wherever_they_live"


@dataclass(frozen=True)
class Decision:
    """Whose council tax rule answers, and which of its replies: under_age, eligible, too_old, other_council,
    or silent (that council's offer says nothing) or uncovered (we have no file for the council)."""

    council_id: str | None
    outcome: str


def _own_rule_applies(kb: KnowledgeBase, lives_in: str, looked_after_by: str) -> bool:
    topic = kb.council(looked_after_by).topics.get(TOPIC)
    return topic is not None and (looked_after_by == lives_in or bool(topic.values.get(WHEREVER)))


def needs_age(kb: KnowledgeBase, lives_in: str, looked_after_by: str | None) -> bool:
    """Whether the answer depends on the age: only when the looking-after council's own rule applies."""
    return looked_after_by in kb.councils and _own_rule_applies(kb, lives_in, looked_after_by)


def decide(kb: KnowledgeBase, lives_in: str, looked_after_by: str, age: int | None) -> Decision:
    """Which council's rule answers, and how."""
    if looked_after_by in kb.councils and _own_rule_applies(kb, lives_in, looked_after_by):
        if age is None:
            raise ValueError("the age is needed when the looking-after council's own rule applies")
        limit = kb.council(looked_after_by).topics[TOPIC].values["exempt_to_age"]
        if age < kb.national.topics[TOPIC].values["payable_from_age"]:
            return Decision(looked_after_by, "under_age")
        return Decision(looked_after_by, "eligible" if age < limit else "too_old")
    if looked_after_by == lives_in:
        return Decision(lives_in, "silent")
    if TOPIC in kb.council(lives_in).topics:
        return Decision(lives_in, "other_council")
    if looked_after_by in kb.councils:
        return Decision(looked_after_by, "silent")
    return Decision(None, "uncovered")


def council_tax_answer(kb: KnowledgeBase, lives_in: str, looked_after_by: str, age: int | None) -> Answer:
    """The council tax reply for someone looked after by looked_after_by, of this age, living in lives_in."""
    decision = decide(kb, lives_in, looked_after_by, age)
    if decision.outcome == "uncovered":
        entry = kb.registered(looked_after_by)
        return uncovered_answer(kb, TOPIC, entry.name if entry else None)
    if decision.outcome == "silent":
        return silent_answer(kb, TOPIC, decision.council_id)
    council = kb.council(decision.council_id)
    topic = council.topics[TOPIC]
    context = council_context(kb.national, council, TOPIC, extra=[("age", age)])
    trail = SourceTrail()
    for point in topic.points:
        trail.add(council.sources[point.source])
    blocks = [render(topic.outcomes[decision.outcome], context)]
    if decision.outcome in ("eligible", "under_age"):
        blocks.append(next_step(kb, council, TOPIC))
    else:
        blocks.append(ask_line(council.contacts[topic.ask or council.service_hours.in_hours]))
    return Answer(TOPIC, decision.council_id, with_source(blocks, trail), trail.refs())
