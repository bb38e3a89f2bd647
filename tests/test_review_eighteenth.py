"""Bugs found reviewing the eighteenth session's changes (helper R); made-up input only."""

from __future__ import annotations

from parallax.ingest.url import redacted


def test_a_password_holding_an_at_sign_is_redacted_whole() -> None:
    # urlsplit takes the authority's last "@" as the end of the user info, so the host here
    # is the news site and the password is "se@cret": no part of it may be echoed or stored
    shown = redacted("http://alice:se@cret@news.example/today")
    assert "cret" not in shown and "alice" not in shown, shown
    assert shown.endswith("@news.example/today"), shown
