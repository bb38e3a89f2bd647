"""A story's timeline orders times written in two zones by instant (``records.instant_key``):
feeds and records keep the written offset now. All names and times are made up."""

from __future__ import annotations

from parallax.compare.render import comparison_view, render_markdown
from parallax.records import instant_key

# 04:30 UTC on 4 November, and 02:00 UTC on 4 November: the second was written first
NEW_YORK = "2026-11-03T23:30:00-05:00"
BERLIN = "2026-11-04T03:00:00+01:00"


def test_instant_key_orders_by_instant() -> None:
    times = [NEW_YORK, None, "2026-11-03", BERLIN, "2026-11-02T12:00:00"]
    assert sorted(times, key=instant_key) == ["2026-11-02T12:00:00", "2026-11-03", BERLIN,
                                              NEW_YORK, None]


def test_the_timeline_shows_the_earlier_instant_first() -> None:
    comparison = {"story": {"id": "s1", "title": "Ferry timetable cut"}, "timeline": [
        {"published": NEW_YORK, "published_text": NEW_YORK, "outlet": "Harbour Herald",
         "title": "Ferry cut announced", "article_id": "a1"},
        {"published": None, "published_text": "yesterday", "outlet": "Sound Post",
         "title": "Islanders react", "article_id": "a3"},
        {"published": BERLIN, "published_text": BERLIN, "outlet": "Nordblick",
         "title": "Fähre fährt seltener", "article_id": "a2"}]}
    view = comparison_view(comparison)
    assert [t["article_id"] for t in view["timeline"]] == ["a2", "a1", "a3"]
    text = render_markdown(comparison)
    assert text.index("Fähre fährt seltener") < text.index("Ferry cut announced") < text.index(
        "Islanders react")
