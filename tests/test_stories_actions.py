"""Event actions (``stories.actions``): two events of one cast that name two stages of one
process stay apart, undated or in one week. All text here is made up."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from parallax.settings import Config
from parallax.stories.actions import action_stages, stages_clash
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.index import StoryIndex
from parallax.stories.profile import ArticleProfile


def test_the_latest_stage_named_is_the_articles() -> None:
    # an appeal report names the sentence it upholds; the sentencing report the plea before it
    assert action_stages("Appeals court upholds Dalbor's fraud sentence",
                         "The sentence of five years handed to the former mayor", "en") == {
        "court": "appeal"}
    assert action_stages("Dalbor sentenced to five years",
                         "The former mayor, who pleaded guilty in May, was", "en") == {
        "court": "verdict"}
    assert action_stages("Senate passes the harbour bill", "The governor vetoed it on Friday",
                         "en") == {"bill": "veto"}
    # talk about a case names no stage, nor a "won't"; unread languages name none
    assert action_stages("The senator won't condemn the remarks", "", "en") == {}
    assert action_stages("What the Dalbor affair tells us", "An investigation that", "en") == {}
    assert action_stages("Dalbor odwołanie oddalone", "Sąd apelacyjny", "pl") == {}


def test_german_and_russian_name_the_same_stages() -> None:
    """The stage names are one vocabulary, so a German appeal and a Russian verdict compare
    with English ones; inflected forms match by their stems."""
    assert action_stages("Berufung abgelehnt: Dalbor bleibt in Haft", "Das Gericht", "de") == {
        "court": "appeal"}
    assert action_stages("Ex-Bürgermeister Dalbor zu fünf Jahren Haft verurteilt",
                         "Das Landgericht Kessing sprach den früheren", "de") == {
        "court": "verdict"}
    assert action_stages("Бывший мэр Кессинга Далбор осуждён на пять лет",
                         "Суд вынес приговор по делу о мошенничестве", "ru") == {
        "court": "verdict"}
    assert action_stages("Апелляционный суд оставил приговор Далбору в силе", "", "ru") == {
        "court": "appeal"}
    assert action_stages("Министр Ранек подал в отставку", "", "ru") == {"office": "resign"}
    assert action_stages("Kanzlerin entlässt Innenminister Ranek", "", "de") == {
        "office": "fire"}


def test_words_that_name_something_else_name_no_stage() -> None:
    """Stems held to the frame that makes them the act: an appointment is no appeal, a release
    from prison no firing, a condemnation no verdict, a delay no arrest, a war's victory no
    election result."""
    assert action_stages("Berufung zum Staatssekretär für Ranek", "", "de") == {}
    assert action_stages("Reporter aus der Haft entlassen", "", "de") == {}
    assert action_stages("Russland gewinnt den Handelsstreit", "", "de") == {}
    assert action_stages("МИД выразил осуждение обстрела", "", "ru") == {}
    assert action_stages("Задержка рейсов в Кессинге", "", "ru") == {}
    assert action_stages("Накануне Дня Победы в Кессинге", "", "ru") == {}
    assert action_stages("Правительство назначило выборы на март", "", "ru") == {}


def test_stories_clash_only_on_disjoint_stages_of_one_family() -> None:
    verdict = {"court": Counter({"verdict": 2})}
    appeal = {"court": Counter({"appeal": 1})}
    assert stages_clash(verdict, appeal)
    assert not stages_clash(verdict, {"court": Counter({"verdict": 1, "appeal": 1})})
    assert not stages_clash(verdict, {"bill": Counter({"veto": 1})})  # two processes


def _article(aid: str, title: str, lead: str, vector: list[float],
             language: str = "en") -> ArticleProfile:
    v = np.asarray(vector + [0.0] * (512 - len(vector)), dtype=np.float32)
    cast = {"dalbo": 2, "kessi": 1, "court": 1}  # one cast: the mayor, his town, the court
    terms = {"dalbor": 2, "court": 2, "fraud": 2, "#5": 1, "years": 1, "mayor": 1, "kessin": 1}
    return ArticleProfile(id=aid, outlet="O" + aid, language=language, title=title, lead=lead,
                          keys=Counter(cast), terms=Counter(terms), vector=v / np.linalg.norm(v))


def _story_of(articles: list[ArticleProfile]) -> dict[str, str]:
    """Each article's story after one batch of ``articles`` (dated or not) and six unrelated
    undated ones (enough articles for the index's document frequencies to weigh the shared
    terms)."""
    others = [_article(f"x{i}", f"Other news {i}", "", [0, 0, 1, i]) for i in range(6)]
    for i, p in enumerate(others):
        p.keys, p.terms = Counter({f"k{i}": 2}), Counter({f"t{i}": 2})
    clusterer = IncrementalClusterer(Config())
    index = clusterer.new_index()
    clusterer.assign_all(index, [*articles, *others])
    return index.story_of


def _grouping() -> tuple[bool, bool, bool]:
    s = _story_of([
        _article("a", "Court jails former Kessing mayor Dalbor for fraud",
                 "A district court sentenced Ivo Dalbor to five years on", [1, 0.3, 0, 0, 0.2]),
        _article("b", "Dalbor sentenced to five years over town-hall fraud",
                 "The former mayor of Kessing was sentenced on Tuesday", [1, 0.3, 0, 0, -0.2]),
        _article("c", "Appeals court upholds Dalbor fraud sentence",
                 "An appeals court upheld the five-year sentence of", [1, 0.1, 0, 0.2]),
        _article("d", "Dalbor loses appeal as court upholds five-year term",
                 "The former mayor of Kessing lost his appeal on", [1, 0.1, 0, -0.2])])
    return s["a"] == s["b"], s["c"] == s["d"], s["a"] == s["c"]


def test_a_verdict_and_its_appeal_stay_apart_without_dates() -> None:
    """Undated, one cast, the same court, figures and terms: names, meaning and terms link the
    verdict and the appeal above the bar, as they do one event's coverage. The act (sentenced
    against upheld on appeal) keeps the two events apart; without the veto they merge."""
    assert _grouping() == (True, True, False)
    try:
        StoryIndex.action_veto = False
        assert _grouping() == (True, True, True)
    finally:
        StoryIndex.action_veto = True


def test_a_report_in_another_language_is_vetoed_by_its_stage() -> None:
    """Undated, a German and a Russian appeal report link to the English verdict's story
    through names, meaning and marks; they name the appeal, so the link is refused as the
    English appeal's is. A German report that names no stage decides as before the veto."""
    index = IncrementalClusterer(Config()).new_index()
    verdict, german, russian, plain, appeal = (index.stories[index.assign(p)] for p in (
        _article("a", "Court jails former Kessing mayor Dalbor for fraud",
                 "A district court sentenced Ivo Dalbor to five years on", [1, 0.3]),
        _article("g", "Berufung abgelehnt: Dalbor bleibt in Haft", "Das Berufungsgericht",
                 [1, 0.3], language="de"),
        _article("r", "Апелляционный суд оставил приговор Далбору в силе", "Суд",
                 [1, 0.3], language="ru"),
        _article("p", "Der Fall Dalbor und die Stadt Kessing", "Ein Rückblick auf", [1, 0.3],
                 language="de"),
        _article("c", "Appeals court upholds Dalbor fraud sentence",
                 "An appeals court upheld the five-year sentence of", [1, 0.3])))
    assert german.stages == russian.stages == appeal.stages == {"court": Counter({"appeal": 1})}
    assert not plain.stages
    others = (german, russian, appeal)
    with_veto = [index.story_link(verdict, s) for s in others]
    unread = index.story_link(verdict, plain)
    try:
        StoryIndex.action_veto = False
        without = [index.story_link(verdict, s) for s in others]
        assert index.story_link(verdict, plain) == unread
    finally:
        StoryIndex.action_veto = True
    for vetoed, free in zip(with_veto, without, strict=True):
        assert vetoed < index.threshold <= free


