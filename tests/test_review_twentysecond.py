"""Review of the twenty-second session's changes (helper R): made-up inputs the changes' own
tests did not cover, each failing before its fix (docs/robustness.md, "Twenty-second session
(helper R): review of the session's changes")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.segment.textdump import segment_text

# (headline, three paragraphs, a "Latest" list's headlines, relative times and teasers): made up
LATEST = {
    "en": ("Harbour council approves new ferry timetable", [
        "The harbour council approved a new ferry timetable on Monday after months of "
        "complaints from commuters on the island.",
        "Under the new plan, the first boat will leave at six in the morning and the last one "
        "at eleven at night, every day of the week.",
        "Councillor Edna Vayle said the extra crossings would be paid for from the parking "
        "budget and would start in the spring."],
        ["Ferry strike ends", "Market hall reopens", "Lighthouse repairs delayed"],
        ["2 hours ago", "3 hours ago", "5 hours ago"],
        ["Crews returned to work on Tuesday after a deal on pay was reached late at night.",
         "The renovated hall opens with forty stalls and a new café on the first floor.",
         "The works will now start in April because of the storms, the port authority said."]),
    "de": ("Hafenrat beschließt neuen Fährfahrplan", [
        "Der Hafenrat hat am Montag nach monatelangen Beschwerden der Pendler einen neuen "
        "Fahrplan für die Inselfähre beschlossen.",
        "Nach dem neuen Plan fährt das erste Boot um sechs Uhr morgens und das letzte um elf "
        "Uhr abends, an jedem Tag der Woche.",
        "Ratsfrau Edna Vayle sagte, die zusätzlichen Fahrten würden aus dem Parkhaushalt "
        "bezahlt und im Frühjahr beginnen."],
        ["Fährstreik beendet", "Markthalle wieder offen", "Leuchtturm später saniert"],
        ["vor 2 Stunden", "vor 3 Stunden", "vor 5 Stunden"],
        ["Die Besatzungen kehrten am Dienstag an die Arbeit zurück, nachdem eine Einigung "
         "erzielt wurde.",
         "Die renovierte Halle öffnet mit vierzig Ständen und einem neuen Café im ersten Stock.",
         "Die Arbeiten beginnen wegen der Stürme erst im April, teilte die Hafenbehörde mit."]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("lang", sorted(LATEST))
def test_a_latest_list_under_the_article_is_no_readers_thread(lang: str, sep: str) -> None:
    """cb9caca read a relative time under a short line as a reader's stamp under their name:
    a "Latest" list under the article (headline / "2 hours ago" / teaser) became a thread,
    its headlines shown as the readers' names. A pasted thread has its "Reply" buttons."""
    title, body, headlines, times, teasers = LATEST[lang]
    lines = [title, *body]
    for headline, time, teaser in zip(headlines, times, teasers, strict=True):
        lines += [headline, time, teaser]
    seg = segment_text(sep.join([*lines, "Contact us", "Privacy Policy | Terms"]) + "\n")
    assert not set(headlines) & set(seg.comment_authors)
    assert not set(teasers) & set(seg.comments)


# a page of the 2000s (made up): a menu cell beside the article's cell in one layout table,
# the article quoting a rule in a block quote, and a spacer row of cells holding no word (a
# star, a dash) under them
RULE = "Every stall on the quay must close its awning before the evening ferry docks."
LAYOUT = ("<html><head><title>Quay market rules</title></head><body><table><tr>"
          "<td>Home Market Quay Contact</td><td><p>" + " ".join(
              f"The quay market board met on {day} to settle the rules for the summer stalls "
              "along the north pier." for day in ("Monday", "Tuesday", "Friday"))
          + "</p><p>The new rule reads:</p><blockquote><p>" + RULE + "</p></blockquote><p>"
          "Stall holders said they would ask the board to move the closing time to the last "
          "boat of the day.</p></td></tr>{spacer}</table></body></html>")


