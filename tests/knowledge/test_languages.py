"""Other languages: detected offline, English kept English, crisis patterns per language, the notice by the clock."""

from datetime import datetime, timezone

import pytest

from knowledge import load_knowledge
from knowledge.hours import who_to_contact
from knowledge.language_detect import detect_language
from knowledge.language_replies import notice_answer, read_language
from tests.knowledge.language_files import english_examples, problems_after

KB = load_knowledge()
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 30, tzinfo=timezone.utc)
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 30, tzinfo=timezone.utc)

# (language, message, English gloss, crisis category or None): written for these tests.
MESSAGES = [
    ("ar", "لا أريد أن أعيش بعد الآن", "I don't want to live any more", "suicide_self_harm"),
    ("ar", "ليس لدي مكان أنام فيه الليلة", "I have nowhere to sleep tonight", "homeless_tonight"),
    ("ar", "ليس عندي طعام ولا مال", "I have no food and no money", "no_food_or_money"),
    ("ar", "صديقي يضربني", "my boyfriend hits me", "abuse_violence"),
    ("ar", "كيف أحصل على جواز سفر؟", "how do I get a passport?", None),
    ("fa", "دیگر نمی‌خواهم زندگی کنم", "I don't want to live any more", "suicide_self_harm"),
    ("fa", "دیگه نمیخوام زنده باشم", "I don't want to be alive any more (Dari, no half-space)", "suicide_self_harm"),
    ("fa", "امشب جایی برای خوابیدن ندارم", "tonight I have nowhere to sleep", "homeless_tonight"),
    ("fa", "گشنه استم و پیسه ندارم", "I'm hungry and have no money (Dari)", "no_food_or_money"),
    ("fa", "شوهرم مرا کتک می‌زند", "my husband beats me", "domestic_abuse"),
    ("fa", "مادرم مرا کتک می‌زند", "my mother beats me", "abuse_violence"),
    ("fa", "چطور می‌توانم پاسپورت بگیرم؟", "how can I get a passport?", None),
    ("ps", "زه نور ژوند نه غواړم", "I don't want to live any more", "suicide_self_harm"),
    ("ps", "نن شپه د خوب لپاره ځای نه لرم", "tonight I have no place to sleep", "homeless_tonight"),
    ("ps", "ډوډۍ نه لرم او پیسې هم نه لرم", "I have no food and no money either", "no_food_or_money"),
    ("ps", "زما میړه ما وهي", "my husband beats me", "domestic_abuse"),
    ("ps", "زه څنګه پاسپورټ واخلم؟", "how do I get a passport?", None),
    ("ti", "ነብሰይ ክቐትል እደሊ ኣለኹ", "I want to kill myself", "suicide_self_harm"),
    ("ti", "ሎሚ ለይቲ ዝድቅሰሉ ቦታ የብለይን", "tonight I have no place to sleep", "homeless_tonight"),
    ("ti", "መግቢ የብለይን ገንዘብ ውን የብለይን", "I have no food, and no money either", "no_food_or_money"),
    ("ti", "ሰብኣየይ ይወቕዓኒ", "my husband beats me", "domestic_abuse"),
    ("ti", "ፓስፖርት ከመይ ክረክብ እኽእል?", "how can I get a passport?", None),
    ("ckb", "نامەوێت چیتر بژیم", "I don't want to live any more", "suicide_self_harm"),
    ("ckb", "ئەمشەو شوێنم نییە بۆ خەوتن", "tonight I have no place to sleep", "homeless_tonight"),
    ("ckb", "هیچ خواردن و پارەم نییە", "I have no food and no money", "no_food_or_money"),
    ("ckb", "مێردەکەم لێم دەدات", "my husband hits me", "domestic_abuse"),
    ("ckb", "چۆن پاسپۆرت وەربگرم؟", "how do I get a passport?", None),
    ("sq", "Nuk dua të jetoj më", "I don't want to live any more", "suicide_self_harm"),
    ("sq", "nuk kam ku te fle sonte", "I have nowhere to sleep tonight (no accents)", "homeless_tonight"),
    ("sq", "Nuk kam ushqim dhe as para", "I have no food and no money", "no_food_or_money"),
    ("sq", "burri im më rreh", "my husband beats me", "domestic_abuse"),
    ("sq", "Si mund të marr pasaportë?", "how can I get a passport?", None),
    ("vi", "toi khong muon song nua", "I don't want to live any more (no accents)", "suicide_self_harm"),
    ("vi", "Tối nay tôi không có chỗ ngủ", "tonight I have nowhere to sleep", "homeless_tonight"),
    ("vi", "Tôi không có tiền và không có gì ăn", "I have no money and nothing to eat", "no_food_or_money"),
    ("vi", "bạn trai tôi đánh tôi", "my boyfriend hits me", "domestic_abuse"),
    ("vi", "bố em đánh em", "my father hits me", "abuse_violence"),
    ("vi", "Làm sao để có hộ chiếu?", "how do I get a passport?", None),
    ("so", "Waxaan rabaa inaan is dilo", "I want to kill myself", "suicide_self_harm"),
    ("so", "Caawa meel aan seexdo ma haysto", "tonight I have no place to sleep", "homeless_tonight"),
    ("so", "Ma haysto cunto iyo lacag", "I have no food or money", "no_food_or_money"),
    ("so", "ninkaygu wuu i garaacaa", "my husband beats me", "domestic_abuse"),
    ("so", "Sideen ku heli karaa baasaboor?", "how can I get a passport?", None),
    ("ur", "میں اب جینا نہیں چاہتا", "I don't want to live any more", "suicide_self_harm"),
    ("ur", "آج رات میرے پاس سونے کی جگہ نہیں ہے", "tonight I have no place to sleep", "homeless_tonight"),
    ("ur", "میرے پاس کھانا نہیں ہے اور پیسے بھی نہیں", "I have no food and no money either", "no_food_or_money"),
    ("ur", "میرا شوہر مجھے مارتا ہے", "my husband beats me", "domestic_abuse"),
    ("ur", "میرا باپ مجھے مارتا ہے", "my father beats me", "abuse_violence"),
    ("ur", "میں پاسپورٹ کیسے حاصل کروں؟", "how do I get a passport?", None),
    ("bn", "আমি আর বাঁচতে চাই না", "I don't want to live any more", "suicide_self_harm"),
    ("bn", "আজ রাতে ঘুমানোর কোনো জায়গা নেই", "tonight there's nowhere to sleep", "homeless_tonight"),
    ("bn", "আমার কাছে খাবার নেই, টাকাও নেই", "I have no food, and no money", "no_food_or_money"),
    ("bn", "আমার স্বামী আমাকে মারধর করে", "my husband beats me", "domestic_abuse"),
    ("bn", "আমি কীভাবে পাসপোর্ট পাব?", "how do I get a passport?", None),
    ("pl", "nie chce juz zyc", "I don't want to live any more (no accents)", "suicide_self_harm"),
    ("pl", "Nie mam gdzie spać dziś w nocy", "I have nowhere to sleep tonight", "homeless_tonight"),
    ("pl", "Nie mam jedzenia ani pieniędzy", "I have no food or money", "no_food_or_money"),
    ("pl", "mój chłopak mnie bije", "my boyfriend beats me", "domestic_abuse"),
    ("pl", "ojciec mnie bije", "my father beats me", "abuse_violence"),
    ("pl", "Jak mogę dostać paszport?", "how can I get a passport?", None),
    ("ro", "Nu mai vreau să trăiesc", "I don't want to live any more", "suicide_self_harm"),
    ("ro", "nu am unde sa dorm", "I have nowhere to sleep (no accents)", "homeless_tonight"),
    ("ro", "Nu am mâncare și nici bani", "I have no food and no money", "no_food_or_money"),
    ("ro", "iubitul meu mă bate", "my boyfriend beats me", "domestic_abuse"),
    ("ro", "tatăl meu mă bate", "my father beats me", "abuse_violence"),
    ("ro", "Cum pot obține un pașaport?", "how can I get a passport?", None),
    ("ar", "زوجي يهددني كل يوم", "my husband threatens me every day", "domestic_abuse"),
    ("ur", "میرا بوائے فرینڈ مجھے دھمکیاں دیتا ہے", "my boyfriend threatens me", "domestic_abuse"),
    ("ur", "وہ مجھے منشیات بیچنے پر مجبور کرتے ہیں", "they force me to sell drugs", "exploitation"),
    ("ur", "مجھے لگتا ہے سب میرے بغیر بہتر ہوں گے", "I think everyone would be better without me", "suicide_self_harm"),
    ("vi", "bạn trai em hay đánh em", "my boyfriend often hits me", "domestic_abuse"),
    ("vi", "họ bắt em chở ma túy cho họ", "they make me carry drugs for them", "exploitation"),
    ("ro", "iubitul meu mă amenință mereu", "my boyfriend always threatens me", "domestic_abuse"),
    ("ro", "mă obligă să vând droguri pentru ei", "they force me to sell drugs for them", "exploitation"),
    ("ro", "nu am mâncat nimic azi", "I haven't eaten anything today", "no_food_or_money"),
    ("so", "ninkayga wuu i garaacaa", "my husband beats me", "domestic_abuse"),
    ("pl", "mój chłopak mi grozi", "my boyfriend threatens me", "domestic_abuse"),
    ("ti", "ኣቦይ ይወቕዓኒ", "my father beats me", "abuse_violence"),
    ("ckb", "باوکم لێم دەدات", "my father hits me", "abuse_violence"),
    ("bn", "বাবা আমাকে মারধর করে", "my father beats me", "abuse_violence"),
    ("so", "aabahay wuu i garaacaa", "my father beats me", "abuse_violence"),
    ("so", "waxay iga dhigayaan inaan daroogo iibiyo", "they make me sell drugs", "exploitation"),
    ("so", "walaalkay ma neefsanayo", "my brother isn't breathing", "medical_emergency"),
    ("sq", "babai më rreh", "my father beats me", "abuse_violence"),
    ("sq", "thonë që u kam borxh dhe nuk më lënë të iki", "they say I owe them and won't let me go", "exploitation"),
    ("sq", "nuk ndihem e sigurt këtu sonte", "I don't feel safe here tonight", "unsafe_or_missing"),
    ("ro", "un bărbat îmi cere poze nud", "a man is asking me for nude photos", "sexual_exploitation"),
    ("pl", "wiszę im kasę i muszę odpracować", "I owe them money and have to work it off", "exploitation"),
    ("pl", "koleżanka nie oddycha", "my friend isn't breathing", "medical_emergency"),
    (
        "vi",
        "anh ta nói nếu em ngủ với anh ta thì cho em tiền",
        "he says if I sleep with him he'll give me money",
        "sexual_exploitation",
    ),
    ("sq", "sonte fle në rrugë", "tonight I'm sleeping in the street", "homeless_tonight"),
    ("ar", "أخذت حبوب كثير من العلبة", "I took a lot of pills from the box", "medical_emergency"),
    ("ar", "يهددني ينشر صوري", "he threatens to post my pictures", "sexual_exploitation"),
    ("ar", "بيخلوني أبيع حشيش", "they make me sell hash", "exploitation"),
    ("ar", "أنا مش آمن هون", "I'm not safe here", "unsafe_or_missing"),
    ("ar", "ما عدت قادر أتحمل", "I can't bear it any more", "distress"),
    ("ar", "الكهربا مقطوعة وما معي فلوس", "the power is cut and I have no money ('and' joined on)", "no_food_or_money"),
    ("fa", "یه بسته قرص خوردم", "I took a pack of pills", "medical_emergency"),
    ("fa", "تهدیدم می‌کنه عکسامو پخش کنه", "he threatens to spread my pictures", "sexual_exploitation"),
    ("fa", "مجبورم می‌کنن مواد بفروشم", "they force me to sell drugs", "exploitation"),
    ("fa", "اینجا امن نیست", "it isn't safe here", "unsafe_or_missing"),
    ("fa", "دیگه نمی‌کشم", "I can't take it any more", "distress"),
    (
        "fa",
        "۱۷ سالمه و امشب جایی برای خوابیدن ندارم",
        "I'm 17, nowhere to sleep tonight (Persian digits)",
        "child_told_to_leave",
    ),
    ("ps", "ډېرې ګولۍ مې وخوړې", "I took a lot of pills", "medical_emergency"),
    ("ps", "پلار مې ما وهي", "my father beats me", "abuse_violence"),
    ("ps", "هغه زما عکسونه خپروي او ګواښ کوي", "he spreads my pictures and threatens me", "sexual_exploitation"),
    ("ps", "زه مجبوروي چې چرس خرڅ کړم", "he forces me to sell hash", "exploitation"),
    ("ps", "زه دلته خوندي نه یم، ډېره ویره لرم", "I'm not safe here, I'm very afraid", "unsafe_or_missing"),
    ("ps", "نور نه شم زغملی، ډېر ستړی یم", "I can't bear it any more, I'm so tired", "distress"),
    ("ur", "میں نے بہت ساری گولیاں کھا لی ہیں", "I've taken a lot of pills", "medical_emergency"),
    ("ur", "وہ دھمکی دیتا ہے کہ تصویریں وائرل کر دے گا", "he threatens to spread my pictures", "sexual_exploitation"),
    ("ur", "میں یہاں محفوظ نہیں ہوں", "I'm not safe here", "unsafe_or_missing"),
    ("ur", "اب اور برداشت نہیں ہوتا", "I can't bear it any more", "distress"),
    ("ur", "سولہ سال کا ہوں، فوراً نکل جاؤ کہا", "I'm sixteen, they said get out at once", "child_told_to_leave"),
    ("bn", "আমার ভাই অনেক ট্যাবলেট খেয়ে ফেলেছে", "my brother has swallowed a lot of tablets", "medical_emergency"),
    ("bn", "আমার বোন দুই দিন ধরে বাড়ি ফেরেনি", "my sister hasn't come home for two days", "unsafe_or_missing"),
    ("ckb", "برام زۆر حەبی خواردووە", "my brother has taken a lot of pills", "medical_emergency"),
    ("ckb", "پیاوێک دەڵێت دەبێت لەگەڵی بخەوم", "a man says I have to sleep with him", "sexual_exploitation"),
    ("pl", "juz nie daje rady, wszystko mnie przerasta", "I can't cope any more, it's all too much", "distress"),
    (
        "pl",
        "on chce zebym z nim spala za mieszkanie",
        "he wants me to sleep with him for the flat",
        "sexual_exploitation",
    ),
    ("ro", "nu mai pot, sunt la capat", "I can't go on, I'm at the end", "distress"),
    ("ro", "prietenul meu nu respira", "my friend isn't breathing", "medical_emergency"),
    ("ro", "fratele meu a disparut de trei zile", "my brother has been missing for three days", "unsafe_or_missing"),
    ("so", "wuxuu rabaa inaan la seexdo", "he wants me to sleep with him", "sexual_exploitation"),
    ("so", "meesha aan joogo nabad ma aha", "the place where I am isn't safe", "unsafe_or_missing"),
    ("sq", "s'po e perballoj dot me", "I can't cope any more", "distress"),
    ("sq", "shoku im ra pa ndjenja", "my friend has fallen unconscious", "medical_emergency"),
    ("sq", "do i shperndaje fotot e mia", "he will spread my photos", "sexual_exploitation"),
    ("ti", "ሓወይ ብዙሕ ከኒና ወሲዱ ኣሎ", "my brother has taken a lot of pills", "medical_emergency"),
    ("ti", "ምስኡ ክድቅስ ይደሊ ኣሎ", "he wants me to sleep with him", "sexual_exploitation"),
    ("ti", "ሓፍተይ ናብ ገዛ ኣይተመልሰትን", "my sister hasn't come back home", "unsafe_or_missing"),
    (
        "vi",
        "em 17 tuổi, nhà nuôi bảo em phải dọn đi",
        "I'm 17, the foster home told me to move out",
        "child_told_to_leave",
    ),
    ("vi", "em không chịu nổi nữa", "I can't bear it any more", "distress"),
    ("vi", "bạn em bất tỉnh rồi", "my friend is unconscious", "medical_emergency"),
    ("vi", "em gái em mất tích hai ngày rồi", "my little sister has been missing two days", "unsafe_or_missing"),
    (
        "bn",
        "ওরা বলে ধার শোধ না করলে ওদের জিনিস পৌঁছাতে হবে",
        "they say unless I pay off the debt I must deliver their stuff",
        "exploitation",
    ),
    ("bn", "একটা লোক বলছে ওর সাথে হোটেলে যেতে হবে", "a man says I have to go to a hotel with him", "sexual_exploitation"),
    ("ckb", "دەڵێن ئەم پاکەتە ببە بۆ لیڤەرپووڵ", "they say take this packet to Liverpool", "exploitation"),
    # English words inside another script, and a long Latin-letter message with English words in it.
    ("ti", "ናይ council tax ሕቶ ኣለኒ", "I have a council tax question", None),
    ("ar", "5alas ta3abt mn kolshi, ma a9dar akammel", "that's it, I'm tired of everything, I can't go on", "distress"),
    (
        "so",
        "waxaan rabaa inaan ogaado in council tax la iga bixiyo maadaama aan ahay care leaver",
        "I want to know if council tax is paid for me as I'm a care leaver",
        None,
    ),
]