def _week(veto: bool = True) -> dict[str, str]:
    """One cast in one week, dated: a primary's upset (Tuesday, Wednesday) and the race for the
    post it opened (Friday, Saturday). The cast, the terms and the meaning are shared as much as
    one event's coverage shares them, and the dates are within the window."""
    week = [
        _article("a", "Kessing mayor Dalbor defeated in primary upset",
                 "Ivo Dalbor lost the party primary to a newcomer on", [1, 0.3, 0, 0, 0.2]),
        _article("b", "Dalbor loses primary, ending his run as party leader",
                 "The mayor of Kessing conceded late on Tuesday after", [1, 0.3, 0, 0, -0.2]),
        _article("c", "Councillor Morrin enters the race to succeed Dalbor",
                 "Morrin launched a bid for the party's leadership in Kessing", [1, 0.1, 0, 0.2]),
        _article("d", "Morrin launches bid for Dalbor's party post",
                 "A Kessing councillor said he will run for the leadership", [1, 0.1, 0, -0.2])]
    for p, day in zip(week, (date(2031, 6, 10), date(2031, 6, 11), date(2031, 6, 13),
                             date(2031, 6, 14)), strict=True):
        p.day = day
    try:
        StoryIndex.action_veto = veto
        return _story_of(week)
    finally:
        StoryIndex.action_veto = True


