"""The thirtieth session's review (docs/robustness.md, "Thirtieth session (helper R): review"):
inputs the helpers' own tests did not cover. Each test failed on the commit it names. All
inputs are made up here."""

from __future__ import annotations

import subprocess
import sys


def test_a_page_of_many_headings_holding_scripts_is_read_in_one_pass() -> None:
    """0ccb7f1 looked for code inside headings with ``//heading//code``, which libxml2 answers
    by merging one node set a heading: 16,000 headings each holding a script took 13 s of CPU,
    twice as many five times as long, so a hostile page under the 20 MB cap held the reader
    for many minutes. A hang has no result to assert on, so the title is read in a child
    process that is killed after two minutes; it needs a second."""
    code = ("import lxml.html\n"
            "from parallax.segment.htmlmeta import page_metadata\n"
            "page = '<html><body>' + ''.join(f'<h2>Ferry {k} <script>var a{k}=1;</script>row'\n"
            "    f'</h2><p>The council met.</p>' for k in range(60_000)) + '</body></html>'\n"
            "print(page_metadata(lxml.html.fromstring(page), None, False).title)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Ferry 0 row", done.stdout
