"""The chat widget in a real browser: keyboard use, safety, quick exit, small screens, axe, and no JavaScript."""

import re
from pathlib import Path

import httpx
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from knowledge import load_knowledge
from tests.stack import ALLOWED_ORIGIN, contact_now
from tests.widget.conftest import SCREENSHOTS

KB = load_knowledge()
LUTON = KB.council("luton")
EMERGENCY = KB.national.services["emergency"].phone
SMALL_PHONE = {"width": 320, "height": 568}


def right_now_number():
    return contact_now("luton").phone


def other_numbers():
    """The numbers behind the emergency line's tap: the Luton team not named for now, and Samaritans."""
    hours = LUTON.service_hours
    teams = {LUTON.contacts[hours.in_hours].phone, LUTON.contacts[hours.out_of_hours].phone}
    return sorted(teams - {right_now_number()}) + [KB.national.services["samaritans"].phone]


def open_on(browser, stack, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(stack.gateway + "/")
    page.get_by_role("button", name=re.compile("care leavers' assistant")).click()
    expect(page.get_by_label("Your message")).to_be_focused()
    return context, page


def open_with_keyboard(page, stack):
    page.goto(stack.gateway + "/")
    launcher = page.get_by_role("button", name=re.compile("care leavers' assistant"))
    expect(launcher).to_be_visible()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('cla-launcher')"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()


def ask(page, text):
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")


def test_keyboard_council_tax_flow_with_a_button_and_the_source_line(page, stack):
    open_with_keyboard(page, stack)
    ask(page, "am i exempt from council tax")
    luton = page.get_by_role("button", name="Luton", exact=True)
    expect(luton).to_be_visible()
    luton.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".cla-bot").last).to_contain_text("How old are you")
    ask(page, "19")
    answer = page.locator(".cla-bot").last
    expect(answer).to_contain_text("Yes.")
    expect(answer).to_contain_text(re.compile(r"From Luton's Local Offer, checked \w{3} \d{4}\."))


def test_chat_log_is_a_polite_live_region_and_focus_returns_on_escape(page, stack):
    open_with_keyboard(page, stack)
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Escape")
    expect(page.locator(".cla-launcher")).to_be_focused()
    expect(page.locator(".cla-launcher")).to_have_attribute("aria-expanded", "false")


def test_html_in_messages_is_shown_as_text_and_runs_nothing(page, stack):
    open_with_keyboard(page, stack)
    for attack in ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>"]:
        ask(page, attack)
        expect(page.locator(".cla-user").last).to_contain_text(attack)
    expect(page.locator(".cla-bot")).to_have_count(2)
    assert page.dialogs == []
    assert page.locator(".cla-log img, .cla-log script").count() == 0


def test_emergency_contacts_are_all_visible_on_a_desktop(page, stack):
    open_with_keyboard(page, stack)
    expect(page.locator(".cla-line")).to_contain_text(EMERGENCY)
    expect(page.locator(".cla-line")).to_contain_text(right_now_number())
    for number in other_numbers():
        expect(page.locator(".cla-contacts").get_by_text(number)).to_be_visible()


def test_on_a_small_phone_999_and_the_number_for_now_fill_one_line_and_the_chat_has_the_screen(browser, stack):
    context, page = open_on(browser, stack, SMALL_PHONE)
    try:
        line = page.locator(".cla-line")
        expect(line).to_be_visible()
        expect(line).to_contain_text(f"In danger now: {EMERGENCY}")
        expect(line).to_contain_text(right_now_number())
        height, line_box = line.evaluate(
            "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]"
        )
        assert abs(height - line_box) < 2, f"the emergency line is {height}px high, one line is {line_box}px"
        log = page.get_by_role("log").bounding_box()
        assert log["height"] >= 0.6 * SMALL_PHONE["height"], f"the conversation has only {log['height']}px"
        for number in other_numbers():
            expect(page.locator(".cla-contacts").get_by_text(number)).to_be_hidden()
        page.locator(".cla-now").click()
        for number in other_numbers():
            expect(page.locator(".cla-contacts").get_by_text(number)).to_be_visible()
    finally:
        context.close()


def test_on_a_small_phone_the_other_contacts_open_and_close_from_the_keyboard(browser, stack):
    context, page = open_on(browser, stack, SMALL_PHONE)
    try:
        toggle = page.locator(".cla-now")
        for _ in range(10):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.classList.contains('cla-now')"):
                break
        expect(toggle).to_be_focused()
        details = page.locator(".cla-emergency")
        expect(details).to_have_js_property("open", False)
        page.keyboard.press("Enter")
        expect(details).to_have_js_property("open", True)
        expect(page.locator(".cla-contacts").get_by_text(other_numbers()[-1])).to_be_visible()
        page.keyboard.press("Space")
        expect(details).to_have_js_property("open", False)
    finally:
        context.close()


def test_quick_exit_clears_the_chat_and_leaves_for_a_neutral_site(page, stack):
    page.route(re.compile(r"https://www\.bbc\.co\.uk/.*"), lambda route: route.fulfill(body="<h1>Weather</h1>"))
    open_with_keyboard(page, stack)
    ask(page, "hi")
    expect(page.locator(".cla-bot")).to_have_count(1)
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(re.compile(r"bbc\.co\.uk"))
    assert page.evaluate("window.sessionStorage.getItem('cla-conversation')") is None
    page.go_back()
    assert "bbc.co.uk" in page.url or page.url == "about:blank", "quick exit replaces the page in history"


