"""Erasing conversations (/forget and the retention sweep): asked of the Rasa server, whose tracker store erases."""

from __future__ import annotations

import logging

import httpx

logger = logging.getLogger(__name__)
ERASE_TIMEOUT_S = 30.0


class ErasureError(Exception):
    """The Rasa server could not be asked to erase, or refused."""


class Erasure:
    """Calls the Rasa server's erasure routes (rasa_addons/erasure.py) over loopback with the shared secret."""

    def __init__(self, rasa_url: str, secret: str) -> None:
        self.url = f"{rasa_url.rstrip('/')}/webhooks/erasure"
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(ERASE_TIMEOUT_S), headers={"Authorization": f"Bearer {secret}"}
        )

    async def close(self) -> None:
        """Close the connection."""
        await self.client.aclose()

    async def _erase(self, route: str, body: dict) -> int:
        try:
            response = await self.client.post(f"{self.url}/{route}", json=body)
            response.raise_for_status()
            return int(response.json()["removed"])
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise ErasureError(f"the Rasa server did not erase ({type(error).__name__})") from error

    async def forget(self, sender: str) -> int:
        """Erase one conversation; the number of events removed."""
        return await self._erase("forget", {"sender": sender})

    async def forget_older_than(self, cutoff: float) -> int:
        """Erase every event before `cutoff` (seconds since the epoch); the number removed."""
        return await self._erase("older_than", {"cutoff": cutoff})
