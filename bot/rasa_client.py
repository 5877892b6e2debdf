"""One async client for Rasa's REST channel, shared by every channel: pooled, time-limited, spread over the Rasa
servers by conversation, sent to the next server only when the first certainly never got it (bot/rasa_servers.py)."""

from __future__ import annotations

import asyncio
import logging

import httpx

from knowledge import Context
from knowledge.context import METADATA_COUNCIL

from .rasa_servers import RasaServers
from .replies import Reply, from_rasa, safe_replies

logger = logging.getLogger(__name__)


class RasaClient:
    """Sends a user's message to Rasa and returns the replies, or the safe reply if Rasa fails or is slow."""

    def __init__(self, servers: RasaServers, timeout_s: float, context: Context) -> None:
        self.context = context
        self.servers = servers
        self.timeout_s = timeout_s
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_s),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def close(self) -> None:
        """Close the pooled connections."""
        await self.client.aclose()

    async def _post(self, sender: str, text: str, metadata: dict | None) -> list[dict]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}

        async def post(base_url: str) -> list[dict]:
            response = await self.client.post(f"{base_url}/webhooks/rest/webhook", json=body)
            response.raise_for_status()
            return response.json()

        return await self.servers.first_up(sender, post)

    async def send(self, sender: str, text: str, metadata: dict | None = None) -> list[Reply]:
        """The replies to one message; never empty: on any failure or after the time limit, the safe reply
        for the council the metadata asks for."""
        council = (metadata or {}).get(METADATA_COUNCIL)
        try:
            messages = await asyncio.wait_for(self._post(sender, text, metadata), self.timeout_s)
        except (httpx.HTTPError, asyncio.TimeoutError, ValueError) as error:
            logger.warning("Rasa did not answer (%s); sending the safe reply.", type(error).__name__)
            return safe_replies(self.context, council)
        return from_rasa(messages) or safe_replies(self.context, council)
