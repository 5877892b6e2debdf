"""Answers that name a person to contact: who to call now, the crisis reply, and 'I can't answer that'."""

from __future__ import annotations

from datetime import datetime

from .answers import Answer, SourceTrail, contact_line, reach, with_source
from .context import Context
from .hours import ContactAdvice, who_to_contact
from .loader import KnowledgeBase
from .schema import Contact, CouncilFile


def _when(moment: datetime) -> str:
    clock = moment.strftime("%I.%M%p").lstrip("0").lower().replace(".00", "")
    return f"{moment:%A} at {clock}"


def right_now(kb: KnowledgeBase, council: CouncilFile, advice: ContactAdvice, trail: SourceTrail) -> str:
    """One or two sentences: who to contact at this moment; where the hours are assumed, both numbers."""
    trail.add(council.sources[advice.contact.source])
    if advice.assumed:
        return _assumed_right_now(council, advice, trail)
    if advice.in_hours:
        return f"The {advice.contact.name} is open now: {reach(advice.contact)}."
    team = council.contacts[council.service_hours.in_hours]
    reopens = f" (it opens again {_when(advice.opens_next)})" if advice.opens_next else ""
    return f"The {team.name} is closed now{reopens}. If it can't wait until then, {contact_line(advice.contact)}."


def _assumed_right_now(council: CouncilFile, advice: ContactAdvice, trail: SourceTrail) -> str:
    # Unpublished hours are a guess: never say open or closed as a fact, and give both numbers.
    hours = council.service_hours
    team, out_of_hours = council.contacts[hours.in_hours], council.contacts[hours.out_of_hours]
    trail.add(council.sources[team.source])
    trail.add(council.sources[out_of_hours.source])
    if advice.in_hours:
        return (
            f"The {team.name} is usually open at this time, but its hours aren't published: {reach(team)}. "
            f"If nobody answers, {contact_line(out_of_hours)}."
        )
    return (
        f"The {team.name} is usually closed at this time (its hours aren't published). "
        f"If it can't wait, {contact_line(out_of_hours)}. "
        f"In office hours you can also try the {team.name}: {reach(team)}."
    )


def _emergency(kb: KnowledgeBase, trail: SourceTrail) -> Contact:
    emergency = kb.national.services["emergency"]
    trail.add(kb.national.sources[emergency.source])
    return emergency


def _hours_note(council: CouncilFile, advice: ContactAdvice) -> str:
    if not advice.assumed:
        return f"Office hours: {advice.hours}."
    note = f"Usual office hours (assumed, not published): {advice.hours}."
    return f"{note} {advice.note}" if advice.note else note


def contact_now_answer(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """Who to contact right now for a council, with 999 for emergencies and the hours assumed."""
    council = kb.council(council_id)
    advice = who_to_contact(council, now)
    trail = SourceTrail()
    emergency = _emergency(kb, trail)
    blocks = [
        right_now(kb, council, advice, trail),
        f"If anyone is in danger right now, call {emergency.phone}.",
        _hours_note(council, advice),
    ]
    return Answer("contact", council_id, with_source(blocks, trail), trail.refs())


def _service_line(service: Contact) -> str:
    ways = []
    if service.phone:
        ways.append(f"call {service.phone}")
    if service.text:
        ways.append(f"text {service.text}")
    return f"• {service.name}: {' or '.join(ways)}"


def crisis_answer(kb: KnowledgeBase, council_id: str, now: datetime, category: str | None = None) -> Answer:
    """The safety reply for a kind of crisis: 999 first where life is at risk, then who can help right now.

    With no category (or the safe word), every emergency line is given.
    """
    council = kb.council(council_id)
    trail = SourceTrail()
    emergency = _emergency(kb, trail)
    kind = kb.crisis.categories.get(category) if category else None
    advice = who_to_contact(council, now)
    keys = kind.lines if kind else [k for k in kb.national.crisis_lines if k != "emergency"]
    lines = []
    for key in keys:
        service = kb.national.services[key]
        trail.add(kb.national.sources[service.source])
        lines.append(_service_line(service))
    opening = kind.opening if kind else "Here are the people you can contact right now."
    at_risk = kind is None or kind.life_at_risk
    blocks = [
        f"{opening} If you or anyone else is in danger right now, call {emergency.phone}." if at_risk else opening
    ]
    if kind and kind.script:
        blocks += [_capital(right_now(kb, council, advice, trail)), kind.script]
    blocks.append("Other people you can talk to:\n" + "\n".join(lines))
    if not (kind and kind.script):
        blocks.append(right_now(kb, council, advice, trail))
    blocks.append(
        f"Next step: call {emergency.phone} if anyone is in danger; otherwise call one of these numbers now."
        if at_risk
        else f"Next step: make that call now. If things get worse, call {emergency.phone}."
    )
    return Answer("crisis", council_id, with_source(blocks, trail), trail.refs())


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def cant_answer(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """'I can't answer that', with the person who can, right now."""
    council = kb.council(council_id)
    trail = SourceTrail()
    team = council.contacts[council.service_hours.in_hours]
    blocks = [
        f"Sorry, I can't answer that one, but your PA or the {team.name} can.",
        right_now(kb, council, who_to_contact(council, now), trail),
        f"If anyone is in danger, call {_emergency(kb, trail).phone}.",
    ]
    return Answer("fallback", council_id, with_source(blocks, trail), trail.refs())


def safe_reply(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """What to say when the assistant itself has failed: sorry, who to contact now, and 999."""
    council = kb.council(council_id)
    trail = SourceTrail()
    samaritans = kb.national.services["samaritans"]
    trail.add(kb.national.sources[samaritans.source])
    blocks = [
        "Sorry, something went wrong on my side and I can't answer that right now.",
        _capital(right_now(kb, council, who_to_contact(council, now), trail)),
        f"If anyone is in danger, call {_emergency(kb, trail).phone}. "
        f"To talk to someone any time, {_service_line(samaritans)[2:].replace(': ', ', ')}.",
    ]
    return Answer("safe_fallback", council_id, with_source(blocks, trail), trail.refs())


def safe_reply_for(context: Context, council_id: str | None = None) -> Answer:
    """The safe reply every channel gives when something failed: for the council asked for, at the context's time."""
    chosen = context.for_council(council_id)
    return safe_reply(chosen.kb, chosen.council_id, chosen.now())


def emergency_contacts(kb: KnowledgeBase, council_id: str) -> list[tuple[str, str]]:
    """The contacts a chat window shows at all times, as (who, how): 999, the team, out of hours, Samaritans."""
    council = kb.council(council_id)
    hours = council.service_hours
    shown = [
        ("In danger now", reach(kb.national.services["emergency"])),
        (council.contacts[hours.in_hours].name + " (office hours)", reach(council.contacts[hours.in_hours])),
        (council.contacts[hours.out_of_hours].name, reach(council.contacts[hours.out_of_hours])),
        (kb.national.services["samaritans"].name, reach(kb.national.services["samaritans"])),
    ]
    return shown
