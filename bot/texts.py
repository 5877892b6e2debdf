"""What the gateway says itself (commands, notices); facts in these texts come from knowledge/."""

from __future__ import annotations

from knowledge import Context, KnowledgeBase, topic_title

TOPICS_IN_WELCOME = ("council_tax", "housing", "money", "care_file", "education")
PRIVACY_NOTE = "Please don't share personal details such as your name, address or date of birth."


def _safe_word(kb: KnowledgeBase) -> str:
    return kb.crisis.safe_word.upper()


def welcome_text(context: Context) -> str:
    """/start: who this is (for the context's council), what it helps with, privacy in one line, the safe word."""
    kb = context.kb
    council = kb.council(context.council_id).council.short_name
    topics = ", ".join(topic_title(kb, t).lower() for t in TOPICS_IN_WELCOME if t in kb.national.topics)
    return (
        f"Hi! I'm an automated assistant for care leavers from {council}. I can tell you what you're entitled "
        f"to ({topics} and more) and who to contact right now.\n"
        "Privacy: I never need your name or address. /privacy says what is kept and /forget erases it.\n"
        f"In an emergency, type {_safe_word(kb)} at any time.\n"
        "Type your question in your own words, or /help for the topics."
    )


def privacy_text(retention_days: int) -> str:
    """/privacy: what is stored, for how long, and how to erase it."""
    return (
        "What is kept: the messages in this chat and my replies, and your council and age if you told me. "
        "They are stored on the council's server under a code made from this chat, not your name or number, "
        f"and deleted after {retention_days} days. Nobody reads them live.\n"
        "Type /forget to erase this conversation now. Telegram keeps its own copy on your phone; delete the "
        "chat there too if you want."
    )


def forgotten_text(removed: int) -> str:
    """/forget: confirmation."""
    if removed:
        return "Done: I've erased this conversation from my records. You can start again any time."
    return "There was nothing stored for this chat. You can start again any time."


def forget_failed_text() -> str:
    """/forget when the conversation store could not be reached: nothing was erased yet."""
    return "Sorry, I couldn't erase this conversation just now. Please try /forget again in a minute."


def unknown_command_text(kb: KnowledgeBase) -> str:
    """Typed text starting with '/' that is not one of our commands."""
    return (
        "I don't know that command. Try /help, /privacy, /forget or /council, or just type your question. "
        f"In an emergency, type {_safe_word(kb)}."
    )


def long_message_notice(limit: int) -> str:
    """A message over the limit: what happens to it."""
    return f"That's a long message, so I've read the first {limit:,} characters."


def not_text_reply(kb: KnowledgeBase) -> str:
    """Stickers, photos, voice notes."""
    return f"Sorry, I can only read text for now. Type your question, or {_safe_word(kb)} for emergency contacts."


def button_expired_text() -> str:
    """A button that is no longer known (for example after a restart)."""
    return "That button has expired. Please type your question, or /help for the topics."


def empty_message_text() -> str:
    """An empty message."""
    return "Type a question and I'll do my best to answer it, or type HELP to see the topics."


def too_fast_text(kb: KnowledgeBase) -> str:
    """Too many messages in a minute."""
    return (
        "You're sending messages faster than I can read them. Please wait a minute and try again. "
        f"In an emergency, type {_safe_word(kb)} or call {kb.national.services['emergency'].phone}."
    )
