"""The gateway: one process, the only public surface, with the Telegram channel and the web chat widget."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import time
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from deployment.settings import Settings
from knowledge import Context

from .buttons import ButtonBook
from .erasure import Erasure, ErasureError
from .rasa_client import RasaClient
from .rasa_servers import RasaServers
from .request_body import MAX_TELEGRAM_BODY_BYTES, BadRequestError, json_object
from .telegram_bot import TelegramChannel
from .web import web_routes
from .web_chat import WebChat

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETENTION_CHECK_S = 3600
RETENTION_RETRY_S = 60


class RedactToken(logging.Filter):
    """Removes the bot token from every log line, wherever a library might print it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record without the token."""
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), ()
        return True


def configure_logging(settings: Settings) -> None:
    """Plain logs; HTTP client request lines (which contain the token in their URL) are not logged at all."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if settings.telegram_token:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactToken(settings.telegram_token))


def id_secret(settings: Settings) -> str:
    """The key for pseudonymous conversation ids: GATEWAY_SECRET, else derived from the bot token."""
    if settings.gateway_secret:
        return settings.gateway_secret
    seed = settings.telegram_token or "care-leaver-assistant"
    return hashlib.sha256(seed.encode()).hexdigest()


async def keep_retention(erasure: Erasure, retention_days: int) -> None:
    """Erase conversations older than the retention period, hourly (sooner again if the Rasa server was away)."""
    while True:
        try:
            # Measured by the real clock, as Rasa stamps events with it; the context's clock may be fixed for a demo.
            await erasure.forget_older_than(time.time() - retention_days * 86400)
        except ErasureError as error:
            logger.warning("The retention sweep did not run (%s); trying again in a minute.", error)
            await asyncio.sleep(RETENTION_RETRY_S)
            continue
        await asyncio.sleep(RETENTION_CHECK_S)


def create_app(settings: Settings, context: Context) -> Starlette:
    """The gateway's web app, every reply from the context given; Telegram starts and stops with it."""
    servers = RasaServers(settings.rasa_urls)
    rasa = RasaClient(servers, settings.rasa_timeout_s, context)
    erasure = Erasure(servers, settings.erasure_secret)
    buttons = ButtonBook()
    secret = id_secret(settings)
    channel = TelegramChannel(settings, rasa, erasure, secret, buttons, context) if settings.telegram_mode else None
    web_chat = WebChat(settings, rasa, secret, buttons, context)
    telegram = channel.build() if channel else None

    async def health(_: Request) -> Response:
        return JSONResponse({"ok": True, "telegram": settings.telegram_mode or "off"})

    async def telegram_webhook(request: Request) -> Response:
        if telegram is None or settings.telegram_mode != "webhook":
            return Response(status_code=404)
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), (settings.telegram_webhook_secret or "").encode()):
            return Response(status_code=403)
        try:
            update = Update.de_json(await json_object(request, MAX_TELEGRAM_BODY_BYTES), telegram.bot)
        except BadRequestError as refused:
            return Response(refused.reason, status_code=refused.status)
        except (AttributeError, KeyError, TypeError, ValueError):  # JSON, but not an update
            return Response("not a Telegram update", status_code=400)
        await telegram.update_queue.put(update)
        return Response(status_code=200)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        retention = asyncio.create_task(keep_retention(erasure, settings.retention_days))
        if telegram is not None:
            await telegram.initialize()
            await telegram.start()
            if settings.telegram_mode == "webhook":
                await telegram.bot.set_webhook(
                    settings.telegram_webhook_url, secret_token=settings.telegram_webhook_secret
                )
            elif telegram.updater is not None:  # built for polling, left out for a webhook
                await telegram.updater.start_polling()
            logger.info("Telegram is on (%s).", settings.telegram_mode)
        try:
            yield
        finally:
            retention.cancel()
            if telegram is not None:
                if telegram.updater is not None and telegram.updater.running:
                    await telegram.updater.stop()
                await telegram.stop()
                await telegram.shutdown()
            await rasa.close()
            await erasure.close()

    routes = [
        Route("/health", health),
        Route("/telegram/webhook", telegram_webhook, methods=["POST"]),
        *web_routes(settings, context, web_chat),
    ]
    # Only the configured council sites may call the chat from their pages; the demo page is same-origin.
    cors = Middleware(
        CORSMiddleware, allow_origins=list(settings.widget_origins), allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
    )  # fmt: skip
    return Starlette(routes=routes, lifespan=lifespan, middleware=[cors])
