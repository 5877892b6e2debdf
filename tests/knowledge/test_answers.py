"""Every Luton topic answers with its key fact first, how to get it, and a dated source line."""

import re

import pytest

from knowledge import answer, charter_answer, charter_themes, load_knowledge
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
    assert sources and all(s["last_verified"] and ("url" in s or "seed" in s) for s in sources)
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
    text = answer(KB, "housing", "luton").text
    local, national = text.split("Everywhere in England:")
    assert "Luton" in local
    assert str(KB.national.topics["housing"].values["staying_put_to_age"]) in national


def test_unconfirmed_national_fact_is_flagged():
    text = answer(KB, "health", "luton").text
    assert "Not yet confirmed" in text


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
