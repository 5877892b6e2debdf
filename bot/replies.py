"""What the assistant says back, as channels need it: text, buttons and the payload, and the safe reply."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge import Context, safe_reply_for


@dataclass(frozen=True)
class Button:
    """A button: what it says, and what pressing it sends."""

    title: str
    payload: str


@dataclass(frozen=True)
class Letter:
    """A ready-made letter a reply carries: its title, the file name it is saved as, and its text."""

    title: str
    filename: str
    text: str


@dataclass
class Reply:
    """One message from the assistant, with the payload Rasa sent after it (topic, council, sources)."""

    text: str
    buttons: list[Button] = field(default_factory=list)
    payload: dict | None = None

    @property
    def topic(self) -> str | None:
        """The topic the reply answered, if it answered one."""
        return (self.payload or {}).get("topic")

    @property
    def letter(self) -> Letter | None:
        """The ready-made letter the reply carries, if it carries one."""
        shown = (self.payload or {}).get("letter")
        if not isinstance(shown, dict) or not all(isinstance(shown.get(k), str) for k in ("title", "filename", "text")):
            return None
        return Letter(shown["title"], shown["filename"], shown["text"])


def from_rasa(messages: list[dict]) -> list[Reply]:
    """Join Rasa's REST messages into replies: a custom payload belongs to the text before it."""
    replies: list[Reply] = []
    for message in messages:
        if message.get("text"):
            buttons = [Button(b["title"], b["payload"]) for b in message.get("buttons") or []]
            replies.append(Reply(message["text"], buttons))
        elif "custom" in message and replies:
            replies[-1].payload = message["custom"]
    return replies


def safe_replies(context: Context, council_id: str | None) -> list[Reply]:
    """The reply when the assistant cannot answer: who to contact right now and 999, for the council asked for."""
    answer = safe_reply_for(context, council_id)
    return [Reply(answer.text, payload=answer.payload())]
