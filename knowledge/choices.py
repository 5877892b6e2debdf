"""The answers offered to 'which council looked after you?', the same in every channel."""

from __future__ import annotations

import json

from .loader import KnowledgeBase
from .text import OTHER

ANOTHER_COUNCIL = "Another council"
INFORM = "/inform"  # the intent a council button sends, with the council as its entity


def council_payload(council_id: str) -> str:
    """What pressing a council's button sends: the inform intent with the council as its entity."""
    return INFORM + json.dumps({"council": council_id}, separators=(",", ":"))


def council_choices(kb: KnowledgeBase, first: str | None) -> list[tuple[str, str]]:
    """The council buttons as (title, payload): the channel's council first, the others by id, then 'Another'."""
    ordered = sorted(kb.councils.items(), key=lambda item: (item[0] != first, item[0]))
    choices = [(council.council.short_name, council_payload(key)) for key, council in ordered]
    return [*choices, (ANOTHER_COUNCIL, council_payload(OTHER))]
