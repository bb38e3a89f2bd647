"""The small things round seven and its review left (docs/robustness.md, thirty-first session,
helper SM). Each test here failed before its fix. All inputs are made up here."""

from __future__ import annotations

import subprocess
import sys


def _help_commands(how: list[str]) -> list[str]:
    result = subprocess.run([sys.executable, *how, "--help"], capture_output=True, text=True,
                            timeout=120, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 0, result.stderr
    return [line.split()[1] for line in result.stdout.splitlines()
            if line.startswith("│ ") and len(line.split()) > 1]


def test_help_lists_the_commands_in_one_order_however_the_cli_starts() -> None:
    """``python -m parallax.cli`` ran cli.py as ``__main__``, whose import of cli_stories
    imported the importable module first; ``stories`` registered last there."""
    as_module = _help_commands(["-m", "parallax.cli"])
    imported = _help_commands(["-c", "from parallax.cli import main; main()"])
    assert "stories" in imported and imported.index("stories") < imported.index("compare")
    assert as_module == imported
