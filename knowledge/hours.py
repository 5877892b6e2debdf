"""Who to contact now: the leaving-care team in office hours, the Emergency Duty Team outside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from .schema import WEEKDAYS, Contact, CouncilFile, ServiceHours

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class ContactAdvice:
    """The contact for this moment, and the hours that decision rests on."""

    contact: Contact
    in_hours: bool
    opens_next: datetime | None
    hours: str
    assumed: bool
    note: str | None


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: date) -> bool:
    """Whether a day is a bank holiday in England."""
    return day in _bank_holidays(day.year)


def bank_holiday_name(moment: datetime) -> str | None:
    """The name of the bank holiday in England on this moment's day (Europe/London), or None."""
    day = _local(moment).date()
    return _bank_holidays(day.year).get(day)


def working_day_after(hours: ServiceHours, now: datetime, count: int = 1) -> date | None:
    """The count-th day after this moment's day (Europe/London) on which the in-hours team opens, looking up to
    five weeks ahead."""
    today = _local(now).date()
    open_days = (d for d in (today + timedelta(days=n) for n in range(1, 36)) if _opening(hours, d) is not None)
    return next((d for i, d in enumerate(open_days, start=1) if i == count), None)


def _opening(hours: ServiceHours, day: date) -> tuple[time, time] | None:
    if is_bank_holiday(day):
        return None
    span = hours.open.get(WEEKDAYS[day.weekday()])
    if span is None:
        return None
    start, end = (time.fromisoformat(t) for t in span)
    return start, end


def _local(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("who_to_contact needs a timezone-aware time")
    return now.astimezone(LONDON)


def is_open(hours: ServiceHours, now: datetime) -> bool:
    """Whether the in-hours team is open at this moment (Europe/London, bank holidays closed)."""
    local = _local(now)
    span = _opening(hours, local.date())
    return span is not None and span[0] <= local.time() < span[1]


def next_opening(hours: ServiceHours, now: datetime) -> datetime | None:
    """When the in-hours team next opens after this moment, looking up to three weeks ahead."""
    local = _local(now)
    for offset in range(22):
        day = local.date() + timedelta(days=offset)
        span = _opening(hours, day)
        if span is None:
            continue
        opens = datetime.combine(day, span[0], tzinfo=LONDON)
        if opens > local:
            return opens
    return None


def _clock(t: str) -> str:
    hour, minute = (int(p) for p in t.split(":"))
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{suffix}" if minute == 0 else f"{hour}.{minute:02d}{suffix}"


def describe_hours(hours: ServiceHours) -> str:
    """Opening hours in words, grouping days that share hours: 'Monday to Thursday 8.45am to 5pm, ...'."""
    groups: list[tuple[list[str], tuple[str, str]]] = []
    for day in WEEKDAYS:
        times = hours.open.get(day)
        if times is None:
            continue
        span = (times[0], times[1])
        if groups and groups[-1][1] == span and WEEKDAYS.index(groups[-1][0][-1]) == WEEKDAYS.index(day) - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], span))
    parts = []
    for days, (start, end) in groups:
        named = days[0].title() if len(days) == 1 else f"{days[0].title()} to {days[-1].title()}"
        parts.append(f"{named} {_clock(start)} to {_clock(end)}")
    return ", ".join(parts) + ", closed on bank holidays"


def who_to_contact(council: CouncilFile, now: datetime) -> ContactAdvice:
    """The team to contact at this moment for a council, and whether the hours it rests on are assumed."""
    hours = council.service_hours
    open_now = is_open(hours, now)
    key = hours.in_hours if open_now else hours.out_of_hours
    return ContactAdvice(
        contact=council.contacts[key],
        in_hours=open_now,
        opens_next=None if open_now else next_opening(hours, now),
        hours=describe_hours(hours),
        assumed=hours.assumed,
        note=hours.note,
    )