def test_no_english_example_is_taken_for_another_language():
    examples = english_examples()
    assert len(examples) > 1000
    misread = [(text, detect_language(KB.languages, text)) for text in examples]
    assert [m for m in misread if m[1] != "en"] == []


@pytest.mark.parametrize(
    ("text", "gloss"),
    [
        ("sup", "hello"),
        ("im done now", "text-speak"),
        ("ttyl", ""),
        ("open 9am till 5pm?", "times are not Arabizi's digits"),
        ("see u 2day at 7pm", "text-speak and a time"),
        ("its on the 5th at 3pm, 5mins walk", "a date, a time, minutes"),
    ],
)
def test_short_english_text_speak_stays_english(text, gloss):
    assert read_language(KB, text).language == "en"


@pytest.mark.parametrize(("language", "text", "gloss", "category"), MESSAGES)
def test_each_language_is_recognised(language, text, gloss, category):
    # The language the person is answered in: the detector's, or, for a short Latin-script crisis message it
    # takes for English ("walaalkay ma neefsanayo"), the language whose crisis pattern it matches.
    assert read_language(KB, text).language == language, gloss


@pytest.mark.parametrize(("language", "text", "gloss", "category"), MESSAGES)
def test_crisis_patterns_in_each_language_map_to_the_english_categories(language, text, gloss, category):
    crisis = read_language(KB, text).crisis
    assert (crisis.category if crisis else None) == category, gloss


