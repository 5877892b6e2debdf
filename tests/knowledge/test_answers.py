"""Every Luton topic answers with its key fact first, how to get it, and a dated source line."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from knowledge import answer, charter_answer, charter_themes, crisis_answer, load_knowledge
from knowledge.answers import ANNOUNCED, NOT_CONFIRMED
from knowledge.schema import Topic
from knowledge.templates import council_context, render

KB = load_knowledge()
LUTON = KB.council("luton")
ISSUE_TOPICS = [
    "council_tax", "housing", "setting_up_home", "employment", "id_documents", "driving", "corporate_parents",
    "children_in_care_council", "leisure", "special_occasions", "mentoring", "care_file", "facts_figures", "ofsted",
]  # fmt: skip
SOURCE_LINE = re.compile(r"\nFrom .+, checked [A-Z][a-z]{2} \d{4}\.$|\nFrom .+ \(checked [A-Z][a-z]{2} \d{4}\)\.$")


def test_luton_covers_every_section_of_its_local_offer():
    assert set(ISSUE_TOPICS) <= set(LUTON.topics)


@pytest.mark.parametrize("topic", sorted(LUTON.topics))
def test_topic_answer_leads_with_the_key_fact_and_ends_with_the_source(topic):
    reply = answer(KB, topic, "luton")
    first_point = LUTON.topics[topic].points[0]
    assert reply.text.startswith(render(first_point.text, council_context(KB.national, LUTON, topic)))
    assert SOURCE_LINE.search(reply.text), reply.text
    assert reply.payload()["topic"] == topic
    assert reply.payload()["council"] == "luton"
    sources = reply.payload()["sources"]
    assert sources and all(s["last_verified"] and s["url"].startswith("http") for s in sources)
    assert "${" not in reply.text


@pytest.mark.parametrize("topic", sorted(LUTON.topics))
def test_topic_answer_says_how_or_who_to_ask(topic):
    reply = answer(KB, topic, "luton")
    spec = LUTON.topics[topic]
    if spec.ask:
        assert LUTON.contacts[spec.ask].phone in reply.text
    if spec.how:
        assert render(spec.how, council_context(KB.national, LUTON, topic)) in reply.text


def test_setting_up_allowance_answers_the_newer_figure_and_says_why():
    reply = answer(KB, "setting_up_home", "luton")
    allowance = LUTON.topics["setting_up_home"].values["allowance"]
    conflict = LUTON.topics["setting_up_home"].conflicts[0]
    assert reply.text.startswith(f"Luton gives you a setting-up-home allowance of {allowance}")
    assert conflict.claim in reply.text
    titles = [s["title"] for s in reply.payload()["sources"]]
    assert LUTON.sources[conflict.source].title in titles


def test_care_file_gives_luton_route_support_and_the_national_right():
    text = answer(KB, "care_file", "luton").text
    assert "complaints department" in text
    assert "before, during and after" in text
    assert "subject access request" in text
    assert KB.national.topics["care_file"].values["reply_months"] in text
    assert LUTON.contacts["complaints"].phone in text


def test_statutory_and_local_are_kept_apart():
    text = answer(KB, "homelessness", "luton").text
    local, national = text.split("Everywhere in England:")
    assert "Luton" in local
    assert KB.national.topics["homelessness"].values["connection_test_lifted"] in national
    assert KB.national.topics["homelessness"].values["connection_test_lifted"] not in local


def test_announced_national_fact_tells_people_to_check_with_their_pa():
    reply = answer(KB, "health", "luton")
    national = reply.text.split("Everywhere in England:")[1]
    assert NOT_CONFIRMED in national and ANNOUNCED in reply.text
    assert any(s.get("verify") for s in reply.payload()["sources"])


def test_charter_counts_every_pledge_and_lists_a_theme():
    themes = charter_themes(KB, "luton")
    count = sum(len(t.pledges) for t in LUTON.charter.themes.values())
    overview = charter_answer(KB, "luton").text
    assert f"makes {count} promises" in overview
    key, title = themes[-1]
    detail = charter_answer(KB, "luton", key).text
    assert detail.startswith(title)
    assert all(p in detail for p in LUTON.charter.themes[key].pledges)


ALL_ANSWERS = [(c, t) for c in sorted(KB.councils) for t in sorted(KB.national.topics) if t != "charter"]


@pytest.mark.parametrize(("council_id", "topic"), ALL_ANSWERS)
def test_every_answer_names_its_council_and_its_source(council_id, topic):
    reply = answer(KB, topic, council_id)
    assert KB.council(council_id).council.short_name in reply.text
    assert SOURCE_LINE.search(reply.text), reply.text
    assert reply.payload()["council"] == council_id


SILENT = [(c, t) for c, t in ALL_ANSWERS if t not in KB.council(c).topics]


@pytest.mark.parametrize(("council_id", "topic"), SILENT)
def test_a_silent_offer_never_borrows_another_councils_figures(council_id, topic):
    text = answer(KB, topic, council_id).text
    assert "doesn't say anything about" in text
    for other_id, other in KB.councils.items():
        for point in other.topics.get(topic, Topic()).points if other_id != council_id else []:
            assert render(point.text, council_context(KB.national, other, topic)) not in text


LANCASHIRE = KB.council("lancashire")
SILENT = "offer for care leavers doesn't say anything about"


@pytest.mark.parametrize("topic", ["education", "housing", "care_file", "complaints"])
def test_lancashire_answers_from_its_support_page_instead_of_saying_it_is_silent(topic):
    reply = answer(KB, topic, "lancashire")
    assert SILENT not in reply.text
    assert reply.text.startswith(
        render(LANCASHIRE.topics[topic].points[0].text, council_context(KB.national, LANCASHIRE, topic))
    )
    assert any(s["url"] == LANCASHIRE.sources["support_page"].url for s in reply.payload()["sources"])


def test_lancashire_states_the_bursary_staying_put_and_records_ages_its_page_gives():
    education = answer(KB, "education", "lancashire").text
    staying_put = answer(KB, "staying_put", "lancashire").text.split("Everywhere in England:")[0]
    care_file = answer(KB, "care_file", "lancashire").text
    assert f"at least {LANCASHIRE.topics['education'].values['he_bursary']}" in education and "holidays" in education
    assert f"up to the age of {KB.national.topics['staying_put'].values['staying_put_to_age']}" in staying_put
    assert f"Once you're {LANCASHIRE.topics['care_file'].values['records_from_age']}" in care_file
    assert "advocate" in answer(KB, "complaints", "lancashire").text


def test_lancashire_older_pages_that_disagree_are_shown_as_conflicts():
    text = answer(KB, "personal_adviser", "lancashire").text
    notes = [line for line in text.splitlines() if line.startswith("• Note:")]
    assert any("16th birthday" in n for n in notes) and any("every two months" in n for n in notes)
    older = {LANCASHIRE.sources[c.source].url for c in LANCASHIRE.topics["personal_adviser"].conflicts}
    assert older <= {s["url"] for s in answer(KB, "personal_adviser", "lancashire").payload()["sources"]}


def test_setting_up_home_minimum_is_said_to_be_recommended_not_legal():
    national = answer(KB, "setting_up_home", "luton").text.split("Everywhere in England:")[1]
    assert "recommended" in national and "not a legal one" in national and "pay less" in national


@pytest.mark.parametrize(("topic", "section"), [("staying_put", "section 7"), ("homelessness", "section 9")])
def test_laws_not_yet_in_force_are_never_given_as_rights_today(topic, section):
    national = answer(KB, topic, "central_bedfordshire").text.split("Everywhere in England:")[1]
    assert national.count("Not yet in force:") == 1
    assert section in national.split("Not yet in force:")[1]


@pytest.mark.parametrize("council", sorted(KB.councils))
def test_national_numbers_are_never_credited_to_a_council(council):
    now = datetime(2026, 12, 2, 22, 0, tzinfo=ZoneInfo("Europe/London"))
    reply = crisis_answer(KB, council, now)
    others = {s.url for c in KB.councils.values() if c.council.id != council for s in c.sources.values()}
    assert not others & {s["url"] for s in reply.payload()["sources"]}
    national_urls = {KB.national.sources[s.source].url for s in KB.national.services.values()}
    council_domains = ("luton", "centralbedfordshire", "lancashire")
    assert not any(d in url for url in national_urls for d in council_domains)


def test_subject_access_requests_cite_the_information_commissioner():
    reply = answer(KB, "care_file", "central_bedfordshire")
    assert any("ico.org.uk" in s["url"] for s in reply.payload()["sources"])