def test_usable_at_320_pixels_wide(browser, stack):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(stack.gateway + "/")
        page.get_by_role("button", name=re.compile("care leavers' assistant")).click()
        ask(page, "is the gym free")
        expect(page.locator(".cla-bot").last).to_contain_text("gym")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "widget-320px.png"))
        panel = page.locator(".cla-panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 320
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for target in page.locator(".cla-panel button, .cla-panel input, .cla-panel summary").all():
            box = target.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24
    finally:
        context.close()


def test_axe_finds_no_violations_with_the_widget_open(page, stack):
    page.goto(stack.gateway + "/")
    page.get_by_role("button", name=re.compile("care leavers' assistant")).click()
    ask(page, "am i exempt from council tax")
    expect(page.get_by_role("button", name="Luton", exact=True)).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_on_a_small_phone_with_the_contacts_shut_and_open(browser, stack):
    context, page = open_on(browser, stack, SMALL_PHONE)
    try:
        ask(page, "am i exempt from council tax")
        expect(page.get_by_role("button", name="Luton", exact=True)).to_be_visible()
        shut = Axe().run(page)
        assert shut.violations_count == 0, shut.generate_report()
        page.locator(".cla-now").click()
        opened = Axe().run(page)
        assert opened.violations_count == 0, opened.generate_report()
    finally:
        context.close()


def test_without_javascript_the_form_gets_an_answer(browser, stack):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(stack.gateway + "/")
        page.get_by_label("Your question").fill("how much is the setting up home grant")
        page.get_by_role("button", name="Send").click()
        expect(page.locator(".cla-bot").first).to_contain_text(LUTON.topics["setting_up_home"].values["allowance"])
    finally:
        context.close()


def test_without_javascript_html_is_shown_as_text_and_buttons_can_be_pressed(browser, stack):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(stack.gateway + "/")
        page.get_by_label("Your question").fill('<img src="x"> hello')
        page.get_by_role("button", name="Send").click()
        expect(page.locator(".cla-user")).to_contain_text('<img src="x"> hello')
        assert page.locator(".cla-log img").count() == 0
        page.get_by_label("Your question").fill("am i exempt from council tax")
        page.get_by_role("button", name="Send").click()
        page.get_by_role("button", name=LUTON.council.short_name, exact=True).click()
        expect(page.locator(".cla-bot").last).to_contain_text("How old")
    finally:
        context.close()


def test_page_templates_are_not_served_as_files(stack):
    for name in ("demo.html", "chat.html", "parts.html"):
        assert httpx.get(f"{stack.gateway}/widget/{name}").status_code == 404


def test_demo_page_has_a_strict_content_security_policy(stack):
    policy = httpx.get(stack.gateway + "/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_cors_allows_only_configured_origins(stack):
    def preflight(origin):
        headers = {
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        }
        return httpx.options(stack.gateway + "/chat", headers=headers)

    assert preflight(ALLOWED_ORIGIN).headers.get("access-control-allow-origin") == ALLOWED_ORIGIN
    assert "access-control-allow-origin" not in preflight("https://evil.example").headers


def test_long_messages_get_a_notice_and_fast_senders_a_kind_limit(stack):
    conversation = "limit-test-0001"
    long = httpx.post(stack.gateway + "/chat", json={"conversation": conversation, "message": "gym " * 600}, timeout=30)
    assert "first 1,000 characters" in long.json()["notices"][0]
    statuses = [
        httpx.post(
            stack.gateway + "/chat", json={"conversation": conversation, "message": "hi"}, timeout=30
        ).status_code
        for _ in range(25)
    ]
    assert 429 in statuses
    limited = httpx.post(stack.gateway + "/chat", json={"conversation": conversation, "message": "hi"}, timeout=30)
    assert "wait a minute" in limited.json()["replies"][0]["text"]


def test_a_letter_can_be_copied_and_downloaded_as_a_text_file(page, stack):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.gateway)
    open_with_keyboard(page, stack)
    ask(page, "how do i get my care file")
    page.get_by_role("button", name=KB.letters.letters["care_file"].button).click()
    letter = page.locator(".cla-bot").last.locator("pre.cla-letter")
    expect(letter).to_contain_text("[Your name]")
    expect(letter).to_contain_text(LUTON.contacts["complaints"].name)
    shown = letter.inner_text()
    copy = page.get_by_role("button", name="Copy", exact=True)
    copy.click()
    expect(page.get_by_role("status").last).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Download")).click()
    download = download_info.value
    assert download.suggested_filename == "luton-care-file.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved.startswith("[Your name]")
    assert "Article 15" in saved
    assert saved.strip() == shown.strip()


def test_without_javascript_the_letter_is_shown_as_text(browser, stack):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(stack.gateway + "/")
        page.get_by_label("Your question").fill("template letter complaint")
        page.get_by_role("button", name="Send").click()
        letter = page.locator(".cla-bot pre.cla-letter")
        expect(letter).to_contain_text("[Your name]")
        expect(letter).to_contain_text(LUTON.contacts["complaints"].name)
    finally:
        context.close()
