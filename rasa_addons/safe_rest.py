"""The REST channel, made safe: a turn that would get no reply (an action failed, the action server is down)
gets a reply built from knowledge/ inside the Rasa server, which needs nothing that has failed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.lock_store import LockError
from sanic import Blueprint

from deployment.settings import build_context, load_settings
from knowledge import Context, safe_reply_for
from knowledge.context import METADATA_COUNCIL

from .server_knowledge import server_knowledge

logger = logging.getLogger(__name__)


async def send_safe_reply(output: CollectingOutputChannel, message: UserMessage, context: Context) -> None:
    """Send the safe reply (text, then its payload) for the council the message's metadata asks for."""
    reply = safe_reply_for(context, (message.metadata or {}).get(METADATA_COUNCIL))
    await output.send_text_message(message.sender_id, reply.text)
    await output.send_custom_json(message.sender_id, reply.payload())


class SafeRestInput(RestInput):
    """Rasa's REST channel (same URL, /webhooks/rest/webhook) that never answers with silence."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SafeRestInput:
        """The channel with its context, built once from the deployment's settings (a bad setting stops Rasa)."""
        return cls(build_context(load_settings(), server_knowledge()))

    @classmethod
    def name(cls) -> str:
        """Keep the REST channel's name, so its URL does not change."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST blueprint, with every turn guarded."""

        async def guarded(message: UserMessage) -> None:
            try:
                await on_new_message(message)
            except LockError as error:
                # Raised before the turn is processed: without the lock nothing was read or saved.
                logger.error(
                    "The conversation could not be locked, so the message was not processed; sending the safe reply. "
                    "Is the lock store (Redis with `make run-cluster`) running? %s",
                    str(error).replace("\n", " "),
                )
            except Exception:
                logger.exception("The turn failed; sending the safe reply.")
            finally:
                output = message.output_channel
                # Only the plain collecting channel: the streaming one queues its messages instead.
                if type(output) is CollectingOutputChannel and not output.messages:
                    await send_safe_reply(output, message, self.context)

        return super().blueprint(guarded)
