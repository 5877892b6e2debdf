"""Keep-alive to the action server: calls share one connection, and a restarted action server is reached again."""

from __future__ import annotations

import asyncio
import itertools
import re
import socket

import pytest
from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from rasa_addons import keep_alive


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def serve(port: int, callers: list[tuple[str, int]]) -> web.AppRunner:
    """A stand-in action server on loopback that records the client address of every call."""

    async def webhook(request: web.Request) -> web.Response:
        callers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": [], "responses": [{"text": "ok"}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)  # put Rasa's own back afterwards
    keep_alive.install()


@pytest.mark.filterwarnings("error::DeprecationWarning")
async def test_calls_to_the_action_server_share_one_connection(installed):
    port, callers = free_port(), []
    runner = await serve(port, callers)
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        replies = [await endpoint.request(json={"next_action": "action_answer_topic"}) for _ in range(5)]
    finally:
        await runner.cleanup()
    assert all(reply["responses"] == [{"text": "ok"}] for reply in replies)
    assert len(callers) == 5 and len(set(callers)) == 1


async def test_without_it_rasa_opens_a_connection_per_call():
    port, callers = free_port(), []
    runner = await serve(port, callers)
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        for _ in range(3):
            await endpoint.request(json={})
    finally:
        await runner.cleanup()
    assert len(set(callers)) == 3


async def test_a_restarted_action_server_is_reached_on_the_next_call(installed):
    port, callers = free_port(), []
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    runner = await serve(port, callers)
    await endpoint.request(json={})
    await runner.cleanup()
    runner = await serve(port, callers)
    try:
        reply = await endpoint.request(json={})
    finally:
        await runner.cleanup()
    assert reply["responses"] == [{"text": "ok"}]
    assert len(callers) == 2


async def test_sessions_are_closed_when_the_server_stops_and_made_again_if_needed(installed):
    port, callers = free_port(), []
    runner = await serve(port, callers)
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        await endpoint.request(json={})
        async with endpoint.session() as session:
            pass
        await keep_alive.close_all()
        assert session.session.closed
        reply = await endpoint.request(json={})
    finally:
        await runner.cleanup()
        await keep_alive.close_all()
    assert reply["responses"] == [{"text": "ok"}]
    assert len(set(callers)) == 2


async def test_a_connection_the_server_drops_as_a_call_goes_out_is_replaced_and_the_call_answered(installed):
    """A server that closes each kept-alive connection when its second request arrives, without answering."""
    answered, dropped = [], []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for number in itertools.count(1):
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
            await reader.readexactly(length)
            if number == 2:
                dropped.append(True)
                writer.close()
                return
            body = b'{"events": [], "responses": [{"text": "ok"}]}'
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
            answered.append(True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    try:
        replies = [await endpoint.request(json={"next_action": "action_answer_topic"}) for _ in range(2)]
    finally:
        server.close()
        await keep_alive.close_all()
    assert [reply["responses"] for reply in replies] == [[{"text": "ok"}]] * 2
    assert len(dropped) == 1 and len(answered) == 2
