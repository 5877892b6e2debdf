"""Place names for recognising a council in a message: every name and town in england_councils.yaml."""

from __future__ import annotations

from .loader import KnowledgeBase

COUNCIL_LABEL = "COUNCIL"


def place_patterns(kb: KnowledgeBase) -> list[dict]:
    """EntityRuler patterns (phrases, matched on lower case), each carrying its council's id."""
    return [
        {"label": COUNCIL_LABEL, "pattern": name.lower(), "id": entry.id}
        for entry in kb.register.councils
        for name in (*entry.names, entry.name)
    ]
