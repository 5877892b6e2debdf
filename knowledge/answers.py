"""Turn knowledge into answers: the key fact first, then how to get it, then where it comes from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .loader import KnowledgeBase
from .schema import Contact, CouncilFile, Point, Source, Topic
from .templates import council_context, national_context, render

NOT_CONFIRMED = "(This was announced; check it with your PA.)"
ANNOUNCED = "announced, not yet confirmed"


@dataclass(frozen=True)
class SourceRef:
    """A source as shown to people: what it is, where it is, when it was checked."""

    title: str
    short: str
    url: str
    last_verified: str
    verify: bool = False

    @classmethod
    def of(cls, source: Source) -> SourceRef:
        """A shown source for a schema source."""
        return cls(source.title, source.short, source.url, source.last_verified.isoformat(), source.verify)

    def as_payload(self) -> dict:
        """The source as channels receive it."""
        shown: dict[str, str | bool] = {"title": self.title, "url": self.url, "last_verified": self.last_verified}
        if self.verify:
            shown["verify"] = True
        return shown


@dataclass(frozen=True)
class Answer:
    """One reply: its text ends with the source line; the payload tells channels what it was about."""

    topic: str
    council: str | None
    text: str
    sources: tuple[SourceRef, ...] = field(default_factory=tuple)
    language: str | None = None
    category: str | None = None
    letter: dict[str, str] | None = None

    def payload(self) -> dict:
        """The custom payload sent beside the text: topic, council, sources, the crisis category or the letter if
        any, and the language if not English."""
        sources = [s.as_payload() for s in self.sources]
        shown: dict[str, object] = {"topic": self.topic, "council": self.council, "sources": sources}
        if self.category:
            shown["category"] = self.category
        if self.letter:
            shown["letter"] = self.letter
        return {"language": self.language, **shown} if self.language else shown


class SourceTrail:
    """Collects the sources an answer used, in order, and writes the source line."""

    def __init__(self) -> None:
        self._sources: list[Source] = []

    def add(self, source: Source) -> None:
        """Record that a source was used (once)."""
        if source not in self._sources:
            self._sources.append(source)

    def refs(self) -> tuple[SourceRef, ...]:
        """The sources used, for the payload."""
        return tuple(SourceRef.of(s) for s in self._sources)

    def line(self) -> str:
        """'From X and Y, checked Nov 2026.', naming each date where they differ."""
        if not self._sources:
            return ""
        months = {s.last_verified.strftime("%b %Y") for s in self._sources}
        if len(months) == 1:
            return f"From {_join(_named(s) for s in self._sources)}, checked {months.pop()}."
        return "From " + _join(f"{_named(s)} (checked {s.last_verified:%b %Y})" for s in self._sources) + "."


def _named(source: Source) -> str:
    """A source's short name, marked when it announces rather than confirms."""
    return f"{source.short} ({ANNOUNCED})" if source.verify else source.short


def _join(items: Iterable[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _ways(contact: Contact) -> tuple[str, str, str]:
    """(verb, preposition, where) for the first way a contact can be reached."""
    if contact.phone:
        return "call", "on", contact.phone
    if contact.text:
        return "text", "on", contact.text
    if contact.email:
        return "email", "at", contact.email
    assert contact.address is not None, "the schema refuses a contact with no way to reach it"
    return "write to", "at", contact.address


def reach(contact: Contact) -> str:
    """How to reach a contact, e.g. 'call 01234 567890'."""
    verb, _, where = _ways(contact)
    return f"{verb} {where}"


def contact_line(contact: Contact) -> str:
    """How to reach a named contact, e.g. 'call the X on 01234 567890'."""
    verb, preposition, where = _ways(contact)
    return f"{verb} the {contact.name} {preposition} {where}"


def _point_text(point: Point, source: Source, context: dict) -> str:
    text = render(point.text, context)
    return f"{text} {NOT_CONFIRMED}" if point.verify or source.verify else text


def general_points(topic: Topic) -> list[Point]:
    """A topic's points for everyone: those about particular care leaver statuses are left to the status checker."""
    return [point for point in topic.points if not point.applies_to]


def local_part(council: CouncilFile, topic: Topic, context: dict, trail: SourceTrail) -> list[str]:
    """A council's points and recorded conflicts on a topic, as lines."""
    lines = []
    for point in general_points(topic):
        source = council.sources[point.source]
        trail.add(source)
        lines.append(_point_text(point, source, context))
    for conflict in topic.conflicts:
        trail.add(council.sources[conflict.source])
        if conflict.supported_by:
            trail.add(council.sources[conflict.supported_by])
        lines.append(f"Note: {conflict.claim} {render(conflict.resolution, context)}")
    return lines


def national_part(kb: KnowledgeBase, topic_id: str, trail: SourceTrail) -> list[str]:
    """What holds everywhere in England on a topic, as one block (or none)."""
    topic = kb.national.topics.get(topic_id)
    if topic is None or not general_points(topic):
        return []
    context = national_context(kb.national, topic_id)
    lines = []
    for point in general_points(topic):
        source = kb.national.sources[point.source]
        trail.add(source)
        lines.append(_point_text(point, source, context))
    return ["Everywhere in England: " + " ".join(lines)]


def topic_title(kb: KnowledgeBase, topic_id: str) -> str:
    """The topic's title from the national catalogue."""
    return kb.national.topics[topic_id].title or topic_id


def next_step(kb: KnowledgeBase, council: CouncilFile, topic_id: str) -> str:
    """What to do next: the topic's how-to, then who to ask (the PA's team unless the topic names another)."""
    topic = council.topics.get(topic_id)
    steps = []
    if topic and topic.how:
        steps.append(render(topic.how, council_context(kb.national, council, topic_id)))
    ask_key = topic.ask if topic and topic.ask else None
    if ask_key is None and not steps:
        ask_key = council.service_hours.in_hours
    if ask_key is not None:
        steps.append(ask_line(council.contacts[ask_key]))
    return " ".join(steps)


def topic_contact(council: CouncilFile, topic_id: str) -> Contact:
    """Who to ask about a topic at a council: the contact the topic names, else the team in office hours."""
    topic = council.topics.get(topic_id)
    return council.contacts[topic.ask if topic and topic.ask else council.service_hours.in_hours]


def ask_line(contact: Contact) -> str:
    """'Questions? Call the X on 01234 567890.'"""
    line = contact_line(contact)
    return f"Questions? {line[0].upper()}{line[1:]}."


def with_source(blocks: Iterable[str], trail: SourceTrail) -> str:
    """Join an answer's blocks, one per line, and end with the source line.

    Single newlines keep an answer one message: Rasa's REST channel splits a text at blank lines.
    """
    return "\n".join(b for b in [*blocks, trail.line()] if b)
