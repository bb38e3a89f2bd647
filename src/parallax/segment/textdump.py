"""Segment plain-text dumps of web pages (what copy-paste or a naive scraper gives).

A dump has lost its markup, so its shape is read by the structural decoder (``decoder.py``:
header → body → tail, every line put in one place), guided or not by the line model's main
lines (``linemodel.py``). Why this module: deciding which decoding to trust — the rules' pass,
the model-guided pass, or both with the agreement test between them (``agreement.py``) — is a
concern of its own, and the one entry point callers use (``segment_text``).
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import eq, itemgetter

from parallax.records import Boilerplate
from parallax.segment import titlecheck
from parallax.segment.agreement import Disagrees, agreement, agrees, teasers
from parallax.segment.decoder import Decoder, Segmented
from parallax.segment.entries import page_marks
from parallax.segment.formend import form_end, main_above
from parallax.segment.header import MD_HEADING
from parallax.segment.headline import forget_words
from parallax.segment.linemodel import LineModel, default_model
from parallax.segment.lines import Line, LineClassifier, read_lines
from parallax.segment.linkrefs import without_link_numbers
from parallax.segment.sitelines_model import READINGS, RESCORE, FirstReading
from parallax.segment.threads import decoder_heads, thread_marks
from parallax.segment.unwrap import unwrap

#: a page of at most this many lines gets the rules' pass first (the shapes the rules were
#: written for: short pasted articles and their comment threads); any longer page only the
#: model-guided pass. A donation appeal or a related heading on a long page no longer asks for
#: the rules since the seventh session (the rules' pass was thrown away on most such pages;
#: article F1 +0.002), a comments heading since the eleventh: on long training-site pages the
#: model-guided pass read both the article and the thread better (end to end, out of fold:
#: article +0.0007, reader comments +0.0021 by dump; docs/segmentation.md)
RULES_MAX_LINES = 80


def segment_text(text: str, classifier: LineClassifier | None = None,
                 model: LineModel | bool | None = True) -> Segmented:
    """The rules' segmentation when the page has their shapes and the line model agrees with
    its article, else the decoding guided by the model's lines.

    Why both: the rules read the shapes they were written for (short pasted articles, comment
    threads under a heading or after an appeal, teaser lists) better than any line model, but
    on real pages they often find the wrong block or none. A long page (> ``RULES_MAX_LINES``)
    goes straight to the model-guided pass: there the rules' pass was mostly thrown away, and
    where it stood it cost F1 (held out by site: +0.006 to +0.009 F1 per rendering without it,
    one decoder pass instead of up to two; a related heading or a donation appeal asked for the
    rules too until the seventh session, a comments heading until the eleventh;
    docs/segmentation.md). Otherwise the model decides: if nearly all of the rules' body is
    main text to the model and it holds most of the model's main text (``agreement.py``), the
    rules stand; otherwise the decoder runs again with the model's lines as the article.
    ``model=True`` uses the shipped model; ``False``/``None`` the rules alone.
    """
    forget_words()  # (a memo of this page's content words, headline.py)
    clf = classifier or LineClassifier()
    chosen = default_model() if model is True else (model or None)
    memo = READINGS.get() if chosen is not None else None  # (a chunk's first readings)
    first = memo.get(text) if memo is not None else None
    if first is not None and first.model is chosen:
        lines = first.lines_again()  # (read again beside its siblings: sitelines_model)
    else:
        first, lines = None, read_lines(without_link_numbers(unwrap(text)))
    if chosen is None or not lines:
        return _checked_title(Decoder(lines, clf).run(), lines)
    heads = thread_marks(lines)
    if first is None:
        scored = chosen.scores(lines, heads[0])  # the model reads the comments headings too
        metas = [line.meta for line in lines]
        mask, sure = chosen.choice(lines, scored)
        if memo is not None and text in memo:  # (its mask: the first reading's alone)
            memo[text] = FirstReading(chosen, lines, metas, scored,
                                      mask if RESCORE.get() is None else None, sure)
    else:
        mask = first.chosen(RESCORE.get())  # (asked before, when read beside its siblings)
    end = form_end(lines, mask)  # (no main text below a comment form: formend.py)
    if end is not None:
        mask = main_above(lines, mask, end)
    heads = decoder_heads(lines, heads, mask)  # count lines, a thread below the article
    model_main = [line.text for line, kept in zip(lines, mask, strict=True) if kept]
    aside = page_marks(lines)  # (marks a live blog's update line: once, after the model)
    if len(lines) > RULES_MAX_LINES:
        learned = Decoder(lines, clf, mask, heads, aside=aside, form_end=end).run()
        learned.model_main = model_main
        return _checked_title(learned, lines)
    sizes = {line.text: line.words for line in lines}
    try:
        rules = Decoder(lines, clf, thread_heads=heads, model_main=model_main,
                         sizes=sizes, aside=aside).run()
    except Disagrees:  # (the same test, decided before the pass's end)
        rules = None
    if rules is not None:
        rules.model_main = model_main
        main = next((d for d in rules.articles if d.role == "main"), None)
        both, body_words, wanted_words = agreement(
            Counter(main.paragraphs) if main else Counter(),
            Counter(model_main) - teasers(rules.trace), sizes)
        if agrees(both, body_words, wanted_words):
            return _checked_title(rules, lines)
    learned = Decoder(lines, clf, mask, heads, aside=aside, form_end=end).run()
    learned.model_main = model_main
    return _checked_title(learned, lines)


def _checked_title(seg: Segmented, lines: list[Line]) -> Segmented:
    """The main article's title as ``titlecheck.shown_title`` lets it stand (none when the
    page does not bear it out); once per dump, on the decoding kept. A title it does not let
    stand is boilerplate of its own kind: it was in neither the title, the text nor the
    boilerplate, so a headline the check doubted (a German one whose compound words the text
    does not repeat, twenty-sixth session) was on no page at all."""
    main = next((d for d in seg.articles if d.role == "main"), None)
    if main is not None:
        given = main.title
        main.title = titlecheck.shown_title(main.title, main.paragraphs, lines, seg.trace)
        if given.strip() and main.title != given and given not in main.paragraphs:
            seg.boilerplate.append(Boilerplate(given, "unconfirmed_title"))
        if not main.title.strip() \
                and (below := titlecheck.headline_below(main.paragraphs, lines, seg.trace)):
            main.title = below[0]  # the headline under a site's name that was no title
            if main.paragraphs and MD_HEADING.sub("", main.paragraphs[0]).strip() == below[0]:
                main.paragraphs = main.paragraphs[1:]
            seg.boilerplate = [b for b in seg.boilerplate
                               if MD_HEADING.sub("", b.text).strip() != below[0]]
    _no_title_line_lost(seg)
    return seg


def _no_title_line_lost(seg: Segmented) -> None:
    """A line traced as the title that no article holds (as its title, a part of its title
    line, or text) and no boilerplate either becomes boilerplate of kind
    ``unconfirmed_title``. The header's own check (``headline.checked_title``: a title none of
    whose content words the lead holds is no title) dropped a German headline of compounds
    ("Stadtratsmehrheit kippt …" over "Der Rat der Stadt …") before the title check saw it,
    and it was on no page (twenty-seventh session)."""
    wheres = list(map(itemgetter(1), seg.trace))  # (C-level: most dumps trace one title)
    if "title" not in wheres:
        return
    titled = [(MD_HEADING.sub("", text).strip(), text)
              for text, _ in compress(seg.trace, map(eq, wheres, repeat("title")))
              if text.strip()]
    titles = [d.title.strip() for d in seg.articles if d.title.strip()]
    held: set[str] | None = None  # (built when a title line is not a shown title's part)
    for bare, text in titled:
        if any(t in bare for t in titles):
            continue
        if held is None:
            held = {p for d in seg.articles for p in d.paragraphs} \
                | {b.text for b in seg.boilerplate} | set(seg.comments)
        if text not in held and bare not in held:
            seg.boilerplate.append(Boilerplate(text, "unconfirmed_title"))
            held.add(text)


__all__ = ["segment_text"]
