"""Bugs found reviewing the nineteenth session's changes and the eighteenth's leftovers
(helper R); made-up input only."""

from __future__ import annotations

import json
from pathlib import Path

from parallax.ingest.sources import read_inputs
from parallax.records import Article, Mention, Published, RawDocument
from parallax.segment.htmlpage import segment_html
from parallax.settings import Config

_BODY = "".join(f"<p>Paragraph {i} of a made-up report says the harbour crane went back to "
                "work after months of repairs, and the port expects a busy season.</p>"
                for i in range(4))


def test_a_line_break_in_a_field_written_as_markup_ends_a_word() -> None:
    # a title or byline holding "<br>" (or blocks) read "Mira TalStaff writer": the words on
    # either side were glued, as no reader sees them
    page = ("<html><head><title>Crane returns<br>Port busy</title>"
            '<meta name="author" content="Mira Tal&lt;br&gt;Staff writer">'
            f"</head><body><article>{_BODY}</article></body></html>")
    segmented = segment_html(page)
    assert segmented.title == "Crane returns Port busy", segmented.title
    assert segmented.author == "Mira Tal Staff writer", segmented.author


def test_jsonl_names_read_markup_as_html_pages_do(tmp_path: Path) -> None:
    # the JSONL twin of ``markup_text`` kept entity-encoded markup as written (the outlet
    # shown as "&lt;b&gt;Coastal&lt;/b&gt; Wire") and glued words across a "<br>"
    record = {"title": "Crane returns", "text": "The harbour crane is back at work.",
              "outlet": "&lt;b&gt;Coastal&lt;/b&gt; Wire", "author": "Mira Tal<br>Staff writer"}
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [item] = list(read_inputs([str(export)], Config()))
    assert isinstance(item, RawDocument), item
    assert item.metadata["outlet"] == "Coastal Wire", item.metadata
    assert item.metadata["author"] == "Mira Tal Staff writer", item.metadata



def test_a_job_labels_each_address_by_itself_not_by_one_it_starts_with(tmp_path: Path) -> None:
    # outcomes were filed under the first input the address starts with: "…/a2" counted as
    # "…/a", so "done" lagged while the job ran, and a long address (labels keep 200
    # characters) was shown as the other's cut label plus its own ending: no address given
    from tests.ingest_jobs import settled

    from parallax.web.jobs import IngestJobs

    long = "http://127.0.0.1/" + "a" * 250
    urls = ["http://127.0.0.1/a", "http://127.0.0.1/a2", long, long + "b"]
    jobs = IngestJobs(str(tmp_path / "jobs.db"), Config())
    job = jobs.submit(urls=urls)
    assert settled(job).state == "done", job.error
    assert [o["input"] for o in job.outcomes] == [url[:200] for url in urls], job.outcomes
    assert job.started == set(urls), job.started


def _german_types(text: str) -> dict[str, str]:
    from parallax.enrich.ner import make_multilingual
    from parallax.enrich.sentences import split_sentences
    from parallax.records import Article, Published

    article = Article(id="a", role="main", title="", outlet=None, published=Published(),
                      text=text, language="de")
    article.sentences = split_sentences(text)
    make_multilingual(Config()).annotate(article)
    return {m.text: m.type for m in article.entities if m.type != "DATE"}


def test_a_surname_that_is_also_an_organisation_word_stays_a_person() -> None:
    # "Post", "Bank", "Rat" end organisations' names and are surnames too: a given name before
    # it, or the surname used again alone, makes a person (both were typed ORG)
    found = _german_types("Die Ökonomin Sabine Rat sagte am Montag, die Lage sei ernst.")
    assert found.get("Sabine Rat") == "PERSON", found
    found = _german_types("Der SPD-Politiker Jörn Post sagte am Montag, die Lage sei ernst. "
                          "Post betonte, man müsse sparen.")
    assert found.get("Jörn Post") == "PERSON", found
    # the word never alone: a paper's name, as before
    found = _german_types("Das berichtete Korvel Post am Montag. Laut Korvel Post ist das "
                          "falsch.")
    assert found.get("Korvel Post") == "ORG", found


def test_a_father_and_a_son_of_one_name_are_two_actors() -> None:
    # names of one surname whose first names fit were one actor when no article named both:
    # "Jr." and "III", or the middle initials "H. W." and "W.", say they are two people
    from parallax.compare.names import Actors

    def article(ident: str, name: str) -> Article:
        made = Article(id=ident, role="main", title="", outlet=None, published=Published(),
                       text=f"{name} spoke on Monday.", language="en")
        made.entities = [Mention(name, 0, len(name), "PERSON", name)]
        return made

    actors = Actors([article("a", "Walter Kress Jr."), article("b", "Walter Kress III"),
                     article("c", "George H. W. Palmer"), article("d", "George W. Palmer"),
                     article("e", "Charles E. Tilden"), article("f", "Chuck Tilden")])
    assert actors.of("Walter Kress Jr.") == {"Walter Kress Jr."}
    assert actors.of("George W. Palmer") == {"George W. Palmer"}
    assert actors.of("Chuck Tilden") == {"Chuck Tilden", "Charles E. Tilden"}  # one person


def test_two_people_one_article_names_both_are_two_key_entities() -> None:
    # the story keys' join of transliterated spellings (first letters of each word, words
    # of 3+ letters) made "Pak Sun Ho" and "Pak Sun Il" (a father and a son, made up) one
    # key entity, though every report names both
    from parallax.stories.keyentities import key_entities, named_of

    reports = []
    for n in range(3):
        text = f"Pak Sun Ho met envoys on day {n}. His late father Pak Sun Il founded the party."
        made = Article(id=f"r{n}", role="main", title="Pak Sun Ho meets envoys", outlet=f"O{n}",
                       published=Published(), text=text, language="en")
        made.entities = [Mention(name, text.index(name), text.index(name) + len(name),
                                 "PERSON", name) for name in ("Pak Sun Ho", "Pak Sun Il")]
        reports.append(named_of(made))
    assert sorted(key_entities(reports)) == ["Pak Sun Ho", "Pak Sun Il"]


def test_a_paragraph_opening_with_a_footer_links_words_stays_in_the_article() -> None:
    # c128632's footer links in more languages ("Regulamin", "Política de privacidad") cut any
    # line starting with them as footer, so an article's paragraph on a contest's rules or a
    # firm's privacy policy was dropped; the footer's own link line still is furniture
    from parallax.segment.textdump import segment_text

    paragraphs = [
        "Ministerstwo ogłosiło we wtorek zmiany w ogólnopolskim konkursie dla uczniów szkół "
        "podstawowych, które wejdą w życie od września.",
        "Regulamin konkursu przewiduje teraz, że uczniowie prześlą prace wyłącznie przez "
        "internet, co według rodziców utrudni udział dzieciom z mniejszych miejscowości.",
        "Przedstawiciele związków nauczycieli zapowiedzieli skargę do rzecznika praw dziecka "
        "jeszcze w tym miesiącu.",
        "Resort odpowiada, że zmiana pozwoli szybciej ogłaszać wyniki i obniży koszty "
        "organizacji konkursu."]
    dump = "\n\n".join(["Strona główna | Wiadomości | Sport | Kontakt",
                        "Nowe zasady konkursu budzą sprzeciw rodziców", *paragraphs,
                        "Regulamin | Polityka prywatności | Kontakt", "© 2026 Gazeta Kornstedt"])
    segmented = segment_text(dump)
    body = "\n".join(p for a in segmented.articles for p in a.paragraphs)
    assert paragraphs[1] in body, body
    assert "Regulamin | Polityka" not in body
