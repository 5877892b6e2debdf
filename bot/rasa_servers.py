"""Which Rasa server a conversation goes to: each to its own (by sender id), the next one while it is down."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Raised while opening the TCP connection (refused, reset or timed out during the handshake), before any byte of
# the request is sent: the server never saw the message, so sending it to the next server cannot answer it twice.
# Anything later (a reset or timeout mid-response, a 5xx) may come after the server processed and saved the turn,
# so it is never retried: the caller sends the safe reply instead.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)


class RasaServers:
    """The Rasa servers a gateway talks to, in a stable order per conversation (rendezvous hashing)."""

    def __init__(self, urls: tuple[str, ...]) -> None:
        if not urls:
            raise ValueError("at least one Rasa server is needed")
        self.urls = tuple(url.rstrip("/") for url in urls)

    def in_order(self, sender: str) -> list[str]:
        """The servers for this conversation, its own first: the same while it is up, whichever others come and go."""

        def weight(url: str) -> bytes:
            return hashlib.sha256(f"{url}\n{sender}".encode()).digest()

        return sorted(self.urls, key=weight, reverse=True)

    async def first_up(self, sender: str, call: Callable[[str], Awaitable[T]]) -> T:
        """`call(url)` on the conversation's own server, or on the next one when it certainly never got the request;
        last, its own once more (a server restarting may be back)."""
        servers = self.in_order(sender)
        servers.append(servers[0])
        for url in servers[:-1]:
            try:
                return await call(url)
            except NOT_SENT as error:
                logger.warning(
                    "The Rasa server at %s is not answering (%s); trying the next.", url, type(error).__name__
                )
        return await call(servers[-1])
