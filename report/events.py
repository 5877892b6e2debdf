"""Read the questions people asked, and what the assistant replied, from Rasa's `events` table, for any
SQLAlchemy dialect (SQLite now, PostgreSQL the same way)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

TOPIC_INTENT_PREFIX = "ask_"


@dataclass
class Question:
    """One message a person sent, the intent Rasa read, and the topics of the replies it got."""

    conversation: str
    sent: datetime
    text: str
    intent: str | None
    reply_topics: list[str] = field(default_factory=list)
    replied: bool = False


def database_url(tracker_db: str) -> str:
    """A SQLAlchemy URL: a URL as given (postgresql://...), else the path of a SQLite file."""
    return tracker_db if "://" in tracker_db else f"sqlite:///{tracker_db}"


def _events_table() -> sa.Table:
    """The columns of Rasa's events table this report reads."""
    return sa.Table(
        "events",
        sa.MetaData(),
        sa.Column("id", sa.Integer),
        sa.Column("sender_id", sa.String),
        sa.Column("type_name", sa.String),
        sa.Column("timestamp", sa.Float),
        sa.Column("data", sa.Text),
    )


def read_rows(url: str, since: float) -> Iterator[tuple[str, str, float, str]]:
    """The user and bot events stamped from `since` (seconds since the epoch), conversation by conversation, in
    order: (sender_id, type_name, timestamp, data)."""
    events = _events_table()
    query = (
        sa.select(events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.type_name.in_(("user", "bot")), events.c.timestamp >= since)
        .order_by(events.c.sender_id, events.c.id)
    )
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            yield from (tuple(row) for row in connection.execute(query))
    finally:
        engine.dispose()


def questions(rows: Iterable[tuple[str, str, float, str]]) -> list[Question]:
    """Each user message with the topics of the bot messages that followed it, up to the next user message."""
    found: list[Question] = []
    latest: dict[str, Question] = {}
    for sender, kind, stamp, raw in rows:
        data = json.loads(raw)
        if kind == "user":
            intent = ((data.get("parse_data") or {}).get("intent") or {}).get("name")
            sent = datetime.fromtimestamp(stamp, timezone.utc)
            latest[sender] = Question(sender, sent, data.get("text") or "", intent)
            found.append(latest[sender])
        elif sender in latest:
            question = latest[sender]
            question.replied = True
            topic = ((data.get("data") or {}).get("custom") or {}).get("topic")
            if topic and topic not in question.reply_topics:
                question.reply_topics.append(topic)
    return found
