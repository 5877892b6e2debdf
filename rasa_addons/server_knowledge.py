"""The Rasa server's one knowledge base: Rasa builds each NLU component and the REST channel on its own, with no
way to hand them a context, so they all take the knowledge base from here, loaded and checked once."""

from __future__ import annotations

from functools import cache

from knowledge import KnowledgeBase, load_knowledge


@cache
def server_knowledge() -> KnowledgeBase:
    """The checked knowledge base, loaded the first time a component asks (a bad file stops the server there)."""
    return load_knowledge()
