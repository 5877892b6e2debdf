"""What the Local Offer page importer recognises: the page's sections, statements, labelled values and tables."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from re import Match
from typing import Any

NOT_IMPORTED = "Not imported (check these by hand):"
NOT_RECOGNISED, NO_TOPIC, SKIP = "not recognised", "no topic in national.yaml takes this", "skip"
MONTHS = "|".join(calendar.month_name[1:])
Unread = tuple[int, str, str]  # a line not imported: its number, its text and why
DUMP: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 110}
PERSON = r"The (best person to contact regarding the Local Offer|Director responsible for Children's Services) is:"
COUNCIL_WORDS = r"^(London Borough of|Royal Borough of|City of) | ((Metropolitan )?(Borough|County|City) )?Council$"
# fmt: off
READ: dict[str, tuple[str, Callable[..., object]]] = {
    "age": (r"(?:up to the age of )?(\d\d)", int),
    "ages": (r"(\d\d) ?(?:-|to) ?(\d\d)|(\d\d)", lambda low, high, age: f"{low} to {high}" if low else int(age)),
    "count": (r"(\d+)", int),
    "money": (r"£ ?(\d{1,3}(?:,\d{3})+|\d+)", lambda amount: f"£{int(amount.replace(',', '')):,}"),
    "date": (rf"0?(\d\d?)(?:st|nd|rd|th)? ({MONTHS}) (\d{{4}})", lambda d, month, y: f"{d} {month.title()} {y}"),
    "rating": (r"(outstanding|good|requires improvement|inadequate)", str.title),
    "text": (r"(.+)", str),
}
OUTCOMES = {  # None, False, True: the other_council reply, by what the page says about care leavers from other areas
    "under_age": "You don't pay council tax until you're ${national.payable_from_age}. From then until you turn "
    "${exempt_to_age}, {short} exempts its care leavers, so you won't pay it in {short}.",
    "eligible": "Yes. As a {short} care leaver aged ${age}, you're exempt from council tax in {short} until you "
    "turn ${exempt_to_age}.",
    "too_old": "No, not any more. {short}'s exemption stops when you turn ${exempt_to_age}, so at ${age} you pay "
    "council tax like anyone else. You may still get a discount: your PA can help you check.",
    "elsewhere": "{short} exempts its care leavers from council tax until they turn ${exempt_to_age}, but it is an "
    "exemption from {short}'s own council tax, so it only covers you while you live in {short}. Where you live now, "
    "that council's rules apply.",
    None: "{short}'s Local Offer doesn't say if its exemption covers care leavers from other areas: ask your PA.",
    False: "{short}'s exemption is only for its own care leavers: ask the council that looked after you.",
    True: "{short}'s Local Offer says its exemption also covers care leavers from other areas: ask your PA.",
}
TODO = {
    "contacts": "# TODO: add the leaving-care team (leaving_care) and the out-of-hours team (edt): service_hours\n"
    "# refers to both, and the Local Offer page gives neither.\n",
    "service_hours": "# TODO: fill in open (e.g. monday: ['09:00', '17:00']) and the note, from the council.\n",
}
SECTIONS = {
    "council tax": "council_tax", "housing": "housing", "setting up a home": "setting_up_home",
    "employment and apprenticeships": "employment", "participation in society": None,
    "access to corporate parents": "corporate_parents",
    "children in care and care leavers council": "children_in_care_council", "health and wellbeing": "leisure",
    "special occasions": "special_occasions", "relationships": "mentoring", "access to care files": "care_file",
    "facts and figures": "facts_figures", "political control": None, "ofsted ratings": "ofsted",
}
TOPIC_WORDS = {r"\bID documents|passport|birth certificate|driving licence": "id_documents",
               r"\b(driving|CBT|moped|motorbike)\b": "driving"}  # for a section with no topic of its own
LABELS = {
    "details", "additional details", "details of council", "details to apply", "to apply care leavers need to",
    "additional information / how to qualify", "additional information about work and training",
}
TIDY: dict[str, str | Callable[[Match[str]], str]] = {
    r"\bsupport with ": "", r"\bsupport to pay\b": "paying", r" for care leavers\b": "", r"\btheir\b": "your",
    r"\ba care leavers'? ": "your ", r"\bdept\b": "department", r"\bas apprenticeships\b": "as apprentices",
    r"^(Passport|Provisional Driving Licence|Birth Certificate)$": lambda found: found[0].lower(),
}
VALUES = {  # "Label: value" lines: the value's key, how to read it, its point, and what the statement before is about
    "council tax is exempted up to the age of": ("exempt_to_age", "age", ""),
    "priority is offered up to the age of": ("priority_ages", "ages", "The age limit given is ${priority_ages}."),
    "banding priority is": ("band", "text", "Your priority band is ${band}."),
    "allowance amount": ("allowance", "money", "The setting-up-home allowance is ${allowance}."),
    "number of places per year": ("work_experience_places", "count", "There are ${work_experience_places} work "
                                  "experience places a year.", "work experience within"),
    "number per year": ("apprenticeships_per_year", "count", "${apprenticeships_per_year} care leavers a year work "
                        "as apprentices at {short}.", "working as apprentice"),
    "free leisure up to the age of": ("free_to_age", "age", "Free leisure lasts up to the age of ${free_to_age}."),
    "publication date": ("published", "date", "The Ofsted report was published on ${published}."),
    "overall effectiveness": ("overall", "rating", "Ofsted rated {short}'s children's services ${overall} overall."),
    "experiences and progress of children in care": ("children_in_care", "rating", "Children in care's "
                                                     "experiences and progress were rated ${children_in_care}."),
    "experiences and progress of care leavers": ("care_leavers", "rating", "Care leavers' experiences and "
                                                 "progress were rated ${care_leavers}."),
    "impact of leaders on social work practice with children and families": ("leaders", "rating", "The impact of "
                                                                             "leaders was rated ${leaders}."),
}
# Statements: the pattern (COUNCIL: the council's name), then "positive|negative" point templates ({short}: the
# council's short name, {what}: the group, tidied) or SKIP or NO_TOPIC, and the key of a value if any.
STATEMENTS: tuple[tuple[str, ...], ...] = (
    (r"Care Leaver Local Offer|COUNCIL has published a Local Offer for Care Leavers .*", SKIP),
    (r"The Local Offer is available:|(on the web|as a document|as an app):.*|No details provided|-+\|?", SKIP),
    (r"If you think this information needs updating.*|Compare Organisations|Name \| Overall Ofsted .*", SKIP),
    (r"COUNCIL has (not )?made care experience a protected characteristic|COUNCIL is an? [\w ]+ controlled council"
     r"|At COUNCIL care leavers (do not )?co-produce the local offer", NO_TOPIC),
    (r"COUNCIL has (?P<no>not )?exempted care leavers from Council Tax", "{short} has exempted its care leavers from "
     "council tax until they turn ${exempt_to_age}.|{short} has not exempted care leavers from council tax.", "exempt"),
    (r"COUNCIL (?P<no>does not include|includes) care leavers from other areas in their council tax exemption "
     r"policy", "The exemption also covers care leavers from other areas.|The exemption is only for {short}'s "
     "own care leavers. If another council looked after you, ask that council what it offers.", "covers_other_areas"),
    (r"COUNCIL (?:(?P<no>will not in principle)|in principle will) assist (?P<what>.+)",
     "In principle {short} will help {what}.|{short} does not normally help {what}."),
    (r"COUNCIL (?P<what>(has|does not have) (a|an|peer|other) .+|(will |will not |does not )?(offer|pay|ensure)s? .+)",
     "{short} {what}."),
    (r"(?P<what>Passport|Provisional Driving Licence|Birth Certificate): (?P<no>Yes|No)",
     "{short} makes sure you have your {what}.|{short} doesn't make sure you have your {what}."),
    (r"Free (?P<what>gym membership|swimming|classes): (?P<no>Yes|No)",
     "You get free {what}.|You don't get free {what}."),
    (r"There are (?P<what>(no )?ringfenced apprenticeship vacancies for care leavers) at COUNCIL",
     "{short} has {what}."),
    (r"Care leavers (?P<what>are (not )?working as apprenticeships) within COUNCIL", "Care leavers {what} at {short}."),
    (r"Care leavers (?P<what>((do not|don't) )?(receive|get|have) .+|are (not )?provided with .+)",
     "As a {short} care leaver, you {what}."),
    (r"Partners local to COUNCIL (?P<what>(do not )?offer .+)", "Local partners {what}."),
    (r"They (?P<what>(can|cannot|can't) take a friend for free)", "You {what}."),
    (r"Young people (?P<what>have to go through the .+ to access) their care files", "You {what} your care file."),
    (r"Young people who access their care files (?P<what>((do not|don't) )?get .+)",
     "If you access your care file, you {what}."),
    (r"Children in care and care leavers council (?P<what>(does not have|has) its own .+)",
     "The children in care council {what}."),
)
TABLES = {  # Facts and Figures: the heading, then the keys of the last column's label and figure, and their point
    r"Number of looked after children since \d{4}": ("looked_after_year", "looked_after",
        "${looked_after} children were looked after by {short} in ${looked_after_year}."),
    r"Number of care leavers by age, year ending .+": ("care_leavers_ages", "care_leavers",
        "{short} had ${care_leavers} care leavers aged ${care_leavers_ages} on ${care_leavers_date}."),
    r"Percentage of care leavers going onto NEET since \d{4}": ("neet_year", "neet_percent",
        "In ${neet_year}, ${neet_percent} of {short}'s care leavers were not in education, employment or training."),
}
# fmt: on
