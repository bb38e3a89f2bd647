"""Stable error codes with messages a person can act on.

A code never changes meaning once released, so scripts can match on it; the message may
improve. Rejected inputs carry one of these codes in the JSON contract (``code``).
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    NOT_FOUND = "E001"
    EMPTY = "E002"
    BINARY = "E003"
    TOO_LARGE = "E004"
    ENCODING = "E005"
    EMPTY_DIRECTORY = "E006"
    UNSUPPORTED = "E007"
    PARSE = "E008"
    NO_ARTICLE = "E009"
    FETCH = "E010"
    BLOCKED_ADDRESS = "E011"
    CONFIG = "E020"
    STORE = "E021"
    UNKNOWN_STAGE = "E022"
    NOT_IN_STORE = "E023"
    INTERNAL = "E099"


class ParallaxError(Exception):
    """An error for the whole command (bad config, unknown story); inputs get Rejection instead."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"[{code.value}] {message}")
        self.code = code
        self.message = message


class InputRejected(Exception):
    """Raised by readers and segmenters; the pipeline turns it into a Rejection record."""

    def __init__(self, code: Code, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
