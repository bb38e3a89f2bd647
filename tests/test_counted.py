"""``textutil.counted``: the one way the CLI's lines and the WARC reader's rejections count
things (it was written twice, as ``cli.counted`` and ``ingest/warc._n``)."""

from __future__ import annotations

from parallax.textutil import counted


def test_one_is_singular_and_the_rest_plural_with_thousands_grouped() -> None:
    assert counted(1, "record") == "1 record"
    assert counted(0, "document") == "0 documents"
    assert counted(2048, "record") == "2,048 records"
    assert counted(3, "story", "stories") == "3 stories"
    assert counted(1, "story", "stories") == "1 story"
