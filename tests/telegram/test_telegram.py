"""python-telegram-bot for real, over HTTP, against a fake Bot API on loopback and the real assistant."""

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx

from bot.conversations import sender_id
from knowledge import load_knowledge
from tests.stack import contact_now, free_port, other_councils_numbers, start_stack, stop_stack
from tests.telegram.conftest import CHAT_INTERVAL, TOKEN, start_gateway

KB = load_knowledge()
LUTON = KB.council("luton")
ALLOWANCE = LUTON.topics["setting_up_home"].values["allowance"]


def events_for(db, chat_id: int) -> int:
    sender = sender_id("tg", chat_id, hashlib.sha256(TOKEN.encode()).hexdigest())
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_start_welcomes_with_privacy_and_the_safe_word(gateway, api):
    api.send_text(101, "/start")
    (welcome,) = api.wait_for(101, 1)
    assert "care leavers from Luton" in welcome.text
    assert "/privacy" in welcome.text
    assert KB.crisis.safe_word.upper() in welcome.text


def test_a_question_gets_its_answer(gateway, api):
    api.send_text(102, "how much is the setting up home grant")
    (answer,) = api.wait_for(102, 1)
    assert ALLOWANCE in answer.text
    assert "checked" in answer.text.splitlines()[-1]


def test_buttons_become_an_inline_keyboard_and_a_press_sends_the_payload(gateway, api):
    api.send_text(103, "am i exempt from council tax")
    rule, question = api.wait_for(103, 2)
    assert "Luton" in rule.text, "the council's rule comes first, then the question"
    titles = [b["text"] for b in question.buttons]
    assert titles[0] == "Luton" and titles[-1] == "Another council"
    api.press(103, question.buttons[0]["callback_data"])
    asked_age = api.wait_for(103, 3)[-1]
    assert "How old are you" in asked_age.text


def test_the_council_command_offers_the_same_councils_in_the_same_order_as_the_question(gateway, api):
    api.send_text(120, "am i exempt from council tax")
    question = api.wait_for(120, 2)[-1]
    api.send_text(120, "/council")
    command = api.wait_for(120, 3)[-1]
    assert [b["text"] for b in command.buttons] == [b["text"] for b in question.buttons]
    api.press(120, command.buttons[-1]["callback_data"])
    assert "How old" not in api.wait_for(120, 4)[-1].text


def test_a_made_up_button_never_reaches_the_assistant(gateway, api):
    api.press(104, '/inform{"council":"luton"}')
    (reply,) = api.wait_for(104, 1)
    assert "expired" in reply.text


def test_a_press_with_no_chat_is_acknowledged_and_the_bot_keeps_answering(gateway, api):
    api.press_inline(121, "anything")
    api.wait_for_call("answerCallbackQuery")  # the press is answered, so its spinner stops
    api.send_text(122, "is the gym free")
    api.wait_for(122, 1)
    assert api.to(121) == []
    assert "Traceback" not in gateway.log_path.read_text()


def test_forget_erases_the_conversation(gateway, api, stack):
    api.send_text(105, "is the gym free")
    api.wait_for(105, 1)
    assert events_for(stack.tracker_db, 105) > 0
    api.send_text(105, "/forget")
    confirmation = api.wait_for(105, 2)[-1]
    assert "erased" in confirmation.text
    assert events_for(stack.tracker_db, 105) == 0


def test_a_sticker_gets_a_kind_reply(gateway, api):
    api.send_sticker(106)
    (reply,) = api.wait_for(106, 1)
    assert "only read text" in reply.text


def test_a_very_long_message_is_cut_with_a_notice_and_still_answered(gateway, api):
    api.send_text(107, "how much is the setting up home grant " + "blah " * 1000)
    notice, answer = api.wait_for(107, 2)
    assert "first 1,000 characters" in notice.text
    assert answer.text


def test_typed_slash_text_is_not_sent_as_an_intent(gateway, api, stack):
    api.send_text(108, "/restart")
    (reply,) = api.wait_for(108, 1)
    assert "don't know that command" in reply.text
    api.send_text(108, '/inform{"council":"other"}')
    assert "don't know that command" in api.wait_for(108, 2)[-1].text
    assert events_for(stack.tracker_db, 108) == 0


def test_replies_to_one_chat_are_paced(gateway, api):
    api.send_text(109, "how much is the setting up home grant " + "x" * 1200)
    notice, answer = api.wait_for(109, 2)
    assert answer.at - notice.at >= CHAT_INTERVAL * 0.95