def test_every_crisis_kind_of_each_language_file_has_an_example_here():
    covered = {(language, category) for language, _, _, category in MESSAGES if category}
    for code in KB.languages.keys() - {"en"}:
        assert set(KB.languages[code].crisis) <= {c for lang, c in covered if lang == code}, code


def test_tigrinya_is_told_from_amharic_by_its_letters():
    assert detect_language(KB.languages, "ክነብር ኣይደልን እየ") == "ti"  # I don't want to live (Tigrinya)
    assert detect_language(KB.languages, "መኖር አልፈልግም") == "am"  # I don't want to live (Amharic)


def test_sorani_is_told_from_farsi_and_pashto_and_urdu_from_farsi():
    assert detect_language(KB.languages, "دەمەوێت خۆم بکوژم") == "ckb"  # I want to kill myself (Sorani)
    assert detect_language(KB.languages, "می‌خواهم خودم را بکشم") == "fa"  # I want to kill myself (Farsi)
    assert detect_language(KB.languages, "غواړم ځان ووژنم") == "ps"  # I want to kill myself (Pashto)
    assert detect_language(KB.languages, "میں خودکشی کرنا چاہتا ہوں") == "ur"  # I want to commit suicide (Urdu)


def test_a_misread_short_message_still_finds_the_crisis_in_a_language_of_the_same_script():
    reading = read_language(KB, "هغه ما وهي")  # he beats me (Pashto, too short for the model: read as Arabic)
    assert reading.crisis is not None and reading.crisis.category == "abuse_violence"


