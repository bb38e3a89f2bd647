"""The SemEval-2023 span files count the ``\\r`` of Windows line ends; the reader must not."""

from __future__ import annotations

from pathlib import Path

from parallax.frame.datasets import read_semeval2023

# Made up: three lines with Windows line ends and a lone carriage return in the last one.
ARTICLE = ("Titel der Meldung\r\n\r\nDer Minister nannte das Projekt ein Luftschloss.\r\n"
           "Ende\rSchluss")


def _write(root: Path, spans: list[tuple[str, int, int]]) -> None:
    lang = root / "ge"
    (lang / "train-articles-subtask-3").mkdir(parents=True)
    (lang / "train-labels-subtask-3-spans").mkdir()
    (lang / "train-articles-subtask-3" / "article7.txt").write_bytes(ARTICLE.encode("utf-8"))
    (lang / "train-labels-subtask-3.txt").write_text(
        "7\t1\t\n7\t3\tName_Calling-Labeling\n", encoding="utf-8")
    (lang / "train-labels-subtask-3-spans" / "article7-labels.txt").write_text(
        "".join(f"7\t{t}\t{s}\t{e}\n" for t, s, e in spans), encoding="utf-8")


def test_span_offsets_that_count_carriage_returns_give_the_gold_words(tmp_path: Path) -> None:
    word = ARTICLE.index("Luftschloss")
    last = ARTICLE.index("Schluss")
    _write(tmp_path, [("Name_Calling-Labeling", word, word + len("Luftschloss")),
                      ("Loaded_Language", 0, len("Titel")),
                      ("Loaded_Language", last, last + len("Schluss"))])
    [article] = read_semeval2023(tmp_path)
    assert "\r" not in article.text
    assert [article.text[s.start:s.end] for s in article.spans] == [
        "Luftschloss", "Titel", "Schluss"]
    third = article.paragraphs[2]
    assert third.labelled and third.techniques == ["Name_Calling-Labeling"]
    assert article.text[third.start:third.end].endswith("Luftschloss.")


def test_a_file_without_windows_line_ends_keeps_its_offsets(tmp_path: Path) -> None:
    lang = tmp_path / "en"
    (lang / "train-articles-subtask-3").mkdir(parents=True)
    (lang / "train-labels-subtask-3-spans").mkdir()
    text = "A headline\n\nThe senator called the plan a fiasco.\n"
    (lang / "train-articles-subtask-3" / "article9.txt").write_text(text, encoding="utf-8")
    (lang / "train-labels-subtask-3.txt").write_text("9\t3\tLoaded_Language\n",
                                                     encoding="utf-8")
    at = text.index("fiasco")
    (lang / "train-labels-subtask-3-spans" / "article9-labels.txt").write_text(
        f"9\tLoaded_Language\t{at}\t{at + 6}\n", encoding="utf-8")
    [article] = read_semeval2023(tmp_path)
    assert [article.text[s.start:s.end] for s in article.spans] == ["fiasco"]
