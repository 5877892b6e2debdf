"""Keep-alive to the action server: each endpoint reuses one aiohttp session, and its connections, for every call.

Rasa 3.6's `EndpointConfig.request` opens a new aiohttp session, and so a new TCP connection, for every call to
the action server and closes it afterwards (docs/benchmark-levers.md has what that cost). Installed, `session()`
lends the endpoint's own session instead: made on first use in the running event loop, with the same headers,
authentication and timeout as Rasa's, and left open when a call ends. Idle connections are dropped after
IDLE_S, well before the action server's web framework (Sanic, 5 s) would close them under a request.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

IDLE_S = 2.0


class _Lent:
    """`async with` gives the shared session and leaves it open afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_exception: Any) -> None:
        return None


_open: list[aiohttp.ClientSession] = []


def shared_session(endpoint: EndpointConfig) -> _Lent:
    """The endpoint's own session, made if it has none yet for this event loop."""
    loop = asyncio.get_running_loop()
    made_in, session = getattr(endpoint, "_kept_alive", (None, None))
    if session is None or session.closed or made_in is not loop:
        basic_auth = endpoint.basic_auth
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=aiohttp.BasicAuth(basic_auth["username"], basic_auth["password"]) if basic_auth else None,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_S),
        )
        endpoint._kept_alive = (loop, session)  # type: ignore[attr-defined]
        _open.append(session)
    return _Lent(session)


async def close_all() -> None:
    """Close every shared session and its connections (when the server stops)."""
    while _open:
        await _open.pop().close()


def install() -> None:
    """Make every endpoint lend its shared session rather than open a new one per request."""
    EndpointConfig.session = shared_session  # type: ignore[method-assign]
