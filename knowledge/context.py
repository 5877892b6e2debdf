"""What every reply is given: the knowledge base, the council it is for, and the clock. Passed in, never looked up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from .loader import KnowledgeBase

Clock = Callable[[], datetime]
# The key under which a channel names, in a message's metadata, the council it asks for.
METADATA_COUNCIL = "council"


@dataclass(frozen=True)
class Context:
    """The knowledge base, the council a channel asked for (or the deployment's), and the clock."""

    kb: KnowledgeBase
    council_id: str
    clock: Clock

    def __post_init__(self) -> None:
        if self.council_id not in self.kb.councils:
            raise ValueError(f"council {self.council_id!r} has no file in knowledge/data/councils/")

    def now(self) -> datetime:
        """The current time on this context's clock (timezone-aware)."""
        return self.clock()

    def for_council(self, council_id: str | None) -> Context:
        """The same context for another council; this context's own council when that one is not covered."""
        if council_id is None or council_id == self.council_id or council_id not in self.kb.councils:
            return self
        return replace(self, council_id=council_id)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always says `moment` (which must carry a UTC offset)."""
    if moment.tzinfo is None:
        raise ValueError(f"a fixed clock needs a UTC offset, e.g. 2026-11-24T23:30:00+00:00, not {moment}")
    return lambda: moment


def system_clock() -> Clock:
    """The machine's clock, in UTC."""
    return lambda: datetime.now(timezone.utc)
