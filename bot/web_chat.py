"""The web chat backend: one turn of a widget conversation, with a length limit and a rate limit."""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from deployment.settings import Settings
from knowledge import Context
from knowledge.context import METADATA_COUNCIL

from . import conversations
from .buttons import ButtonBook
from .rasa_client import RasaClient
from .replies import Reply
from .texts import button_expired_text, empty_message_text, long_message_notice, too_fast_text

CHANNEL = "web"
CONVERSATION_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
WINDOW_S = 60.0


@dataclass
class Turn:
    """What a widget receives for one message: notices from the gateway, then the assistant's replies."""

    replies: list[Reply] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    status: int = 200


class WebChat:
    """Sends widget messages to Rasa through the shared client."""

    def __init__(
        self, settings: Settings, rasa: RasaClient, id_secret: str, buttons: ButtonBook, context: Context
    ) -> None:
        self.settings = settings
        self.context = context
        self.rasa = rasa
        self.id_secret = id_secret
        self.buttons = buttons
        self.recent: defaultdict[str, deque[float]] = defaultdict(deque)

    @staticmethod
    def valid_conversation(conversation: str) -> bool:
        """Whether a conversation id has the shape the widget makes."""
        return bool(CONVERSATION_ID.match(conversation or ""))

    def _too_fast(self, conversation: str) -> bool:
        now = time.monotonic()
        stamps = self.recent[conversation]
        while stamps and now - stamps[0] > WINDOW_S:
            stamps.popleft()
        if len(stamps) >= self.settings.web_messages_per_minute:
            return True
        stamps.append(now)
        if len(self.recent) > 100_000:
            self.recent.clear()
        return False

    async def turn(self, conversation: str, text: str = "", button: str = "", council: str | None = None) -> Turn:
        """Answer one typed message or one button press; `council` is the council the widget is set up for."""
        if self._too_fast(conversation):
            return Turn([Reply(too_fast_text(self.context.kb))], status=429)
        sender = conversations.sender_id(CHANNEL, conversation, self.id_secret)
        metadata = {"channel": "web", **({METADATA_COUNCIL: council} if council else {})}
        if button:
            payload = self.buttons.payload(button)
            if payload is None:
                return Turn([Reply(button_expired_text())])
            return Turn(await self.rasa.send(sender, payload, metadata))
        # Typed text never reaches Rasa as an intent: leading slashes are dropped.
        text = text.strip().lstrip("/").strip()
        if not text:
            return Turn([Reply(empty_message_text())])
        notices = []
        limit = self.settings.max_message_chars
        if len(text) > limit:
            notices.append(long_message_notice(limit))
            text = text[:limit]
        return Turn(await self.rasa.send(sender, text, metadata), notices)

    def as_json(self, turn: Turn) -> dict:
        """A turn as the widget reads it; buttons carry tokens, sources keep only web links."""
        return {
            "notices": turn.notices,
            "replies": [
                {
                    "text": reply.text,
                    "buttons": [{"title": b.title, "id": self.buttons.token(b.payload)} for b in reply.buttons],
                    "topic": reply.topic,
                    "letter": _letter_json(reply),
                    "sources": [
                        {"title": s.get("title", ""), "url": s["url"]}
                        for s in (reply.payload or {}).get("sources", [])
                        if str(s.get("url", "")).startswith(("https://", "http://"))
                    ],
                }
                for reply in turn.replies
            ],
        }


def _letter_json(reply: Reply) -> dict[str, str] | None:
    """A reply's letter as the widget reads it, or None."""
    letter = reply.letter
    return None if letter is None else {"title": letter.title, "filename": letter.filename, "text": letter.text}
