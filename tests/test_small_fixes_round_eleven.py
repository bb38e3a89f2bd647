"""Small fixes, round eleven (thirty-second session, helper SX): the leftovers of NW's and
N10's walks (docs/robustness.md). Every example is made up."""

from __future__ import annotations

import json
from email.message import EmailMessage
from functools import cache
from pathlib import Path

import pytest

from parallax.pipeline import Pipeline
from parallax.records import RawDocument
from parallax.settings import Config


@cache
def _pipeline() -> Pipeline:
    return Pipeline.from_config(Config())


def _entities(text: str) -> set[tuple[str, str]]:
    doc = RawDocument(uri="note.txt", kind="text", text=text, fetched_at="", sha256=text[:40],
                      input="note.txt", metadata={})
    (page,) = _pipeline().process_many([doc])
    return {(e.text, e.type) for e in page.articles[0].entities}


def _ferry_note(person: str, surname: str) -> str:
    return ("Ferry cut angers islanders\n\nThe harbour council of Dunmere voted on Tuesday to "
            f"cut the night ferry to the outer islands. {person} said the decision would leave "
            f"families without a way home in winter. {surname} added that the vote was "
            "rushed.\n")


@pytest.mark.parametrize("job", ["Gardener", "Nurse", "Farmer"])
def test_a_job_before_a_name_is_no_part_of_the_person(job: str) -> None:
    # "Gardener Tomas Brannock said …" was the entity "Gardener Tomas Brannock" typed ORG:
    # a person listed as a body, with the job in the name
    found = _entities(_ferry_note(f"{job} Tomas Brannock", "Brannock"))
    assert ("Tomas Brannock", "PERSON") in found, found
    assert not any(job in name for name, _ in found), found


@pytest.mark.parametrize("given", ["Baker", "Mason", "Carter", "Porter"])
def test_a_given_name_that_is_also_a_job_stays_in_the_name(given: str) -> None:
    # the same words as a person's own given name or surname are kept
    found = _entities(_ferry_note(f"{given} Tomas Brannock", "Brannock"))
    assert any(name.startswith(given) for name, _ in found), found
    found = _entities(_ferry_note(f"Tomas {given}", given))
    assert (f"Tomas {given}", "PERSON") in found, found


def test_a_two_thousand_letter_title_is_no_entity() -> None:
    # a dump's one-word title of 2,000 letters was an entity typed ORG, a row of its own
    found = _entities(_ferry_note("Tomas Brannock", "Brannock").replace(
        "Ferry cut angers islanders", "Quay" * 500))
    assert ("Tomas Brannock", "PERSON") in found, found
    assert all(len(name) <= 200 for name, _ in found), [n[:20] for n, _ in found]


def test_a_find_longer_than_any_name_gives_way() -> None:
    from parallax.enrich.mention_links import drop_overlaps
    from parallax.records import Mention

    def mention(text: str, start: int = 0) -> Mention:
        return Mention(text, start, start + len(text), "ORG", text)

    word = "Q" + "x" * 89  # 90 letters: as long as the longest real place names allow
    kept = drop_overlaps([mention(word), mention("Alma Reyes", 100)])
    assert [m.text for m in kept] == [word, "Alma Reyes"]
    long_name = " ".join(["Harbour"] * 25) + "s"
    assert len(long_name) == 200
    assert [m.text for m in drop_overlaps([mention(long_name)])] == [long_name]
    # one letter more, in a word or in the name: no name, and the name inside it is kept
    for text in (word + "x", long_name + "s"):
        inner = mention("Alma Reyes", 10)
        assert [m.text for m in drop_overlaps([mention(text), inner])] == ["Alma Reyes"]


_BODY = ("The harbour board said on Tuesday that the night ferry to the outer islands will stop "
         "running in March after its operator lost the winter contract. ")


def _letter(tmp_path: Path, sender: str, site: str) -> Path:
    message = EmailMessage()
    message["From"], message["Subject"] = sender, "Ferry"
    links = "".join(f'<p><a href="https://www.{site}/news/{k}">More</a></p>' for k in range(3))
    message.set_content(_BODY * 4)
    message.add_alternative("<html><body><h1>Night ferry to stop</h1>"
                            + "".join(f"<p>{_BODY}Part {k}.</p>" for k in range(4)) + links
                            + "</body></html>", subtype="html")
    path = tmp_path / "letter.eml"
    path.write_bytes(bytes(message))
    return path


def _record(tmp_path: Path, outlets: list[tuple[str, str]]) -> Path:
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps({
        "url": f"https://www.{site}/news/ferry-{k}", "outlet": outlet,
        "title": f"Island ferry report {k}", "text": f"{_BODY}Report {k} of {outlet}. " * 3,
    }) + "\n" for k, (outlet, site) in enumerate(outlets)), encoding="utf-8")
    return path


def _letter_outlet(paths: list[Path]) -> str | None:
    """The newsletter's outlet once the run's pages (in this order) went through the run's
    outlets, as ``extract``, ``analyze`` and ``ingest`` put them."""
    from parallax.ingest import read_inputs
    from parallax.ingest.outlets import RunOutlets

    outlets = RunOutlets([])
    pipeline = Pipeline.from_config(Config(), analyse=False)
    pages = [page for item in read_inputs([str(p) for p in paths], Config())
             for page in outlets.feed(pipeline.process(item))] + outlets.drain()
    (letter,) = [p for p in pages if p.input.endswith(".eml")]
    return next(a.outlet for a in letter.articles if a.role == "main")


@pytest.mark.parametrize("letter_first", [False, True])
def test_a_senders_short_name_is_the_outlet_its_sites_pages_name(tmp_path: Path,
                                                                  letter_first: bool) -> None:
    # "Times <news@nytimes…>" (made-up site here) was no outlet: the name is no spelling of
    # the site's name; the run's pages from that site name its outlet, and "Times" is a word
    letter = _letter(tmp_path, "Times <news@dunmeretimes.example>", "dunmeretimes.example")
    pages = _record(tmp_path, [("The Dunmere Times", "dunmeretimes.example")])
    assert _letter_outlet([letter, pages] if letter_first else [pages, letter]) \
        == "The Dunmere Times"


@pytest.mark.parametrize(("sender", "site", "outlets"), [
    # a first name inside the site's name: no word of its outlet's name
    ("Mark <mark@markethaven.example>", "markethaven.example",
     [("MarketHaven", "markethaven.example")]),
    # an outlet of that name, but at another site
    ("Times <news@dunmeretimes.example>", "dunmeretimes.example",
     [("The Times", "thetimes.example")]),
    # two outlets at the site: which one the letter is, is unknown
    ("Times <news@dunmeretimes.example>", "dunmeretimes.example",
     [("The Dunmere Times", "dunmeretimes.example"), ("Times Travel", "dunmeretimes.example")]),
    # no page of the site in the run
    ("Times <news@dunmeretimes.example>", "dunmeretimes.example", []),
])
def test_a_senders_short_name_stays_no_outlet_where_the_site_does_not_say(
        tmp_path: Path, sender: str, site: str, outlets: list[tuple[str, str]]) -> None:
    paths = [_letter(tmp_path, sender, site)]
    if outlets:
        paths.append(_record(tmp_path, outlets))
    assert _letter_outlet(paths) is None
