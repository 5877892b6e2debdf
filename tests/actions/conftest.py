"""Build real rasa_sdk trackers for the actions under test."""

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Context, fixed_clock, load_knowledge

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
IN_HOURS = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
OUT_OF_HOURS = datetime.fromisoformat("2026-11-24T23:30:00+00:00")
KB = load_knowledge()


def context_at(moment: datetime, council_id: str = "luton") -> Context:
    """The context an action server for this council would have, its clock fixed at moment."""
    return Context(KB, council_id, fixed_clock(moment))


def make_tracker(
    text: str = "",
    intent: str | None = None,
    slots: dict | None = None,
    events: list | None = None,
    ranking: list | None = None,
    active_loop: str | None = None,
    metadata: dict | None = None,
) -> Tracker:
    """A tracker whose latest message is text, classified as intent."""
    all_slots = {name: None for name in DOMAIN["slots"]} | {"requested_slot": None} | (slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": [], "metadata": metadata or {}}
    if ranking is not None:
        message["intent_ranking"] = ranking
    return Tracker(
        "test-user",
        all_slots,
        message,
        events or [{"event": "user", "text": text, "parse_data": message}],
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def in_hours() -> Context:
    return context_at(IN_HOURS)


@pytest.fixture
def out_of_hours() -> Context:
    return context_at(OUT_OF_HOURS)
