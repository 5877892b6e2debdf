"""The nine topics care leavers ask about most that had no answer: each national, and local where an offer speaks."""

import pytest

from knowledge import answer, load_knowledge
from knowledge.templates import council_context, render

KB = load_knowledge()
NEW_TOPICS = [
    "staying_put", "homelessness", "universal_credit", "legal_status", "mental_health", "immigration", "parenting",
    "advocacy", "bank_and_savings",
]  # fmt: skip
SERVICES = KB.national.services
SILENT = "offer for care leavers doesn't say anything about"


def national(topic: str, council_id: str) -> str:
    """The part of an answer that holds everywhere in England."""
    return answer(KB, topic, council_id).text.split("Everywhere in England:")[1]


@pytest.mark.parametrize("council_id", sorted(KB.councils))
@pytest.mark.parametrize("topic", NEW_TOPICS)
def test_each_new_topic_leads_with_the_councils_offer_or_says_it_is_silent(topic, council_id):
    council = KB.council(council_id)
    reply = answer(KB, topic, council_id)
    assert reply.payload()["topic"] == topic
    local = council.topics.get(topic)
    if local and local.points:
        assert reply.text.startswith(render(local.points[0].text, council_context(KB.national, council, topic)))
        assert SILENT not in reply.text
    else:
        assert reply.text.startswith(f"{council.council.short_name}'s {SILENT}")
        assert council.contacts[council.service_hours.in_hours].phone in reply.text
    assert "Everywhere in England:" in reply.text


@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_immigration_is_never_legal_advice_and_points_to_advice_and_an_interpreter(council_id):
    text = national("immigration", council_id)
    assert "I can't give immigration or legal advice" in text
    assert "Migrant Children's Project" in text and "free legal advice" in text
    assert "interpreter" in text and "triple planning" in text


def test_staying_close_is_said_to_be_not_yet_in_force_beside_staying_put():
    text = national("staying_put", "luton")
    values = KB.national.topics["staying_put"].values
    assert f"up to {values['staying_put_to_age']}" in text.split("Not yet in force:")[0]
    assert "Staying Close" in text.split("Not yet in force:")[1]
    assert "isn't a right you can ask for today" in text


def test_universal_credit_covers_the_age_rule_advances_payments_students_and_the_one_bedroom_rate():
    text = national("universal_credit", "central_bedfordshire")
    values = KB.national.topics["universal_credit"].values
    assert f"up to {values['advance_claim_days']} days before your 18th birthday" in text
    assert "advance" in text and "paid back" in text
    assert "Alternative Payment Arrangement" in text
    assert "further education" in text and "not at university" in text
    assert f"Until your {values['one_bedroom_rate_under']}th birthday" in text and "one-bedroom" in text


def test_lancashire_gives_its_universal_credit_wait_allowance_once_under_universal_credit():
    values = KB.council("lancashire").topics["universal_credit"].values
    assert answer(KB, "universal_credit", "lancashire").text.startswith(
        f"While you wait for your first Universal Credit payment, Lancashire pays you {values['uc_wait_weekly']}"
    )
    money = answer(KB, "money", "lancashire").text
    assert values["uc_wait_weekly"] not in money and "ask me about Universal Credit" in money


def test_homelessness_says_what_to_do_tonight_and_luton_gives_its_out_of_hours_team():
    text = answer(KB, "homelessness", "luton").text
    assert "tonight" in text and SERVICES["shelter"].phone in text
    assert KB.council("luton").contacts["edt"].phone in text
    assert "priority need" in text and "local connection" in text


def test_legal_status_names_all_four_kinds_of_care_leaver():
    text = national("legal_status", "luton")
    assert all(f"{kind}:" in text for kind in ("Eligible", "Relevant", "Former relevant", "Qualifying"))


@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_mental_health_gives_non_crisis_routes_and_999_for_danger(council_id):
    text = national("mental_health", council_id)
    assert "GP" in text and "talking therapies" in text
    assert SERVICES["nhs_111"].phone in text and SERVICES["emergency"].phone in text


def test_luton_mental_health_answer_gives_the_charter_pledge():
    assert answer(KB, "mental_health", "luton").text.startswith("Luton's charter promises")
    assert "mental health services" not in answer(KB, "health", "luton").text.split("Everywhere in England:")[0]


@pytest.mark.parametrize("council_id", sorted(KB.councils))
def test_advocacy_and_parenting_give_their_free_lines(council_id):
    assert SERVICES["coram_voice"].phone in answer(KB, "advocacy", council_id).text
    assert SERVICES["family_rights_group"].phone in answer(KB, "parenting", council_id).text


def test_bank_and_savings_says_where_the_junior_isa_is_and_about_the_national_insurance_number():
    text = national("bank_and_savings", "lancashire")
    assert KB.national.topics["bank_and_savings"].values["jisa_contribution"] in text
    assert "Share Foundation" in text and "National Insurance number" in text
