"""Fill the ${name} placeholders in knowledge texts."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

from .schema import Contact, CouncilFile, NationalFile, Topic

CONTACT_FIELDS = ("name", "phone", "text", "email", "address")


class FactTemplate(string.Template):
    """A template whose placeholders may be dotted paths such as contacts.edt.phone."""

    idpattern = r"(?a:[a-z_][a-z0-9_.]*)"


def placeholders(text: str) -> list[str]:
    """Return the placeholder names used in a template text."""
    found = []
    for match in FactTemplate.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.append(name)
    return found


def render(text: str, context: Mapping[str, object]) -> str:
    """Fill a template; a missing name raises KeyError (the loader checks names up front)."""
    return FactTemplate(text).substitute({k: _show(v) for k, v in context.items()})


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def contact_names(prefix: str, contacts: Mapping[str, Contact]) -> dict[str, str]:
    """Flatten contacts into {prefix.key.field: value} for the fields that are set."""
    flat = {}
    for key, contact in contacts.items():
        for field in CONTACT_FIELDS:
            value = getattr(contact, field)
            if value:
                flat[f"{prefix}.{key}.{field}"] = value
    return flat


def _values(prefix: str, topics: Mapping[str, Topic]) -> dict[str, object]:
    return {
        f"{prefix}.{topic_id}.{key}": value for topic_id, topic in topics.items() for key, value in topic.values.items()
    }


def national_context(national: NationalFile, topic_id: str) -> dict[str, object]:
    """Names a national topic's texts may use."""
    topic = national.topics.get(topic_id)
    context: dict[str, object] = dict(topic.values) if topic else {}
    context.update(contact_names("services", national.services))
    return context


def council_context(
    national: NationalFile, council: CouncilFile, topic_id: str, extra: Iterable[tuple[str, object]] = ()
) -> dict[str, object]:
    """Names a council topic's texts may use: its own values first, then everything it may refer to."""
    context: dict[str, object] = {"council": council.council.short_name}
    context.update(_values("topics", council.topics))
    context.update(contact_names("contacts", council.contacts))
    context.update(contact_names("services", national.services))
    national_topic = national.topics.get(topic_id)
    if national_topic:
        context.update({f"national.{k}": v for k, v in national_topic.values.items()})
    topic = council.topics.get(topic_id)
    if topic:
        context.update(topic.values)
    context.update(extra)
    return context
