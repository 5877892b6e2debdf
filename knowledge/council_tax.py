"""The council tax question: does this care leaver pay council tax here?"""

from __future__ import annotations

from .answers import Answer, SourceTrail, ask_line, next_step, with_source
from .loader import KnowledgeBase
from .templates import council_context, render

TOPIC = "council_tax"


def council_tax_outcome(kb: KnowledgeBase, council_id: str, looked_after_by: str, age: int | None) -> str:
    """Which reply applies: other_council, under_age, eligible or too_old (age is needed for the last three)."""
    if looked_after_by != council_id:
        return "other_council"
    if age is None:
        raise ValueError("the age is needed when the council looked after them")
    topic = kb.council(council_id).topics[TOPIC]
    national = kb.national.topics[TOPIC]
    if age < national.values["payable_from_age"]:
        return "under_age"
    return "eligible" if age < topic.values["exempt_to_age"] else "too_old"


def needs_age(council_id: str, looked_after_by: str | None) -> bool:
    """Whether the age matters: only when this council looked after them."""
    return looked_after_by == council_id


def council_tax_answer(kb: KnowledgeBase, council_id: str, looked_after_by: str, age: int | None) -> Answer:
    """The council tax reply for someone looked after by looked_after_by, of this age, asking council_id."""
    council = kb.council(council_id)
    topic = council.topics[TOPIC]
    outcome = council_tax_outcome(kb, council_id, looked_after_by, age)
    context = council_context(kb.national, council, TOPIC, extra=[("age", age)])
    trail = SourceTrail()
    for point in topic.points:
        trail.add(council.sources[point.source])
    blocks = [render(topic.outcomes[outcome], context)]
    if outcome in ("eligible", "under_age"):
        blocks.append(next_step(kb, council, TOPIC))
    else:
        blocks.append(ask_line(council.contacts[topic.ask or council.service_hours.in_hours]))
    return Answer(TOPIC, council_id, with_source(blocks, trail), trail.refs())
