"""The one writer of a statement's list of ``?`` placeholders.

Why: the string was spelled out in four places of ``store/``; one owner keeps them the same
shape (``?`` placeholders, which the PostgreSQL connection translates) and gives a later change
(a list longer than a statement may bind: ``RemoveQueries._chunks``) one place to look.
"""

from __future__ import annotations

from collections.abc import Sized


def marks(values: Sized) -> str:
    """``?,?,?`` for three values: the inside of an ``IN (...)`` of ``values``."""
    return ",".join("?" * len(values))


__all__ = ["marks"]
