"""`python -m bot`: run the gateway (Telegram when TELEGRAM_BOT_TOKEN is set)."""

import sys

import uvicorn

from deployment.settings import build_context, load_settings
from knowledge import load_knowledge

from .app import configure_logging, create_app


def main() -> int:
    """Start the gateway in the foreground, with its context built once from the settings."""
    settings = load_settings()
    context = build_context(settings, load_knowledge())
    if settings.telegram_mode == "webhook" and not settings.telegram_webhook_secret:
        print(
            "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: webhooks need a secret.", file=sys.stderr
        )
        return 1
    configure_logging(settings)
    uvicorn.run(
        create_app(settings, context),
        host=settings.gateway_host,
        port=settings.gateway_port,
        log_config=None,
        access_log=False,
        ws="none",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
