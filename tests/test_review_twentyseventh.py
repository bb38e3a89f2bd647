"""The twenty-seventh session's review (docs/robustness.md, "Twenty-seventh session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.test_new_user_round_four import _warc

from parallax.ingest import read_inputs
from parallax.records import Rejection
from parallax.settings import Config


def test_an_empty_first_gzip_member_does_not_make_a_cut_archive_empty(tmp_path: Path) -> None:
    """ab225b1 read only the first gzip member to tell an empty archive: one whose first member
    is empty and whose next holds a record cut mid-header was "empty input: the gzip stream
    holds nothing" (E002), though bytes of a record follow; it is a cut archive (E008)."""
    path = tmp_path / "joined.warc.gz"
    path.write_bytes(gzip.compress(b"") + gzip.compress(_warc(2)[:60]))
    (item,) = list(read_inputs([str(path)], Config()))
    assert isinstance(item, Rejection) and item.code == "E008", item
    assert "truncated or corrupt" in item.reason and "empty" not in item.reason, item.reason
    # an empty stream alone, or two of them, is still empty input
    for name, data in (("one.warc.gz", gzip.compress(b"")),
                       ("two.warc.gz", gzip.compress(b"") + gzip.compress(b"\r\n"))):
        other = tmp_path / name
        other.write_bytes(data)
        (item,) = list(read_inputs([str(other)], Config()))
        assert isinstance(item, Rejection) and item.code == "E002", (name, item)
