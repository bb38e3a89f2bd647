from __future__ import annotations

from parallax.enrich.linker import CorpusLinker
from parallax.records import Article, Mention, Published, Quote


def article(*mentions: tuple[str, str, str]) -> Article:
    text = " ".join(m[0] for m in mentions)
    out, pos = [], 0
    for surface, etype, canonical in mentions:
        out.append(Mention(surface, pos, pos + len(surface), etype, canonical))
        pos += len(surface) + 1
    return Article(id="x", role="main", title="", outlet=None, published=Published(), text=text,
                   entities=out)


def test_spelling_variants_and_glued_nouns_link_to_known_names() -> None:
    linker = CorpusLinker([("Mira Kessler", "PERSON"), ("Orsk", "GPE")], embeddings=False)
    a = article(("Mirra Kesler", "PERSON", "Mirra Kesler"),
                ("Region Orsk", "GPE", "Region Orsk"),
                ("Kriegstreiber Mira Kessler", "PERSON", "Kriegstreiber Mira Kessler"))
    a.quotes = [Quote("…", 0, 1, "Mirra Kesler", "said", True)]
    linker.link(a)
    assert [m.canonical for m in a.entities] == ["Mira Kessler", "Orsk", "Mira Kessler"]
    assert a.entities[2].text == "Mira Kessler"
    assert a.text[a.entities[2].start:a.entities[2].end] == "Mira Kessler"
    assert a.quotes[0].speaker == "Mira Kessler"
    assert len({m.entity_id for m in a.entities if m.type == "PERSON"}) == 1


def test_a_place_name_is_not_a_known_place_with_a_glued_word() -> None:
    """The island Jersey known first; "New Jersey" and "North Carolina" stay whole (on real news
    every later "New Jersey" became "Jersey")."""
    linker = CorpusLinker([("Jersey", "GPE"), ("Carolina", "GPE"), ("Orsk", "GPE")],
                          embeddings=False)
    a = article(("New Jersey", "GPE", "New Jersey"), ("North Carolina", "GPE", "North Carolina"),
                ("Region Orsk", "GPE", "Region Orsk"))
    linker.link(a)
    assert [m.canonical for m in a.entities] == ["New Jersey", "North Carolina", "Orsk"]
    assert a.entities[0].text == "New Jersey"
    linker = CorpusLinker([("Mobile", "ORG")], embeddings=False)
    b = article(("Zillow Mobile", "ORG", "Zillow Mobile"))
    linker.link(b)
    assert b.entities[0].canonical == b.entities[0].text == "Zillow Mobile"


def test_different_people_stay_apart() -> None:
    linker = CorpusLinker([("Aurel Dragan", "PERSON")], embeddings=False)
    a = article(("Oleg Varesh", "PERSON", "Oleg Varesh"), ("Dragan", "GPE", "Dragan"))
    linker.link(a)
    assert [m.canonical for m in a.entities] == ["Oleg Varesh", "Dragan"]


def test_embeddings_link_a_translation() -> None:
    linker = CorpusLinker([("European Union", "ORG"), ("NATO", "ORG")])
    a = article(("Евросоюз", "ORG", "Evrosoyuz"))
    linker.link(a)
    assert a.entities[0].canonical == "European Union"
