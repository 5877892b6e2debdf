"""Reading a request body with care: a size limit checked before and while reading, and only well-formed input.

A body over the limit is refused (413) before it is read when its Content-Length says so, and as soon as the
count passes the limit when it is streamed in chunks, so a huge request never sits in memory. Malformed JSON,
JSON nested too deep to parse, a form that is not one, and fields of the wrong type are refused with 400.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from starlette.requests import Request

MAX_CHAT_BODY_BYTES = 16 * 1024  # a 1,000-character message with its ids, many times over
# A Telegram update can carry a 4,096-character text, escaped, and the message it replies to: far more room.
MAX_TELEGRAM_BODY_BYTES = 128 * 1024
MAX_FORM_FIELDS = 10


class BadRequestError(Exception):
    """A request the gateway refuses, with the status and a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def read_body(request: Request, limit: int) -> bytes:
    """The body, at most `limit` bytes; BadRequestError(413) as soon as it is known to be longer."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise BadRequestError(400, "malformed Content-Length")
        if int(declared) > limit:
            raise BadRequestError(413, f"the body is over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BadRequestError(413, f"the body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def json_object(request: Request, limit: int) -> dict[str, Any]:
    """The body as a JSON object; BadRequestError for anything else."""
    try:
        body = json.loads(await read_body(request, limit))
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than the parser goes
        raise BadRequestError(400, "expected JSON") from error
    if not isinstance(body, dict):
        raise BadRequestError(400, "expected a JSON object")
    return body


async def form_fields(request: Request, limit: int) -> dict[str, str]:
    """The body as a URL-encoded form (the last value of each field); BadRequestError for anything else."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise BadRequestError(415, "expected a form")
    try:
        text = (await read_body(request, limit)).decode("utf-8")
        return dict(urllib.parse.parse_qsl(text, max_num_fields=MAX_FORM_FIELDS))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequestError(400, "malformed form") from error


def text_field(body: dict[str, Any], name: str) -> str:
    """A field that must be text when present (absent or null reads as empty); BadRequestError for another type."""
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRequestError(400, f"{name} must be text")
    return value
