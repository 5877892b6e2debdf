"""Answer a topic for a council: its own offer first, then what holds everywhere, then how to get it."""

from __future__ import annotations

from .answers import Answer, SourceTrail, local_part, national_part, next_step, with_source
from .loader import KnowledgeBase
from .templates import council_context
from .uncovered import silent_answer


def answer(kb: KnowledgeBase, topic_id: str, council_id: str) -> Answer:
    """Answer a topic for a council: its own offer, anything national, how to get it, the source line."""
    council = kb.council(council_id)
    trail = SourceTrail()
    topic = council.topics.get(topic_id)
    if not (topic and topic.points):
        return silent_answer(kb, topic_id, council_id)
    context = council_context(kb.national, council, topic_id)
    first, *rest = local_part(council, topic, context, trail)
    local = "\n".join([first] + [f"• {line}" for line in rest])
    blocks = [local, *national_part(kb, topic_id, trail), next_step(kb, council, topic_id)]
    return Answer(topic_id, council_id, with_source(blocks, trail), trail.refs())
