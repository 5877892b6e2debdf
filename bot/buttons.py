"""Button payloads kept behind short tokens, shared by every channel."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

MAX_BUTTONS_REMEMBERED = 50_000


class ButtonBook:
    """Remembers button payloads behind short tokens: Telegram allows 64 bytes of callback data, and a token
    that was never handed out cannot inject an intent."""

    def __init__(self, size: int = MAX_BUTTONS_REMEMBERED) -> None:
        self.size = size
        self.payloads: OrderedDict[str, str] = OrderedDict()

    def token(self, payload: str) -> str:
        """The token for a payload, remembered for later presses."""
        token = "b:" + hashlib.sha256(payload.encode()).hexdigest()[:20]
        self.payloads[token] = payload
        self.payloads.move_to_end(token)
        while len(self.payloads) > self.size:
            self.payloads.popitem(last=False)
        return token

    def payload(self, token: str) -> str | None:
        """The payload behind a token, or None if it was never handed out (or long forgotten)."""
        return self.payloads.get(token)
