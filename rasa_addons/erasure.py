"""Erasure inside the Rasa server: /forget and the retention sweep, asked for by the gateway, done by our store.

A channel in credentials.yml, like the REST channel, so its routes sit under /webhooks/erasure/. It answers only
calls from loopback that carry the shared secret the launcher gives the gateway and the Rasa server.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_addons.tracker_store import CachedSQLTrackerStore

logger = logging.getLogger(__name__)
BEARER = "Bearer "


def is_loopback(peer: str) -> bool:
    """Whether a peer address is this machine's loopback (IPv4, IPv6, or IPv4 mapped into IPv6)."""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def refusal(peer: str, authorization: str, secret: str) -> int | None:
    """The status an erase call is refused with (403 not from loopback or no secret set, 401 wrong secret),
    or None when it may go ahead."""
    if not secret or not is_loopback(peer):
        return 403
    given = authorization[len(BEARER) :] if authorization.startswith(BEARER) else ""
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return 401
    return None


def our_store(agent: Any) -> CachedSQLTrackerStore | None:
    """The agent's tracker store, if it is ours (Rasa wraps it in a FailSafeTrackerStore)."""
    store = getattr(agent, "tracker_store", None)
    while store is not None and not isinstance(store, CachedSQLTrackerStore):
        store = getattr(store, "_tracker_store", None)
    return store


class ErasureInput(InputChannel):
    """POST /webhooks/erasure/forget {"sender": id} and /webhooks/erasure/older_than {"cutoff": epoch seconds}."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    @classmethod
    def name(cls) -> str:
        """The URL prefix: /webhooks/erasure/."""
        return "erasure"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """The channel with the secret from credentials.yml (which the launcher fills from the environment)."""
        return cls(str((credentials or {}).get("secret") or ""))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The two erase routes, each refused unless from loopback with the secret."""
        erasure = Blueprint("erasure_webhook", __name__)

        def problem(request: Request) -> HTTPResponse | None:
            """Why the call cannot go ahead, as a response; None when it can."""
            status = refusal(request.ip, request.headers.get("Authorization", ""), self.secret)
            if status is not None:
                logger.warning("An erase call from %s was refused (%d).", request.ip, status)
                return response.json({"error": "refused"}, status=status)
            if our_store(request.app.ctx.agent) is None:
                return response.json({"error": "this tracker store cannot erase"}, status=501)
            if not isinstance(request.json if request.body else None, dict):
                return response.json({"error": "expected a JSON object"}, status=400)
            return None

        @erasure.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            refused = problem(request)
            if refused is not None:
                return refused
            sender = request.json.get("sender")
            if not isinstance(sender, str) or not sender:
                return response.json({"error": "expected a sender"}, status=400)
            agent = request.app.ctx.agent
            async with agent.lock_store.lock(sender):  # never in the middle of one of their turns
                removed = our_store(agent).forget(sender)
            return response.json({"removed": removed})

        @erasure.route("/older_than", methods=["POST"])
        async def older_than(request: Request) -> HTTPResponse:
            refused = problem(request)
            if refused is not None:
                return refused
            cutoff = request.json.get("cutoff")
            if isinstance(cutoff, bool) or not isinstance(cutoff, (int, float)):
                return response.json({"error": "expected a cutoff in seconds since the epoch"}, status=400)
            removed = our_store(request.app.ctx.agent).forget_older_than(float(cutoff))
            if removed:
                logger.info("Removed %d conversation events older than the retention period.", removed)
            return response.json({"removed": removed})

        return erasure
