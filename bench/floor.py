"""The floor: a server on the same loopback path as Rasa's REST channel (Sanic, as Rasa serves it, one process)
that answers every message with one fixed reply, without NLU or dialogue. Measured under the same loads, it
shows how much of a latency is the HTTP path and the load generator themselves.

Usage: python -m bench.floor PORT
"""

from __future__ import annotations

import sys

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

WEBHOOK = "/webhooks/rest/webhook"
REPLY = "Floor: a fixed reply."


def floor_app() -> Sanic:
    """A Sanic app answering every message posted to the REST webhook with REPLY."""
    app = Sanic("bench_floor")

    @app.post(WEBHOOK)
    async def webhook(request: Request) -> HTTPResponse:
        return json([{"recipient_id": request.json.get("sender"), "text": REPLY}])

    return app


def main() -> int:
    """Serve the floor on the loopback port given."""
    floor_app().run(host="127.0.0.1", port=int(sys.argv[1]), workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