def test_twenty_chats_at_once_each_get_their_own_answers_in_order(gateway, api):
    questions = ["is the gym free", "how much is the setting up home grant", "how do i get my care file"]
    chats = range(200, 220)
    for question in questions:
        for chat in chats:
            api.send_text(chat, question)

    def check(chat: int) -> list[str]:
        return [s.text for s in api.wait_for(chat, len(questions), timeout=120)]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = dict(zip(chats, pool.map(check, chats), strict=True))
    for chat, texts in results.items():
        assert "gym" in texts[0], (chat, texts)
        assert ALLOWANCE in texts[1], (chat, texts)
        assert "care file" in texts[2], (chat, texts)


def test_the_token_is_never_logged(gateway, api):
    api.send_text(110, "hi")
    api.wait_for(110, 1)
    assert TOKEN not in gateway.log_path.read_text()


def test_rasa_stopped_mid_conversation_still_gets_the_safe_reply(tmp_path, api):
    own_stack = start_stack(tmp_path / "stack")
    own_gateway = start_gateway(tmp_path, api, own_stack)
    try:
        api.send_text(301, "is the gym free")
        assert "gym" in api.wait_for(301, 1)[0].text
        stop_stack(own_stack)
        api.send_text(301, "how much is the setting up home grant")
        fallback = api.wait_for(301, 2)[-1]
        assert "something went wrong" in fallback.text
        assert contact_now("luton", own_stack.clock).phone in fallback.text and "999" in fallback.text
    finally:
        own_gateway.stop()
        stop_stack(own_stack)


def test_webhook_mode_rejects_a_request_without_the_secret(tmp_path, api, stack):
    own = start_gateway(
        tmp_path, api, stack,
        TELEGRAM_WEBHOOK_URL="https://example.invalid/telegram/webhook", TELEGRAM_WEBHOOK_SECRET="s3cret-value",
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{own.port}/telegram/webhook"
        user = {"id": 401, "is_bot": False, "first_name": "Y"}
        message = {"message_id": 1, "date": 0, "chat": {"id": 401, "type": "private"}, "from": user, "text": "hi"}
        update = {"update_id": 1, "message": message}
        assert httpx.post(url, json=update).status_code == 403
        assert httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}).status_code == 403
        assert not api.to(401)
        ok = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-value"})
        assert ok.status_code == 200
        assert api.wait_for(401, 1)
        assert "setWebhook" in api.calls
    finally:
        own.stop()


def test_rasa_down_safe_reply_is_for_the_council_the_chat_chose(tmp_path, api, stack):
    closed_rasa_port = free_port()
    own = start_gateway(tmp_path, api, stack, RASA_PORT=str(closed_rasa_port))
    try:
        api.send_text(501, "/council")
        (question,) = api.wait_for(501, 1)
        lancashire = KB.council("lancashire")
        (button,) = [b for b in question.buttons if b["text"] == lancashire.council.short_name]
        api.press(501, button["callback_data"])
        reply = api.wait_for(501, 2)[-1]
        assert "something went wrong" in reply.text
        assert contact_now("lancashire").phone in reply.text
        assert not {n for n in other_councils_numbers("lancashire") if n in reply.text}, reply.text
    finally:
        own.stop()


def test_webhook_refuses_huge_or_malformed_bodies_and_still_takes_updates(tmp_path, api, stack):
    secret = "s3cret-value"
    own = start_gateway(
        tmp_path, api, stack, TELEGRAM_WEBHOOK_URL="https://example.invalid/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET=secret,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{own.port}/telegram/webhook"
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
        huge = b'{"update_id": 1, "padding": "' + b"x" * 5_000_000 + b'"}'
        assert httpx.post(url, content=huge, headers=headers, timeout=30).status_code == 413
        for bad in (b"{not json", b"[" * 20000 + b"]" * 20000, b"[]", b'{"update_id": "one", "message": 7}'):
            assert httpx.post(url, content=bad, headers=headers, timeout=30).status_code == 400, bad[:20]
        user = {"id": 402, "is_bot": False, "first_name": "Y"}
        message = {"message_id": 1, "date": 0, "chat": {"id": 402, "type": "private"}, "from": user, "text": "hi"}
        ok = httpx.post(url, json={"update_id": 2, "message": message}, headers=headers, timeout=30)
        assert ok.status_code == 200
        assert api.wait_for(402, 1)
    finally:
        own.stop()


def test_a_letter_arrives_as_a_text_file_after_a_short_message(gateway, api):
    api.send_text(130, "how do i get my care file")
    answer = api.wait_for(130, 1)[-1]
    button = next(b for b in answer.buttons if b["text"] == KB.letters.letters["care_file"].button)
    api.press(130, button["callback_data"])
    message = api.wait_for(130, 2)[-1]
    assert "[square brackets]" in message.text
    document = api.wait_for_document(130)
    assert document.filename == "luton-care-file.txt"
    letter = document.content.decode("utf-8")
    assert letter.startswith("[Your name]")
    assert LUTON.contacts["complaints"].name in letter
    assert "Article 15" in letter
