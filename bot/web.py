"""The gateway's web side: the demo page, the widget's files and config, and the chat endpoints."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from deployment.settings import Settings
from knowledge import Context
from knowledge.contact_answers import emergency_line, other_contacts

from .pages import SECURITY_HEADERS, STATIC, demo_page, no_js_reply_page
from .request_body import MAX_CHAT_BODY_BYTES, BadRequestError, form_fields, json_object, text_field
from .texts import PRIVACY_NOTE
from .web_chat import WebChat


def web_routes(settings: Settings, context: Context, chat: WebChat) -> list:
    """Routes for the demo page, the widget and the chat."""
    kb = context.kb

    def widget_council(asked: str | None) -> str:
        """The council a widget is set up for (its data-council attribute), if we cover it; else the default."""
        return context.for_council(asked).council_id

    async def demo(request: Request) -> Response:
        council_id = widget_council(request.query_params.get("council"))
        return HTMLResponse(demo_page(kb, str(uuid.uuid4()), council_id), headers=SECURITY_HEADERS)

    async def config(request: Request) -> Response:
        council_id = widget_council(request.query_params.get("council"))
        return JSONResponse(
            {
                "council": kb.council(council_id).council.short_name,
                "contacts": [{"who": who, "how": how} for who, how in other_contacts(kb, council_id)],
                "emergency_line": [
                    {"who": who, "how": how} for who, how in emergency_line(kb, council_id, context.now())
                ],
                "safe_word": kb.crisis.safe_word.upper(),
                "privacy_note": PRIVACY_NOTE,
                "quick_exit_url": settings.quick_exit_url,
                "max_chars": settings.max_message_chars,
            }
        )

    async def chat_json(request: Request) -> Response:
        try:
            body = await json_object(request, MAX_CHAT_BODY_BYTES)
            conversation, message, button, asked_council = (
                text_field(body, name) for name in ("conversation", "message", "button", "council")
            )
        except BadRequestError as refused:
            return JSONResponse({"error": refused.reason}, status_code=refused.status)
        if not chat.valid_conversation(conversation):
            return JSONResponse({"error": "missing or malformed conversation id"}, status_code=400)
        turn = await chat.turn(conversation, message, button, widget_council(asked_council))
        return JSONResponse(chat.as_json(turn), status_code=turn.status)

    async def chat_form(request: Request) -> Response:
        try:
            form = await form_fields(request, MAX_CHAT_BODY_BYTES)
        except BadRequestError as refused:
            return Response(refused.reason, status_code=refused.status, media_type="text/plain")
        conversation = form.get("conversation", "")
        if not chat.valid_conversation(conversation):
            conversation = str(uuid.uuid4())
        message, button = form.get("message", ""), form.get("button", "")
        council = widget_council(form.get("council", ""))
        turn = await chat.turn(conversation, message, button, council)
        replies = [(r, [chat.buttons.token(b.payload) for b in r.buttons]) for r in turn.replies]
        asked = message if not button else ""
        page = no_js_reply_page(kb, conversation, council, asked, replies, turn.notices)
        return HTMLResponse(page, status_code=turn.status, headers=SECURITY_HEADERS)

    return [
        Route("/", demo),
        Route("/widget/config.json", config),
        Route("/chat", chat_json, methods=["POST"]),
        Route("/chat/form", chat_form, methods=["POST"]),
        Mount("/widget", StaticFiles(directory=STATIC), name="widget"),
    ]
