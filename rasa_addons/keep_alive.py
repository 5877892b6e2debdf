"""Keep-alive to the action server: each endpoint reuses one aiohttp session, and its connections, for every call.

Rasa 3.6's `EndpointConfig.request` opens a new aiohttp session, and so a new TCP connection, for every call to
the action server and closes it afterwards (docs/benchmark-levers.md has what that cost). Installed, `session()`
lends the endpoint's own session instead: made on first use in the running event loop, with the same headers,
authentication and timeout as Rasa's, and left open when a call ends. Idle connections are dropped after
IDLE_S, before the action server's web framework (Sanic, 5 s) would close them; if the server still closes one
just as a request goes out, the request is sent again once on a new connection.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

IDLE_S = 2.0


class _Lent:
    """The shared session as Rasa uses it: `async with` gives it and leaves it open afterwards, and its one
    method Rasa calls, `request`, sends once more on a new connection when the server closed the kept-alive one
    as the request went out. Safe for the action server: an action's reply is a pure function of the tracker
    sent, and a reply that never arrived was never applied."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> _Lent:
        return self

    async def __aexit__(self, *_exception: Any) -> None:
        return None

    def request(self, method: str, url: str, **kwargs: Any) -> _Response:
        """The response to the request, as `async with session.request(...) as response` expects."""
        return _Response(self.session, method, url, kwargs)


class _Response:
    def __init__(self, session: aiohttp.ClientSession, method: str, url: str, kwargs: dict[str, Any]) -> None:
        self.send = functools.partial(session.request, method, url, **kwargs)
        self.response: aiohttp.ClientResponse | None = None

    async def __aenter__(self) -> aiohttp.ClientResponse:
        try:
            self.response = await self.send()
        except aiohttp.ClientConnectorError:
            raise  # no connection could be made at all: the server is down, and sending again would not help
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError):
            self.response = await self.send()
        return self.response

    async def __aexit__(self, *_exception: Any) -> None:
        if self.response is not None:
            self.response.release()


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
