"""Bad requests to the gateway get a 4xx, never a 500, and never cost it memory: over real HTTP."""

from __future__ import annotations

import re
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bot.request_body import MAX_CHAT_BODY_BYTES
from tests.stack import Stack

HUGE = 5 * 1024 * 1024
CHUNK = 64 * 1024
RAW_TIMEOUT_S = 20
# A gateway reading each 5 MB body of the burst whole would grow by well over this; refusing early it stays flat.
MAX_PEAK_GROWTH_KB = 20 * 1024


def raw_post(port: int, path: str, headers: dict[str, str], chunks) -> int:
    """Send a POST over a plain socket, chunk by chunk, stopping once the gateway has answered; its status."""
    with socket.create_connection(("127.0.0.1", port), timeout=RAW_TIMEOUT_S) as connection:
        head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": "127.0.0.1", **headers}.items())
        connection.sendall(f"POST {path} HTTP/1.1\r\n{head}\r\n".encode())
        answer = b""
        for chunk in chunks:
            connection.settimeout(0)
            try:
                answer += connection.recv(65536)
            except BlockingIOError:
                pass
            except OSError:
                break
            if answer:
                break
            connection.settimeout(RAW_TIMEOUT_S)
            try:
                connection.sendall(chunk)
            except OSError:  # the gateway closed the connection after answering
                break
        connection.settimeout(RAW_TIMEOUT_S)
        while b"\r\n" not in answer:
            received = connection.recv(65536)
            if not received:
                break
            answer += received
    return int(answer.split(b" ", 2)[1])


def chunked(total: int):
    """A body of `total` bytes in HTTP/1.1 chunks, never sized in advance."""
    for _ in range(total // CHUNK):
        yield f"{CHUNK:x}\r\n".encode() + b"x" * CHUNK + b"\r\n"
    yield b"0\r\n\r\n"


def declared_only(total: int):
    """Headers that announce `total` bytes, and then one byte of it: the gateway must answer before the rest."""
    yield b"{"


MULTIPART = b"--b\r\nContent-Disposition: form-data; name=message\r\n\r\nhi\r\n--b--\r\n"


def chat(stack: Stack, **request) -> httpx.Response:
    return httpx.post(f"{stack.gateway}/chat", timeout=30, **request)


def test_a_body_announced_as_huge_is_refused_before_it_is_sent(stack):
    headers = {"Content-Type": "application/json", "Content-Length": str(HUGE)}
    assert raw_post(stack.gateway_port, "/chat", headers, declared_only(HUGE)) == 413


@pytest.mark.parametrize(
    ("path", "content_type"), [("/chat", "application/json"), ("/chat/form", "application/x-www-form-urlencoded")]
)
def test_a_huge_body_in_chunks_is_refused_once_past_the_limit(stack, path, content_type):
    headers = {"Content-Type": content_type, "Transfer-Encoding": "chunked"}
    assert raw_post(stack.gateway_port, path, headers, chunked(HUGE)) == 413


def test_a_body_just_over_the_limit_is_refused_and_one_within_it_answered(stack):
    conversation = str(uuid.uuid4())
    padding = "x" * (MAX_CHAT_BODY_BYTES // 2)
    assert chat(stack, json={"conversation": conversation, "message": f"is the gym free {padding}"}).status_code == 200
    over = {"conversation": conversation, "message": "y" * (MAX_CHAT_BODY_BYTES + 1)}
    assert chat(stack, json=over).status_code == 413


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[" * 8000 + b"]" * 8000,
        b'{"a":' * 2500 + b"1" + b"}" * 2500,
        b"[]",
        b"null",
        b'"a string"',
        b"",
    ],
    ids=["broken", "not utf-8", "nested lists", "nested objects", "a list", "null", "a string", "empty"],
)
def test_malformed_or_hostile_json_gets_400(stack, content):
    assert len(content) <= MAX_CHAT_BODY_BYTES
    assert chat(stack, content=content, headers={"Content-Type": "application/json"}).status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"conversation": ["a" * 10], "message": "hi"},
        {"conversation": 12345678, "message": "hi"},
        {"conversation": str(uuid.uuid4()), "message": {"text": "hi"}},
        {"conversation": str(uuid.uuid4()), "message": ["is the gym free"]},
        {"conversation": str(uuid.uuid4()), "message": "hi", "button": 7},
        {"conversation": str(uuid.uuid4()), "message": "hi", "council": {"$ne": None}},
    ],
    ids=["id a list", "id a number", "message an object", "message a list", "button a number", "council an object"],
)
def test_fields_of_the_wrong_type_get_400(stack, body):
    assert chat(stack, json=body).status_code == 400


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b"message=" + b"x" * (MAX_CHAT_BODY_BYTES + 1), "application/x-www-form-urlencoded", 413),
        (b"message=%ff%fe&conversation=\xff", "application/x-www-form-urlencoded", 400),
        ("&".join(f"f{n}=1" for n in range(500)).encode(), "application/x-www-form-urlencoded", 400),
        (MULTIPART, "multipart/form-data; boundary=b", 415),
    ],
    ids=["too big", "not utf-8", "too many fields", "multipart"],
)  # fmt: skip
def test_the_no_javascript_form_refuses_what_is_not_a_small_form(stack, content, content_type, status):
    response = httpx.post(f"{stack.gateway}/chat/form", content=content, headers={"Content-Type": content_type})
    assert response.status_code == status


def test_the_no_javascript_form_still_answers(stack):
    form = {"conversation": str(uuid.uuid4()), "message": "is the gym free"}
    response = httpx.post(f"{stack.gateway}/chat/form", data=form, timeout=30)
    assert response.status_code == 200 and "gym" in response.text


def peak_rss_kb(pid: int) -> int:
    """The most memory a process has held since it started (VmHWM), in kB."""
    return int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))


def test_a_burst_of_huge_and_hostile_requests_leaves_the_gateway_small_and_answering(stack):
    gateway_pid = stack.pids("gateway")[-1]
    before = peak_rss_kb(gateway_pid)
    nested = b"[" * 8000 + b"]" * 8000

    def one(number: int) -> int:
        if number % 3 == 0:
            headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
            return raw_post(stack.gateway_port, "/chat", headers, chunked(HUGE))
        if number % 3 == 1:
            return chat(stack, content=b"x" * HUGE, headers={"Content-Type": "application/json"}).status_code
        return chat(stack, content=nested, headers={"Content-Type": "application/json"}).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(one, range(60)))

    assert set(statuses) <= {400, 413} and 500 not in statuses
    assert peak_rss_kb(gateway_pid) - before < MAX_PEAK_GROWTH_KB
    answer = chat(stack, json={"conversation": str(uuid.uuid4()), "message": "is the gym free"})
    assert answer.status_code == 200 and answer.json()["replies"]
