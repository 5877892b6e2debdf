"""The Telegram channel (python-telegram-bot 22): text to Rasa and back, buttons as inline keyboards, commands."""

from __future__ import annotations

import asyncio
import time
import weakref

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from deployment.settings import Settings
from knowledge import Context, council_choices, council_payload
from knowledge.context import METADATA_COUNCIL

from . import conversations
from .buttons import ButtonBook
from .erasure import Erasure, ErasureError
from .rasa_client import RasaClient
from .replies import Button, Reply
from .texts import (
    button_expired_text,
    forget_failed_text,
    forgotten_text,
    long_message_notice,
    not_text_reply,
    privacy_text,
    unknown_command_text,
    welcome_text,
)

CHANNEL = "tg"
MAX_CHATS_PACED = 50_000


class ChatPacer:
    """Keeps one chat's updates in order and its replies at least `interval` seconds apart."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self.last_sent: dict[int, float] = {}

    def lock(self, chat_id: int) -> asyncio.Lock:
        """The lock that serialises one chat's updates."""
        lock = self.locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self.locks[chat_id] = lock
        return lock

    async def wait_turn(self, chat_id: int) -> None:
        """Sleep until this chat may be sent the next message."""
        wait = self.last_sent.get(chat_id, 0.0) + self.interval - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self.last_sent[chat_id] = time.monotonic()
        if len(self.last_sent) > MAX_CHATS_PACED:
            self.last_sent.clear()


class TelegramChannel:
    """Handlers for one bot: every text goes to Rasa through the shared client; replies come back paced."""

    def __init__(
        self,
        settings: Settings,
        rasa: RasaClient,
        erasure: Erasure,
        id_secret: str,
        buttons: ButtonBook,
        context: Context,
    ) -> None:
        self.settings = settings
        self.context = context
        self.chat_councils: dict[int, str] = {}
        self.council_payloads: dict[str, str] = {}
        self.rasa = rasa
        self.erasure = erasure
        self.id_secret = id_secret
        self.buttons = buttons
        self.pacer = ChatPacer(settings.telegram_chat_interval_s)

    def build(self) -> Application:
        """The python-telegram-bot application, with rate limiting and concurrent updates."""
        if not self.settings.telegram_token:
            raise ValueError("Telegram is off: set TELEGRAM_BOT_TOKEN to build the bot")
        builder = (
            Application.builder()
            .token(self.settings.telegram_token)
            .base_url(self.settings.telegram_base_url)
            .rate_limiter(AIORateLimiter())
            .concurrent_updates(True)
        )
        if self.settings.telegram_mode == "webhook":
            builder = builder.updater(None)
        application = builder.build()
        application.add_handler(CommandHandler("start", self.on_start))
        application.add_handler(CommandHandler("help", self.on_help))
        application.add_handler(CommandHandler("privacy", self.on_privacy))
        application.add_handler(CommandHandler("forget", self.on_forget))
        application.add_handler(CommandHandler("council", self.on_council))
        application.add_handler(MessageHandler(filters.TEXT, self.on_text))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_not_text))
        return application

    def sender(self, chat: Chat) -> str:
        """The conversation id for this chat."""
        return conversations.sender_id(CHANNEL, chat.id, self.id_secret)

    async def say(self, chat: Chat, replies: list[Reply]) -> None:
        """Send replies to the chat, paced, with buttons as an inline keyboard."""
        for reply in replies:
            keyboard = None
            if reply.buttons:
                rows = [
                    [InlineKeyboardButton(b.title, callback_data=self.buttons.token(b.payload))] for b in reply.buttons
                ]
                keyboard = InlineKeyboardMarkup(rows)
            await self.pacer.wait_turn(chat.id)
            await chat.send_message(reply.text, reply_markup=keyboard)
            if (letter := reply.letter) is not None:
                await self.pacer.wait_turn(chat.id)
                document = InputFile(letter.text.encode("utf-8"), filename=letter.filename)
                await chat.send_document(document, caption=letter.title)

    def chat_context(self, chat: Chat) -> Context:
        """The context for this chat: the council it chose with /council, else the deployment's."""
        return self.context.for_council(self.chat_councils.get(chat.id))

    async def ask_rasa(self, chat: Chat, text: str) -> None:
        """Send one message to Rasa (with the chat's council) and the replies to the chat, in this chat's order."""
        async with self.pacer.lock(chat.id):
            await chat.send_chat_action("typing")
            metadata = {"channel": "telegram", METADATA_COUNCIL: self.chat_context(chat).council_id}
            await self.say(chat, await self.rasa.send(self.sender(chat), text, metadata))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Typed text: commands we do not know are refused here; long text is cut with a notice."""
        chat, message = update.effective_chat, update.effective_message
        if chat is None or message is None:
            return
        text = message.text or ""
        if text.lstrip().startswith("/"):
            await self.say(chat, [Reply(unknown_command_text(self.context.kb))])
            return
        limit = self.settings.max_message_chars
        if len(text) > limit:
            await self.say(chat, [Reply(long_message_notice(limit))])
            text = text[:limit]
        await self.ask_rasa(chat, text)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press sends the button's payload (a press on a message no longer in a chat is only answered)."""
        query, chat = update.callback_query, update.effective_chat
        if query is None:
            return
        await query.answer()
        if chat is None:
            return
        payload = self.buttons.payload(query.data or "")
        if payload is None:
            await self.say(chat, [Reply(button_expired_text())])
            return
        if payload in self.council_payloads:
            self.remember_council(chat.id, self.council_payloads[payload])
        await self.ask_rasa(chat, payload)

    def remember_council(self, chat_id: int, council_id: str) -> None:
        """Keep a chat's /council choice for its replies, the safe reply included (bounded, like the pacer)."""
        if len(self.chat_councils) > MAX_CHATS_PACED:
            self.chat_councils.clear()
        self.chat_councils[chat_id] = council_id

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start: welcome, what it can help with, privacy in a line, the safe word."""
        if (chat := update.effective_chat) is not None:
            await self.say(chat, [Reply(welcome_text(self.chat_context(chat)))])

    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/help: the assistant's own list of topics."""
        if (chat := update.effective_chat) is not None:
            await self.ask_rasa(chat, "/help")

    async def on_privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/privacy: what is stored and for how long."""
        if (chat := update.effective_chat) is not None:
            await self.say(chat, [Reply(privacy_text(self.settings.retention_days))])

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/forget: erase this chat's conversation from the tracker store, and say so."""
        if (chat := update.effective_chat) is None:
            return
        async with self.pacer.lock(chat.id):
            try:
                reply = forgotten_text(await self.erasure.forget(self.sender(chat)))
            except ErasureError:
                reply = forget_failed_text()
            await self.say(chat, [Reply(reply)])

    async def on_council(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/council: choose the council that looked after you."""
        if (chat := update.effective_chat) is None:
            return
        kb = self.context.kb
        self.council_payloads.update({council_payload(key): key for key in kb.councils})
        buttons = [Button(title, payload) for title, payload in council_choices(kb, self.context.council_id)]
        await self.say(chat, [Reply("Which council looked after you?", buttons)])

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice notes and the rest: a kind word that only text is read."""
        if (chat := update.effective_chat) is not None:
            await self.say(chat, [Reply(not_text_reply(self.context.kb))])
