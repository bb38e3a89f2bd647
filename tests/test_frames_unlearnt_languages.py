"""Frames in a language the frames model never read (thirty-first session, helper FB).

Hindi reached the framing models through the SemEval-2025 narrative data only; read on the
Hindi training articles, the frames shown there were fair labels a third of the time, so a
Hindi article shows none and says so (docs/framing.md, "Thirty-first session (helper FB)").
"""

from __future__ import annotations

import pytest

from parallax.enrich.sentences import sentencex_sentences
from parallax.frame import languages
from parallax.frame.trained import TrainedFraming
from parallax.records import Article, Published

# made up: allied air forces start an exercise near a border, the neighbour calls it a provocation
HI = ("Russia-Ukraine War Updates: NATO Military Defense Exercise: "
      "गठबंधन के देशों ने सीमा के पास एक बड़ा सैन्य अभ्यास शुरू किया है। इसमें सौ से अधिक लड़ाकू "
      "विमान और हज़ारों सैनिक हिस्सा ले रहे हैं। रक्षा मंत्रालय ने कहा कि यह अभ्यास किसी देश के "
      "खिलाफ नहीं है। पड़ोसी देश ने इसे उकसावे की कार्रवाई बताया और अपनी सेना को सतर्क कर दिया। "
      "विशेषज्ञों का कहना है कि इससे क्षेत्र में तनाव बढ़ सकता है।")


def _hindi() -> Article:
    article = Article(id="hi", role="main", title="", outlet=None, published=Published(),
                      text=HI, language="hi")
    article.sentences = sentencex_sentences(HI, "hi")
    return article


def test_no_frames_in_hindi_with_a_note_saying_why() -> None:
    framing = TrainedFraming()
    article = _hindi()
    framing.annotate(article)
    assert article.frames == []
    assert any("no frames for language 'hi'" in note and "a third of the time" in note
               for note in article.notes)
    assert article.genre is not None  # the article's other fields stay


def test_hindi_is_the_only_learnt_language_without_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    framing = TrainedFraming()
    # the same article showed a frame before Hindi was held back
    monkeypatch.setattr(languages, "NO_FRAMES", frozenset())
    shown = _hindi()
    framing.annotate(shown)
    assert shown.frames and not any("no frames" in note for note in shown.notes)
    monkeypatch.undo()
    assert not languages.shows_frames("hi", framing.languages)
    # Bulgarian and Portuguese (judged right more than half the time) and the frames model's
    # own languages keep their frames
    for code in ("bg", "pt", "de", "en", "fr", "it", "pl", "ru"):
        assert code in framing.languages and languages.shows_frames(code, framing.languages)
    assert "never measured" in languages.withheld_note("frames", "cy")