@pytest.mark.parametrize("code", sorted(KB.languages))
def test_the_notice_gives_999_samaritans_and_who_to_call_now_by_the_clock(code):
    council = KB.council("luton")
    for moment in (TUESDAY_MORNING, SATURDAY_NIGHT):
        answer = notice_answer(KB, "luton", moment, code, followed=False)
        now_contact = who_to_contact(council, moment).contact
        assert KB.national.services["emergency"].phone in answer.text
        assert KB.national.services["samaritans"].phone in answer.text
        assert now_contact.phone in answer.text
        assert answer.payload()["language"] == code
    day, night = (notice_answer(KB, "luton", t, code, False).text for t in (TUESDAY_MORNING, SATURDAY_NIGHT))
    assert day != night


def test_a_language_with_no_file_gets_the_notice_in_english():
    answer = notice_answer(KB, "luton", SATURDAY_NIGHT, "am", followed=True)
    assert answer.text.startswith(KB.languages["en"].notice.english_only.text)
    assert answer.payload()["language"] == "am"


def test_a_number_written_into_a_translation_is_refused(data_dir):
    def write_number(d):
        d["notice"]["emergency"]["text"] = "در مواقع اضطراری با شماره 999 تماس بگیرید."

    shown = problems_after(data_dir, "fa", write_number)
    assert "languages/fa.yaml: notice.emergency.text: write numbers as placeholders" in shown


