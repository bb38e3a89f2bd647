"""Bugs found reviewing the twentieth session's changes and the nineteenth's leftovers
(helper R); made-up input only."""

from __future__ import annotations

from parallax.segment.htmlpage import segment_html

_BODY = "".join(f"<p>Paragraph {i} of a made-up report says small web shops load their "
                "tracking code late, and most owners never measured what it costs.</p>"
                for i in range(4))


def test_a_field_naming_a_code_tag_keeps_the_words_after_it() -> None:
    # a title naming "<script>" (written "&lt;script&gt;", which the parser decodes) was read
    # as an unclosed script: every word after it was dropped ("Why the")
    page = ("<html><head><title>Why the &lt;script&gt; tag still matters</title>"
            '<meta property="og:site_name" content="The &lt;noscript&gt; Review weekly">'
            f"</head><body><article>{_BODY}</article></body></html>")
    segmented = segment_html(page)
    assert segmented.title == "Why the <script> tag still matters", segmented.title
    assert segmented.outlet == "The <noscript> Review weekly", segmented.outlet


def test_a_closed_script_in_a_field_is_still_not_shown() -> None:
    page = ("<html><head><title>Shops &lt;b&gt;load&lt;/b&gt; late"
            "&lt;script&gt;track()&lt;/script&gt;</title>"
            f"</head><body><article>{_BODY}</article></body></html>")
    assert segment_html(page).title == "Shops load late"