@pytest.mark.parametrize("spacer", ["<tr><td>*</td><td>*</td></tr>",
                                    "<tr><td>—</td><td><img src='dot.gif'></td></tr>"])
def test_a_spacer_row_does_not_repeat_the_quote_put_back(spacer: str) -> None:
    """9a5e495 puts a block quote trafilatura drops from a table cell back into its row; a
    row line without words ("| * | * |") is held by every row, so it was written again as the
    quoted row's quote: the quote stood twice in the article."""
    from parallax.segment.htmlpage import segment_html

    text = " ".join(segment_html(LAYOUT.replace("{spacer}", spacer)).paragraphs)
    assert text.count(RULE) == 1


def test_a_long_table_beside_a_quoted_cell_is_not_matched_row_by_row() -> None:
    """``restore_quotes`` matched every row line against every row of the page: a page with a
    block quote in a cell and a table of 2,000 rows (made up) took 12.8 s instead of 0.4 s.
    Counted here as the word counts compared (no timing): about one row per line now."""
    from lxml import html as lxml_html

    from parallax.segment import htmltables
    from parallax.segment.htmlpage import PLAIN

    compared = 0

    class Counting(htmltables.Counter):  # type: ignore[type-arg]
        def __and__(self, other: object) -> Counting:
            nonlocal compared
            compared += 1
            return Counting(super().__and__(other))  # type: ignore[operator]

    rows = [f"<tr><td>Stall {n}</td><td>Owner of stall {n}</td><td>{n * 3} euros</td></tr>"
            for n in range(300)]
    tree = lxml_html.fromstring(LAYOUT.replace("{spacer}", "".join(rows)).encode(), parser=PLAIN)
    lines = [f"| Stall {n} | Owner of stall {n} | {n * 3} euros |" for n in range(300)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(htmltables, "Counter", Counting)
        assert htmltables.restore_quotes(tree, lines) == lines
    assert compared <= 3 * len(lines)


STARS = "★★★★★ ★★★★☆ ★★★☆☆ ★★☆☆☆ ★☆☆☆☆"


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
def test_a_line_without_letters_is_no_korean(sep: str) -> None:
    """6380f5a names a line's language by its script first; a line of no letters at all (a
    row of rating stars, of dashes, of times) held "half its letters in Hangul" (0 >= 0) and
    was Korean: on an English page it "switched language", so the paragraphs after a row of
    stars became reader comments (made up: 5 paragraphs -> 2 and 3 comments)."""
    from parallax.segment.cjk import script_language

    title, body = LATEST["en"][0], LATEST["en"][1]
    closing = "The operator said fares would stay the same for adults and children until May."
    seg = segment_text(sep.join([title, "By Mara Quint", *body[:2], STARS, body[2], closing])
                       + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs[-2:] == [body[2], closing]
    assert seg.comments == []
    for line in (STARS, "— — — — — — — — — — — —", "06:00 — 08:30 — 11:00 — 13:30 — 16:00"):
        assert script_language(line) is None
    assert script_language("항구 위원회는 월요일에 새 여객선 시간표를 승인했다.") == "ko"


# two reports an export gave one address (a live page's updates, a section's link): made up
SHARED = [
    {"title": "Harbour council approves camera network", "outlet": "Coast Post",
     "url": "https://coast.example/live",
     "text": "The harbour council voted on Tuesday to install forty new cameras along the "
             "promenade. Councillor Edna Vayle said the network would be running before winter. "
             "Residents asked who would be allowed to watch the recordings."},
    {"title": "Ferry timetable changes from May", "outlet": "Coast Post",
     "url": "https://coast.example/live",
     "text": "The island ferry will run every hour from May, the operator said on Wednesday, "
             "after complaints from commuters about long waits in the evening. The first boat "
             "will leave at six in the morning and the last one at eleven at night."},
]


def _export(path: Path, records: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_replace_takes_no_document_the_run_still_reads(tmp_path: Path) -> None:
    """c83650c: with --replace a page replaced every stored document of its address, those of
    the same run included: of two records sharing a url the second removed the first (lost),
    whose articles the run then put in a story (FOREIGN KEY failed, E021: no story for the
    run); and a record skipped as unchanged was removed by its changed neighbour."""
    from parallax.pipeline import Pipeline
    from parallax.runner import ingest
    from parallax.settings import Config
    from parallax.store.base import open_store

    config = Config()
    pipeline = Pipeline.from_config(config, analyse=False)
    store = open_store(str(tmp_path / "news.db"))
    try:
        report = ingest([_export(tmp_path / "a.jsonl", SHARED)], store, config,
                        pipeline=pipeline, replace=True)
        assert [o.status for o in report.outcomes] == ["stored", "stored"]
        assert len(store.articles()) == 2 and store.counts()["stories"] >= 1
        fixed = [SHARED[0], {**SHARED[1], "text": SHARED[1]["text"].replace("six", "seven")}]
        report = ingest([_export(tmp_path / "b.jsonl", fixed)], store, config,
                        pipeline=pipeline, replace=True)
        assert [o.status for o in report.outcomes] == ["skipped", "stored"]
        titles = sorted(a.title for a in store.articles())
        assert titles == sorted(r["title"] for r in SHARED)  # the first one kept, once
        assert not any("six in the morning" in a.text for a in store.articles())
    finally:
        store.close()


# a page whose <title> was shortened for search results (a prefix of its headline), the full
# headline under it, a byline and the report (made up)
SHORTENED = {
    "en": ("Ferry operator raises fares for island | Coast Post",
           "Ferry operator raises fares for island commuters from May", [
               "The island ferry operator will raise fares for commuters from May, the company "
               "said on Monday, blaming fuel costs and a new pier fee.",
               "A monthly pass will cost 64 euros instead of 52, while single tickets rise by "
               "half a euro for adults and stay the same for children.",
               "Commuters on the island said the rise would hit families who cross every day "
               "for work and school, and asked the council to step in.",
               "The council said it would meet the operator next week to discuss a discount "
               "for residents."]),
    "en, inside a word": ("Ferry operator raises fare | Coast Post",
                          "Ferry operator raises fares for island commuters", []),
    "de": ("Fährbetreiber erhöht Preise für Pendler | Küstenpost",
           "Fährbetreiber erhöht Preise für Pendler auf der Insel ab Mai", [
               "Der Betreiber der Inselfähre erhöht ab Mai die Preise für Pendler, teilte das "
               "Unternehmen am Montag mit, und verweist auf die Kosten für Treibstoff.",
               "Eine Monatskarte kostet künftig 64 statt 52 Euro, Einzelfahrten werden für "
               "Erwachsene einen halben Euro teurer, für Kinder bleibt der Preis gleich.",
               "Pendler auf der Insel sagten, die Erhöhung treffe Familien, die jeden Tag zur "
               "Arbeit und zur Schule übersetzen, und riefen den Gemeinderat zu Hilfe.",
               "Der Gemeinderat will sich in der kommenden Woche mit dem Betreiber treffen."]),
}


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])
@pytest.mark.parametrize("case", sorted(SHORTENED))
def test_a_headline_is_not_cut_to_the_shortened_page_title(case: str, sep: str) -> None:
    """b871a75 cuts a headline that runs on past the first line's headline part ("<headline>
    Local News, Updated Nov 6") to that part; a ``<title>`` shortened for search results is
    such a part of the full headline, which was cut to it, even inside a word ("fare")."""
    first, headline, body = SHORTENED[case]
    body = body or SHORTENED["en"][2]
    seg = segment_text(sep.join([first, headline, "By Mara Quint", *body]) + "\n")
    assert next(d for d in seg.articles if d.role == "main").title == headline