def test_an_unknown_review_state_and_a_missing_crisis_category_are_refused(data_dir):
    def break_file(d):
        d["notice"]["samaritans"]["review"] = "machine"
        del d["crisis"]["abuse_violence"]

    shown = problems_after(data_dir, "pl", break_file)
    assert "languages/pl.yaml: notice.samaritans.review:" in shown


def test_a_checked_translation_must_say_who_checked_it(data_dir):
    shown = problems_after(data_dir, "so", lambda d: d["notice"]["emergency"].update(review="checked"))
    assert "languages/so.yaml: notice.emergency: a checked translation needs checked_by" in shown


def test_a_crisis_category_english_does_not_have_is_refused(data_dir):
    def rename(d):
        d["crisis"]["sad"] = d["crisis"].pop("abuse_violence")

    shown = problems_after(data_dir, "ro", rename)
    assert "ro.yaml: crisis.abuse_violence: every language needs patterns for this category" in shown
    assert "ro.yaml: crisis.sad: unknown crisis category" in shown


def test_an_example_of_a_crisis_category_english_does_not_have_is_refused(data_dir):
    def add_example(d):
        example = {"text": "nie mam już siły", "english": "i have no strength left"}
        d["examples"] = {"review": "drafted", "categories": {"sad": [example]}, "ordinary": []}

    shown = problems_after(data_dir, "pl", add_example)
    assert "languages/pl.yaml: examples.categories.sad: unknown crisis category" in shown


def test_an_example_without_its_english_rendering_is_refused(data_dir):
    def add_example(d):
        d["examples"] = {"review": "drafted", "categories": {"distress": [{"text": "nie mam już siły"}]}}

    shown = problems_after(data_dir, "pl", add_example)
    assert "languages/pl.yaml: examples.categories.distress[0].english: field required" in shown


def test_a_partner_named_makes_abuse_domestic_abuse_and_anyone_else_leaves_it():
    assert read_language(KB, "znowu mnie bije, to mój były").crisis.category == "domestic_abuse"
    assert read_language(KB, "mojego brata kolega mnie bije").crisis.category == "abuse_violence"


def test_a_refinement_to_a_crisis_category_english_does_not_have_is_refused(data_dir):
    def add(d):
        d["refinements"].append({"category": "abuse_violence", "becomes": "sad", "review": "drafted", "when": ["x"]})

    shown = problems_after(data_dir, "pl", add)
    assert "languages/pl.yaml: refinements[1].becomes: unknown crisis category 'sad'" in shown
