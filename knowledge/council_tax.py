"""The council tax question: does this care leaver pay council tax where they live?

Two councils decide it: the one that looked after them, whose rule for its care leavers applies, and the one
whose area they live in (taken as the council the channel serves), which sends the bill. Luton exempts its care
leavers from Luton's own council tax, so only while they live in Luton; Lancashire's grant pays for its care
leavers wherever they live. Where the first council's rule does not settle it, the answer says what the
council where they live offers and who to ask there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .answers import (
    Answer,
    SourceTrail,
    ask_line,
    contact_line,
    local_part,
    national_part,
    next_step,
    reach,
    topic_contact,
    with_source,
)
from .loader import KnowledgeBase
from .schema import Value
from .tax_outcomes import OTHER_COUNCILS, WHEREVER, Outcome
from .templates import council_context, render
from .uncovered import advice_line, silent_opening, uncovered_opening

TOPIC = "council_tax"
BILLED_BY = "billed_by"  # who sends the bills in a council's area when it is not the council itself
TAX_TEAM = "council_tax"  # a council's contact key for its council tax team


@dataclass(frozen=True)
class Decision:
    """The council whose rule answers (None when we do not cover it) and what that rule says."""

    council_id: str | None
    outcome: Outcome


def _own_rule_applies(kb: KnowledgeBase, lives_in: str, looked_after_by: str) -> bool:
    topic = kb.council(looked_after_by).topics.get(TOPIC)
    return topic is not None and (looked_after_by == lives_in or bool(topic.values.get(WHEREVER)))


def needs_age(kb: KnowledgeBase, lives_in: str, looked_after_by: str | None) -> bool:
    """Whether the answer depends on the age: only when the looking-after council's own rule applies."""
    if looked_after_by is None or looked_after_by not in kb.councils:
        return False
    return _own_rule_applies(kb, lives_in, looked_after_by)


def decide(kb: KnowledgeBase, lives_in: str, looked_after_by: str, age: int | None) -> Decision:
    """What the rule of the council that looked after them says for someone of this age living in lives_in."""
    if looked_after_by not in kb.councils:
        return Decision(None, Outcome.UNCOVERED)
    topic = kb.council(looked_after_by).topics.get(TOPIC)
    if topic is None:
        return Decision(looked_after_by, Outcome.SILENT)
    if not _own_rule_applies(kb, lives_in, looked_after_by):
        return Decision(looked_after_by, Outcome.ELSEWHERE)
    if age is None:
        raise ValueError("the age is needed when the looking-after council's own rule applies")
    if age < _age_limit(kb.national.topics[TOPIC].values, "payable_from_age"):
        return Decision(looked_after_by, Outcome.UNDER_AGE)
    exempt_to_age = _age_limit(topic.values, "exempt_to_age")
    return Decision(looked_after_by, Outcome.ELIGIBLE if age < exempt_to_age else Outcome.TOO_OLD)


def _age_limit(values: Mapping[str, Value], key: str) -> int:
    """An age limit from a topic's values, refused when the file gives something other than a whole number."""
    limit = values[key]
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise ValueError(f"council_tax.values.{key} must be a whole number, not {limit!r}")
    return limit


def council_tax_rule(kb: KnowledgeBase, council_id: str | None) -> Answer | None:
    """A council's council tax rule for its care leavers, said before asking what decides the person's own case;
    None where we have no rule to say (a council we do not cover, or whose offer is silent)."""
    council = kb.councils.get(council_id) if council_id else None
    if council is None:
        return None
    topic = council.topics.get(TOPIC)
    if topic is None or not topic.points:
        return None
    trail = SourceTrail()
    rule = local_part(council, topic, council_context(kb.national, council, TOPIC), trail)[0]
    return Answer(TOPIC, council_id, with_source([rule], trail), trail.refs())


def council_tax_answer(kb: KnowledgeBase, lives_in: str, looked_after_by: str, age: int | None) -> Answer:
    """The council tax reply for someone looked after by looked_after_by, of this age, living in lives_in."""
    decision = decide(kb, lives_in, looked_after_by, age)
    trail = SourceTrail()
    blocks = [_rule(kb, decision, looked_after_by, age, trail)]
    moved = lives_in != looked_after_by
    if decision.outcome.settled:
        blocks.append(next_step(kb, kb.council(looked_after_by), TOPIC))
        if moved:
            blocks.append(f"Your council tax bill comes from {_tax_team(kb, lives_in, trail)}.")
    else:
        if moved:
            blocks += _where_you_live(kb, lives_in, trail)
        blocks += national_part(kb, TOPIC, trail)
        blocks.append(f"To ask about a discount or exemption where you live, contact {_tax_team(kb, lives_in, trail)}.")
        blocks.append(_adviser_line(kb, decision.council_id, moved, trail))
    return Answer(TOPIC, decision.council_id, with_source(blocks, trail), trail.refs())


def _rule(kb: KnowledgeBase, decision: Decision, looked_after_by: str, age: int | None, trail: SourceTrail) -> str:
    """The rule of the council that looked after them, as it applies to them."""
    if decision.outcome is Outcome.UNCOVERED:
        entry = kb.registered(looked_after_by)
        return uncovered_opening(kb, TOPIC, entry.name if entry else None)
    council = kb.council(looked_after_by)
    if decision.outcome is Outcome.SILENT:
        return silent_opening(kb, TOPIC, council.council.short_name)
    topic = council.topics[TOPIC]
    for point in topic.points:
        trail.add(council.sources[point.source])
    context = council_context(kb.national, council, TOPIC, extra=[("age", age)])
    return render(topic.outcomes[decision.outcome.value], context)


def _where_you_live(kb: KnowledgeBase, lives_in: str, trail: SourceTrail) -> list[str]:
    """What the council where they live offers care leavers from other areas, where we know it."""
    council = kb.councils.get(lives_in)
    if council is None:
        return []
    topic = council.topics.get(TOPIC)
    if topic is None:
        return [f"Where you live, {council.council.short_name}'s offer for care leavers doesn't mention council tax."]
    for point in topic.points:
        trail.add(council.sources[point.source])
    return [render(topic.outcomes[OTHER_COUNCILS], council_context(kb.national, council, TOPIC))]


def _tax_team(kb: KnowledgeBase, lives_in: str, trail: SourceTrail) -> str:
    """The council tax team of the place they live, with its number where we have one."""
    council = kb.councils.get(lives_in)
    if council is None:
        return "the council tax team of the council where you live"
    team = council.contacts.get(TAX_TEAM)
    if team is not None:
        trail.add(council.sources[team.source])
        return f"{council.council.short_name}'s {team.name} ({reach(team)})"
    topic = council.topics.get(TOPIC)
    if topic is not None and topic.values.get(BILLED_BY):
        for point in topic.points:
            trail.add(council.sources[point.source])
        return f"the council tax team of {topic.values[BILLED_BY]}"
    return f"{council.council.short_name}'s council tax team"


def _adviser_line(kb: KnowledgeBase, council_id: str | None, moved: bool, trail: SourceTrail) -> str:
    """Who helps with the looking-after council's side: its leaving-care team, or the national advice line."""
    if council_id is None:
        return ask_line(advice_line(kb, trail))
    council = kb.council(council_id)
    contact = topic_contact(council, TOPIC)
    trail.add(council.sources[contact.source])
    if moved:
        return f"{council.council.short_name}'s leaving-care team can help you ask: {contact_line(contact)}."
    return ask_line(contact)
