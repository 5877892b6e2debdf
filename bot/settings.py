"""The gateway's settings, read once from the environment. The bot token is only ever read from here."""

from __future__ import annotations

import os
from dataclasses import dataclass

TELEGRAM_API = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class Settings:
    """Where Rasa is, where the gateway listens, and how Telegram is reached."""

    rasa_url: str
    host: str
    port: int
    erasure_secret: str
    rasa_timeout_s: float
    max_message_chars: int
    retention_days: int
    telegram_token: str | None
    telegram_base_url: str
    telegram_webhook_url: str | None
    telegram_webhook_secret: str | None
    telegram_chat_interval_s: float
    widget_origins: tuple[str, ...]
    web_messages_per_minute: int
    quick_exit_url: str

    @property
    def telegram_mode(self) -> str | None:
        """'webhook', 'polling', or None when Telegram is off (no token)."""
        if not self.telegram_token:
            return None
        return "webhook" if self.telegram_webhook_url else "polling"


def load_settings() -> Settings:
    """Settings from the environment, with defaults for running on one machine."""
    env = os.environ
    rasa_port = env.get("RASA_PORT", "5005")
    return Settings(
        rasa_url=env.get("RASA_URL", f"http://127.0.0.1:{rasa_port}"),
        host=env.get("GATEWAY_HOST", "127.0.0.1"),
        port=int(env.get("GATEWAY_PORT", "8000")),
        erasure_secret=env.get("ERASURE_SECRET", ""),
        rasa_timeout_s=float(env.get("RASA_TIMEOUT", "5")),
        max_message_chars=int(env.get("MAX_MESSAGE_CHARS", "1000")),
        retention_days=int(env.get("RETENTION_DAYS", "30")),
        telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_base_url=env.get("TELEGRAM_BASE_URL", TELEGRAM_API),
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
        telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
        telegram_chat_interval_s=float(env.get("TELEGRAM_CHAT_INTERVAL", "1.0")),
        widget_origins=tuple(o.strip() for o in env.get("WIDGET_ORIGINS", "").split(",") if o.strip()),
        web_messages_per_minute=int(env.get("WEB_MESSAGES_PER_MINUTE", "20")),
        quick_exit_url=env.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather"),
    )
