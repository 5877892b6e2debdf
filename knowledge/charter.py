"""The council's care leavers' charter: its themes, and the promises under each."""

from __future__ import annotations

from .answers import Answer, SourceTrail, ask_line, with_source
from .loader import KnowledgeBase

TOPIC = "charter"


def topics_with_answers(kb: KnowledgeBase, council_id: str) -> list[str]:
    """The topics a council's files say something about, in catalogue order (the charter counts as one)."""
    council = kb.council(council_id)
    return [t for t in kb.national.topics if t in council.topics or (t == TOPIC and council.charter is not None)]


def charter_themes(kb: KnowledgeBase, council_id: str) -> list[tuple[str, str]]:
    """The charter's themes as (id, title), in the council's order; empty if it has no charter."""
    charter = kb.council(council_id).charter
    return [(key, theme.title) for key, theme in charter.themes.items()] if charter else []


def charter_answer(kb: KnowledgeBase, council_id: str, theme_id: str | None = None) -> Answer:
    """The charter in brief (how many promises, on what), or the promises of one theme."""
    council = kb.council(council_id)
    charter = council.charter
    name = council.council.short_name
    trail = SourceTrail()
    if charter is None:
        team = council.contacts[council.service_hours.in_hours]
        blocks = [f"I don't have {name}'s care leavers' charter.", ask_line(team)]
        return Answer(TOPIC, council_id, with_source(blocks, trail), ())
    trail.add(council.sources[charter.source])
    theme = charter.themes.get(theme_id) if theme_id else None
    if theme is None:
        count = sum(len(t.pledges) for t in charter.themes.values())
        titles = "; ".join(t.title for t in charter.themes.values())
        blocks = [
            f"{name}'s care leavers' charter makes {count} promises to you, in {len(charter.themes)} themes: {titles}.",
            "Pick a theme to read its promises.",
        ]
    else:
        pledges = "\n".join(f"• {p}" for p in theme.pledges)
        blocks = [f"{theme.title}: {name}'s charter promises:\n{pledges}"]
    return Answer(TOPIC, council_id, with_source(blocks, trail), trail.refs())
