"""Arabic, Farsi, Urdu and Pashto typed in Latin letters: recognised, their crisis kinds found, English left alone."""

import pytest

from knowledge import load_knowledge
from knowledge.language_replies import read_language
from tests.knowledge.language_files import own_english_messages, problems_after

KB = load_knowledge()

# (language, message, English gloss, crisis category or None): written for these tests.
ROMANISED = [
    ("ar", "ana ta3ban kteer w mabadi 3eesh", "I'm very tired and don't want to live", "suicide_self_harm"),
    ("ar", "bidi mot wallah", "I want to die, I swear", "suicide_self_harm"),
    ("ar", "akhadt kteer 7ubub w ana mish 2ader aw2af", "I took a lot of pills and can't stand", "medical_emergency"),
    ("ar", "tardouni mn el beit w ma3andi mkan anam fih", "thrown out, nowhere to sleep", "homeless_tonight"),
    ("ar", "3omri 17 w tardouni el leila", "I'm 17 and they threw me out tonight", "child_told_to_leave"),
    ("ar", "ma3andi akl w la fulus", "I have no food and no money", "no_food_or_money"),
    ("ar", "jozi bidrobni kol yom", "my husband hits me every day", "domestic_abuse"),
    ("ar", "hadadni ynashar sowari iza ma ba3atlo", "he threatened to post my pictures", "sexual_exploitation"),
    ("ar", "ana madyoun w bykhalluni awaz3 ashya", "I owe and they make me deliver things", "exploitation"),
    ("ar", "abuya bidrobni", "my father hits me", "abuse_violence"),
    ("ar", "ana mish 2amen hon", "I'm not safe here", "unsafe_or_missing"),
    ("ar", "khalas mish 2ader akammel", "that's it, I can't carry on", "distress"),
    ("ar", "ana bidi a3ref kif a7ki ma3 el PA taba3i", "I want to know how to talk to my PA", None),
    ("fa", "dige nemikham zende basham", "I don't want to be alive any more", "suicide_self_harm"),
    ("fa", "kheili ghors khordam hamasho", "I took a lot of pills, all of them", "medical_emergency"),
    ("fa", "emshab hich jaee nadaram bekhabam", "tonight I have nowhere to sleep", "homeless_tonight"),
    ("fa", "hefdah salame va az khoone birunam kardan", "I'm 17 and they threw me out", "child_told_to_leave"),
    ("fa", "pool nadaram va az dirooz chizi nakhordam", "no money, haven't eaten since yesterday", "no_food_or_money"),
    ("fa", "shoharam mano kotak mizane", "my husband beats me", "domestic_abuse"),
    ("fa", "tahdidam mikone aksamo pakhsh kone", "he threatens to spread my pictures", "sexual_exploitation"),
    ("fa", "majbooram mikonan mavad beforoosham", "they force me to sell drugs", "exploitation"),
    ("fa", "pedaram mano mizane", "my father hits me", "abuse_violence"),
    ("fa", "inja amn nist baram", "it isn't safe here for me", "unsafe_or_missing"),
    ("fa", "khaste shodam az hamechi", "I'm tired of everything", "distress"),
    ("fa", "salam chetori? mikham dar morede college bepursam", "hi, how are you? I want to ask about college", None),
    ("ur", "mujhe ab jeena nahi hai, marna chahta hun", "I don't want to live, I want to die", "suicide_self_harm"),
    ("ur", "maine bohat sari goliyan kha li hain", "I've taken a lot of pills", "medical_emergency"),
    ("ur", "ghar walon ne ghar se nikal diya, sone ki jagah nahi", "thrown out, nowhere to sleep", "homeless_tonight"),
    ("ur", "main 16 saal ka hun aur mujhe nikal diya", "I'm 16 and they threw me out", "child_told_to_leave"),
    ("ur", "do din se kuch nahi khaya, paise khatam", "haven't eaten for two days, money's gone", "no_food_or_money"),
    ("ur", "mera shohar mujhe marta hai", "my husband beats me", "domestic_abuse"),
    (
        "ur",
        "wo dhamki deta hai ke tasveerein viral kar dega",
        "he threatens to spread my pictures",
        "sexual_exploitation",
    ),
    ("ur", "wo mujhe drugs bechne pe majboor karte hain", "they force me to sell drugs", "exploitation"),
    ("ur", "abbu mujhe bohat maarte hain", "my dad beats me a lot", "abuse_violence"),
    ("ur", "main yahan mehfooz nahi hun", "I'm not safe here", "unsafe_or_missing"),
    ("ur", "ab aur bardasht nahi hota yaar", "I can't bear it any more", "distress"),
    ("ur", "mujhe council tax ke baare mein poochna hai", "I want to ask about council tax", None),
    ("ps", "za nor zhwand na ghwaram", "I don't want to live any more", "suicide_self_harm"),
    ("ps", "nan shpa zay na laram", "tonight I have no place", "homeless_tonight"),
    ("ps", "17 kalan yam aw wishralam", "I'm 17 and they threw me out", "child_told_to_leave"),
    ("ps", "dodai na laram aw paisay nishta", "I have no food and no money", "no_food_or_money"),
    ("ps", "zma khawand ma wahi", "my husband beats me", "domestic_abuse"),
    ("ps", "plar me ma wahi", "my father beats me", "abuse_violence"),
    ("ps", "qarzdar yam aw majboor me kawi", "I owe and they force me", "exploitation"),
    ("ps", "tasweerona me khparawi", "he spreads my pictures", "sexual_exploitation"),
    ("ps", "dalta khwandi na yam", "I'm not safe here", "unsafe_or_missing"),
    ("ps", "zra me dera tang dey", "my heart is very heavy", "distress"),
    ("ps", "za ghwaram pohegam che college sanga kegi", "I want to understand how college works", None),
    ("bn", "ami ar bachte chai na", "I don't want to live any more", "suicide_self_harm"),
    (
        "bn",
        "foster family bolse aj rater moddhe chole jete, amar boyosh 16",
        "told to leave tonight, I'm 16",
        "child_told_to_leave",
    ),
    (
        "bn",
        "amake ber kore dise, kothay thakbo aj rate",
        "they threw me out, where will I stay tonight",
        "homeless_tonight",
    ),
    ("bn", "kal theke kichu khai nai", "I haven't eaten anything since yesterday", "no_food_or_money"),
    ("bn", "amar boyfriend amake thappor marse", "my boyfriend slapped me", "domestic_abuse"),
    (
        "bn",
        "ekta lok bolche chobi sobaike pathiye dibe",
        "a man says he'll send the pictures to everyone",
        "sexual_exploitation",
    ),
    ("bn", "chacha amake pitaise", "my uncle beat me", "abuse_violence"),
    ("bn", "ar parchi na, sob kichu bhenge porche", "I can't go on, everything is falling apart", "distress"),
    ("bn", "ami kemon kore council e apply korbo", "how do I apply to the council", None),
    ("ckb", "namawe itr bzhim", "I don't want to live any more", "suicide_self_harm"),
    ("ckb", "xawan malaka derikrdm", "the landlord threw me out", "homeless_tonight"),
    ("ckb", "param niya bo xwardn", "I have no money for food", "no_food_or_money"),
    ("ckb", "merdakam lem dadat", "my husband hits me", "domestic_abuse"),
    ("ckb", "brakam ba musht lem da", "my brother punched me", "abuse_violence"),
    ("ckb", "chon peywandi ba PA kam bkam", "how do I contact my PA", None),
    ("ckb", "qachaxchiyakan hatnawa bo malakam", "the smugglers came to my house", "unsafe_or_missing"),
    (
        "bn",
        "ami hostel theke paliye aschi, ekhon rastay",
        "I ran away from the hostel, I'm on the street now",
        "unsafe_or_missing",
    ),
]


