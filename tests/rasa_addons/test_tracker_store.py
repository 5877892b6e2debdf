"""The cached SQL tracker store against a real SQLite file and a real PostgreSQL database, checked against Rasa's
own SQLTrackerStore."""

from __future__ import annotations

import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered

from rasa_addons.tracker_store import CachedSQLTrackerStore
from tests.stack import services

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(ROOT / "domain.yml")
SENDER = "care-leaver-1"


def cached_store(db: Path, **settings) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db), **settings)


def rasa_store(db: Path) -> SQLTrackerStore:
    return SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(db))


@dataclass
class Database:
    """Where the stores under test keep their events: a SQLite file, or a PostgreSQL database of its own."""

    settings: dict[str, Any]

    def cached(self, **settings: Any) -> CachedSQLTrackerStore:
        return CachedSQLTrackerStore(domain=DOMAIN, **self.settings, **settings)

    def rasa(self) -> SQLTrackerStore:
        return SQLTrackerStore(domain=DOMAIN, **self.settings)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> Database:
    if request.param == "sqlite":
        return Database({"dialect": "sqlite", "db": str(tmp_path / "tracker.db")})
    services_settings = {
        **request.getfixturevalue("postgres_and_redis"),
        "POSTGRES_DB": f"unit_{uuid.uuid4().hex[:12]}",
    }
    created = services("start", services_settings)
    assert created.returncode == 0, created.stderr
    return Database(
        {
            "dialect": "postgresql", "host": "127.0.0.1", "port": services_settings["POSTGRES_PORT"],
            "db": services_settings["POSTGRES_DB"], "username": "rasa",
            "password": services_settings["POSTGRES_PASSWORD"],
        }
    )  # fmt: skip


async def start(store: SQLTrackerStore, sender: str = SENDER):
    """A new conversation as Rasa starts one: the session start (the action logged after it ran), saved."""
    tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
    session_started = SessionStarted()
    for event in (ActionExecuted("action_session_start"), session_started, ActionExecuted("action_listen")):
        tracker.update(event)
    await store.save(tracker)


