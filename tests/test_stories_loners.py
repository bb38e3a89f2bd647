"""A partial report left alone by average link joins the story whose own rare names and figures
it shares (``parallax.stories.loners``); marks carried outside the story, a lone sharer, or a
finished story's marks in a new report of a stream leave it alone. All text made up."""

from __future__ import annotations

from collections import Counter

import pytest

from parallax.settings import Config
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.marks import RARE_DF, MarkVocabulary, name_mark
from parallax.stories.profile import ArticleProfile
from test_stories_marks import _profile

CAST = {"kaldo": 2, "merin": 2}
CAST_MARKS = {name_mark("Kaldora"): 1, name_mark("Merrinland"): 1}
#: the event's own marks: the operator's name and the number of trains cancelled
OWN = {name_mark("Ferrovia"): 1, "#3600": 1}
FALCON = name_mark("Graufalke")  # the group named by the fuller reports only


def _attack(sharers: int = 2) -> list[ArticleProfile]:
    """Four undated reports of an attack on a rail operator (en, en, ru, de), the first
    ``sharers`` of them naming the operator and the figure."""
    vectors = ([1, 0, 0, 0], [1, 0.1, 0, 0], [1, -0.1, 0, 0], [1, 0, 0.1, 0])
    return [_profile(f"a{i + 1}", language, {**CAST, "grau": 1},
                     {**CAST_MARKS, FALCON: 1, **(OWN if i < sharers else {})}, vector, None)
            for i, (language, vector) in enumerate(zip(("en", "en", "ru", "de"), vectors,
                                                       strict=True))]


def _outage() -> ArticleProfile:
    """The partial report: the network down, before anyone named the attack; close to the
    others by meaning only in part (rescaled cosine under the bar for most members)."""
    c = 0.2
    return _profile("p", "de", {"ferro": 2, "merin": 1},
                    {**OWN, name_mark("Merrinland"): 1, name_mark("Stellwerk"): 1},
                    [c, 0, 0, (1 - c * c) ** 0.5], None)


def _others(extra: dict[str, int] | None = None) -> list[ArticleProfile]:
    """Unrelated stories that name the cast (and, with ``extra``, more marks: the German one)."""
    return [_profile(f"x{i}", ("en", "de", "ru")[i % 3], {f"k{i}": 2, "kaldo": 1},
                     {f"m{i}": 1, **CAST_MARKS, **(extra or {} if i == 1 else {})},
                     [0, 0, 1, 0, i], None) for i in range(6)]


def _grouping(profiles: list[ArticleProfile]) -> dict[str, str]:
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    clusterer.assign_all(index, profiles)
    return index.story_of


def test_a_partial_report_joins_the_story_whose_own_marks_it_shares(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its average link to the grown story is under the bar (it names the outage, the others
    the attack and who did it), its single link to the two reports naming the operator and
    the figure passes it, and nothing outside the story carries those two marks."""
    profiles = [*_attack(), _outage(), *_others()]
    together = _grouping(profiles)
    assert together["p"] == together["a1"] == together["a4"]
    assert together["x0"] != together["a1"]
    monkeypatch.setattr(StoryIndex, "loner_rescue", False, raising=False)
    alone = _grouping(profiles)
    assert alone["p"] != alone["a1"] and alone["a1"] == alone["a4"]


@pytest.mark.parametrize("case", ["carried elsewhere", "one sharer"])
def test_marks_that_are_not_the_story_s_own_leave_the_loner_alone(case: str) -> None:
    """The operator also named by an unrelated report (a topic neighbour's mark, not the
    event's), or only one member sharing the marks: the loner stays alone."""
    if case == "carried elsewhere":
        profiles = [*_attack(), _outage(), *_others({name_mark("Ferrovia"): 1})]
    else:
        profiles = [*_attack(sharers=1), _outage(), *_others()]
    story_of = _grouping(profiles)
    assert story_of["p"] not in {story_of[a] for a in ("a1", "a2", "a3", "a4", "x1")}


def _streamed(runs: list[list[ArticleProfile]]) -> dict[str, str]:
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    for run in runs:
        clusterer.assign_run(index, run)
        index.changed.clear()
    return index.story_of


def test_a_stream_rescues_only_where_the_siblings_came_with_or_after_the_loner() -> None:
    """The outage stored first and the attack's reports in the next run: placed as in one
    batch. The attack's story finished in earlier runs and the outage arriving alone: it could
    be the next happening's first report naming this one, so it stays alone."""
    late_siblings = _streamed([[_outage(), *_others()], _attack()])
    assert late_siblings["p"] == late_siblings["a1"]
    late_loner = _streamed([[*_attack(), *_others()], [_outage()]])
    assert late_loner["p"] != late_loner["a1"]


def test_rare_marks_keep_their_carriers_and_common_ones_do_not() -> None:
    vocabulary = MarkVocabulary()
    marks = Counter({"brani": 1, "#5000": 2})
    for n in range(RARE_DF):
        vocabulary.count(marks, "en", f"d{n}")
    assert vocabulary.carriers("brani") == [f"d{n}" for n in range(RARE_DF)]
    vocabulary.count(marks, "de", "late")
    assert vocabulary.carriers("brani") == [] and vocabulary.df["brani"] == RARE_DF + 1
    vocabulary.count(Counter({"korde": 1}), "ru")  # counted without a document: no carriers
    assert vocabulary.carriers("korde") == [] and vocabulary.df["korde"] == 1
