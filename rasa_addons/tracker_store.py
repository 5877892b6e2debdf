"""The SQL tracker store, with recent conversations kept in memory, sessions closed when they grow long, and
erasure (/forget and the retention sweep) done by the store itself, for any SQLAlchemy dialect.

Rasa's SQL store reads and rebuilds every event of the session on each message, and counts them again to save,
so a message costs more the longer the conversation. This store keeps the trackers of recently active
conversations and saves only the new events, with one insert (Rasa's adds each through the ORM's unit of work).
Erasing goes through `forget` and `forget_older_than`, which drop what they erase from the cache as well.
When several Rasa servers share the database (`shared_database: true`, given a shared lock store), each read
also checks with one indexed query that no other server has written or erased since.
A session that reaches `max_session_events` is closed between two messages as if it had expired: a new session
starts with the slots carried over, so the user notices nothing and each message costs about the same however
long they talk.
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.actions.action import ActionSessionStart
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from rasa_addons import extensions


def _sqlite_write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode: a commit appends to the log and syncs at checkpoints, not at every write.

    A crash of the process loses nothing; a power cut may lose the last messages, never the database.
    """
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    saved_events: int  # how many of tracker.events are in the database
    rows: tuple[int | None, int | None]  # with a shared database: the conversation's oldest and newest row ids


NOT_CHECKED: tuple[int | None, int | None] = (None, None)


class CachedSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with an in-memory cache of recent trackers, a bound on session length, and erasure."""

    def __init__(
        self,
        *args: Any,
        cache_size: int = 100,
        max_session_events: int = 400,
        shared_database: bool = False,
        **kwargs: Any,
    ) -> None:
        extensions.check_rasa_version()  # save() relies on Rasa's private _additional_events
        super().__init__(*args, **kwargs)
        self.cache_size = cache_size
        self.max_session_events = max_session_events
        self.shared_database = shared_database
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a file for every SQLite session; keep a few connections open instead.
            self.engine = sa.create_engine(
                self.engine.url, poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _sqlite_write_ahead_log)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        events = self.SQLEvent.__table__
        self._events = events
        self._insert = events.insert()
        self._row_range = sa.select(sa.func.min(events.c.id), sa.func.max(events.c.id)).where(
            events.c.sender_id == sa.bindparam("sender")
        )

    def _rows(self, sender_id: str) -> tuple[int | None, int | None]:
        """With a shared database, the conversation's oldest and newest row ids: another server's write moves the
        newest, and its erasing moves the oldest or both."""
        if not self.shared_database:
            return NOT_CHECKED
        with self.engine.connect() as connection:
            oldest, newest = connection.execute(self._row_range, {"sender": sender_id}).one()
        return oldest, newest

    def forget(self, sender_id: str) -> int:
        """Erase one conversation, every session of it; the number of events removed."""
        self._cache.pop(sender_id, None)
        with self.engine.begin() as connection:
            return connection.execute(self._events.delete().where(self._events.c.sender_id == sender_id)).rowcount

    def forget_older_than(self, cutoff: float) -> int:
        """Erase every event stamped before `cutoff` (seconds since the epoch); the number removed."""
        for sender_id, cached in list(self._cache.items()):
            if cached.tracker.events and cached.tracker.events[0].timestamp < cutoff:
                del self._cache[sender_id]
        with self.engine.begin() as connection:
            return connection.execute(self._events.delete().where(self._events.c.timestamp < cutoff)).rowcount

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker of the current session: from memory if nothing has changed it since, else from the database."""
        cached = self._cache.pop(sender_id, None)
        rows = self._rows(sender_id)
        fresh = cached and cached.rows == rows and cached.saved_events == len(cached.tracker.events)
        if fresh:
            tracker = cached.tracker
        else:
            tracker = await super().retrieve(sender_id)
            if tracker is None:
                return None
            cached = _Cached(tracker, len(tracker.events), rows)
        if len(tracker.events) >= self.max_session_events and self._between_messages(tracker):
            tracker = await self._new_session(tracker)
            cached = _Cached(tracker, 0, rows)
        self._remember(sender_id, cached)
        return tracker

    @staticmethod
    def _between_messages(tracker: DialogueStateTracker) -> bool:
        return tracker.active_loop_name is None and tracker.latest_action_name == ACTION_LISTEN_NAME

    async def _new_session(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        """A tracker for a new session, with the events Rasa writes when a session expires."""
        started = await ActionSessionStart().run(None, None, tracker, self.domain)  # type: ignore[arg-type]
        events: list[Event] = [ActionExecuted(ACTION_SESSION_START_NAME), *started]
        return DialogueStateTracker.from_events(tracker.sender_id, events, self.domain.slots)

    def _remember(self, sender_id: str, cached: _Cached) -> None:
        self._cache[sender_id] = cached
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save the events not yet in the database with one insert, and keep the tracker for the next message."""
        cached = self._cache.pop(tracker.sender_id, None)
        since = cached.saved_events if cached is not None and cached.tracker is tracker else None
        with self.session_scope() as session:
            if since is None:
                new_events = list(super()._additional_events(session, tracker))  # Rasa's way: count what is saved
            else:
                new_events = list(itertools.islice(tracker.events, since, None))
            if self.event_broker is not None:
                await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
            if new_events:
                session.execute(self._insert, [self._row(tracker.sender_id, event) for event in new_events])
            row_range = NOT_CHECKED
            if self.shared_database:
                row_range = tuple(session.execute(self._row_range, {"sender": tracker.sender_id}).one())
            session.commit()
        if self._session_restarted(tracker, since or 0):
            return  # the next message reads the new session alone from the database, as with Rasa's own store
        self._remember(tracker.sender_id, _Cached(tracker, len(tracker.events), row_range))

    @staticmethod
    def _row(sender_id: str, event: Event) -> dict[str, Any]:
        """The event as a row of Rasa's events table, with the columns Rasa's own store fills."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    @staticmethod
    def _session_restarted(tracker: DialogueStateTracker, since: int) -> bool:
        """Whether a new session began among the events from `since` (a session's own start is its second event)."""
        later = itertools.islice(tracker.events, max(since, 2), None)
        return any(isinstance(event, SessionStarted) for event in later)
