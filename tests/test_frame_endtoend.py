"""``parallax evaluate`` scores what ``analyze`` emits: the output is mapped back onto the gold
paragraphs and mentions of the source file, and anything the pipeline dropped counts as a miss."""

from __future__ import annotations

from pathlib import Path

from parallax.frame import endtoend
from parallax.frame.datasets import LabelledArticle, NarrativeDocument, Paragraph, RoleGold
from parallax.records import Article, Mention, Published, RoleLabel, TechniqueSpan

SOURCE = "A Title Here\n\nFirst   paragraph is calm.\nSecond one is outrageous.\n"
BODY = "First paragraph is calm.\n\nSecond one is outrageous."


def _article() -> Article:
    at = BODY.index("outrageous")
    return Article("a1", "main", "A Title Here", None, Published(None, None), BODY,
                   techniques=[TechniqueSpan("Loaded_Language", at, at + 10, 0.7)])


def _gold() -> LabelledArticle:
    paragraphs = []
    offset = 0
    for line in SOURCE.split("\n"):
        paragraphs.append(Paragraph(offset, offset + len(line), [], bool(line.strip())))
        offset += len(line) + 1
    paragraphs[3].techniques = ["Loaded_Language"]
    paragraphs[0].techniques = ["Slogans"]
    return LabelledArticle("1", "en", SOURCE, paragraphs=paragraphs)


def test_spans_land_in_the_paragraph_they_sit_in() -> None:
    # title, calm paragraph, loaded paragraph (blank lines are not labelled)
    assert endtoend.technique_sets(_gold(), _article()) == [[], [], ["Loaded_Language"]]


def test_a_rejected_file_predicts_nothing() -> None:
    assert endtoend.technique_sets(_gold(), None) == [[], [], []]
    assert endtoend.narrative_sets(None) == ([], [])


def test_roles_follow_the_entity_found_at_the_gold_mention() -> None:
    text = "Headline\n\nKyiv was shelled by Moscow.\n"
    body = "Kyiv was shelled by Moscow."
    article = Article("a", "main", "Headline", None, Published(None, None), body,
                      entities=[Mention("Moscow", 20, 26, "GPE", "Moscow")],
                      roles=[RoleLabel("Moscow", "Antagonist", ["Instigator"], 0.8)])
    start = text.index("Moscow")
    gold = NarrativeDocument("x.txt", "en", text, roles=[
        RoleGold("Moscow", start, start + 6, "Antagonist", ["Instigator"]),
        RoleGold("Kyiv", 10, 14, "Innocent", ["Victim"])])
    assert endtoend.role_sets(gold, article) == [["Instigator"], []]


def test_a_role_mention_in_the_title_is_matched_by_name() -> None:
    # the segmenter moves the headline out of the text: the mention there is the same entity
    text = "Moscow threatens Kyiv\n\nKyiv was shelled by Moscow.\n"
    body = "Kyiv was shelled by Moscow."
    article = Article("a", "main", "Moscow threatens Kyiv", None, Published(None, None), body,
                      entities=[Mention("Moscow", 20, 26, "GPE", "Moscow"),
                                Mention("Kyiv", 0, 4, "GPE", "Kyiv")],
                      roles=[RoleLabel("Moscow", "Antagonist", ["Instigator"], 0.8)])
    gold = NarrativeDocument("x.txt", "en", text, roles=[
        RoleGold("Moscow", 0, 6, "Antagonist", ["Instigator"]),
        RoleGold("Kyiv", 17, 21, "Innocent", ["Victim"])])
    assert endtoend.role_sets(gold, article) == [["Instigator"], []]

def test_evaluate_runs_the_analyze_path(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    (folder / "train-articles-subtask-1").mkdir(parents=True)
    body = " ".join(["The council met on Tuesday and approved the budget for schools."] * 6)
    (folder / "train-articles-subtask-1" / "article7.txt").write_text(
        f"Council approves budget\n\n{body}\n", encoding="utf-8")
    (folder / "train-labels-subtask-1.txt").write_text("7\treporting\n", encoding="utf-8")
    scores = endtoend.evaluate("genre", tmp_path, None, subset="all")
    assert scores["all"]["n"] == 1.0
    assert 0.0 <= scores["all"]["macro_f1"] <= 1.0


def test_a_source_line_with_a_soft_hyphen_is_found_as_the_article_shows_it() -> None:
    # the readers drop U+00AD (textutil.as_shown, b555e4f): the raw line must still be found,
    # else its paragraph scores as having no technique (a French hold-out fell 0.3525 -> 0.3452)
    source = "A Title Here\n\nFirst paragraph is calm.\nSecond one is out\u00adrageous.\n"
    gold = LabelledArticle("1", "en", source, paragraphs=[
        Paragraph(p, p + len(line), [], bool(line.strip()))
        for p, line in _lines(source)])
    gold.paragraphs[3].techniques = ["Loaded_Language"]
    assert endtoend.technique_sets(gold, _article()) == [[], [], ["Loaded_Language"]]


def test_a_mention_after_a_soft_hyphen_is_matched_by_name() -> None:
    # the line's offsets do not carry over where a hidden character was dropped before the
    # mention: the entity is found by its name, not at a shifted place
    text = "Headline\n\nKyiv was hard\u00adhit by Moscow.\n"
    body = "Kyiv was hardhit by Moscow."
    article = Article("a", "main", "Headline", None, Published(None, None), body,
                      entities=[Mention("Moscow", 20, 26, "GPE", "Moscow")],
                      roles=[RoleLabel("Moscow", "Antagonist", ["Instigator"], 0.8)])
    start = text.index("Moscow")
    gold = NarrativeDocument("x.txt", "en", text, roles=[
        RoleGold("Moscow", start, start + 6, "Antagonist", ["Instigator"])])
    assert endtoend.role_sets(gold, article) == [["Instigator"]]


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out
