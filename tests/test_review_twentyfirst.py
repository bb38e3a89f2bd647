"""Bugs found reviewing the twenty-first session's changes and the twentieth's leftovers
(helper R); made-up input only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.segment.patterns import boilerplate_kind
from parallax.segment.textdump import segment_text

_BODY = ("The ferry company of Port Ellery added two evening sailings on Monday after crews "
         "ended their strike, the harbour office said. Passengers had waited for hours on the "
         "quay since Friday, and the town council asked the company for a timetable it keeps. ")


def _outlets_of_a_run(tmp_path: Path, outlets: list[str]) -> list[str]:
    from parallax.cli import app

    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"title": f"Sailings {i}", "outlet": outlet,
                                        "text": _BODY + f"Report {i}."}) + "\n"
                            for i, outlet in enumerate(outlets)), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return [a["outlet"] for line in result.stdout.splitlines()
            for a in json.loads(line)["articles"]]


def test_a_name_of_markup_without_words_is_none_and_the_file_is_read(tmp_path: Path) -> None:
    # 4028f7a joined the words of markup_text's answer, which is None for markup without words:
    # one record's outlet "<b></b>" made the whole JSONL file unreadable (E099, no article)
    from parallax.cli import app

    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps({"title": f"Sailings {i}", "outlet": outlet,
                                        "author": author, "text": _BODY + f"Report {i}."}) + "\n"
                            for i, (outlet, author) in enumerate(
                                [("<b></b>", "<script>Mira Tal</script>"),
                                 ("Coast\n Post", "  ")])), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    articles = [a for line in result.stdout.splitlines() for a in json.loads(line)["articles"]]
    assert [(a["outlet"], a["author"]) for a in articles] == [(None, None), ("Coast Post", None)]


def test_an_outlets_own_name_is_respelt_only_as_the_same_name(tmp_path: Path) -> None:
    # 498d496 respelt an article's own outlet as the first outlet of the hints' key, which
    # drops a leading article and a domain ending: a Montreal paper's "La Presse" was shown as
    # an earlier record's Vienna "Die Presse", "The Tribune" as "La Tribune"
    outlets = ["Die Presse", "La Presse", "La Tribune", "The Tribune", "post.example",
               "The Post", "COAST POST", "coast  post", "www.quill.example", "Quill.Example",
               "📰", "🗞️"]
    assert _outlets_of_a_run(tmp_path, outlets) == [
        "Die Presse", "La Presse", "La Tribune", "The Tribune", "post.example", "The Post",
        "COAST POST", "COAST POST", "www.quill.example", "www.quill.example", "📰", "🗞️"]


_COUNCIL = {"en": [
    "The city council of Lindenfeld met on Tuesday evening to debate a proposal that would add "
    "forty new cameras to the downtown area, a plan the mayor has backed since the spring.",
    "Supporters said the cameras would help police respond faster to break-ins along the river "
    "market, where shop owners have reported a rise in thefts this year.",
    "Privacy: Critics on the council said the plan lacked clear limits on how long footage "
    "would be kept and who could see it, and asked for an independent review first.",
    "The council is expected to vote on the measure at its next session in March."], "de": [
    "Der Stadtrat von Lindenfeld hat am Dienstagabend über den Vorschlag beraten, in der "
    "Innenstadt vierzig neue Kameras aufzustellen, den der Bürgermeister seit dem Frühjahr "
    "unterstützt.",
    "Befürworter sagten, die Kameras würden der Polizei helfen, schneller auf Einbrüche am "
    "Flussmarkt zu reagieren, wo Händler in diesem Jahr mehr Diebstähle gemeldet haben.",
    "Datenschutz: Kritiker im Rat bemängelten, dass der Plan nicht festlege, wie lange die "
    "Aufnahmen gespeichert werden und wer sie sehen darf.",
    "Über die Vorlage soll der Rat in seiner nächsten Sitzung im März abstimmen."]}


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_a_run_in_privacy_heading_keeps_its_paragraph(sep: str, language: str) -> None:
    # fdf8618 made a colon a link's separator after "Privacy"/"Datenschutz", so a paragraph
    # opening with the word and a colon (a run-in heading) was cut whole as footer
    paragraphs = _COUNCIL[language]
    dump = sep.join(["News | Local", "Council weighs new camera rules", *paragraphs,
                     "Privacy Policy | Imprint | Contact"]) + "\n"
    main = next(d for d in segment_text(dump).articles if d.role == "main")
    assert main.paragraphs == paragraphs


@pytest.mark.parametrize(("line", "kind"), [
    ("Impressum: Beispiel GmbH, Musterstr. 1, 12345 Berlin", "footer"),
    ("Privacy Policy :: Contact us", "footer"), ("Privacy:", "footer"),
    ("Privacy: the plan goes much too far, critics said.", None)])
def test_a_colon_after_a_legal_link_separates_links_not_sentences(line: str,
                                                                  kind: str | None) -> None:
    assert boilerplate_kind(line) == kind


def test_a_sentence_with_a_long_white_space_run_is_cut_as_its_single_spaced_self() -> None:
    # a96176c's clause cuts open with a white space run, which re tried from each place in it:
    # a sentence holding 12,000 spaces took `parallax compare` 12.6 s in one sentence pair
    # (quadratic). The run is one space now; the words each clause shares are the same
    from parallax.compare.doubt import clauses, shares_a_clause

    claim = "The repairs will cost about two million euros, paid from the port's reserve fund."
    spaced = ("Traders worry that the repairs will cost about two million euros," + " " * 1500
              + "which the port will\t\tpay from its own reserve fund  -  and could drag on "
              "past the spring.")
    single = " ".join(spaced.split())
    assert clauses(spaced, "en") == clauses(single, "en") == [
        "the repairs will cost about two million euros",
        "the port will pay from its own reserve fund", "and could drag on past the spring."]
    assert shares_a_clause(claim, spaced, "en") == shares_a_clause(claim, single, "en") > 0


def test_a_malformed_address_in_a_warc_loses_no_other_record(tmp_path: Path) -> None:
    # 5bef612 split every response's address to find robots.txt; urlsplit raises on a
    # malformed one ("http://[…"), and the raise ended the archive: "truncated or corrupt
    # after 1 records", every later page lost
    from tests.warc_builders import Record, warc_bytes

    from parallax.ingest.sources import read_inputs
    from parallax.records import RawDocument
    from parallax.settings import Config

    page = ("<html><head><title>Quay reopens</title></head><body><article>" + "".join(
        f"<p>{_BODY} Paragraph {i}.</p>" for i in range(3)) + "</article></body></html>")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes(Record(uri, page.encode()) for uri in (
        "http://[quill.example/news/1", "https://quill.example/news/2",
        "https://quill.example/robots.txt")))
    read = list(read_inputs([str(path)], Config()))
    assert [(type(item).__name__, item.input.partition("#")[2]) for item in read] == [
        ("RawDocument", "http://[quill.example/news/1"),
        ("RawDocument", "https://quill.example/news/2"),
        ("Rejection", "https://quill.example/robots.txt")]
    assert isinstance(read[1], RawDocument)


_REPORT = [
    "The harbour board of Port Ellery voted on Monday to close the old timber pier for repairs "
    "until the spring, the board's chair said.",
    "Fishing crews will moor at the new concrete quay while the work goes on, and the ferry "
    "timetable stays as it is.",
    "The repairs will cost about two million euros, paid from the port's reserve fund, the "
    "treasurer told the meeting."]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_a_live_banner_above_a_report_does_not_name_its_author(sep: str) -> None:
    # 596e73d read any "Updated <time> — <words> by <names>" line as a byline: a site's banner
    # for its live blog above another report's headline gave that report the live blog's
    # reporters, though the report's own byline stands under its headline
    dump = sep.join(["Home | News | Port", "Updated 10:42 — Live reporting by Tess Moor",
                     "Old pier in Port Ellery to close for repairs",
                     "12 March 2026 — By Mara Quint", *_REPORT, "Privacy Policy | Contact"])
    main = next(d for d in segment_text(dump + "\n").articles if d.role == "main")
    assert (main.author, main.paragraphs) == ("Mara Quint", _REPORT)


def test_a_page_never_gets_the_marks_of_another_page() -> None:
    # 596e73d's page memo read `_LAST` twice (is it this page? then its marks): a thread that
    # stored its own page between the two reads (web jobs, a Dask worker's threads) gave this
    # page the other page's marks, whose indices then dropped this page's lines as metadata.
    # Since the review mends the marks are found once a dump by ``segment_text`` and handed to
    # both decoder passes (as the thread marks are), with no memo shared between pages
    from parallax.segment import entries
    from parallax.segment.lines import read_lines

    lines = read_lines("Ferry timetable\n\nThe ferry runs twice a day from the harbour now.\n")
    other = read_lines("\n".join(["Live: storm over the coast"] + [
        f"{t}\nThe wind rose again along the coast road this hour, the police said."
        for t in ("16:40", "16:12", "15:55")]))
    assert "metadata" in entries.page_marks(other).values()  # else this tests nothing
    assert entries.page_marks(lines) == {}


@pytest.mark.parametrize(("byline", "author"), [
    ("By Thomas Friedman, May 3, 2026", "Thomas Friedman"),
    ("By Lea Sunstein on Tuesday, May 3, 2026", "Lea Sunstein"),
    ("Par Marc Fries, le 3 mai 2026", "Marc Fries"), ("By Tuan Le, 3 May 2026", "Tuan Le"),
    ("By Ann Lee on Tue., May 3, 2026", "Ann Lee")])
def test_a_surname_opening_like_a_weekday_stays_in_the_byline(byline: str, author: str) -> None:
    # dc971b6 cut weekdays from a byline's end by their first letters ("fri…", "sun…") and
    # small words in any case, so the surname went with them: author "Thomas", "Tuan"
    dump = "\n\n".join(["Old pier in Port Ellery to close for repairs", byline, *_REPORT])
    main = next(d for d in segment_text(dump + "\n").articles if d.role == "main")
    assert main.author == author


_UPDATES = {"en": (_REPORT, "Update: pier to reopen earlier than planned", "March 3, 2026", [
    "The board said on Tuesday that the pier would reopen in April, a month earlier than "
    "planned, because the new piles arrived early.",
    "The fishing crews welcomed the news and said the concrete quay had been too crowded for "
    "the larger boats during the storms."]), "de": ([
        "Der Hafenrat von Port Ellery hat am Montag beschlossen, den alten Holzsteg bis zum "
        "Frühjahr für Reparaturen zu schließen, sagte die Vorsitzende.",
        "Die Fischer legen während der Arbeiten am neuen Betonkai an, und der Fahrplan der "
        "Fähre bleibt im Winter, wie er ist.",
        "Die Reparatur kostet rund zwei Millionen Euro aus der Rücklage des Hafens, sagte der "
        "Kämmerer am Montagabend in der Sitzung."],
        "Aktualisierung: Der Steg öffnet früher als geplant", "3. März 2026", [
        "Der Hafenrat teilte am Dienstag mit, der Steg werde schon im April wieder geöffnet, "
        "einen Monat früher als geplant, weil die Pfähle früh kamen.",
        "Die Fischer begrüßten die Nachricht und sagten, der Betonkai sei bei den Stürmen für "
        "die größeren Boote zu eng gewesen."])}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_dated_update_section_stays_in_its_article(language: str) -> None:
    # 70c6eaf opens another report at a headline with a date under it that differs from the
    # article's: the article's own "Update: …" section, dated when it was added, became a
    # related article and left the main one with its first three paragraphs
    report, heading, date, update = _UPDATES[language]
    dump = "\n\n".join(["Home | News | Port", "Old pier in Port Ellery to close for repairs",
                        "By Mara Quint", "March 2, 2026", *report, heading, date, *update,
                        "Privacy Policy | Contact"])
    articles = segment_text(dump + "\n").articles
    assert [a.role for a in articles] == ["main"]
    assert articles[0].paragraphs[:3] == report and articles[0].paragraphs[-2:] == update
