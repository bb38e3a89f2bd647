"""Schema migrations from one place: numbered SQL files applied in order, each in a transaction.

SQLite records the applied version in ``PRAGMA user_version``; a database newer than this code
is refused rather than silently misread.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from parallax.errors import Code, ParallaxError


def migration_scripts() -> list[tuple[int, str]]:
    folder = resources.files("parallax.store") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if m := re.match(r"(\d{4})_.*\.sql$", entry.name):
            scripts.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


LATEST = max(v for v, _ in migration_scripts())


def migrate(conn: sqlite3.Connection) -> int:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST:
        raise ParallaxError(Code.STORE, f"database schema v{current} is newer than this Parallax "
                            f"(v{LATEST}); upgrade Parallax")
    for version, script in migration_scripts():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN")
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise ParallaxError(Code.STORE, f"migration {version} failed: {exc}") from exc
    return int(LATEST)


def _statements(script: str) -> list[str]:
    """Split on ';' at line ends, keeping trigger bodies (BEGIN ... END;) whole."""
    statements, buffer = [], []
    depth = 0
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") or not stripped:
            continue
        buffer.append(line)
        upper = stripped.upper()
        if upper.endswith(" BEGIN"):
            depth += 1
        if upper == "END;":
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(buffer))
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
