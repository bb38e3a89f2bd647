"""Bugs found reviewing the twenty-fifth session's commits (docs/robustness.md, "Twenty-fifth
session (helper R): review"). Each test failed on the code before its fix. Made-up data only."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from parallax.cli import app


def test_stories_on_an_empty_server_store_does_not_print_its_password(
        postgres_cluster: Any) -> None:
    """d0ead64's hint for a store without stories printed the --db argument as given, so a
    PostgreSQL URL's password too (docs/storage.md: passwords are never printed)."""
    url = postgres_cluster.new_database()
    user, rest = url.removeprefix("postgresql://").split("@", 1)
    given = f"postgresql://{user}:made-up-secret@{rest}"  # the test server trusts its socket
    try:
        result = CliRunner().invoke(app, ["stories", "--db", given])
    finally:
        postgres_cluster.drop_database(url)
    assert result.exit_code == 0, result.output
    assert "no stories in" in result.stderr and "0 articles stored" in result.stderr
    assert "made-up-secret" not in result.stderr and f"{user}:***@" in result.stderr
