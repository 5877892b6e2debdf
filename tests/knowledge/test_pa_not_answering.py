"""Can't reach my PA, or don't know who it is: the number for this moment, what to say, when and where to go next."""

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from knowledge import KnowledgeError, load_knowledge
from knowledge.pa_not_answering import TOPIC, pa_not_answering_answer

KB = load_knowledge()
LONDON = ZoneInfo("Europe/London")
FLOW = KB.pa_not_answering
COUNCILS = sorted(KB.councils)
# (moment, whether the leaving-care team is the one to call, the working day the reply says to wait until)
MOMENTS = {
    "weekday-in-hours": ("2026-12-02 11:00", True, "Thursday 3 December"),
    "weekday-night": ("2026-12-02 22:30", False, "Thursday 3 December"),
    "christmas-day": ("2026-12-25 11:00", False, "Tuesday 29 December"),
    "summer-bank-holiday": ("2026-08-31 11:00", False, "Tuesday 1 September"),
}
BANK_HOLIDAYS = {"christmas-day": "Christmas Day", "summer-bank-holiday": "Late Summer Bank Holiday"}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def reply(council_id: str, moment: str, kb=KB):
    return pa_not_answering_answer(kb, council_id, at(moment))


def team_and_out_of_hours(council_id: str):
    council = KB.council(council_id)
    return council.contacts[council.service_hours.in_hours], council.contacts[council.service_hours.out_of_hours]


@pytest.mark.parametrize("when", MOMENTS)
@pytest.mark.parametrize("council_id", COUNCILS)
def test_the_first_number_given_is_the_one_for_this_moment(council_id, when):
    moment, team_time, _ = MOMENTS[when]
    team, out_of_hours = team_and_out_of_hours(council_id)
    right, other = (team, out_of_hours) if team_time else (out_of_hours, team)
    text = reply(council_id, moment).text
    assert right.phone in text
    assert text.index(right.phone) < text.index(other.phone), text


@pytest.mark.parametrize("when", MOMENTS)
@pytest.mark.parametrize("council_id", COUNCILS)
def test_every_reply_gives_999_what_to_say_and_how_long_to_wait(council_id, when):
    moment, _, by_when = MOMENTS[when]
    answer = reply(council_id, moment)
    assert answer.topic == TOPIC
    assert f"call {KB.national.services['emergency'].phone}" in answer.text
    assert "your name and date of birth" in answer.text
    assert f"care leaver from {KB.council(council_id).council.short_name}" in answer.text
    assert f"by the end of {by_when}" in answer.text


@pytest.mark.parametrize("when", BANK_HOLIDAYS)
def test_a_bank_holiday_is_named_as_the_reason_the_team_is_closed(when):
    text = reply("luton", MOMENTS[when][0]).text
    assert f"Today is a bank holiday ({BANK_HOLIDAYS[when]}" in text
    assert "ask for the duty worker" in text


def test_an_ordinary_weekday_is_no_bank_holiday_and_asks_for_the_duty_worker():
    text = reply("luton", MOMENTS["weekday-in-hours"][0]).text
    assert "bank holiday" not in text
    assert "Ask for the duty worker" in text


@pytest.mark.parametrize("council_id", COUNCILS)
def test_every_number_in_the_reply_comes_from_the_knowledge_files(council_id):
    known = {c.phone for c in KB.council(council_id).contacts.values()} | {
        s.phone for s in KB.national.services.values()
    }
    text = reply(council_id, MOMENTS["weekday-night"][0]).text.rsplit("\n", 1)[0]  # not the source line's dates
    for number in re.findall(r"\b\d[\d ]{2,}\d\b", text):
        assert any(number in (phone or "") for phone in known), number


@pytest.mark.parametrize("council_id", COUNCILS)
def test_without_a_team_manager_contact_it_says_to_ask_for_one_and_gives_no_number(council_id):
    assert FLOW.manager_contact not in KB.council(council_id).contacts
    team, _ = team_and_out_of_hours(council_id)
    assert (
        f"ring the {team.name} again and ask to speak to the team manager" in reply(council_id, "2026-12-02 11:00").text
    )


def test_a_team_manager_contact_in_the_councils_file_is_given():
    luton = KB.council("luton")
    manager = luton.contacts["local_offer_lead"].copy(update={"name": "Leaving Care team manager"})
    council = luton.copy(update={"contacts": {**luton.contacts, FLOW.manager_contact: manager}})
    kb = replace(KB, councils={**KB.councils, "luton": council})
    text = reply("luton", "2026-12-02 11:00", kb).text
    assert f"call the Leaving Care team manager on {manager.phone}" in text
    assert "ask to speak to the team manager" not in text


def test_the_complaint_goes_to_the_councils_complaints_contact_where_it_has_one():
    complaints = KB.council("luton").contacts[FLOW.complaints_contact]
    answer = reply("luton", "2026-12-02 11:00")
    assert f"make a complaint: call the {complaints.name} on {complaints.phone}" in answer.text
    assert KB.council("luton").sources[complaints.source].url in [s.url for s in answer.sources]


@pytest.mark.parametrize("council_id", [c for c in COUNCILS if FLOW.complaints_contact not in KB.councils[c].contacts])
def test_without_a_complaints_contact_it_offers_the_letter_and_names_no_number(council_id):
    team, _ = team_and_out_of_hours(council_id)
    text = reply(council_id, "2026-12-02 11:00").text
    assert f"make a complaint: ask the {team.name} how, or I can write you a complaint letter" in text


@pytest.mark.parametrize("council_id", COUNCILS)
def test_the_advocate_line_is_coram_voices_from_the_advocacy_topic(council_id):
    coram = KB.national.services["coram_voice"]
    answer = reply(council_id, "2026-12-02 22:30")
    assert coram.phone in answer.text
    cited = [s.url for s in answer.sources]
    for point in KB.national.topics[FLOW.advocacy_topic].points:
        assert KB.national.sources[point.source].url in cited


def test_lutons_charter_pledge_of_a_named_pa_is_quoted_and_cited():
    charter = KB.council("luton").charter
    pledge = next(p for t in charter.themes.values() for p in t.pledges if "named personal adviser" in p)
    answer = reply("luton", "2026-12-02 11:00")
    assert f"promises: “{pledge}”" in answer.text
    assert KB.council("luton").sources[charter.source].url in [s.url for s in answer.sources]


def test_a_council_with_no_such_promise_quotes_none():
    assert "promises:" not in reply("lancashire", "2026-12-02 11:00").text


def _broken(data_dir: Path, field: str, text: str) -> str:
    path = data_dir / "pa_not_answering.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[field] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_dir)
    return str(caught.value)


def test_a_number_written_into_the_texts_is_refused(data_dir):
    assert "pa_not_answering.yaml: danger: write numbers as" in _broken(data_dir, "danger", "Call 999 now.")


def test_an_unknown_placeholder_is_refused(data_dir):
    assert "unknown placeholder ${tema}" in _broken(data_dir, "in_hours", "Ring the ${tema}.")
