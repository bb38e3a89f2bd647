"""The shingle F1's loss split into error classes (``segment/losseval.py``). Made-up page."""

from __future__ import annotations

import pytest

from parallax.segment.losseval import loss_classes, site_weighted
from parallax.segment.realpages import shingle_prf

PARAS = [
    "The river council in Ashford agreed on Monday to open the old ferry crossing again next "
    "spring after ten years of closure.",
    "Boatmen who worked the crossing before it shut said the landing stages would need new "
    "timber and a deeper channel on the south bank.",
    "The council expects the first boats to carry cyclists and walkers, with a larger vessel "
    "for cars to follow once the road has been widened.",
    "A public meeting about the timetable and the fares will be held at the town hall on the "
    "last Thursday of the month.",
]
TEASER = ("Bakers on the high street are raising money for a new playground with a cake sale "
          "that runs through the whole weekend.")
TITLE = "Ferry crossing to reopen"
DUMP = "\n".join(["Home", "News", "Weather", TITLE, *PARAS, "Related", TEASER,
                  "Contact us", "Privacy"])
GOLD = "\n".join([TITLE, *PARAS])


def check(body: list[str], **kwargs: object) -> dict[str, float]:
    title = "" if kwargs.get("rejected") else TITLE
    classes = loss_classes(DUMP, title, "\n".join(body), GOLD, **kwargs)  # type: ignore[arg-type]
    f1 = shingle_prf(f"{title}\n" + "\n".join(body), GOLD)[2]
    # the classes add up to the loss, exactly
    assert sum(classes.values()) == pytest.approx(1 - f1)
    return classes


def test_a_cut_end_and_a_teaser_kept_are_tail_and_after() -> None:
    classes = check([*PARAS[:3], TEASER])
    # (the 4-grams across the third paragraph and the teaser: a join the dump does not have)
    assert set(classes) == {"missed tail", "kept after", "joined lines"}
    assert classes["missed tail"] > 0.05 and classes["kept after"] > 0.05


def test_a_dropped_middle_paragraph_is_a_hole() -> None:
    assert set(check([PARAS[0], PARAS[1], PARAS[3]])) == {"hole", "joined lines"}


def test_right_answer_loses_nothing_and_a_wrong_block_loses_all() -> None:
    assert check(PARAS) == {}
    assert set(check([TEASER])) == {"wrong region"}
    assert check([], rejected=True) == {"rejected": pytest.approx(1.0)}


def test_gold_text_the_page_never_shows_is_the_golds_own() -> None:
    gold = GOLD + "\nA closing line that the page does not print anywhere at all."
    classes = loss_classes(DUMP, TITLE, "\n".join(PARAS), gold)
    assert set(classes) == {"gold not in dump"}


def test_site_weighting_counts_each_site_once() -> None:
    rows = [("a.example", 1.0, {}), ("a.example", 0.5, {"hole": 0.5}),
            ("b.example", 0.0, {"rejected": 1.0})]
    f1, points = site_weighted(rows)
    assert f1 == pytest.approx((0.75 + 0.0) / 2)
    assert points == {"hole": pytest.approx(100 * 0.25 / 2), "rejected": pytest.approx(50.0)}
