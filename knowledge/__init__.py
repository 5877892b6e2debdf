"""The care-leaver assistant's domain core: facts as YAML, checked on load, and pure functions over them."""

from .answers import Answer, topic_title
from .charter import charter_answer, charter_themes
from .choices import council_choices, council_payload
from .contact_answers import cant_answer, contact_now_answer, crisis_answer, safe_reply_for
from .context import Context, fixed_clock, system_clock
from .council_tax import council_tax_answer, needs_age
from .hours import ContactAdvice, who_to_contact
from .loader import KnowledgeBase, KnowledgeError, load_knowledge
from .text import OTHER, CouncilMention, find_council, read_age
from .topic_answers import answer
from .uncovered import silent_answer, uncovered_answer

__all__ = [
    "OTHER",
    "Answer",
    "ContactAdvice",
    "Context",
    "CouncilMention",
    "KnowledgeBase",
    "KnowledgeError",
    "answer",
    "cant_answer",
    "charter_answer",
    "charter_themes",
    "contact_now_answer",
    "council_choices",
    "council_payload",
    "council_tax_answer",
    "crisis_answer",
    "find_council",
    "fixed_clock",
    "load_knowledge",
    "needs_age",
    "read_age",
    "safe_reply_for",
    "silent_answer",
    "system_clock",
    "topic_title",
    "uncovered_answer",
    "who_to_contact",
]
