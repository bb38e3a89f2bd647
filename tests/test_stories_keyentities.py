"""A story's key entities are the event's actors, not where it was filed (nineteenth session,
helper K; made-up stories). Before, the header listed the names most of the story's articles
named at all: the dateline's city, the country the outlets write from, a lawmaker's state
from a party tag, the network that only hosted an interview, one actor in two spellings."""

from __future__ import annotations

import json
from collections import Counter

from parallax.records import Article, Mention, Published
from parallax.settings import Config
from parallax.stories.incremental import IncrementalClusterer
from parallax.stories.keyentities import key_entities, named_of
from parallax.stories.profile import ArticleProfile, profile_of
from parallax.stories.state import StoryState


def _article(aid: str, outlet: str, title: str, text: str,
             names: list[tuple[str, str, str]]) -> Article:
    """``names``: (surface, canonical, type) as the entity stage gave them, each surface found
    after the previous one's start (a repeated surface names a later mention)."""
    mentions, at = [], {}
    for surface, canonical, kind in names:
        start = text.index(surface, at.get(surface, 0))
        at[surface] = start + 1
        mentions.append(Mention(text=surface, start=start, end=start + len(surface), type=kind,
                                canonical=canonical))
    return Article(id=aid, role="main", title=title, outlet=outlet, text=text, language="en",
                   published=Published(iso="2026-03-01"), entities=mentions)


def _story() -> list[Article]:
    ledger = _article(
        "a1", "Morning Ledger", "Wendt blocks the harbour toll",
        "HARBORTON — Senator Charles P. Wendt (D-Ostm.) blocked the toll on Tuesday. The "
        "Ostmark Farmers Union had asked Wendt to act, and Wendt told Lantern TV he would. "
        "Dockers in Ostmark cheered.",
        [("HARBORTON", "Harborton", "GPE"), ("Charles P. Wendt", "Charles P. Wendt", "PERSON"),
         ("Ostm.", "Ostm.", "GPE"), ("Ostmark Farmers Union", "Ostmark Farmers Union", "ORG"),
         ("Wendt", "Charles P. Wendt", "PERSON"), ("Wendt", "Charles P. Wendt", "PERSON"),
         ("Lantern TV", "Lantern TV", "ORG"), ("Ostmark", "Ostmark", "GPE")])
    star = _article(
        "a2", "Evening Star", "Senator stops toll plan",
        "HARBORTON — Chuck Wendt, D-Ostm., stopped the toll plan, the OFU said. Wendt spoke "
        "to Lantern TV in Ostmark. Harbor Council Chairman Lena Korr was not pleased.",
        [("HARBORTON", "Harborton", "GPE"), ("Chuck Wendt", "Chuck Wendt", "PERSON"),
         ("Ostm.", "Ostm.", "GPE"), ("OFU", "OFU", "ORG"), ("Wendt", "Chuck Wendt", "PERSON"),
         ("Lantern TV", "Lantern TV", "ORG"), ("Ostmark", "Ostmark", "GPE"),
         ("Harbor Council", "Harbor Council", "ORG"), ("Lena Korr", "Lena Korr", "PERSON")])
    return [ledger, star]


def test_setting_tags_media_and_spellings_leave_the_actors() -> None:
    shown = key_entities([named_of(a) for a in _story()])
    # one actor in two spellings is one entry, under its most used spelling
    assert shown[0] == "Charles P. Wendt" and "Chuck Wendt" not in shown
    # the union (spelled out and by initials) is an actor both reports name
    assert shown.count("Ostmark Farmers Union") + shown.count("OFU") == 1
    # dateline city, a state of a party tag, a place named in passing, the network that
    # hosted the interview, a council that only titles a person named once
    assert not {"Harborton", "Ostm.", "Ostmark", "Lantern TV", "Harbor Council",
                "Lena Korr"} & set(shown)


def test_a_place_a_title_names_is_a_subject() -> None:
    suit = [_article(f"a{k}", outlet, f"Ostmark sues Westmark over {what}",
                     "Ostmark filed suit against Westmark on Monday. Ostmark says the dam "
                     "harms Ostmark farms, Westmark disagrees.",
                     [("Ostmark", "Ostmark", "GPE"), ("Westmark", "Westmark", "GPE"),
                      ("Ostmark", "Ostmark", "GPE"), ("Ostmark", "Ostmark", "GPE"),
                      ("Westmark", "Westmark", "GPE")])
            for k, (outlet, what) in enumerate((("Ledger", "dam"), ("Star", "river dam")))]
    assert key_entities([named_of(a) for a in suit]) == ["Ostmark", "Westmark"]


def test_named_of_counts_mentions_outside_datelines_and_tags() -> None:
    named = named_of(_story()[0])
    assert named["Harborton"] == ("GPE", 0, 0)  # named, but only as where it was filed
    assert named["Ostm."] == ("GPE", 0, 0)
    assert named["Charles P. Wendt"] == ("PERSON", 3, 1)  # the title names him


def test_a_place_one_headline_names_counts_in_every_report() -> None:
    """A headline in another language or without the place does not make it setting."""
    a = _article("a1", "Ledger", "Ostmark pledges aid after the flood",
                 "Ostmark will pay for the levees, Lena Korr said.",
                 [("Ostmark", "Ostmark", "GPE"), ("Lena Korr", "Lena Korr", "PERSON")])
    b = _article("b1", "Kurier", "Hilfe für die Flutopfer",
                 "Lena Korr sagte, Ostmark zahle für die Deiche in Harborton.",
                 [("Lena Korr", "Lena Korr", "PERSON"), ("Ostmark", "Ostmark", "GPE"),
                  ("Harborton", "Harborton", "GPE")])
    assert sorted(key_entities([named_of(a), named_of(b)])) == ["Lena Korr", "Ostmark"]


