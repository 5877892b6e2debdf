"""A local stand-in for Telegram's Bot API, on loopback: it queues updates for getUpdates and records what the
bot sends, so python-telegram-bot runs for real over real HTTP."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from itertools import count

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

BOT_USER = {"id": 999, "is_bot": True, "first_name": "Assistant", "username": "assistant_test_bot"}


@dataclass
class Sent:
    """One message the bot sent."""

    chat_id: int
    text: str
    buttons: list[dict]
    at: float


@dataclass
class SentDocument:
    """One file the bot sent."""

    chat_id: int
    filename: str
    content: bytes
    caption: str


@dataclass
class FakeBotApi:
    """The fake server's state: queued updates, sent messages, and every method called."""

    updates: list[dict] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    documents: list[SentDocument] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    ids: count = field(default_factory=lambda: count(1))
    server: uvicorn.Server | None = None
    port: int = 0

    # Building updates ---------------------------------------------------------------------------------
    def _message(self, chat_id: int, **content) -> dict:
        return {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Young"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Young"},
            **content,
        }

    def send_text(self, chat_id: int, text: str) -> None:
        """Queue a text message from a user (a leading /word is marked as a command, as Telegram does)."""
        content: dict = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self.updates.append({"update_id": next(self.ids), "message": self._message(chat_id, **content)})

    def send_sticker(self, chat_id: int) -> None:
        """Queue a sticker from a user."""
        sticker = {"file_id": "s1", "file_unique_id": "u1", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
        self.updates.append({"update_id": next(self.ids), "message": self._message(chat_id, sticker=sticker)})

    def press(self, chat_id: int, callback_data: str) -> None:
        """Queue a button press."""
        query = {
            "id": str(next(self.ids)),
            "from": {"id": chat_id, "is_bot": False, "first_name": "Young"},
            "chat_instance": "ci",
            "data": callback_data,
            "message": self._message(chat_id, text="(buttons)", **{"from": BOT_USER}),
        }
        self.updates.append({"update_id": next(self.ids), "callback_query": query})

    def press_inline(self, user_id: int, callback_data: str) -> None:
        """Queue a press on a button of an inline-mode message: Telegram sends it with no chat and no message."""
        query = {
            "id": str(next(self.ids)),
            "from": {"id": user_id, "is_bot": False, "first_name": "Young"},
            "chat_instance": "ci",
            "data": callback_data,
            "inline_message_id": f"inline-{next(self.ids)}",
        }
        self.updates.append({"update_id": next(self.ids), "callback_query": query})

    # Reading what was sent -----------------------------------------------------------------------------
    def to(self, chat_id: int) -> list[Sent]:
        """Everything sent to a chat, in order."""
        return [s for s in self.sent if s.chat_id == chat_id]

    def wait_for(self, chat_id: int, count_: int, timeout: float = 60) -> list[Sent]:
        """Wait until a chat has been sent at least count_ messages; return them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.to(chat_id)) >= count_:
                return self.to(chat_id)
            time.sleep(0.05)
        raise AssertionError(
            f"chat {chat_id} got {len(self.to(chat_id))} messages, expected {count_}: {self.to(chat_id)}"
        )

    def wait_for_document(self, chat_id: int, timeout: float = 60) -> SentDocument:
        """Wait until a chat has been sent a file; return the first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := [d for d in self.documents if d.chat_id == chat_id]:
                return found[0]
            time.sleep(0.05)
        raise AssertionError(f"chat {chat_id} got no document: {self.to(chat_id)}")

    def wait_for_call(self, method: str, timeout: float = 60) -> None:
        """Wait until the bot has called a Bot API method."""
        deadline = time.monotonic() + timeout
        while method not in self.calls:
            if time.monotonic() >= deadline:
                raise AssertionError(f"the bot never called {method}: {self.calls}")
            time.sleep(0.05)

    # The HTTP side ---------------------------------------------------------------------------------------
    async def _params(self, request: Request) -> dict:
        if request.headers.get("content-type", "").startswith("application/json"):
            return await request.json()
        form = await request.form()
        return {key: value for key, value in form.items()}

    async def endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        params = await self._params(request)
        self.calls.append(method)
        if method == "getMe":
            return self._ok(BOT_USER)
        if method == "getUpdates":
            return self._ok(
                await self._updates(int(params.get("offset", 0) or 0), float(params.get("timeout", 0) or 0))
            )
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            markup = params.get("reply_markup")
            markup = json.loads(markup) if isinstance(markup, str) else (markup or {})
            buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
            self.sent.append(Sent(chat_id, params["text"], buttons, time.monotonic()))
            return self._ok(self._message(chat_id, text=params["text"], **{"from": BOT_USER}))
        if method == "sendDocument":
            chat_id, upload = int(params["chat_id"]), params["document"]
            sent = SentDocument(chat_id, upload.filename, await upload.read(), params.get("caption", ""))
            self.documents.append(sent)
            document = {"file_id": f"d{next(self.ids)}", "file_unique_id": "du", "file_name": sent.filename}
            return self._ok(self._message(chat_id, document=document, **{"from": BOT_USER}))
        return self._ok(True)

    async def _updates(self, offset: int, timeout: float) -> list[dict]:
        deadline = time.monotonic() + min(timeout, 1.0)
        while True:
            pending = [u for u in self.updates if u["update_id"] >= offset]
            if pending or time.monotonic() >= deadline:
                return pending
            await asyncio.sleep(0.02)

    @staticmethod
    def _ok(result: object) -> JSONResponse:
        return JSONResponse({"ok": True, "result": result})

    def start(self, port: int) -> None:
        """Serve on 127.0.0.1:port in a background thread."""
        app = Starlette(routes=[Route("/bot{token}/{method}", self.endpoint, methods=["GET", "POST"])])
        self.port = port
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none"))
        threading.Thread(target=self.server.run, daemon=True).start()
        while not self.server.started:
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop serving."""
        if self.server:
            self.server.should_exit = True

    @property
    def base_url(self) -> str:
        """What the bot's TELEGRAM_BASE_URL must be."""
        return f"http://127.0.0.1:{self.port}/bot"
