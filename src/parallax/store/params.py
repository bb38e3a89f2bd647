"""The one writer of a statement's list of ``?`` placeholders, and of the chunks a long list
is bound in.

Why: the string was spelled out in four places of ``store/``; one owner keeps them the same
shape (``?`` placeholders, which the PostgreSQL connection translates). A list of ids may be
longer than a statement may bind (SQLite builds differ, many stop at 32,766 values, 999 before
3.32; PostgreSQL's protocol at 65,535): every query side (``BrowseQueries``,
``RemoveQueries``) binds its lists through ``Chunked``, so no reader of a large story fails
with "too many SQL variables".
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parallax.store.sql import Connection

#: bound values a statement holds besides its lists of ids (at most 2 of those per statement)
_OTHER_VALUES = 8


def marks(values: Sized) -> str:
    """``?,?,?`` for three values: the inside of an ``IN (...)`` of ``values``."""
    return ",".join("?" * len(values))


class Chunked:
    conn: Connection

    def bound_limit(self) -> int:
        """The most values one statement may bind."""
        raise NotImplementedError

    def _chunks(self, values: Sequence[str]) -> list[list[str]]:
        """``values`` in lists that fit a statement twice over, with a few values besides."""
        size = max(1, (self.bound_limit() - _OTHER_VALUES) // 2)
        return [list(values[i:i + size]) for i in range(0, len(values), size)]

    def _each(self, sql: str, values: Sequence[str]) -> list[Any]:
        """The rows of ``sql`` for every chunk of ``values``, whose ``{marks}`` (written once
        or twice, the statement's only values) each chunk fills. Rows come chunk by chunk:
        a caller that needs an order sorts them. A value given twice is bound once (in two
        chunks it would give its rows twice, where one ``IN`` list gives them once)."""
        rows: list[Any] = []
        copies = sql.count("{marks}")
        for chunk in self._chunks(list(dict.fromkeys(values))):
            rows += list(self.conn.execute(sql.format(marks=marks(chunk)), chunk * copies))
        return rows


__all__ = ["Chunked", "marks"]