def test_two_acts_of_one_week_stay_apart_with_dates() -> None:
    """Dated, the window and the date evidence say only "same week": the defeat and the race
    it opened join online (the race's reports score the defeat's story above the join bar) and
    consolidation merges what is left. The veto is asked online and of dated links as well,
    so the two events stay apart; each keeps its own coverage, and without the veto they
    merge."""
    assert action_stages("Councillor Morrin enters the race to succeed Dalbor", "", "en") == {
        "election": "run"}
    s = _week()
    assert s["a"] == s["b"] and s["c"] == s["d"] and s["a"] != s["c"]
    s = _week(veto=False)
    assert s["a"] == s["b"] == s["c"] == s["d"]


def test_a_stage_word_that_reports_no_act_names_no_stage() -> None:
    """On real headlines about half the English reads were no act of the article's event: a
    negation, a hypothetical or a call for the act, another event told as background, a
    question, or another sense of the word (a sports win, a touchdown pass, a gunman firing,
    yard signs, a clinical trial, a grammatical sentence). None of them names a stage now."""
    for title, lead in (
            ("Harbour minister Ranek refuses to resign", ""),
            ("Prosecutor: no more charges in the Dalbor case", ""),
            ("Councillors call on Mayor Ranek to resign", ""),
            ("Ranek could lose the Kessing mayoral election", ""),
            ("What happens if the harbour bill passes", ""),
            ("Who won the Kessing summit?", ""),
            ("Kessing Rovers win the cup final", "A late goal gave the Rovers victory over"),
            ("Quarterback Morrin throws four touchdown passes", ""),
            ("Kessing's first harbour pilot has passed away", ""),
            ("Yard signs line the streets of Kessing", ""),
            ("A gunman started firing into the crowd", ""),
            ("Clinical trial of the Kessing vaccine begins", ""),
            ("Grand jury report on the Kessing diocese released", ""),
            ("Why one sentence in the mayor's letter matters", ""),
            ("Shipping firm wins $20 million harbour contract", ""),
            ("Mayor fired back at critics on Friday", "")):
        assert action_stages(title, lead, "en") == {}, title
    # the act of another event, told as background, gives way to the article's own
    assert action_stages("After being pardoned, Dalbor runs for council again", "", "en") == {
        "election": "run"}
    assert action_stages("Governor voices sympathy for jailed Kessing clerk as her mother "
                         "asks for a pardon", "The prison sentence given to the clerk", "en") == {
        "court": "verdict"}


def test_the_acts_themselves_are_still_read() -> None:
    """The guards keep the plain reports: a vote won, a bill passed or signed, a firing, a
    resignation, charges filed."""
    assert action_stages("Challenger's stunning victory over House Majority Leader Dalbor",
                         "", "en") == {"election": "result"}
    assert action_stages("Ranek wins the Kessing mayoral race", "", "en") == {
        "election": "result"}
    assert action_stages("Senate passes the harbour bill", "", "en") == {"bill": "pass"}
    assert action_stages("On Tuesday May 3 the Senate passed the harbour bill", "", "en") == {
        "bill": "pass"}
    assert action_stages("Governor signs harbour bill", "", "en") == {"bill": "sign"}
    assert action_stages("Kessing police department fires officer who shot a neighbour", "",
                         "en") == {"office": "fire"}
    assert action_stages("Dalbor faces new charges over town-hall fraud", "", "en") == {
        "court": "charge"}
    assert action_stages("Kessing mayor will step down in the spring", "", "en") == {
        "office": "resign"}
    assert action_stages("Anger over the mayor's firings of two harbour officials", "",
                         "en") == {"office": "fire"}


def test_one_resignation_stays_one_story_when_a_lead_says_firing_was_due() -> None:
    """One act told twice: a resignation, and a report that adds that critics wanted a firing.
    Read as named, the second report's latest stage was "fire", its story clashed with the
    resignation's and the one event split in two; the wish is no act, so both name the
    resignation and stay together."""
    story_of = _story_of([
        _article("a", "Kessing mayor Dalbor resigns over town-hall fraud",
                 "Ivo Dalbor stepped down on Monday as the fraud case", [1, 0.3, 0, 0, 0.2]),
        _article("b", "Dalbor resigns as Kessing mayor",
                 "Council members said he should have been fired months ago",
                 [1, 0.3, 0, 0, -0.2])])
    assert story_of["a"] == story_of["b"]
