"""The repository holds no text of ../shared: the guard on the rule that the project contains
only what its authors write (scripts/check_dataset_text.py), run on the seeds and the small sets
on every test run, and the scanner's own rules on made-up files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from requirements import ROOT, shared_path


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_dataset_text", ROOT / "scripts" / "check_dataset_text.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


check = _checker()


def test_no_seed_or_small_set_text_in_the_repository() -> None:
    for part in check.SMALL:
        shared_path(check.PARTS[part][0])
    hits = check.scan(check.SMALL)
    shown = "\n".join(f"{h.path}:{h.line}: {h.gram!r} ({h.source})" for h in hits[:40])
    assert not hits, (f"{len(hits)} n-grams of ../shared text in the repository; write made-up "
                      f"text instead (or, for no copy, an ALLOW entry with its reason):\n{shown}")


def _fake(tmp_path: Path, repo_files: dict[str, str], shared_files: dict[str, str]
          ) -> tuple[Path, Path]:
    root, shared = tmp_path / "repo", tmp_path / "shared"
    for base, files in ((root, repo_files), (shared, shared_files)):
        for name, text in files.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    return root, shared


COPIED = "The ferry to the outer islands will not run again before the first week of spring"


def test_a_copied_sentence_is_found_with_its_line_and_source(tmp_path: Path) -> None:
    root, shared = _fake(tmp_path, {
        "docs/notes.md": "# Notes\n\nAn example:\n" + COPIED.replace("run again", "run\nagain"),
        "tests/test_x.py": 'TEXT = ("The ferry to the outer islands will not "\n'
                           '        "run again before the first week")\n',
        "src/mine.py": '"""The ferry to the outer islands stops for the winter."""\n'},
        {"datasets/stories/a.jsonl": '{"text": "' + COPIED + ', the operator said."}\n'})
    hits = check.scan(["stories"], root=root, shared=shared)
    assert {(h.path, h.line) for h in hits} == {("docs/notes.md", 4), ("docs/notes.md", 5),
                                                    ("tests/test_x.py", 1)}
    assert {h.source for h in hits} == {"datasets/stories/a.jsonl"}


def test_markup_dates_labels_and_the_sets_documentation_are_no_copy(tmp_path: Path) -> None:
    page = ('<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<p>Posted on November 10th, 2012 at 3:00 pm</p>')
    label = "Blaming others for the flood rather than the weather itself"
    root, shared = _fake(tmp_path, {
        "page.html": page, "labels.py": f"LABELS = ['{label}']\n",
        "readme.md": "Each line holds an event id and the article text of one outlet\n"},
        {"datasets/extraction/input/1.html": page,
         "datasets/semeval2025-task10/subtask2_narratives.txt": label + "\n",
         "datasets/semeval2025-task10/train/EN/subtask-3-annotations.txt": f"1\t{label}\n",
         "datasets/stories/README.md": "Each line holds an event id and the article text of "
                                       "one outlet\n"})
    assert check.scan(["extraction", "semeval2025", "stories"], root=root, shared=shared) == []


def test_an_allow_entry_needs_its_path_and_its_words() -> None:
    allow = (check.Allow(("src/forms.py", "tests/test_forms.py"), r"type the code in the box",
                         "a made-up form label"),)
    gram = "please type the code in the box below"
    assert check.allowed("src/forms.py", gram, allow)
    assert check.allowed("tests/test_forms.py", gram, allow)
    assert not check.allowed("docs/forms.md", gram, allow)
    assert not check.allowed("src/forms.py", "a whole sentence of somebody's page", allow)
    assert all(a.reason for a in check.ALLOW)
