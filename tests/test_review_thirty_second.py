"""The thirty-second session's review (docs/robustness.md, "Thirty-second session (helper R):
review"): inputs the helpers' own tests did not cover. Each test failed on the commit it names.
All inputs are made up here."""

from __future__ import annotations

from parallax.records import Article, Page, Published
from parallax.store import open_store


def _page(sha: str, title: str, text: str) -> Page:
    article = Article(id=Article.make_id(title, text), role="main", title=title,
                      outlet="Coast Post", published=Published("today", "2026-11-03"),
                      text=text, input=f"{sha}.txt")
    return Page(input=f"{sha}.txt", uri=f"{sha}.txt", sha256=sha, kind="text", fetched_at="",
                articles=[article])


def test_a_minus_word_in_chinese_leaves_out_what_it_names_beside_english_words(
        db_url: str) -> None:
    # 7e3dd86: "ferry -渡轮" went to the word index, which holds a run of Chinese as one token,
    # so the article holding 渡轮 inside a run was listed: the opposite of what was asked. And
    # the Chinese scan left out "-ferry" as a substring, so "ferryman" went too, where the word
    # index keeps it
    store = open_store(db_url)
    store.save_page(_page("s1", "Ferry mixed", "The ferry stopped. 市议会投票后渡轮停航。"))
    store.save_page(_page("s2", "Ferry plain", "The ferry sails at ten."))
    store.save_page(_page("s3", "Ferryman", "The ferryman waited. 渡轮恢复航行。"))

    def titles(query: str) -> list[str]:
        hits = store.search(query)
        assert store.search_count(query) == len(hits)
        return sorted(h["title"] for h in hits)

    assert titles("ferry -渡轮") == ["Ferry plain"]
    assert titles('ferry -"渡轮停航"') == ["Ferry plain"]
    assert titles("ferry -投票") == ["Ferry plain"]
    assert titles("渡轮 -ferry") == ["Ferryman"]
    assert titles("渡轮 -ferryman") == ["Ferry mixed"]
    # as before: the word index and the scan answer what they did
    assert titles("ferry -storm") == ["Ferry mixed", "Ferry plain"]
    assert titles("渡轮 -投票") == ["Ferryman"]
    store.close()


def test_an_odd_mongodb_date_costs_its_record_its_date_not_the_file(tmp_path) -> None:
    # f4ae68a: a $date of digits was read with int(), which refuses a superscript digit ("²"
    # is a digit to str.isdigit) and a string of over 4,300 digits: the ValueError rejected
    # the whole file ("could not read this input … please report this input as a bug"), every
    # record of it lost
    import json

    from parallax.ingest import read_inputs
    from parallax.records import RawDocument
    from parallax.settings import Config

    body = ("The harbour council met on Tuesday evening to discuss the new ferry timetable, "
            "which residents said had been changed without any consultation. ")
    dates = [{"$date": "²"}, {"$date": {"$numberLong": "1" * 5000}},
             {"$date": {"$numberLong": "1762164000000"}}, {"$date": "2026-11-03T10:00:00Z"}]
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({"title": f"Ferry {n}", "text": body + str(n),
                                        "published": date}) + "\n"
                            for n, date in enumerate(dates)), encoding="utf-8")
    items = list(read_inputs([str(path)], Config()))
    assert all(isinstance(i, RawDocument) for i in items) and len(items) == 4
    published = [i.metadata["published_iso"] for i in items]
    assert published[:2] == [None, None]
    assert published[2] == "2025-11-03T10:00:00+00:00"
    assert published[3] is not None and published[3].startswith("2026-11-03")
