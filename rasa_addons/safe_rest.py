"""The REST channel, made safe: a turn that would get no reply (an action failed, the action server is down)
gets a reply built from knowledge/ inside the Rasa server, which needs nothing that has failed."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint

from knowledge import get_knowledge
from knowledge.contact_answers import safe_reply
from knowledge.runtime import configured_council, current_time

logger = logging.getLogger(__name__)


async def send_safe_reply(output: CollectingOutputChannel, recipient_id: str) -> None:
    """Send the safe reply (text, then its payload) on an output channel."""
    kb = get_knowledge()
    reply = safe_reply(kb, configured_council(kb), current_time())
    await output.send_text_message(recipient_id, reply.text)
    await output.send_custom_json(recipient_id, reply.payload())


class SafeRestInput(RestInput):
    """Rasa's REST channel (same URL, /webhooks/rest/webhook) that never answers with silence."""

    @classmethod
    def name(cls) -> str:
        """Keep the REST channel's name, so its URL does not change."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST blueprint, with every turn guarded."""

        async def guarded(message: UserMessage) -> None:
            try:
                await on_new_message(message)
            except Exception:
                logger.exception("The turn failed; sending the safe reply.")
            finally:
                output = message.output_channel
                # Only the plain collecting channel: the streaming one queues its messages instead.
                if type(output) is CollectingOutputChannel and not output.messages:
                    await send_safe_reply(output, message.sender_id)

        return super().blueprint(guarded)
