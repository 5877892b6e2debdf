"""When a care leaver can't reach their PA, or doesn't know who it is: who to call now (by the clock), what to
say, how long to wait, then the team manager, a complaint and an advocate, and the council's own promise."""

from __future__ import annotations

from datetime import datetime

from .answers import Answer, SourceTrail, contact_line, general_points, with_source
from .contact_answers import right_now
from .hours import bank_holiday_name, who_to_contact, working_day_after
from .loader import KnowledgeBase
from .pa_schema import PaNotAnsweringFile
from .schema import CouncilFile
from .templates import council_context, national_context, render

TOPIC = "pa_not_answering"
SOME_WORKING_DAY = "the next working day"


def pa_not_answering_answer(kb: KnowledgeBase, council_id: str, now: datetime) -> Answer:
    """Who to call right now about an unreachable or unknown PA, what to tell them, and where to go next."""
    council = kb.council(council_id)
    flow = kb.pa_not_answering
    advice = who_to_contact(council, now)
    team = council.contacts[council.service_hours.in_hours].name
    name = council.council.short_name
    trail = SourceTrail()
    emergency = kb.national.services["emergency"]
    trail.add(kb.national.sources[emergency.source])
    holiday = bank_holiday_name(now)
    moment = [render(flow.bank_holiday, {"holiday": holiday, "team": team})] if holiday else []
    now_line = right_now(kb, council, advice, trail)
    moment += [
        now_line[0].upper() + now_line[1:],
        render(flow.in_hours if advice.in_hours else flow.out_of_hours, {"team": team}),
    ]
    blocks = [
        render(flow.opening, {"council": name}),
        " ".join(moment),
        render(flow.danger, {"emergency": emergency.phone}),
        render(flow.what_to_say, {"council": name}),
        _escalation(kb, council, now, trail),
        _pledge(kb, council, trail),
    ]
    return Answer(TOPIC, council_id, with_source(blocks, trail), trail.refs())


def _by_when(council: CouncilFile, flow: PaNotAnsweringFile, now: datetime) -> str:
    day = working_day_after(council.service_hours, now, flow.wait_working_days)
    return f"{day:%A} {day.day} {day:%B}" if day else SOME_WORKING_DAY


def _escalation(kb: KnowledgeBase, council: CouncilFile, now: datetime, trail: SourceTrail) -> str:
    """How long to wait, then the team manager, a complaint and an advocate: numbers only where the files have them."""
    flow = kb.pa_not_answering
    team = council.contacts[council.service_hours.in_hours].name
    lines = [render(flow.wait, {"by_when": _by_when(council, flow, now)})]
    for key, known, unknown, name in (
        (flow.manager_contact, flow.manager_known, flow.manager_unknown, "manager"),
        (flow.complaints_contact, flow.complaints_known, flow.complaints_unknown, "complaints"),
    ):
        contact = council.contacts.get(key)
        if contact is None:
            lines.append(render(unknown, {"team": team}))
            continue
        trail.add(council.sources[contact.source])
        lines.append(render(known, {name: contact_line(contact)}))
    advocacy = kb.national.topics[flow.advocacy_topic]
    names = national_context(kb.national, flow.advocacy_topic)
    for point in general_points(advocacy):
        trail.add(kb.national.sources[point.source])
    lines.append(" ".join([flow.advocate, *(render(p.text, names) for p in general_points(advocacy))]))
    return "\n".join(lines)


def _pledge(kb: KnowledgeBase, council: CouncilFile, trail: SourceTrail) -> str:
    """The council's promise that you have a named PA (its charter first, then its offer), or nothing."""
    flow = kb.pa_not_answering
    said: list[tuple[str, str]] = []
    if council.charter is not None:
        said += [(p, council.charter.source) for theme in council.charter.themes.values() for p in theme.pledges]
    topic = council.topics.get(flow.pledge_topic)
    if topic is not None:
        names = council_context(kb.national, council, flow.pledge_topic)
        said += [(render(p.text, names), p.source) for p in general_points(topic)]
    phrases = [phrase.lower() for phrase in flow.pledge_phrases]
    for text, key in said:
        if any(phrase in text.lower() for phrase in phrases):
            source = council.sources[key]
            trail.add(source)
            return render(flow.pledge, {"source": source.short, "pledge": text})
    return ""