def test_no_english_message_of_ours_is_read_as_another_language():
    # Every message of our own sets in plain Latin letters (an accented one may be Albanian or Polish on purpose).
    messages = [text for text in own_english_messages() if all(c.isascii() for c in text if c.isalpha())]
    assert len(messages) > 3000
    misread = [(text, reading.language) for text in messages if (reading := read_language(KB, text)).language != "en"]
    assert misread == []


@pytest.mark.parametrize(("language", "text", "gloss", "category"), ROMANISED)
def test_a_language_typed_in_latin_letters_is_recognised(language, text, gloss, category):
    assert read_language(KB, text).language == language, gloss


@pytest.mark.parametrize(("language", "text", "gloss", "category"), ROMANISED)
def test_crisis_patterns_in_latin_letters_map_to_the_english_categories(language, text, gloss, category):
    crisis = read_language(KB, text).crisis
    assert (crisis.category if crisis else None) == category, gloss


def test_every_romanised_crisis_kind_has_an_example_here():
    for code, language in KB.languages.items():
        if language.romanised:
            covered = {category for lang, _, _, category in ROMANISED if lang == code and category}
            assert covered == set(language.romanised.crisis), code


def test_a_latin_script_language_cannot_have_a_romanised_form(data_dir):
    def add(d):
        d["romanised"] = {"markers": ["nie"]}

    assert "pl.yaml: romanised: only a language in another script" in problems_after(data_dir, "pl", add)


def test_a_romanised_marker_must_be_one_latin_word(data_dir):
    def add(d):
        d["romanised"]["markers"].append("ma fi")

    assert "ar.yaml: romanised.markers[" in problems_after(data_dir, "ar", add)
