"""What a running assistant is configured with: its council (ASSISTANT_COUNCIL) and its clock (ASSISTANT_CLOCK)."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from .loader import KnowledgeBase


def configured_council(kb: KnowledgeBase) -> str:
    """The council this assistant answers for: ASSISTANT_COUNCIL, default luton; it must have a knowledge file."""
    council_id = os.environ.get("ASSISTANT_COUNCIL", "luton")
    if council_id not in kb.councils:
        raise RuntimeError(f"ASSISTANT_COUNCIL={council_id!r} has no file in knowledge/data/councils/")
    return council_id


def current_time() -> datetime:
    """The current time; ASSISTANT_CLOCK (ISO 8601 with offset) fixes it, for demos and tests of the hours."""
    fixed = os.environ.get("ASSISTANT_CLOCK")
    if fixed:
        moment = datetime.fromisoformat(fixed)
        if moment.tzinfo is None:
            raise RuntimeError("ASSISTANT_CLOCK needs a UTC offset, e.g. 2026-11-24T23:30:00+00:00")
        return moment
    return datetime.now(timezone.utc)
