"""Free loopback ports for servers started by the benchmark and the tests (a free port is found, not held)."""

from __future__ import annotations

import socket
from collections.abc import Collection


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports_in_a_row(count: int) -> int:
    """The first of `count` consecutive free ports (a cluster's Rasa servers take RASA_PORT and the next)."""
    while True:
        first = free_port()
        try:
            for port in range(first + 1, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first


def free_ports_besides(taken: Collection[int], count: int) -> list[int]:
    """`count` different free ports, none of them among those already taken."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in taken and port not in ports:
            ports.append(port)
    return ports
