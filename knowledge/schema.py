"""The shape of the knowledge YAML files, checked when they load."""

from __future__ import annotations

from datetime import date
from typing import Dict, List, Literal, Optional, Union

from pydantic import BaseModel, Extra, conlist, constr, root_validator

Text = constr(strip_whitespace=True, min_length=1)
Identifier = constr(regex=r"^[a-z][a-z0-9_]*$")
Clock = constr(regex=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
Value = Union[bool, int, str]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Strict(BaseModel):
    """A model that refuses unknown fields, so that a misspelt key is reported, not ignored."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class Source(Strict):
    """Where a fact was read, and when it was last checked."""

    title: Text
    short: Text
    url: Optional[Text] = None
    seed: Optional[Text] = None
    last_verified: date
    verify: bool = False

    @root_validator(skip_on_failure=True)
    def needs_url_or_seed(cls, fields: dict) -> dict:  # noqa: N805 - pydantic passes the class
        """Refuse a source that says neither where it is online nor which seed it is."""
        if not fields.get("url") and not fields.get("seed"):
            raise ValueError("a source needs a url or a seed")
        return fields


class Contact(Strict):
    """A team or service a young person can call, text or write to."""

    name: Text
    phone: Optional[Text] = None
    text: Optional[Text] = None
    email: Optional[Text] = None
    address: Optional[Text] = None
    source: Identifier

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
    verify: bool = False


class Conflict(Strict):
    """Two sources that disagree, recorded with the reason for the answer given."""

    claim: Text
    source: Identifier
    resolution: Text
    supported_by: Optional[Identifier] = None


class Topic(Strict):
    """What one file says about one topic."""

    title: Optional[Text] = None
    values: Dict[Identifier, Value] = {}
    points: List[Point] = []
    how: Optional[Text] = None
    ask: Optional[Identifier] = None
    outcomes: Dict[Identifier, Text] = {}
    conflicts: List[Conflict] = []


class NationalFile(Strict):
    """national.yaml: England-wide entitlements, crisis services and the topic catalogue."""

    sources: Dict[Identifier, Source]
    services: Dict[Identifier, Contact]
    crisis_lines: conlist(Identifier, min_items=1)
    topics: Dict[Identifier, Topic]


class CouncilIdentity(Strict):
    """Who the council is."""

    id: Identifier
    name: Text
    short_name: Text


class ServiceHours(Strict):
    """When the leaving-care team answers, and who answers when it does not."""

    assumed: bool
    note: Optional[Text] = None
    in_hours: Identifier
    out_of_hours: Identifier
    timezone: Literal["Europe/London"]
    holidays: Literal["england"]
    open: Dict[Literal[WEEKDAYS], conlist(Clock, min_items=2, max_items=2)]

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
    pledges: conlist(Text, min_items=1)


class Charter(Strict):
    """The council's care leavers' charter, grouped by theme."""

    source: Identifier
    themes: Dict[Identifier, Pledge]


class CouncilFile(Strict):
    """councils/ID.yaml: one council's local offer, charter, contacts and service hours."""

    council: CouncilIdentity
    sources: Dict[Identifier, Source]
    contacts: Dict[Identifier, Contact]
    service_hours: ServiceHours
    topics: Dict[Identifier, Topic]
    charter: Optional[Charter] = None


class CouncilName(Strict):
    """An English council with children's services, and the names people use for it."""

    id: Identifier
    name: Text
    names: conlist(Text, min_items=1)


class CouncilRegister(Strict):
    """england_councils.yaml: every English council that has care leavers."""

    councils: conlist(CouncilName, min_items=1)
