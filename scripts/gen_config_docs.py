"""Regenerate docs/configuration.md from the settings table and the stage registry.

Run after adding a setting or a stage: ``.venv/bin/python scripts/gen_config_docs.py``.
tests/test_pipeline.py fails when the committed doc misses a setting or stage.
"""

from __future__ import annotations

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

FOOTER = """
## Environment

| variable | meaning |
| --- | --- |
| `PARALLAX_CONFIG` | config file path (same as `--config`) |
| `PARALLAX_DB` | database file (same as `--db`) |
| `PARALLAX_LOG` | log level for diagnostics on stderr (`WARNING` by default, `DEBUG` for detail) |
"""


def main() -> None:
    rows = [
        f"| `{kind}` | `{name}` | "
        + ", ".join(f"`{n}`" for n in registry.available(kind))
        + f" | {STAGE_HELP[kind]} |"
        for kind, name in STAGE_DEFAULTS.items()
    ]
    text = HEADER + "\n".join(rows) + "\n\n## Settings\n\n" + settings_markdown() + "\n" + FOOTER
    target = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
