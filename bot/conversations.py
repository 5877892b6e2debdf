"""Conversation ids and storage: pseudonymous ids per chat, erasing one conversation, and retention."""

from __future__ import annotations

import hashlib
import hmac
import logging
import sqlite3
import time
from pathlib import Path

logger = logging.getLogger(__name__)
EVENTS_TABLE = "events"  # Rasa's SQL tracker store keeps every conversation's events here


def sender_id(channel: str, chat_id: int | str, secret: str) -> str:
    """A stable id for a chat that does not reveal the chat's own id to the conversation store."""
    digest = hmac.new(secret.encode(), f"{channel}:{chat_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:24]}"


def _delete(db: Path, where: str, args: tuple) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=10) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table' AND name=?", (EVENTS_TABLE,))
        if tables.fetchone() is None:
            return 0
        return connection.execute(f"DELETE FROM {EVENTS_TABLE} WHERE {where}", args).rowcount  # noqa: S608


def forget(db: Path, sender: str) -> int:
    """Erase one conversation from the tracker store; the number of events removed."""
    return _delete(db, "sender_id = ?", (sender,))


def expire(db: Path, retention_days: int, now: float | None = None) -> int:
    """Erase every event older than the retention period; the number removed."""
    cutoff = (now if now is not None else time.time()) - retention_days * 86400
    removed = _delete(db, "timestamp < ?", (cutoff,))
    if removed:
        logger.info("Removed %d conversation events older than %d days.", removed, retention_days)
    return removed
