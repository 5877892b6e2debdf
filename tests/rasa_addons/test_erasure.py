"""Who may ask the Rasa server to erase: only this machine, and only with the shared secret."""

import pytest

from rasa_addons.erasure import refusal

SECRET = "s3cret-shared-by-the-launcher"
WITH_SECRET = f"Bearer {SECRET}"


@pytest.mark.parametrize("peer", ["127.0.0.1", "127.0.0.53", "::1", "::ffff:127.0.0.1"])
def test_loopback_with_the_secret_may_erase(peer):
    assert refusal(peer, WITH_SECRET, SECRET) is None


@pytest.mark.parametrize("peer", ["10.0.0.7", "192.168.1.20", "203.0.113.9", "::ffff:10.0.0.7", "fe80::1", "", "x"])
def test_any_other_address_is_refused_even_with_the_secret(peer):
    assert refusal(peer, WITH_SECRET, SECRET) == 403


@pytest.mark.parametrize("authorization", ["", SECRET, "Bearer ", "Bearer wrong", f"Basic {SECRET}", f"{WITH_SECRET}x"])
def test_a_missing_or_wrong_secret_is_refused(authorization):
    assert refusal("127.0.0.1", authorization, SECRET) == 401


def test_nothing_may_erase_when_no_secret_was_set():
    assert refusal("127.0.0.1", "Bearer ", "") == 403
