"""Short Chinese and Japanese dumps: counted fairly by the length rules (``segment/cjk.py``).
Every text is made up."""

from __future__ import annotations

import pytest

from parallax.errors import InputRejected
from parallax.records import RawDocument
from parallax.segment.cjk import (
    cjk_chars,
    content_bigrams,
    script_language,
    weighed_length,
    word_count,
)
from parallax.segment.heuristic import HeuristicSegmenter
from parallax.segment.textdump import segment_text
from parallax.settings import load_config

PAGES = {
    "zh": ["河港镇新桥正式通车",
           "本报讯 经过两年施工，连接河港镇南北两岸的新桥于周三上午正式通车，数百名居民到场观看。",
           "新桥全长四百二十米，设有双向四车道和两条自行车道，总投资约三亿元。",
           "镇长林晓梅在通车仪式上表示，新桥将使两岸居民的通勤时间缩短一半以上。",
           "过去，南岸居民只能依靠一条老旧渡船过河，遇到大风天气渡船经常停航。",
           "当地商户普遍欢迎新桥开通，认为客流增加会带动沿河街道的生意。",
           "不过也有居民担心，车流增加可能带来噪音和交通拥堵等新问题。",
           "镇政府表示，将在桥头增设公交站点，并在夜间限制货车通行。"],
    "ja": ["港町に新しい図書館が開館",
           "港町の中心部に建設されていた市立図書館が、十二日に開館し、多くの市民が訪れた。",
           "新しい図書館は三階建てで、約十五万冊の本を収蔵できるという。",
           "館内には子ども向けの読書室や、地元の歴史資料を集めた展示室も設けられた。",
           "開館式では市長があいさつし、「市民が集まる場所にしたい」と述べた。",
           "初日は開館前から約二百人が列を作り、家族連れでにぎわった。",
           "図書館は年中無休で、平日は午後九時まで開いている。",
           "市は今後、移動図書館の運行も検討するという。"],
}
SEPS = pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "one block a line"])


def _extract(text: str) -> object:
    doc = RawDocument(uri="page.txt", kind="text", text=text, fetched_at="2026-03-02T10:00:00Z",
                      sha256="0", input="page.txt")
    return HeuristicSegmenter(load_config(None)).segment(doc)


@SEPS
@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_short_cjk_report_is_read_whole(lang: str, sep: str) -> None:
    """Was: the headline read as metadata, the lead as the title, the last paragraph as a
    comment or furniture, and the page rejected (under 200 characters left)."""
    title, *body = PAGES[lang]
    seg = segment_text(sep.join(PAGES[lang]) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.title == title
    assert main.paragraphs == body
    assert not seg.comments
    page = _extract(sep.join(PAGES[lang]) + "\n")
    assert page.articles[0].title == title  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_four_paragraph_cjk_report_is_not_rejected(lang: str) -> None:
    """About 140 CJK characters hold as much as about 340 Latin ones: no "no article"."""
    lines = PAGES[lang][:5]
    try:
        page = _extract("\n".join(lines) + "\n")
    except InputRejected as error:  # pragma: no cover - the old behaviour
        pytest.fail(f"rejected: {error}")
    text = page.articles[0].text  # type: ignore[attr-defined]
    assert all(p in text for p in lines[1:])


@SEPS
@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_short_cjk_report_has_no_reader_comments(lang: str, sep: str) -> None:
    """The short-text language model named these lines English or German, so on a Chinese or
    Japanese page each "switched language" and the last two paragraphs were comments."""
    title, *body = PAGES[lang][:5]
    seg = segment_text(sep.join([title, *body]) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.paragraphs == body and not main.notes
    assert not seg.comments


def test_script_language() -> None:
    assert script_language(PAGES["zh"][2]) == "zh" and script_language(PAGES["ja"][2]) == "ja"
    assert script_language("새 도서관은 3층 건물로 약 15만 권의 책을 소장할 수 있다.") == "ko"
    assert script_language("Zürich") is None and script_language("Wi-Fi 港") is None


def test_counts() -> None:
    assert word_count("one two three") == 3
    assert cjk_chars("Zürich, Москва") == 0 and weighed_length("abc") == 3
    assert word_count("ツイート") == 1  # one word, as "Tweet"
    assert word_count("河港镇新桥正式通车") == 3
    assert word_count("Wi-Fi 港町の図書館") == 1 + 2
    assert weighed_length("河港镇新桥") == 5 + round(1.4 * 5)


KOREAN = ["항구 도시에 새 도서관 개관",
          "항구 도시 중심가에 지어진 시립 도서관이 12일 문을 열었다.",
          "새 도서관은 3층 건물로 약 15만 권의 책을 소장할 수 있다.",
          "도서관 안에는 어린이 열람실과 지역 역사 자료 전시실이 마련됐다.",
          "개관식에서 시장은 시민이 모이는 장소가 되기를 바란다고 말했다.",
          "첫날에는 개관 전부터 약 200명이 줄을 서 붐볐다.",
          "도서관은 연중무휴로 운영되며 평일에는 오후 9시까지 문을 연다.",
          "시는 앞으로 이동 도서관 운영도 검토할 계획이다."]


@SEPS
def test_a_korean_headline_shares_its_leads_words(sep: str) -> None:
    """Korean words are two or three syllable blocks, a particle written onto its noun: none
    was a content word (four letters or more), so the headline shared none with its lead and
    the title check withheld it (no title). Hangul is read in syllable pairs as CJK is."""
    title, *body = KOREAN
    seg = segment_text(sep.join(KOREAN) + "\n")
    main = next(d for d in seg.articles if d.role == "main")
    assert main.title == title and main.paragraphs == body and not seg.comments
    assert {"도서", "서관", "항구"} <= content_bigrams(title)
    assert content_bigrams("Harbour library opens") == set()
