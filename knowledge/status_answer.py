"""What the status checker says: each question with its buttons, and the result with what it means and who to ask."""

from __future__ import annotations

from .answers import Answer, SourceTrail, ask_line, local_part, next_step, topic_contact, with_source
from .loader import KnowledgeBase
from .status_checker import TOPIC, Decision, Limits, Question, Status
from .templates import council_context, national_context, render
from .uncovered import advice_line, uncovered_opening

YES_NO = (("Yes", "yes"), ("No", "no"), ("Not sure", "not sure"))
FULL_STATUSES = {Status.ELIGIBLE, Status.RELEVANT, Status.FORMER_RELEVANT, Status.QUALIFYING}


def question_text(question: Question, limits: Limits) -> str:
    """The question to ask, answerable in a word or with a button."""
    texts = {
        Question.AGE: "How old are you? Just the number is fine; I only use it to work out your status.",
        Question.IN_CARE_NOW: "Are you in care now (with foster carers, in a children's home or placement)?",
        Question.THIRTEEN_WEEKS: f"Since your {limits.counted_from}th birthday, have you been in care for "
        f"{limits.weeks} weeks or more in all (it doesn't have to be in one go)?",
        Question.CARE_AT_16: f"Were you in care at any time on or after your {limits.leaving_care_from}th birthday?",
        Question.CUSTODY_OR_HOSPITAL: "Were you in custody or in hospital on your "
        f"{limits.leaving_care_from}th birthday?",
        Question.SPECIAL_GUARDIANSHIP: "Did a special guardianship order start straight after you were in care?",
        Question.PRIVATELY_FOSTERED: f"Were you privately fostered (living with someone who isn't family, arranged "
        f"without the council) after you turned {limits.leaving_care_from}?",
        Question.EDUCATION: "Are you in full-time education now, like college or university?",
    }
    return texts[question]


def question_buttons(question: Question) -> list[tuple[str, str]]:
    """(title, what it sends) for the question's buttons: none for the age, Yes / No / Not sure otherwise."""
    return [] if question is Question.AGE else list(YES_NO)


def missing_text(question: Question, limits: Limits) -> str:
    """A missing fact, as it ends 'I'd need to know ...'."""
    texts = {
        Question.THIRTEEN_WEEKS: f"whether you were in care for {limits.weeks} weeks or more since you were "
        f"{limits.counted_from}",
        Question.CARE_AT_16: f"whether you were in care on or after your {limits.leaving_care_from}th birthday",
        Question.CUSTODY_OR_HOSPITAL: f"whether you were in custody or hospital on your {limits.leaving_care_from}th "
        "birthday",
        Question.SPECIAL_GUARDIANSHIP: "whether a special guardianship order started straight after care",
        Question.PRIVATELY_FOSTERED: "whether you were privately fostered between "
        f"{limits.leaving_care_from} and {limits.adult_at}",
    }
    return texts.get(question, question.value.replace("_", " "))


def status_answer(
    kb: KnowledgeBase, council_id: str | None, decision: Decision, council_name: str | None = None
) -> Answer:
    """The result: the status decided (or what is missing), what it means everywhere and in the offer of the council
    that looked after them (council_id None: one we do not cover, named council_name), that their PA can confirm it,
    and who to contact now."""
    national = kb.national.topics[TOPIC]
    limits = Limits.of(kb)
    context = national_context(kb.national, TOPIC)
    trail = SourceTrail()
    trail.add(kb.national.sources["care_leaver_statuses"])
    if decision.status is None:
        needed = " and ".join(missing_text(q, limits) for q in decision.missing)
        opening = f"{render(national.outcomes['missing'], context)} {needed}. Your PA or social worker can check it."
        blocks = [opening, _who_to_ask(kb, council_id, trail)]
        return Answer(TOPIC, council_id, with_source(blocks, trail), trail.refs())
    blocks = [render(national.outcomes[decision.status.value], context)]
    if decision.status in FULL_STATUSES:
        meaning = []
        for point in national.points:
            if decision.status.value in point.applies_to:
                trail.add(kb.national.sources[point.source])
                meaning.append(render(point.text, context))
        blocks.append("Everywhere in England: " + " ".join(meaning))
        blocks.append(_local_offer(kb, council_id, council_name, trail))
        blocks.append("Your PA can confirm your status: it's written in your pathway plan.")
    blocks.append(_who_to_ask(kb, council_id, trail))
    return Answer(TOPIC, council_id, with_source(blocks, trail), trail.refs())


def _who_to_ask(kb: KnowledgeBase, council_id: str | None, trail: SourceTrail) -> str:
    """The council's team for this topic, or the national advice line for a council we do not cover."""
    if council_id is None:
        return ask_line(advice_line(kb, trail))
    council = kb.council(council_id)
    contact = topic_contact(council, TOPIC)
    trail.add(council.sources[contact.source])
    return next_step(kb, council, TOPIC)


def _local_offer(kb: KnowledgeBase, council_id: str | None, council_name: str | None, trail: SourceTrail) -> str:
    """What this council's offer says about care leaver statuses, or that it is silent or we do not have it."""
    if council_id is None:
        return uncovered_opening(kb, TOPIC, council_name)
    council = kb.council(council_id)
    topic = council.topics.get(TOPIC)
    if topic is None or not topic.points:
        short = council.council.short_name
        return f"{short}'s local offer doesn't say more about this status: ask your PA what it gives you."
    lines = local_part(council, topic, council_context(kb.national, council, TOPIC), trail)
    return f"In {council.council.short_name}: " + " ".join(lines)
