"""A video's subtitles (SubRip ``.srt``, WebVTT ``.vtt``): what was said, read as a transcript.

Why: fact-checkers check videos, and a video's words come as its subtitle file. Read as a text
dump, a made-up ``.srt`` of 30 cues became an article whose paragraphs alternated the spoken
lines with cue numbers ("2") and timings ("00:00:02,000 --> 00:00:04,000"), so sentences,
claims and quotes were cut and strewn with time stamps (twenty-eighth session, helper N5).
The cues' text is the article now, as a record's text is (no segmentation: every spoken line
is the transcript): numbers, timings, the WebVTT header and its NOTE/STYLE blocks, markup
(``<v Speaker>``, ``<i>``) and a caption repeated by the next cue are left out; cues join into
paragraphs at a sentence end once a paragraph holds 60 words. Files whose cues have no blank
line between them (written by some converters) lost no cue but kept each cue's number in the
text ("… on Thursday. 2 We will …"): a number alone on the line before a timing is the next
cue's, never speech.
"""

from __future__ import annotations

import html
import re

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}"
_TIMING = re.compile(rf"^{_TIME}\s*-->\s*{_TIME}")
_SRT_START = re.compile(rf"\A\d+[ \t]*\r?\n{_TIME}\s*-->")
_TAG = re.compile(r"<[^>]{0,200}>")
#: a paragraph ends at a sentence end once it holds this many words
PARAGRAPH_WORDS = 60


def looks_like_subtitles(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200]
    return head.startswith("WEBVTT") or bool(_SRT_START.match(head))


def transcript(text: str) -> list[str]:
    """The spoken text of the cues, in paragraphs (none when no cue holds text)."""
    lines: list[str] = []
    in_cue = False
    rows = [raw.strip() for raw in text.splitlines()]
    for at, line in enumerate(rows):
        if _TIMING.match(line):
            in_cue = True
        elif not line:
            in_cue = False
        elif line.isdigit() and at + 1 < len(rows) and _TIMING.match(rows[at + 1]):
            continue  # the next cue's number where no blank line ends this cue (helper N6)
        elif in_cue:  # a cue's text; numbers, ids, the header and NOTE blocks are outside
            words = " ".join(_TAG.sub("", html.unescape(line)).split())
            if words and (not lines or words != lines[-1]):
                lines.append(words)
    paragraphs: list[str] = []
    current: list[str] = []
    count = 0
    for line in lines:
        current.append(line)
        count += len(line.split())
        if count >= PARAGRAPH_WORDS and line[-1] in ".!?…\"”»":
            paragraphs.append(" ".join(current))
            current, count = [], 0
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
