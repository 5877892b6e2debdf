"""The shape of the knowledge YAML files, checked when they load."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, Extra, Field, conlist, constr, root_validator

if TYPE_CHECKING:
    # The type checker sees what each constrained type holds; pydantic checks the constraints on load.
    Text = str
    Identifier = str
    Clock = str
    StoredTextName = str
    Word = str
    OpeningTimes = list[str]
    Phrases = list[str]
else:
    Text = constr(strip_whitespace=True, min_length=1)
    Identifier = constr(regex=r"^[a-z][a-z0-9_]*$")
    Clock = constr(regex=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    StoredTextName = constr(regex=r"^[a-z0-9_]+\.txt$")
    Word = constr(regex=r"^[a-z0-9]+$")
    OpeningTimes = conlist(Clock, min_items=2, max_items=2)
    Phrases = conlist(Text, min_items=1)
Value = bool | int | str
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)


class Strict(BaseModel):
    """A model that refuses unknown fields, so that a misspelt key is reported, not ignored."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class Source(Strict):
    """Where a fact was read, and when it was last checked.

    text names the file in knowledge/sources/ that stores the passages the facts rest on; every number a
    fact takes from this source must be found there. verify marks a source that announces rather than
    confirms: answers that use it tell people to check with their PA.
    """

    title: Text
    short: Text
    url: Text
    text: StoredTextName | None = None
    last_verified: date
    verify: bool = False


class Evidence(Strict):
    """Where a value that no point shows is read: its source, and the passages that say it."""

    source: Identifier
    quotes: list[Text] = []


class Contact(Strict):
    """A team or service a young person can call, text or write to."""

    name: Text
    phone: Text | None = None
    text: Text | None = None
    email: Text | None = None
    address: Text | None = None
    source: Identifier
    quotes: list[Text] = []

    @root_validator(skip_on_failure=True)
    def needs_a_way_in(cls, fields: dict) -> dict:  # noqa: N805
        """Refuse a contact with no phone, text number, email or address."""
        if not any(fields.get(k) for k in ("phone", "text", "email", "address")):
            raise ValueError("a contact needs a phone, text, email or address")
        return fields


class Point(Strict):
    """One fact in an answer, written as a template."""

    text: Text
    basis: Literal["statutory", "local"]
    source: Identifier
    quotes: list[Text] = []
    verify: bool = False
    # The care leaver statuses a point is about: said only when the status checker decides one of them.
    applies_to: list[Identifier] = []


class Conflict(Strict):
    """Two sources that disagree, recorded with the reason for the answer given."""

    claim: Text
    source: Identifier
    resolution: Text
    supported_by: Identifier | None = None
    quotes: list[Text] = []
    support_quotes: list[Text] = []


class Topic(Strict):
    """What one file says about one topic."""

    title: Text | None = None
    values: dict[Identifier, Value] = {}
    points: list[Point] = []
    how: Text | None = None
    ask: Identifier | None = None
    letter_to: Identifier | None = None
    outcomes: dict[Identifier, Text] = {}
    conflicts: list[Conflict] = []
    evidence: dict[Identifier, Evidence] = {}


class NationalFile(Strict):
    """national.yaml: England-wide entitlements, crisis services and the topic catalogue."""

    sources: dict[Identifier, Source]
    services: dict[Identifier, Contact]
    crisis_lines: list[Identifier] = Field(..., min_items=1)
    topics: dict[Identifier, Topic]


class CouncilIdentity(Strict):
    """Who the council is."""

    id: Identifier
    name: Text
    short_name: Text


class ServiceHours(Strict):
    """When the leaving-care team answers, and who answers when it does not."""

    assumed: bool
    note: Text | None = None
    in_hours: Identifier
    out_of_hours: Identifier
    timezone: Literal["Europe/London"]
    holidays: Literal["england"]
    open: dict[Weekday, OpeningTimes]

    @root_validator(skip_on_failure=True)
    def opens_before_closing(cls, fields: dict) -> dict:  # noqa: N805
        """Refuse a day whose closing time is not after its opening time."""
        for day, (start, end) in fields["open"].items():
            if end <= start:
                raise ValueError(f"{day} closes ({end}) before it opens ({start})")
        return fields


class Pledge(Strict):
    """A group of the charter's pledges under one theme."""

    title: Text
    pledges: list[Text] = Field(..., min_items=1)


class Charter(Strict):
    """The council's care leavers' charter, grouped by theme."""

    source: Identifier
    themes: dict[Identifier, Pledge]


class CouncilFile(Strict):
    """councils/ID.yaml: one council's local offer, charter, contacts and service hours."""

    council: CouncilIdentity
    sources: dict[Identifier, Source]
    contacts: dict[Identifier, Contact]
    service_hours: ServiceHours
    topics: dict[Identifier, Topic]
    charter: Charter | None = None


class CrisisPattern(Strict):
    """A pattern with its own exceptions, for words that also have a harmless sense."""

    match: Text
    unless: list[Text] = Field(..., min_items=1)


class CrisisCategory(Strict):
    """One kind of crisis: how to spot it, what to say first and what to do now."""

    title: Text
    life_at_risk: bool
    opening: Text
    advice: Text | None = None
    lines: list[Identifier]
    script: Text | None = None
    next_step: Text
    sources: list[Identifier] = []
    patterns: list[Text | CrisisPattern] = Field(..., min_items=1)
    unless: list[Text] = []


class CrisisRefinement(Strict):
    """A category read as a closer one when the message also says something that decides it (an age of 16)."""

    category: Identifier
    becomes: Identifier
    when: list[Text] = Field(..., min_items=1)
    # Words that keep the category as it was, even when a `when` phrase matched (someone else is named).
    unless: list[Text] = []


class CrisisFile(Strict):
    """crisis.yaml: the safe word, how to read text-speak and emoji, the crisis categories, the refinements
    between them, and the phrases that say a message the classifier alone took for a crisis is not one."""

    safe_word: Text
    words: dict[Word, Text]
    emoji: dict[str, Text]
    categories: dict[Identifier, CrisisCategory]
    refinements: list[CrisisRefinement] = []
    not_a_crisis: list[Text] = []

    @root_validator(skip_on_failure=True)
    def refinements_name_categories(cls, values: dict) -> dict:  # noqa: N805
        """Refuse a refinement from or to a category that does not exist."""
        known = values["categories"]
        for refinement in values["refinements"]:
            unknown = {refinement.category, refinement.becomes} - set(known)
            if unknown:
                raise ValueError(f"refinement names unknown crisis categories: {sorted(unknown)}")
        return values


class CrisisExamplesFile(Strict):
    """crisis_examples.yaml: messages of each kind of crisis, and ordinary ones that sound alarming, to learn from."""

    categories: dict[Identifier, Phrases]
    ordinary: Phrases


class CouncilName(Strict):
    """An English council with children's services, and the names people use for it."""

    id: Identifier
    name: Text
    names: list[Text] = Field(..., min_items=1)


class CouncilRegister(Strict):
    """england_councils.yaml: every English council that has care leavers."""

    councils: list[CouncilName] = Field(..., min_items=1)


class VocabularyFile(Strict):
    """The words people use for each topic (vocabulary.yaml): a topic id and its phrases."""

    topics: dict[Identifier, Phrases]
