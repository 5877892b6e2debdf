"""Server-rendered HTML: the demo council page, and the chat that works without JavaScript."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from knowledge import KnowledgeBase
from knowledge.contact_answers import emergency_contacts

from .replies import Reply
from .texts import PRIVACY_NOTE

STATIC = Path(__file__).resolve().parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@lru_cache(maxsize=4)
def _template(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _council_name(kb: KnowledgeBase, council_id: str) -> str:
    return kb.council(council_id).council.name


def emergency_list(kb: KnowledgeBase, council_id: str) -> str:
    """The emergency contacts as an HTML list (escaped)."""
    items = "".join(
        f"<li><strong>{escape(who)}:</strong> {escape(how)}</li>" for who, how in emergency_contacts(kb, council_id)
    )
    return f'<ul class="cla-emergency-list">{items}</ul>'


def _no_js_form(conversation: str, council_id: str, log: str = "") -> str:
    return (
        '<form class="cla-nojs-form" method="post" action="/chat/form">'
        f'<input type="hidden" name="conversation" value="{escape(conversation)}">'
        f'<input type="hidden" name="council" value="{escape(council_id)}">'
        f"{log}"
        '<label for="cla-nojs-message">Your question</label>'
        '<input id="cla-nojs-message" name="message" type="text" maxlength="2000" autocomplete="off" required>'
        f'<p class="cla-note">{escape(PRIVACY_NOTE)}</p>'
        '<button type="submit">Send</button></form>'
    )


def demo_page(kb: KnowledgeBase, conversation: str, council_id: str) -> str:
    """A page that looks like a council's care leavers page, with the widget on it and a no-JavaScript chat."""
    template = _template("demo.html")
    return (
        template.replace("{{council}}", escape(_council_name(kb, council_id)))
        .replace("{{council_id}}", escape(council_id))
        .replace("{{no_js_chat}}", _no_js_form(conversation, council_id))
        .replace("{{emergency}}", emergency_list(kb, council_id))
    )


def _reply_html(reply: Reply, button_ids: list[str]) -> str:
    text = escape(reply.text).replace("\n", "<br>")
    buttons = "".join(
        f'<button type="submit" name="button" value="{escape(token)}" formnovalidate>{escape(b.title)}</button>'
        for b, token in zip(reply.buttons, button_ids, strict=True)
    )
    return f'<div class="cla-msg cla-bot"><p>{text}</p>{buttons}</div>'


def no_js_reply_page(
    kb: KnowledgeBase,
    conversation: str,
    council_id: str,
    asked: str,
    replies: list[tuple[Reply, list[str]]],
    notices: list[str],
) -> str:
    """The chat page without JavaScript: what was asked, the replies (as text), and the form again."""
    body = "".join(f'<p class="cla-notice">{escape(n)}</p>' for n in notices)
    if asked:
        body += f'<div class="cla-msg cla-user"><p>{escape(asked)}</p></div>'
    body += "".join(_reply_html(reply, ids) for reply, ids in replies)
    template = _template("chat.html")
    return (
        template.replace("{{council}}", escape(_council_name(kb, council_id)))
        .replace(
            "{{conversation}}", _no_js_form(conversation, council_id, f'<div role="log" class="cla-log">{body}</div>')
        )
        .replace("{{emergency}}", emergency_list(kb, council_id))
    )
