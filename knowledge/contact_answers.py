"""Answers that name a person to contact: who to call now, the crisis reply, and 'I can't answer that'."""

from __future__ import annotations

from datetime import datetime

from .answers import Answer, SourceTrail, contact_line, reach, with_source
from .context import Context
from .crisis import UNSPECIFIED
from .hours import ContactAdvice, who_to_contact
from .loader import KnowledgeBase
from .schema import Contact, CouncilFile
from .templates import contact_names, placeholders, render

IN_DANGER = "In danger now"


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


def _services_named(kb: KnowledgeBase, text: str, trail: SourceTrail) -> str:
    """A crisis text with its ${services.KEY.phone} filled in, each service's source added to the trail."""
    for name in placeholders(text):
        trail.add(kb.national.sources[kb.national.services[name.split(".")[1]].source])
    return render(text, contact_names("services", kb.national.services))


def _every_line(kb: KnowledgeBase, council: CouncilFile, advice: ContactAdvice, trail: SourceTrail) -> list[str]:
    """The reply for the safe word or an unknown category: 999, every crisis line, and who to contact now."""
    emergency = _emergency(kb, trail)
    lines = [_service_line(kb.national.services[k]) for k in kb.national.crisis_lines if k != "emergency"]
    for key in kb.national.crisis_lines:
        trail.add(kb.national.sources[kb.national.services[key].source])
    return [
        f"Here are the people you can contact right now. If you or anyone else is in danger, call {emergency.phone}.",
        "Other people you can talk to:\n" + "\n".join(lines),
        right_now(kb, council, advice, trail),
        f"Next step: call {emergency.phone} if anyone is in danger; otherwise call one of these numbers now.",
    ]


def crisis_answer(kb: KnowledgeBase, council_id: str, now: datetime, category: str | None = None) -> Answer:
    """The safety reply for a kind of crisis: what to do now first (999 where life is at risk), then who can help.

    With no category (a crisis only the classifier saw: "unspecified"), an unknown one or the safe word, every
    emergency line is given.
    """
    council = kb.council(council_id)
    trail = SourceTrail()
    advice = who_to_contact(council, now)
    kind = kb.crisis.categories.get(category) if category else None
    if kind is None:
        blocks = _every_line(kb, council, advice, trail)
        return Answer("crisis", council_id, with_source(blocks, trail), trail.refs(), category=category or UNSPECIFIED)
    for source in kind.sources:
        trail.add(kb.national.sources[source])
    first = _services_named(kb, kind.opening, trail)
    if kind.life_at_risk and "services.emergency.phone" not in placeholders(kind.opening):
        first += f" If you or anyone else is in danger right now, call {_emergency(kb, trail).phone}."
    blocks = [first]
    if kind.advice:
        blocks.append(_services_named(kb, kind.advice, trail))
    if kind.script:
        blocks += [_capital(right_now(kb, council, advice, trail)), _services_named(kb, kind.script, trail)]
    if kind.lines:
        services = [kb.national.services[key] for key in kind.lines]
        for service in services:
            trail.add(kb.national.sources[service.source])
        blocks.append("Other people you can talk to:\n" + "\n".join(_service_line(s) for s in services))
    if not kind.script:
        blocks.append(right_now(kb, council, advice, trail))
    blocks.append("Next step: " + _services_named(kb, kind.next_step, trail))
    return Answer("crisis", council_id, with_source(blocks, trail), trail.refs(), category=category)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _who_now(kb: KnowledgeBase, council_id: str, now: datetime, opening: str, topic: str) -> Answer:
    """A reply that does not answer: its opening, then who to contact right now, then 999."""
    council = kb.council(council_id)
    trail = SourceTrail()
    blocks = [
        opening,
        _capital(right_now(kb, council, who_to_contact(council, now), trail)),
        f"If anyone is in danger, call {_emergency(kb, trail).phone}.",
    ]
    return Answer(topic, council_id, with_source(blocks, trail), trail.refs())


def cant_answer(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """'I can't answer that', with the person who can, right now."""
    team = kb.council(council_id).contacts[kb.council(council_id).service_hours.in_hours]
    opening = f"Sorry, I can't answer that one, but your PA or the {team.name} can."
    return _who_now(kb, council_id, now, opening, "fallback")


def did_you_mean(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """'Did you mean one of these?' (the topics go on buttons), still ending with who to contact now."""
    opening = "Sorry, I'm not sure I understood. Did you mean one of these?"
    return _who_now(kb, council_id, now, opening, "fallback")


def not_understood(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """For a yes, no, thanks or goodbye that answers nothing the assistant said: ask again, and who to contact."""
    opening = (
        "Sorry, I'm not sure what you mean. Ask me a question in your own words, or type 'help' to see the topics."
    )
    return _who_now(kb, council_id, now, opening, "fallback")


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
    return [(IN_DANGER, reach(kb.national.services["emergency"])), *other_contacts(kb, council_id)]


def other_contacts(kb: KnowledgeBase, council_id: str) -> list[tuple[str, str]]:
    """The emergency contacts after 999, as (who, how): the team, out of hours, Samaritans."""
    council = kb.council(council_id)
    hours = council.service_hours
    return [
        (council.contacts[hours.in_hours].name + " (office hours)", reach(council.contacts[hours.in_hours])),
        (council.contacts[hours.out_of_hours].name, reach(council.contacts[hours.out_of_hours])),
        (kb.national.services["samaritans"].name, reach(kb.national.services["samaritans"])),
    ]


def _number(contact: Contact) -> str:
    """A contact's phone number, or how else to reach it when it has none."""
    return contact.phone or reach(contact)


def emergency_line(kb: KnowledgeBase, council_id: str, now: datetime) -> list[tuple[str, str]]:
    """The one line a small chat window always shows, as (who, number): 999, then the team for this moment."""
    advice = who_to_contact(kb.council(council_id), now)
    return [(IN_DANGER, _number(kb.national.services["emergency"])), ("Now", _number(advice.contact))]
