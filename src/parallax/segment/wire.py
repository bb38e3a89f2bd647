"""Wire-copy datelines: 'BRUSSELS, 4 March 2026 (Continental Press Agency) – …'.

The first body line of agency copy names the agency and the date; they fill outlet and
publication time when the page gave none. The line stays in the body: it is article text.
"""

from __future__ import annotations

import re

from parallax.segment.dates import parse_absolute
from parallax.segment.header import MetaFields

WIRE = re.compile(r"^(?P<place>[A-ZÄÖÜА-ЯЁ][A-ZÄÖÜА-ЯЁ .'/-]{2,40}),?\s+(?P<date>[^()–—]{4,40}?)"
                  r"\s*\((?P<agency>[^()]{2,60})\)\s*[–—-]")


def wire_dateline(paragraph: str, draft: MetaFields) -> None:
    m = WIRE.match(paragraph)
    if not m:
        return
    if draft.outlet is None:
        draft.outlet = m.group("agency").strip()
    if draft.published is None and parse_absolute(m.group("date")):
        draft.published = m.group("date").strip()