def test_a_transliterated_spelling_is_the_same_actor() -> None:
    a = _article("a1", "Ledger", "Talks at the Brannick station",
                 "Vera Kastelic of Kaldgaz met Brannick staff.",
                 [("Vera Kastelic", "Vera Kastelic", "PERSON"), ("Kaldgaz", "Kaldgaz", "ORG"),
                  ("Brannick", "Brannick", "ORG")])
    b = _article("b1", "Vestnik", "Brannik: talks", "Vera Kastelic and Brannik workers met.",
                 [("Vera Kastelic", "Vera Kastelic", "PERSON"), ("Brannik", "Brannik", "ORG")])
    c = _article("c1", "Bereg", "Brannik again", "Brannik and Kaldgaz talked.",
                 [("Brannik", "Brannik", "ORG"), ("Kaldgaz", "Kaldgaz", "ORG")])
    shown = key_entities([named_of(x) for x in (a, b, c)])
    assert shown.count("Brannik") + shown.count("Brannick") == 1
    assert shown[0] == "Brannik"  # named by all three reports


def test_story_header_ranks_the_actors() -> None:
    """Through the clusterer's story record, as ``parallax stories`` shows it."""
    profiles = {a.id: profile_of(a) for a in _story()}
    index = type("Index", (), {"profiles": profiles, "unit_keys": {}})()
    state = StoryState(id="s1", order=0, mains=list(profiles))
    story = IncrementalClusterer(Config()).story(index, state)  # type: ignore[arg-type]
    assert story.key_entities[0] == "Charles P. Wendt"
    assert "Harborton" not in story.key_entities and "Lantern TV" not in story.key_entities


def test_profiles_stored_before_the_types_still_rank() -> None:
    """A store written before profiles kept the types: its names count as they did."""
    old = ArticleProfile.from_json("a1", {"entities": {"Ilse Varga": 2, "Port Mirel": 1}})
    assert old.named is None
    again = ArticleProfile.from_json("a1", old.to_json())
    assert again.named is None
    assert key_entities([None], [Counter({"Ilse Varga": 2, "Port Mirel": 1})]) == [
        "Ilse Varga", "Port Mirel"]


def test_stored_profiles_keep_the_types() -> None:
    """The next ingest run ranks a story from the stored profiles, not the articles."""
    stored = json.loads(json.dumps(profile_of(_story()[0]).to_json()))
    again = ArticleProfile.from_json("a1", stored)
    assert again.named == named_of(_story()[0])


def test_a_person_and_a_place_of_one_key_stay_apart() -> None:
    """Two reports name a man by his first name alone, two others the country: the story
    keys' first letters ("Georg") and about the same length are no reason to join a person
    and a place (twentieth session; before, one entry stood for both)."""
    reports = [
        _article(f"p{k}", f"Outlet {k}", "Ostmark talks go on",
                 "George said Ostmark would sign. George left at noon.",
                 [("George", "George", "PERSON"), ("Ostmark", "Ostmark", "GPE"),
                  ("George", "George", "PERSON")])
        for k in (1, 2)]
    reports += [
        _article(f"g{k}", f"Outlet {k + 2}", "Georgia and Ostmark sign",
                 "Georgia signed with Ostmark. Georgia pays first.",
                 [("Georgia", "Georgia", "GPE"), ("Ostmark", "Ostmark", "GPE"),
                  ("Georgia", "Georgia", "GPE")])
        for k in (1, 2)]
    shown = key_entities([named_of(a) for a in reports])
    assert "George" in shown and "Georgia" in shown


def test_a_name_and_its_feminine_form_are_two_people() -> None:
    """"Daniel Ash" in two reports and "Daniela Ash" in two others (made up) are two people
    of one family, though their story keys and lengths agree."""
    reports = [
        _article(f"d{k}", f"Outlet {k}", "Harbor toll falls", f"{who} spoke at the harbor.",
                 [(who, who, "PERSON")])
        for k, who in enumerate(("Daniel Ash", "Daniel Ash", "Daniela Ash", "Daniela Ash"))]
    shown = key_entities([named_of(a) for a in reports])
    assert "Daniel Ash" in shown and "Daniela Ash" in shown


def test_a_medium_without_a_medium_word_and_a_platform_typed_a_person_are_no_actors() -> None:
    """"Harbor Lights magazine" (made up) names a medium though "Harbor Lights" holds no
    medium word, and the entity stage types "Twitter" a person: both only report or host
    what the actors said, so they count only where a headline names them."""
    reports = [
        _article(f"m{k}", f"Outlet {k}", "Wendt blocks the toll",
                 "Wendt blocked the toll, Harbor Lights magazine estimated. Wendt said on "
                 "Twitter that Harbor Lights was right. Korr agreed with Wendt.",
                 [("Wendt", "Charles Wendt", "PERSON"), ("Harbor Lights", "Harbor Lights", "ORG"),
                  ("Wendt", "Charles Wendt", "PERSON"), ("Twitter", "Twitter", "PERSON"),
                  ("Harbor Lights", "Harbor Lights", "ORG"), ("Korr", "Lena Korr", "PERSON")])
        for k in (1, 2)]
    shown = key_entities([named_of(a) for a in reports])
    assert shown[0] == "Charles Wendt" and "Lena Korr" in shown
    assert "Harbor Lights" not in shown and "Twitter" not in shown
