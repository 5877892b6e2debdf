"""Erasing conversations (/forget and the retention sweep): asked of the Rasa server, whose tracker store erases."""

from __future__ import annotations

import logging

import httpx

from .rasa_servers import RasaServers

logger = logging.getLogger(__name__)
ERASE_TIMEOUT_S = 30.0


class ErasureError(Exception):
    """The Rasa server could not be asked to erase, or refused."""


class Erasure:
    """Calls a Rasa server's erasure routes (rasa_addons/erasure.py) over loopback with the shared secret; with
    several servers sharing one store, any that is up erases for all (each checks the store before using its cache)."""

    def __init__(self, servers: RasaServers, secret: str) -> None:
        self.servers = servers
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(ERASE_TIMEOUT_S), headers={"Authorization": f"Bearer {secret}"}
        )

    async def close(self) -> None:
        """Close the connection."""
        await self.client.aclose()

    async def _erase(self, route: str, body: dict, sender: str = "") -> int:
        async def erase(base_url: str) -> int:
            response = await self.client.post(f"{base_url}/webhooks/erasure/{route}", json=body)
            response.raise_for_status()
            return int(response.json()["removed"])

        try:
            return await self.servers.first_up(sender, erase)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise ErasureError(f"the Rasa server did not erase ({type(error).__name__})") from error

    async def forget(self, sender: str) -> int:
        """Erase one conversation; the number of events removed."""
        return await self._erase("forget", {"sender": sender}, sender)

    async def forget_older_than(self, cutoff: float) -> int:
        """Erase every event before `cutoff` (seconds since the epoch); the number removed."""
        return await self._erase("older_than", {"cutoff": cutoff})
