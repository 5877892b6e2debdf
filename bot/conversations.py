"""Pseudonymous conversation ids: one per chat, that does not reveal the chat's own id."""

from __future__ import annotations

import hashlib
import hmac


def sender_id(channel: str, chat_id: int | str, secret: str) -> str:
    """A stable id for a chat that does not reveal the chat's own id to the conversation store."""
    digest = hmac.new(secret.encode(), f"{channel}:{chat_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:24]}"
