"""`python -m bot`: run the gateway (Telegram when TELEGRAM_BOT_TOKEN is set)."""

import sys

import uvicorn

from .app import configure_logging, create_app
from .settings import load_settings


def main() -> int:
    """Start the gateway in the foreground."""
    settings = load_settings()
    if settings.telegram_mode == "webhook" and not settings.telegram_webhook_secret:
        print(
            "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not: webhooks need a secret.", file=sys.stderr
        )
        return 1
    configure_logging(settings)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False, ws="none"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
