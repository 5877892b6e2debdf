"""Remove personal data from a message before anyone sees it: names, phone numbers, emails, postcodes, dates
(of birth or any other), street addresses and long numbers. Over-scrubbing is the safe side."""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A UK number: +44 or 0, then 9 or 10 more digits with any spaces, dashes, dots or brackets between.
PHONE = re.compile(r"(?<![\w+])(?:\+\s*44\s*(?:\(0\))?|\(?0)(?:[\s.\-()]*\d){9,10}(?!\d)")
LONG_NUMBER = re.compile(r"\d(?:[\s\-]?\d){6,}")
NATIONAL_INSURANCE = re.compile(r"\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b", re.IGNORECASE)
POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.IGNORECASE)
OUTWARD_CODE = re.compile(r"\b[a-z]{1,2}\d{1,2}[a-z]?\b(?=\s|[,.!?]|$)", re.IGNORECASE)
MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
NUMERIC_DATE = re.compile(r"\b\d{1,4}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}\b")
DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b\.?(?:,?\s+'?\d{{2,4}}\b)?", re.I)
MONTH_DAY = re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+'?\d{{2,4}}\b)?", re.IGNORECASE)
BORN = re.compile(r"\b((?:born|dob|d\.o\.b|birthday)(?:\s+(?:is|was|in|on))*\s*[:\-]?\s*)'?\d{2,4}\b", re.I)
STREET = re.compile(
    r"\b\d+[a-z]?,?\s+(?:[a-z']+\s+){1,3}"
    r"(?:road|rd|street|st|avenue|ave|close|lane|ln|way|drive|dr|court|ct|crescent|grove|place|gardens|terrace|walk)\b",
    re.IGNORECASE,
)
# Words after which a name follows ("my name is jade", "my pa sarah", "call me dee").
NAME_CUE = re.compile(
    r"\b(?:my\s+names?(?:\s+is|'s)?|name'?s|names|i\s+am\s+called|i'?m\s+called|call\s+me|this\s+is|it'?s\s+me|"
    r"my\s+(?:pa|worker|social\s+worker|sw|keyworker|key\s+worker|mum|mom|dad|partner|boyfriend|girlfriend|bf|gf|"
    r"friend|mate|son|daughter|baby|sister|brother|foster\s+carer|carer|landlord|ex)(?:\s+(?:is|called|named))?)"
    r"\s+([a-z][\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)?)",
    re.IGNORECASE,
)
# After "my name is [name]" a second lower-case word is most likely the surname.
SURNAME = re.compile(
    r"(\b(?:my\s+names?(?:\s+is|'s)?|name'?s|i\s+am\s+called|i'?m\s+called|call\s+me)\s+\[name\])\s+([a-z][\w'-]*)",
    re.IGNORECASE,
)
NOT_NAMES = {
    "a", "an", "the", "not", "no", "and", "but", "so", "is", "was", "has", "said", "says", "wont", "won't", "isnt",
    "isn't", "doesnt", "doesn't", "cant", "can't", "never", "always", "just", "really", "still", "gone", "left",
    "off", "away", "ill", "sick", "busy", "out", "on", "in", "at", "to", "about", "me", "my", "him", "her", "them",
    "kicked", "told", "asking", "what", "how", "why", "when", "who", "where", "if", "being", "lives", "lived",
    "wants", "hits", "hit", "keeps", "moved", "died", "passed", "works", "had", "got", "gets", "will", "would",
    "could", "should", "might", "stays", "threw", "took", "made", "makes", "went", "thinks", "thought", "did",
    "does", "dont", "don't", "aint", "ain't", "only", "also", "now", "here", "there", "from", "for", "with", "of",
}  # fmt: skip
CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'-]*")
# Words people capitalise that are not names; the caller adds place names and topic titles.
COMMON_CAPITALISED = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas",
    "easter", "eid", "council", "tax", "universal", "credit", "local", "offer", "leaving", "care", "team",
    "leaver", "leavers", "personal", "adviser", "advisor", "social", "worker", "services", "housing", "england",
    "english", "british", "uk", "gov", "nhs", "ofsted", "charter", "bursary", "university", "college", "school",
    "jobcentre", "job", "centre", "plus", "apprenticeship", "passport", "driving", "licence", "junior", "isa",
    "staying", "put", "emergency", "duty", "hi", "hello", "hey", "please", "thanks", "thank", "help", "can", "how",
    "what", "when", "where", "who", "why", "is", "do", "does", "am", "are", "my", "the", "and", "or", "but", "if",
    "im", "i'm", "ok", "okay", "yes", "no", "sorry", "citizens", "advice", "samaritans", "shelter", "childline",
    "google", "facebook", "telegram", "whatsapp", "covid", "pip", "dwp", "hmrc",
}  # fmt: skip

NAME = "[name]"


def _names_after_cues(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1).split()[0].lower() in NOT_NAMES:
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start(0)] + NAME

    named = NAME_CUE.sub(replace, text)
    return SURNAME.sub(lambda m: m.group(0) if m.group(2).lower() in NOT_NAMES else m.group(1), named)


def _capitalised_names(text: str, allowed: set[str]) -> str:
    return CAPITALISED.sub(lambda m: m.group(0) if m.group(0).lower() in allowed else NAME, text)


def scrub(text: str, allowed_words: Iterable[str] = ()) -> str:
    """The message with personal data replaced by [email], [phone], [postcode], [date], [address], [number] and
    [name]; capitalised words inside a sentence count as names unless they are common words or `allowed_words`."""
    allowed = COMMON_CAPITALISED | {w.lower() for phrase in allowed_words for w in phrase.split()}
    text = EMAIL.sub("[email]", text)
    text = STREET.sub("[address]", text)
    for pattern in (NUMERIC_DATE, DAY_MONTH, MONTH_DAY):
        text = pattern.sub("[date]", text)
    text = BORN.sub(lambda m: f"{m.group(1)}[date]", text)
    text = PHONE.sub("[phone]", text)
    text = NATIONAL_INSURANCE.sub("[number]", text)
    text = POSTCODE.sub("[postcode]", text)
    text = OUTWARD_CODE.sub(lambda m: m.group(0) if m.group(0).isalpha() else "[postcode]", text)
    text = LONG_NUMBER.sub("[number]", text)
    text = _names_after_cues(text)
    return _capitalised_names(text, allowed)


PLACEHOLDER_OR_WORD = re.compile(r"\[[a-z]+\]|[\w']+")


def normalise(scrubbed: str) -> str:
    """The scrubbed message as it is compared with others: lower case, words and placeholders only."""
    return " ".join(w.replace("'", "") for w in PLACEHOLDER_OR_WORD.findall(scrubbed.lower()))
