"""Server-rendered HTML: the demo council page, and the chat that works without JavaScript (Jinja2, autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from knowledge import KnowledgeBase
from knowledge.contact_answers import emergency_contacts

from .replies import Reply
from .texts import PRIVACY_NOTE

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"  # served as /widget: the widget's script and styles
TEMPLATES = HERE / "templates"  # rendered here, never served as they are
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _page(kb: KnowledgeBase, name: str, council_id: str, **context: object) -> str:
    council = kb.council(council_id).council.name
    emergency = emergency_contacts(kb, council_id)
    template = _environment().get_template(name)
    return template.render(
        council=council, council_id=council_id, emergency=emergency, privacy_note=PRIVACY_NOTE, **context
    )


def demo_page(kb: KnowledgeBase, conversation: str, council_id: str) -> str:
    """A page that looks like a council's care leavers page, with the widget on it and a no-JavaScript chat."""
    return _page(kb, "demo.html", council_id, conversation=conversation)


def _shown(reply: Reply, tokens: list[str]) -> dict[str, object]:
    """A reply as the no-JavaScript page shows it: its lines, and each button's title beside its token."""
    buttons = [(button.title, token) for button, token in zip(reply.buttons, tokens, strict=True)]
    return {"lines": reply.text.split("\n"), "buttons": buttons, "letter": reply.letter}


def no_js_reply_page(
    kb: KnowledgeBase,
    conversation: str,
    council_id: str,
    asked: str,
    replies: list[tuple[Reply, list[str]]],
    notices: list[str],
) -> str:
    """The chat page without JavaScript: what was asked, the replies (as text), and the form again."""
    shown = [_shown(reply, tokens) for reply, tokens in replies]
    return _page(kb, "chat.html", council_id, conversation=conversation, asked=asked, replies=shown, notices=notices)
