"""`make chat`: talk to the running assistant in the terminal, through its REST channel."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid

from deployment.settings import load_settings


def send(url: str, sender: str, message: str) -> list[dict]:
    """Post one message to the REST channel and return the replies."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def show(replies: list[dict]) -> list[dict]:
    """Print the replies, numbering any buttons; return the buttons so a number can press one."""
    buttons: list[dict] = []
    for reply in replies:
        if reply.get("text"):
            print(f"\nassistant: {reply['text']}")
        letter = (reply.get("custom") or {}).get("letter")
        if isinstance(letter, dict) and isinstance(letter.get("text"), str):
            print(f"\n--- {letter.get('filename', 'letter.txt')} ---\n{letter['text']}--- end of letter ---")
        for button in reply.get("buttons", []):
            buttons.append(button)
            print(f"  [{len(buttons)}] {button['title']}")
    return buttons


def main() -> int:
    """Read lines until 'quit' or end of input; a number presses the matching button."""
    rasa_url = load_settings().rasa_url
    url = f"{rasa_url}/webhooks/rest/webhook"
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Type a message (a number presses a button; 'quit' to leave).")
    buttons: list[dict] = []
    for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("\nyou: "), None):
        text = line.strip()
        if text.lower() in {"quit", "exit"}:
            break
        if not text:
            continue
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            buttons = show(send(url, sender, text))
        except (urllib.error.URLError, OSError):
            print(f"The assistant is not answering at {rasa_url}. Start it with `make run` in another terminal.")
            return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, EOFError):
        print()
        sys.exit(0)
