"""The gateway's web side: the demo page, the widget's files and config, and the chat endpoints."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from deployment.settings import Settings
from knowledge import Context
from knowledge.contact_answers import emergency_contacts

from .pages import SECURITY_HEADERS, STATIC, demo_page, no_js_reply_page
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
                "emergency": [{"who": who, "how": how} for who, how in emergency_contacts(kb, council_id)],
                "safe_word": kb.crisis.safe_word.upper(),
                "privacy_note": PRIVACY_NOTE,
                "quick_exit_url": settings.quick_exit_url,
                "max_chars": settings.max_message_chars,
            }
        )

    async def chat_json(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "expected JSON"}, status_code=400)
        conversation = str(body.get("conversation", "")) if isinstance(body, dict) else ""
        if not chat.valid_conversation(conversation):
            return JSONResponse({"error": "missing or malformed conversation id"}, status_code=400)
        council = widget_council(str(body.get("council") or ""))
        turn = await chat.turn(conversation, str(body.get("message") or ""), str(body.get("button") or ""), council)
        return JSONResponse(chat.as_json(turn), status_code=turn.status)

    async def chat_form(request: Request) -> Response:
        form = await request.form()
        conversation = str(form.get("conversation", ""))
        if not chat.valid_conversation(conversation):
            conversation = str(uuid.uuid4())
        message, button = str(form.get("message") or ""), str(form.get("button") or "")
        council = widget_council(str(form.get("council") or ""))
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
