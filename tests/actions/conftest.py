"""Build real rasa_sdk trackers for the actions under test."""

from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
IN_HOURS = "2026-11-24T10:00:00+00:00"
OUT_OF_HOURS = "2026-11-24T23:30:00+00:00"


def make_tracker(
    text: str = "",
    intent: str | None = None,
    slots: dict | None = None,
    events: list | None = None,
    ranking: list | None = None,
    active_loop: str | None = None,
) -> Tracker:
    """A tracker whose latest message is text, classified as intent."""
    all_slots = {name: None for name in DOMAIN["slots"]} | {"requested_slot": None} | (slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
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
def in_hours(monkeypatch):
    monkeypatch.setenv("ASSISTANT_CLOCK", IN_HOURS)


@pytest.fixture
def out_of_hours(monkeypatch):
    monkeypatch.setenv("ASSISTANT_CLOCK", OUT_OF_HOURS)
