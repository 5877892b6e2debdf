"""A message in another language: which language, any crisis it signals, and the notice it gets in that language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .answers import Answer, SourceTrail
from .hours import who_to_contact
from .language_detect import ENGLISH, guess_language
from .language_text import LanguageCrisis, find_crisis, latin_letters, own_script
from .loader import KnowledgeBase
from .schema import Contact
from .templates import render

NOTICE_TOPIC = "language_notice"


@dataclass(frozen=True)
class LanguageReading:
    """What the language layer read in a message: its language code ('en' for English) and any crisis."""

    language: str
    crisis: LanguageCrisis | None


def read_language(kb: KnowledgeBase, text: str) -> LanguageReading:
    """The message's language and, for a message not in English, the first crisis pattern it matches: the
    language's own first, then those of every language in the same script (a short message can be misread).

    A message in Latin letters is tried against the patterns of every language that can be typed in them
    (the Latin-script languages and the romanised forms: none of them matches any of our English test
    messages), the detected language first, then by how many of each language's common words it has; an
    English-looking one takes the language whose pattern matches.
    """
    guess = guess_language(kb.languages, text)
    code = guess.code
    if guess.script == "latin":
        latin = [found for _, lang in sorted(kb.languages.items()) if (found := latin_letters(lang))]
        marked = guess.latin_marks
        tried = sorted(latin, key=lambda pattern_set: (pattern_set.code != code, -marked.get(pattern_set.code, 0)))
        crisis = find_crisis(tried, text)
        if code == ENGLISH:
            return LanguageReading(crisis.language if crisis else ENGLISH, crisis)
        return LanguageReading(code, crisis)
    own = kb.languages.get(code) if code != ENGLISH else None
    script = own.script if own else None
    same_script = [lang for key, lang in sorted(kb.languages.items()) if key not in (ENGLISH, code)]
    tried_languages = ([own] if own else []) + [lang for lang in same_script if script is None or lang.script == script]
    return LanguageReading(code, find_crisis([own_script(lang) for lang in tried_languages], text))


def _phone(contact: Contact) -> str:
    return contact.phone or contact.text or contact.email or contact.address or ""


def notice_answer(kb: KnowledgeBase, council_id: str, now: datetime, code: str, followed: bool) -> Answer:
    """The notice in the person's language (English where we have no file): English only for now, 999,
    Samaritans, and the team that can arrange an interpreter, by the clock. followed: an English answer comes next.
    """
    language = kb.languages.get(code) or kb.languages[ENGLISH]
    notice = language.notice
    council = kb.council(council_id)
    advice = who_to_contact(council, now)
    services = kb.national.services
    trail = SourceTrail()
    for used in (services["emergency"], services["samaritans"]):
        trail.add(kb.national.sources[used.source])
    trail.add(council.sources[advice.contact.source])
    interpreter = notice.interpreter_in_hours if advice.in_hours else notice.interpreter_out_of_hours
    lines = [
        notice.english_only.text,
        render(notice.emergency.text, {"emergency": services["emergency"].phone}),
        render(notice.samaritans.text, {"samaritans": services["samaritans"].phone}),
        render(interpreter.text, {"phone": _phone(advice.contact)}),
    ]
    if followed:
        lines.append(notice.english_below.text)
    return Answer(NOTICE_TOPIC, council_id, "\n".join(lines), trail.refs(), language=code)
