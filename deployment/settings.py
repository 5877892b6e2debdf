"""The deployment's settings, read from the environment once, and the context built from them.

This is the only place that reads the environment; every default is defined here, once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from knowledge.context import Context, fixed_clock, system_clock
from knowledge.loader import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_API = "https://api.telegram.org/bot"
LOOPBACK = "127.0.0.1"
DEFAULT_COUNCIL = "luton"
DEFAULT_RASA_PORT = 5005
DEFAULT_ACTION_PORT = 5055
DEFAULT_GATEWAY_PORT = 8000
DEFAULT_TRACKER_DB = ROOT / "var" / "rasa.db"
DEFAULT_MODEL = ROOT / "models" / "assistant.tar.gz"
# Cluster mode (`make run-cluster`): ports off the system's own PostgreSQL and Redis defaults, so both can run.
DEFAULT_POSTGRES_PORT = 5433
DEFAULT_REDIS_PORT = 6380
DEFAULT_RASA_SERVERS = 2


class SettingsError(ValueError):
    """A setting in the environment that cannot be used, with the variable's name in the message."""


@dataclass(frozen=True)
class Settings:
    """The council, the clock, where each server listens, where data lives, and how Telegram is reached."""

    council: str
    clock: datetime | None
    host: str
    rasa_port: int
    action_port: int
    gateway_port: int
    tracker_db: Path
    model: Path
    credentials: Path
    endpoints: Path
    rasa_url: str
    gateway_host: str
    gateway_secret: str | None
    erasure_secret: str
    rasa_timeout_s: float
    start_timeout_s: float
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
    rasa_urls: tuple[str, ...]
    rasa_servers: int
    cluster_endpoints: Path
    postgres_host: str
    postgres_port: int
    postgres_data: Path
    postgres_db: str
    postgres_user: str
    postgres_password: str | None
    redis_host: str
    redis_port: int
    redis_password: str
    redis_data: Path

    @property
    def telegram_mode(self) -> str | None:
        """'webhook', 'polling', or None when Telegram is off (no token)."""
        if not self.telegram_token:
            return None
        return "webhook" if self.telegram_webhook_url else "polling"


def _clock(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise SettingsError(f"ASSISTANT_CLOCK={value!r} is not an ISO 8601 time") from error
    if moment.tzinfo is None:
        raise SettingsError("ASSISTANT_CLOCK needs a UTC offset, e.g. 2026-11-24T23:30:00+00:00")
    return moment


def _number(env: Mapping[str, str], name: str, default: float, kind: type = int) -> int | float:
    value = env.get(name)
    if not value:
        return default
    try:
        return kind(value)
    except ValueError as error:
        raise SettingsError(f"{name}={value!r} is not a number") from error


def _urls(value: str | None) -> tuple[str, ...]:
    return tuple(url.strip() for url in (value or "").split(",") if url.strip())


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment (or the mapping given), with defaults for running on one machine."""
    env = os.environ if env is None else env
    host = env.get("ASSISTANT_HOST", LOOPBACK)
    rasa_port = int(_number(env, "RASA_PORT", DEFAULT_RASA_PORT))
    rasa_url = env.get("RASA_URL") or f"http://{LOOPBACK}:{rasa_port}"
    return Settings(
        council=env.get("ASSISTANT_COUNCIL") or DEFAULT_COUNCIL,
        clock=_clock(env.get("ASSISTANT_CLOCK")),
        host=host,
        rasa_port=rasa_port,
        action_port=int(_number(env, "ACTION_PORT", DEFAULT_ACTION_PORT)),
        gateway_port=int(_number(env, "GATEWAY_PORT", DEFAULT_GATEWAY_PORT)),
        tracker_db=Path(env.get("TRACKER_DB") or DEFAULT_TRACKER_DB),
        model=Path(env.get("RASA_MODEL") or DEFAULT_MODEL),
        credentials=Path(env.get("RASA_CREDENTIALS") or ROOT / "credentials.yml"),
        endpoints=Path(env.get("RASA_ENDPOINTS") or ROOT / "endpoints.yml"),
        rasa_url=rasa_url,
        gateway_host=env.get("GATEWAY_HOST", LOOPBACK),
        gateway_secret=env.get("GATEWAY_SECRET") or None,
        erasure_secret=env.get("ERASURE_SECRET", ""),
        rasa_timeout_s=float(_number(env, "RASA_TIMEOUT", 5.0, float)),
        start_timeout_s=float(_number(env, "START_TIMEOUT", 240.0, float)),
        max_message_chars=int(_number(env, "MAX_MESSAGE_CHARS", 1000)),
        retention_days=int(_number(env, "RETENTION_DAYS", 30)),
        telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_base_url=env.get("TELEGRAM_BASE_URL", TELEGRAM_API),
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
        telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
        telegram_chat_interval_s=float(_number(env, "TELEGRAM_CHAT_INTERVAL", 1.0, float)),
        widget_origins=tuple(o.strip() for o in env.get("WIDGET_ORIGINS", "").split(",") if o.strip()),
        web_messages_per_minute=int(_number(env, "WEB_MESSAGES_PER_MINUTE", 20)),
        quick_exit_url=env.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather"),
        rasa_urls=_urls(env.get("RASA_URLS")) or (rasa_url,),
        rasa_servers=int(_number(env, "RASA_SERVERS", DEFAULT_RASA_SERVERS)),
        cluster_endpoints=Path(env.get("RASA_CLUSTER_ENDPOINTS") or ROOT / "endpoints-cluster.yml"),
        postgres_host=env.get("POSTGRES_HOST") or LOOPBACK,
        postgres_port=int(_number(env, "POSTGRES_PORT", DEFAULT_POSTGRES_PORT)),
        postgres_data=Path(env.get("POSTGRES_DATA") or ROOT / "var" / "postgres"),
        postgres_db=env.get("POSTGRES_DB") or "rasa",
        postgres_user=env.get("POSTGRES_USER") or "rasa",
        postgres_password=env.get("POSTGRES_PASSWORD") or None,
        redis_host=env.get("REDIS_HOST") or LOOPBACK,
        redis_port=int(_number(env, "REDIS_PORT", DEFAULT_REDIS_PORT)),
        redis_password=env.get("REDIS_PASSWORD", ""),
        redis_data=Path(env.get("REDIS_DATA") or ROOT / "var" / "redis"),
    )


def build_context(settings: Settings, kb: KnowledgeBase) -> Context:
    """The context a deployment's replies start from: its knowledge base, its council and its clock."""
    if settings.council not in kb.councils:
        raise SettingsError(f"ASSISTANT_COUNCIL={settings.council!r} has no file in knowledge/data/councils/")
    clock = fixed_clock(settings.clock) if settings.clock else system_clock()
    return Context(kb, settings.council, clock)
