"""Honest answers where we have nothing local to say: a council we have no file for, or an offer that is silent."""

from __future__ import annotations

from .answers import Answer, SourceTrail, ask_line, national_part, topic_title, with_source
from .loader import KnowledgeBase
from .schema import Contact

ADVICE_LINE = "become"  # the national care advice line, for people whose council we do not cover


def uncovered_opening(kb: KnowledgeBase, topic_id: str, council_name: str | None) -> str:
    """'I don't have that council's offer yet', and who can tell them instead."""
    who = f"{council_name}'s" if council_name else "your council's"
    return (
        f"I don't have {who} local offer yet, so I can't tell you what it offers on "
        f"{topic_title(kb, topic_id).lower()}. Your personal adviser at the council that looked after you can."
    )


def advice_line(kb: KnowledgeBase, trail: SourceTrail) -> Contact:
    """The national advice line for people whose council we do not cover, its source recorded."""
    line = kb.national.services[ADVICE_LINE]
    trail.add(kb.national.sources[line.source])
    return line


def uncovered_answer(kb: KnowledgeBase, topic_id: str, council_name: str | None) -> Answer:
    """'I don't have that council's offer yet', what holds everywhere in England, and who can advise."""
    trail = SourceTrail()
    blocks = [
        uncovered_opening(kb, topic_id, council_name),
        *national_part(kb, topic_id, trail),
        ask_line(advice_line(kb, trail)),
    ]
    return Answer(topic_id, None, with_source(blocks, trail), trail.refs())


def silent_opening(kb: KnowledgeBase, topic_id: str, council_short_name: str) -> str:
    """The council's offer says nothing on this topic, said plainly."""
    return (
        f"{council_short_name}'s offer for care leavers doesn't say anything about "
        f"{topic_title(kb, topic_id).lower()}, so I can't tell you what it gives. Your PA can."
    )


def silent_answer(kb: KnowledgeBase, topic_id: str, council_id: str) -> Answer:
    """The council's offer says nothing on this topic: say so plainly, what holds everywhere, and who to ask."""
    council = kb.council(council_id)
    trail = SourceTrail()
    team = council.contacts[council.service_hours.in_hours]
    trail.add(council.sources[team.source])
    blocks = [
        silent_opening(kb, topic_id, council.council.short_name),
        *national_part(kb, topic_id, trail),
        ask_line(team),
    ]
    return Answer(topic_id, council_id, with_source(blocks, trail), trail.refs())