async def turn(store: SQLTrackerStore, text: str, council: str | None = None, sender: str = SENDER) -> None:
    """One message and its answer, as the processor does it: read the tracker, add the events, save."""
    tracker = await store.retrieve(sender)
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 0.9}))
    if council:
        tracker.update(SlotSet("council", council))
    tracker.update(ActionExecuted("action_answer_topic"))
    tracker.update(BotUttered(f"answer to {text}"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)


def texts(tracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


async def test_what_it_saves_is_what_rasa_reads_back(database):
    store = database.cached()
    await start(store)
    for number in range(5):
        await turn(store, f"message {number}", council="luton" if number == 1 else None)

    from_rasa = await database.rasa().retrieve(SENDER)
    ours = await store.retrieve(SENDER)
    assert [e.as_dict() for e in from_rasa.events] == [e.as_dict() for e in ours.events]
    assert texts(from_rasa) == [f"message {n}" for n in range(5)]
    assert from_rasa.get_slot("council") == "luton"


async def test_events_written_by_another_server_sharing_the_database_are_seen(database):
    first, second = database.cached(shared_database=True), database.cached(shared_database=True)
    await start(first)
    await turn(first, "hello")
    await turn(second, "from the other server")

    await turn(first, "back again")

    assert texts(await database.rasa().retrieve(SENDER)) == ["hello", "from the other server", "back again"]


async def test_a_turn_that_failed_before_saving_leaves_nothing_behind(database):
    store = database.cached()
    await start(store)
    await turn(store, "hello")
    half_done = await store.retrieve(SENDER)
    half_done.update(UserUttered("this one crashed", {"name": "inform", "confidence": 0.9}))

    await turn(store, "next message")

    assert texts(await database.rasa().retrieve(SENDER)) == ["hello", "next message"]


async def test_forget_erases_the_conversation_from_the_database_and_from_memory(database):
    store = database.cached()
    await start(store)
    await turn(store, "I was in care in Luton", council="luton")
    await start(store, "someone-else")

    assert store.forget(SENDER) > 0

    assert await store.retrieve(SENDER) is None
    assert await database.rasa().retrieve(SENDER) is None
    assert await store.retrieve("someone-else") is not None


async def test_forget_older_than_erases_old_events_and_the_memory_of_them(database):
    store = database.cached()
    await start(store)
    await turn(store, "I was in care in Luton", council="luton")
    cutoff = time.time()
    await start(store, "recent")
    await turn(store, "what about housing", sender="recent")

    assert store.forget_older_than(cutoff) > 0

    assert await store.retrieve(SENDER) is None
    assert await database.rasa().retrieve(SENDER) is None
    assert texts(await store.retrieve("recent")) == ["what about housing"]


async def test_a_conversation_forgotten_mid_session_starts_afresh(database):
    store = database.cached()
    await start(store)
    await turn(store, "I was in care in Luton", council="luton")
    store.forget(SENDER)

    await start(store)
    await turn(store, "what about housing")

    current = await database.rasa().retrieve(SENDER)
    assert texts(current) == ["what about housing"]
    assert current.get_slot("council") is None


async def test_a_long_session_is_closed_between_messages_and_slots_carry_over(database):
    store = database.cached(max_session_events=40)
    await start(store)
    await turn(store, "I was in care in Luton", council="luton")
    for number in range(12):
        await turn(store, f"question {number}")

    current = await database.rasa().retrieve(SENDER)
    assert len(current.events) < 40, "the session was never closed"
    assert any(isinstance(e, SessionStarted) for e in current.events)
    assert current.get_slot("council") == "luton"
    assert texts(current)[-1] == "question 11"
    everything = await database.rasa().retrieve_full_tracker(SENDER)
    assert texts(everything)[:2] == ["I was in care in Luton", "question 0"]


async def test_a_session_is_not_closed_in_the_middle_of_a_form(database):
    store = database.cached(max_session_events=10)
    await start(store)
    tracker = await store.retrieve(SENDER)
    tracker.update(ActiveLoop("council_tax_form"))
    await store.save(tracker)
    for number in range(5):
        await turn(store, f"answer {number}")

    current = await store.retrieve(SENDER)
    assert current.active_loop_name == "council_tax_form"
    assert texts(current) == [f"answer {n}" for n in range(5)]


async def test_conversations_beyond_the_cache_are_read_from_the_database(database):
    store = database.cached(cache_size=2)
    for person in ("a", "b", "c"):
        await start(store, person)
        await turn(store, f"hello from {person}", sender=person)

    for person in ("a", "b", "c"):
        assert texts(await store.retrieve(person)) == [f"hello from {person}"]


@pytest.mark.parametrize("setting", ["journal_mode", "synchronous"])
async def test_sqlite_runs_in_write_ahead_log_mode(tmp_path, setting):
    db = tmp_path / "tracker.db"
    store = cached_store(db)
    await start(store)
    with store.engine.connect() as connection:
        value = connection.exec_driver_sql(f"PRAGMA {setting}").scalar()
    assert str(value).lower() in {"wal", "1"}  # synchronous=NORMAL reads back as 1
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


class CollectingBroker(EventBroker):
    """An event broker that keeps what it is given (a stand-in for Kafka or RabbitMQ)."""

    def __init__(self) -> None:
        self.published: list[dict] = []

    def publish(self, event: dict) -> None:
        self.published.append(event)


async def test_an_event_broker_gets_each_saved_event_once(tmp_path):
    broker = CollectingBroker()
    store = CachedSQLTrackerStore(domain=DOMAIN, event_broker=broker, dialect="sqlite", db=str(tmp_path / "t.db"))
    await start(store)
    for number in range(3):
        await turn(store, f"message {number}")

    stored = await rasa_store(tmp_path / "t.db").retrieve_full_tracker(SENDER)
    assert [e["text"] for e in broker.published if e["event"] == "user"] == [f"message {n}" for n in range(3)]
    assert [e["event"] for e in broker.published] == [e.as_dict()["event"] for e in stored.events]
    assert {e["sender_id"] for e in broker.published} == {SENDER}
