"""Messages in other languages, through the real servers: the notice in the language first, then the English
crisis reply where the message signals one; never small talk. The stack's clock is a Saturday night."""

from knowledge import load_knowledge

KB = load_knowledge()
EMERGENCY = KB.national.services["emergency"].phone
SAMARITANS = KB.national.services["samaritans"].phone
OUT_OF_HOURS = KB.council("luton").contacts[KB.council("luton").service_hours.out_of_hours].phone
SMALL_TALK = ("Good.", "Take care", "You're welcome", "keep that in mind")


def payloads(replies: list[dict]) -> list[dict]:
    return [r["custom"] for r in replies if "custom" in r]


def test_farsi_no_longer_wanting_to_live_gets_the_notice_then_the_crisis_reply(stack):
    replies = stack.say("lang-fa", "دیگر نمی‌خواهم زندگی کنم")  # I don't want to live any more
    custom = payloads(replies)
    assert [c["topic"] for c in custom] == ["language_notice", "crisis"]
    assert all(c["language"] == "fa" for c in custom)
    notice = next(r["text"] for r in replies if "text" in r)
    assert KB.languages["fa"].notice.english_only.text in notice
    assert EMERGENCY in notice and SAMARITANS in notice and OUT_OF_HOURS in notice


def test_arabic_homeless_tonight_gets_the_homeless_crisis_reply(stack):
    replies = stack.say("lang-ar", "ليس لدي مكان أنام فيه الليلة")  # I have nowhere to sleep tonight
    assert [c["topic"] for c in payloads(replies)] == ["language_notice", "crisis"]
    texts = [r["text"] for r in replies if "text" in r]
    assert KB.languages["ar"].notice.english_below.text in texts[0]
    assert KB.crisis.categories["homeless_tonight"].opening in texts[1]


def test_thanks_in_tigrinya_or_polish_gets_the_emergency_lines_not_small_talk(stack):
    for sender, text, code in [("lang-ti", "የቐንየለይ", "ti"), ("lang-pl", "dziękuję bardzo", "pl")]:
        replies = stack.say(sender, text)  # thank you
        assert [(c["topic"], c["language"]) for c in payloads(replies)] == [("language_notice", code)]
        shown = "\n".join(r.get("text", "") for r in replies)
        assert EMERGENCY in shown and SAMARITANS in shown
        assert not any(s in shown for s in SMALL_TALK)


def test_english_text_speak_is_still_answered_in_english(stack):
    replies = stack.say("lang-en", "sup")
    assert not any("language" in c for c in payloads(replies))


def test_polish_od_is_from_not_an_overdose(stack):
    # "I've lived in Luton since last year, can I get help with a deposit" ("od" is "since", not "OD")
    replies = stack.say("lang-pl-od", "mieszkam w Luton od zeszłego roku, czy mogę dostać pomoc z kaucją")
    assert "crisis" not in [c["topic"] for c in payloads(replies)]
    shown = "\n".join(r.get("text", "") for r in replies)
    assert EMERGENCY in shown and SAMARITANS in shown


def test_a_crisis_pattern_in_the_language_gives_its_kind_of_reply(stack):
    # "my aunt says I have to get out now, tonight; I'm 16" (Polish): told to leave at 16, not "od" an overdose
    replies = stack.say("lang-pl-leave", "ciocia mówi że mam się wynosić od razu, dziś w nocy. mam 16 lat")
    assert [c["topic"] for c in payloads(replies)] == ["language_notice", "crisis"]
    texts = [r["text"] for r in replies if "text" in r]
    assert KB.crisis.categories["child_told_to_leave"].opening in texts[1]


def test_english_slang_in_another_language_still_raises_the_crisis(stack):
    # "I'm so tired, I want to kms" (Polish, with the English slang for "kill myself")
    replies = stack.say("lang-pl-kms", "jestem taka zmęczona, chce kms")
    assert [c["topic"] for c in payloads(replies)] == ["language_notice", "crisis"]
    texts = [r["text"] for r in replies if "text" in r]
    assert KB.crisis.categories["suicide_self_harm"].opening in texts[1]


def test_a_language_with_no_file_of_its_own_still_gets_the_emergency_lines(stack):
    # Amharic: "I have no food at all, and no money"; no language file, so the notice is the English one
    replies = stack.say("lang-am", "ምንም ዓይነት ምግብ የለኝም ገንዘብም የለኝም")
    assert "language_notice" in [c["topic"] for c in payloads(replies)]
    shown = "\n".join(r.get("text", "") for r in replies)
    assert EMERGENCY in shown and SAMARITANS in shown
