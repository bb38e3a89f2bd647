"""One quote finder (issue 17, tenth session): partial quotes, the speaker of a quote that goes on
from the one before, and reported speech with newer verbs all come from the quote stage, so the
voices, claims and the technique attribution read the same records. The sentences are written
for these tests."""

from __future__ import annotations

import functools

import pytest

from parallax.compare.overlap import OverlapComparer
from parallax.enrich import quotes_langs
from parallax.enrich.speech_verbs import CUE_RX, cue_rx
from parallax.frame.quoted import attribute
from parallax.pipeline import Pipeline
from parallax.records import Article, Published, Quote, QuotedBy, Story, TechniqueSpan
from parallax.settings import Config
from parallax.web.views import _marks


@functools.cache
def _pipeline() -> Pipeline:
    return Pipeline.from_config(Config())


def enriched(text: str, ident: str = "t") -> Article:
    article = Article(id=ident, role="main", title="", outlet="Outlet A", published=Published(),
                      text=text)
    for kind, annotator in _pipeline().annotators:
        if kind != "framing":
            annotator.annotate(article)
    return article


def _quote(article: Article, words: str) -> Quote:
    found = [q for q in article.quotes if q.text.strip(" ,.") == words]
    assert len(found) == 1, [(q.text, q.kind) for q in article.quotes]
    return found[0]


def test_short_quoted_phrases_are_partial_quotes_with_the_verbs_subject() -> None:
    article = enriched("Senator Mark Jensen described the inquiry as a \u201cwitch hunt\u201d "
                       "on Tuesday.\n\nThe mayor condemned \u201cracist elements\u201d in the "
                       "crowd.\n\nThe \u201cmoderates\u201d stayed home on polling day.")
    hunt = _quote(article, "witch hunt")
    assert (hunt.kind, hunt.speaker, hunt.direct) == ("partial", "Mark Jensen", True)
    racist = _quote(article, "racist elements")
    assert racist.kind == "partial"
    assert not any(q.text == "moderates" for q in article.quotes)  # no verb: a scare quote


def test_scare_quotes_get_no_partial_quote_and_participles_no_speaker() -> None:
    article = enriched("Critics mocked the so-called \u201cexperts\u201d at the hearing. "
                       "Lena Ostrova chairs the \u2018reform\u2019 panel.\n\n"
                       "Ivo Brandt left Kalvaria, saying the plan was \u201cruined\u201d.")
    assert not any(q.text in ("experts", "reform") for q in article.quotes)
    ruined = _quote(article, "ruined")
    assert ruined.kind == "partial" and ruined.speaker is None  # not "Kalvaria"


def test_partial_quotes_without_a_speaker_are_no_voices() -> None:
    first = enriched("Senator Mark Jensen described the inquiry as a \u201cwitch hunt\u201d on "
                     "Tuesday, and reporters asked about \u201cthe leak\u201d later.", "a1")
    assert {q.speaker for q in first.quotes if q.kind == "partial"} >= {"Mark Jensen", None}
    story = Story("s", "Inquiry", ["a1"], ["Outlet A"])
    voices = OverlapComparer(Config()).compare(story, [first], [])["voices"]
    assert [(v["speaker"], v["direct"]) for v in voices] == [("Mark Jensen", 1)]


def test_an_unnamed_quote_goes_on_from_the_named_one_before() -> None:
    text = ('"We will vote against this budget," Mark Jensen said on Monday. "This plan is a '
            'disgrace to every family here."\n\nThe council met again later in the week. '
            + "The agenda was long. " * 12
            + '"Nobody here has read the whole thing yet."')
    article = enriched(text)
    assert _quote(article, "This plan is a disgrace to every family here").speaker == \
        "Mark Jensen"
    assert _quote(article, "Nobody here has read the whole thing yet").speaker is None  # far


def test_a_quote_with_its_own_attribution_never_takes_the_speaker_before() -> None:
    text = ('"The harbour will reopen in May," Mark Jensen said. "There were never any '
            'soldiers in the port, and there never will be," a harbour pilot said.')
    article = enriched(text)
    second = _quote(article, "There were never any soldiers in the port, and there never "
                             "will be")
    assert second.speaker != "Mark Jensen"


def test_a_quote_someone_else_introduces_takes_no_speaker_from_the_one_before() -> None:
    text = ('"We will vote against this budget," Mark Jensen said on Monday. An unsigned '
            'editorial opined, "The council has lost its way on every count this year."\n\n'
            '"The harbour stays open," Lena Ostrova said. "The Ostrova family has run it for '
            'a century," Ivo Ostrova told reporters.')
    article = enriched(text)
    assert _quote(article, "The council has lost its way on every count this year").speaker \
        is None
    family = _quote(article, "The Ostrova family has run it for a century")
    assert family.speaker != "Lena Ostrova"  # "Ivo Ostrova" is not "Lena Ostrova"


def test_reported_speech_with_newer_verbs_needs_a_subject_right_before() -> None:
    article = enriched(
        "Administration officials warn that the bill would leave the city open to costly "
        "lawsuits abroad. Critics say the new policy rewards the largest landlords in town. "
        "Aides to Mr. Jensen say that the senator will not run again next year. "
        "The claims that the harbour would close were never confirmed by anyone. "
        "Mayor Lena Ostrova claims to fight for every family in the northern districts.")
    reported = {q.speaker: q for q in article.quotes if not q.direct}
    assert reported["Administration officials"].cue == "warn"
    assert reported["Administration officials"].text.startswith("the bill would leave")
    assert reported["Critics"].text.startswith("the new policy")
    assert "Aides to Mr. Jensen" in reported  # the aides speak, not the senator
    assert not any("harbour would close" in q.text for q in article.quotes)  # a noun, no subject
    assert not any("to fight for" in q.text for q in article.quotes)  # "claims to": no clause


def test_framing_reads_the_quote_stage_records_only() -> None:
    text = 'Senator Mark Jensen described the inquiry as a "witch hunt" on Tuesday.'
    article = enriched(text)
    start = text.index("witch")
    span = TechniqueSpan("Name_Calling-Labeling", start, start + 10, 0.9)
    attribute(text, [span], article.quotes)
    assert span.quoted == QuotedBy("Mark Jensen", True)
    attribute(text, [span], [])  # no second finder in framing
    assert span.quoted is None


def test_quote_kind_round_trips_and_old_rows_load() -> None:
    article = enriched('Senator Mark Jensen described the inquiry as a "witch hunt" on Tuesday.')
    data = article.to_dict()
    assert [q["kind"] for q in data["quotes"]] == ["partial"]
    assert Article.from_dict(data).quotes == article.quotes
    del data["quotes"][0]["kind"]  # stored before the field existed
    assert Article.from_dict(data).quotes[0].kind is None


def test_the_article_page_marks_a_partial_quote_as_partial() -> None:
    article = enriched('Senator Mark Jensen described the inquiry as a "witch hunt" on Tuesday.')
    notes = [note for _, _, layer, note in _marks(article) if layer == "quotes"]
    assert notes == ["quote: Mark Jensen (partial)"]


def test_a_quote_that_runs_on_into_its_sentence_takes_no_cue_after_it() -> None:
    """The words quoted as a noun phrase of the sentence ("thanked them for the “…” of their
    staff") are not those of the person whose speech verb comes later in that sentence."""
    article = enriched(
        "While Mira Kessler thanked the ministers for the \u201ccourage, patience and steady "
        "nerves\u201d of their staff in the border towns, Tomas Reyes in return promised "
        "\u201cevery measure the council will take in the coming year.\u201d\n\n"
        "\u201cWe will not stop before the vote is counted,\u201d the union leader Tomas Reyes "
        "said on Monday.")
    assert _quote(article, "courage, patience and steady nerves").speaker is None
    assert _quote(article, "every measure the council will take in the coming year").speaker \
        == "Tomas Reyes"
    assert _quote(article, "We will not stop before the vote is counted").speaker == "Tomas Reyes"


def _speakers(article: Article) -> dict[str, str | None]:
    return {q.text.strip(" ,."): q.speaker for q in article.quotes}


def test_the_person_before_an_appositive_speaks_not_a_place_inside_it() -> None:
    # BASIL audit (tenth session): "Senate" for Joni Ernst, "New Jersey" for Bob Hugin
    article = enriched("\u201cWe will fight for every dairy farm in this valley,\u201d Dana "
                       "Whitlock, a farmer running in Ohio's Republican Senate primary, said on "
                       "Monday.\n\nSenator Ellen Marsh tweeted to Trump to \u201ccancel the summit "
                       "and fly home right now.\u201d")
    speakers = _speakers(article)
    assert speakers["We will fight for every dairy farm in this valley"] == "Dana Whitlock"
    assert speakers["cancel the summit and fly home right now"] == "Ellen Marsh"


def test_a_possessive_name_is_not_the_speaker() -> None:
    article = enriched("Citing his rights, Mr. Harlan\u2019s lawyer said on Monday that Harlan "
                       "would not comply with the subpoenas from the committee.")
    assert all(q.speaker != "Harlan" for q in article.quotes), article.quotes


def test_the_attribution_tail_is_no_quote_and_after_that_is_the_clause() -> None:
    article = enriched("\u201cIt is unfortunate that this board keeps pushing failed plans,\u201d "
                       "the Farmers Union said after meeting with the governor last week.\n\n"
                       "Senator Ana Ruiz said in an interview that the governor cannot end the "
                       "program by decree.\n\nMarco Lind said before the vote, recalling past "
                       "defeats that many feared would return.")
    texts = [q.text.strip(" ,.") for q in article.quotes]
    assert not any("after meeting" in t for t in texts), texts
    assert not any("recalling" in t or "many feared" in t for t in texts), texts
    assert _speakers(article)["the governor cannot end the program by decree"] == "Ana Ruiz"


def test_a_title_in_quotation_marks_and_marks_paired_across_quotes_are_no_quotes() -> None:
    article = enriched("In an appearance on \"The Late Hour with Lars Moen,\" Mara Quinn "
                       "said the interview did not surprise her.\n\n\u201cAs we begin, our first "
                       "task is to reopen the government,\" he said.  \u201cIt is the right of "
                       "every nation to guard its borders.\"")
    texts = [q.text for q in article.quotes]
    assert not any("Late Hour" in t for t in texts), texts
    assert not any(t.lstrip().startswith("he said") for t in texts), texts


def test_a_speaker_is_a_well_formed_name() -> None:
    from parallax.enrich.quotes_checks import well_formed

    assert well_formed("Plus Obama") == "Obama"
    assert well_formed("anOct") is None
    assert well_formed("Mitch McConnell") == "Mitch McConnell"
    assert well_formed("a Kremlin spokesman") == "a Kremlin spokesman"


def test_a_datelines_place_or_agency_never_speaks() -> None:
    """"WASHINGTON — The union said …", "BERLIN (Reuters) - Officials said …": the dateline
    says where and by whom the report was filed, not who speaks."""
    for text in ("WASHINGTON \u2014 The union said on Monday that the strike at the coastal "
                 "plant would go on until June.",
                 "BERLIN (Reuters) - Officials said on Monday that the coastal plant would "
                 "close by June and that no jobs would be lost."):
        article = enriched(text)
        assert not any(q.speaker in ("Washington", "Reuters", "Berlin")
                       for q in article.quotes), [(q.text, q.speaker) for q in article.quotes]
    nordvik = enriched("OSLO \u2014 Nordvik Energy, the state utility, said on Monday that the "
                       "coastal plant would close by June and that no jobs would be lost.")
    assert [q.speaker for q in nordvik.quotes] == ["Nordvik Energy"]


def test_a_name_after_by_is_no_speaker() -> None:
    # BASIL (eleventh session, paraphrased): a deal "announced by" the president gave him
    # Summers' words; one object pattern now serves both speaker rules (quotes_checks)
    article = enriched("Dana Whitlock, the outgoing chair of the Farm Council, told reporters "
                       "that failure to pass a bill like the budget deal announced by President "
                       "Harlan Moss this week \u201cwould badly hurt the valley farms\u201d in "
                       "the spring.")
    assert _speakers(article)["would badly hurt the valley farms"] == "Dana Whitlock"


def test_she_never_stands_for_a_mr() -> None:
    # BASIL (eleventh session): '“…,” she said of Mr. Brat' gave Brat Ingraham's words
    article = enriched("Mr. Tobias Dorn said on Monday that the harbour plan had won wide "
                       "support.\n\nGreta Halvorsen, one of the few council members to back "
                       "Mr. Dorn in public, told a radio station that the result was a clear "
                       "verdict for the town.\n\n\u201cHe never had much money to spend, but "
                       "he always had a big heart,\u201d she said of Mr. Dorn.")
    speaker = _speakers(article)["He never had much money to spend, but he always had a big "
                                 "heart"]
    assert speaker == "Greta Halvorsen"


def test_an_announced_thing_or_a_passive_cue_is_no_reported_clause() -> None:
    # BASIL (paraphrased): charges announced at a press conference, a story first reported by
    # a local paper, a request for documents that was denied were shown as voices
    article = enriched("Mayor Lena Ostrova announced the new harbour budget during a press "
                       "conference on Friday.\n\nThe plan, first reported by the Harbour Gazette, "
                       "was expected to pass in the spring.\n\nCouncillor Ivo Brandt confirmed he "
                       "had met the developers twice in the last month.")
    texts = _speakers(article)
    assert not any("budget" in t or "Gazette" in t for t in texts), texts
    assert "Ivo Brandt" in (texts["he had met the developers twice in the last month"] or "")


def test_a_show_after_a_possessive_and_the_is_a_title() -> None:
    article = enriched("\u201cIt is destructive to the whole region,\u201d Ostrova said on "
                       "Nordvision\u2019s the \u201cMorning Harbour\u201d show.")
    assert "Morning Harbour" not in _speakers(article)


def test_an_official_with_a_group_is_named_as_written() -> None:
    article = enriched("The pensioners' union says it has not changed its stance on cuts, "
                       "though a senior official with the group said it would discuss a later "
                       "retirement age.")
    assert _speakers(article)["it would discuss a later retirement age"] == \
        "a senior official with the group"


def test_a_role_noun_stands_for_the_person_not_the_body_inside_it() -> None:
    # BASIL: "the House speaker said" gave House, "the former Alaska governor said" Alaska.
    # Sixteenth session (Q5): the role stands for the one the article gave that title (the
    # real report had called him Speaker before), and for no one where nobody holds it
    text = ("Some senators, including Speaker Halvard Ryen, quickly rejected the idea on "
            "Monday.\n\n\u201cYou cannot end the treaty with a decree,\u201d the "
            "Senate speaker said on Tuesday on a radio show.")
    assert _speakers(enriched(text))["You cannot end the treaty with a decree"] == "Halvard Ryen"
    untitled = enriched(text.replace("Speaker Halvard", "Halvard"))
    assert _speakers(untitled)["You cannot end the treaty with a decree"] is None


def test_the_name_right_before_the_cue_speaks_not_the_one_after_it() -> None:
    # BASIL (paraphrased): 'A said B “…”' gave B, 'A also told <interviewer> he would not …'
    # gave the interviewer, 'A told <a news site>' gave the site
    article = enriched("Marta Lindqvist said Tomas Berg \u201cwasted no time stripping the "
                       "harbour fund of its money\u201d in the spring.")
    assert _speakers(article)["wasted no time stripping the harbour fund of its money"] == \
        "Marta Lindqvist"


def test_a_place_before_a_capitalised_word_is_a_modifier_not_a_speaker() -> None:
    # BASIL (paraphrased): "<state> <party> Rep. <name>'s attorney confirmed …" gave the state
    article = enriched("New York Republican Rep. Anna Vikstrom's attorney confirmed on Friday "
                       "evening that state prosecutors would charge her with fraud.")
    assert all(q.speaker != "New York" for q in article.quotes), \
        [(q.text, q.speaker) for q in article.quotes]


def test_a_curly_mark_closed_by_a_straight_one_is_a_quote() -> None:
    # BASIL (paraphrased): a quote opened with a curly mark and closed with a straight one
    # before '<name> said in a statement', and the reverse, were no quotes: the finder paired
    # only marks of one style
    article = enriched("\u201cI was surprised by the vote this week. The message from the "
                       "harbour towns is clear,\" Ingrid Solvang said in a statement.\n\n"
                       "Her rival Jonas Haugland told them \"the ferry will keep running for "
                       "many years to come.\u201d")
    speakers = _speakers(article)
    assert speakers["I was surprised by the vote this week. The message from the harbour "
                    "towns is clear"] == "Ingrid Solvang"
    assert speakers["the ferry will keep running for many years to come"] == "Jonas Haugland"


def test_a_quote_left_open_at_a_paragraphs_end_goes_on_into_the_next() -> None:
    # BASIL (shape only): '…," <name> said. "<the quote goes on> …' with the next paragraph
    # opening a mark again: journalism closes only a long quote's last paragraph
    article = enriched("\"We have no quarrel with the ferry company,\" the union leader Ingrid "
                       "Solvang said on Monday. \"What we object to is the way the harbour "
                       "board ignored the crews for years.\n\n\"The time has come for the board "
                       "to listen to the people who keep the boats running,\" she said.")
    assert _speakers(article)["What we object to is the way the harbour board ignored the "
                              "crews for years"] == "Ingrid Solvang"


def test_a_quote_that_runs_on_takes_the_cue_before_it() -> None:
    # BASIL (paraphrased): '<senator> announced he would bring a bill “to …” and said it was
    # …' had no speaker: the cue after the quote was dropped and none before it taken
    article = enriched("Senator Ingrid Solvang announced she will be introducing a bill "
                       "\u201cto end the tolls on the coastal ferries for good\u201d and said it "
                       "was overdue.")
    assert _speakers(article)["to end the tolls on the coastal ferries for good"] == \
        "Ingrid Solvang"


def test_a_quote_whose_middle_paragraphs_lost_their_marks_runs_to_the_closing_one() -> None:
    # BASIL: a four-paragraph tweet with marks only at its start and end was no quote
    article = enriched("The mayor's account tweeted on Sunday: \u201cI had to close the harbour "
                       "office because it lied to the council.\n\nIt has admitted those "
                       "errors.\n\nIt is a pity because the ferry plan was sound.\n\nThere "
                       "was nothing to hide!\u201d\n\nThe council met on Monday.")
    found = [q for q in article.quotes if q.text.startswith("I had to close the harbour")]
    assert len(found) == 1 and found[0].text.endswith("nothing to hide!"), \
        [(q.text, q.speaker) for q in article.quotes]


def test_continued_and_suggested_are_cues_and_an_official_may_have_two_modifiers() -> None:
    # BASIL: '"…," he continued.', '“…,” suggested Representative Ted Deutch' and '"…," said a
    # senior administration official' had no speaker
    article = enriched("\"The ferries will run again in May,\" said Ingrid Solvang.\n\n\"It "
                       "cannot be the usual crews alone,\" she continued. \"The harbour needs "
                       "new people.\"\n\n\"We are not going to sell the old boats,\" said a "
                       "senior government official.\n\n\u201cMaybe the tolls will fall next "
                       "year,\u201d suggested Jonas Haugland, a councillor.")
    speakers = _speakers(article)
    assert speakers["The harbour needs new people"] == "Ingrid Solvang"
    assert speakers["We are not going to sell the old boats"] == \
        "a senior government official"
    assert speakers["Maybe the tolls will fall next year"] == "Jonas Haugland"


def test_responded_is_a_quote_cue() -> None:
    # BASIL: 'Gen. Martin Dempsey responded: "Well, …"' was given the senator who asked
    article = enriched("Senator Halvard Ryen asked why the harbour board was told first.\n\n"
                       "Admiral Tomas Berg responded: \"Well, I do not know that the board was "
                       "told at all.\"")
    assert _speakers(article)["Well, I do not know that the board was told at all"] == \
        "Tomas Berg"


def test_the_pronoun_after_a_quote_never_stands_for_a_name_inside_it() -> None:
    # BASIL (paraphrased): a quote naming another politician, then 'she said', gave that
    # politician, not the press secretary named in the paragraph before
    article = enriched("Press secretary Ingrid Solvang spoke to reporters on Friday morning.\n\n"
                       "\u201cThe voters who elected Marta Lindqvist did not elect her to block "
                       "the ferry plan,\u201d she said.")
    assert _speakers(article)["The voters who elected Marta Lindqvist did not elect her to "
                              "block the ferry plan"] == "Ingrid Solvang"


def test_no_speaker_from_a_colon_in_languages_without_speech_verbs() -> None:
    """French, Italian, Polish, Portuguese, Spanish: the nearest name before a colon was right 4
    of 20 times on real documents, so it names nobody there; English keeps the rule."""
    french = enriched("Le ministre Bertrand Morvillier a visité le port de Saint-Malo jeudi "
                      "matin avec les élus de la région.\n\nLe sénateur a expliqué ensuite : "
                      "\u00ab Nous devons agir vite pour les pêcheurs de la côte. \u00bb",
                      ident="fr")
    assert french.language == "fr"
    assert _quote(french, "Nous devons agir vite pour les pêcheurs de la côte").speaker is None
    english = enriched("Minister Bertrand Morvillier wrote in a letter to the harbour "
                       "council on Thursday morning:\n\n\u201cWe must act quickly for the "
                       "fishermen of the coast.\u201d", ident="en")
    assert english.language == "en"
    assert _quote(english, "We must act quickly for the fishermen of the coast").speaker \
        == "Bertrand Morvillier"


def _by_text(article: Article) -> dict[str, str | None]:
    return {" ".join(q.text.split()[:4]): q.speaker for q in article.quotes}


def test_speech_verbs_name_speakers_in_french_italian_portuguese_spanish_polish(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelfth session: a verb right after the closing mark ('», a-t-elle ajouté', '», ha
    detto Ferretti', '” – powiedział …') or before the opening one ('Berrocal aseguró: "…"')
    names the speaker; before, these languages named nobody. Spanish (unmeasured) and Polish
    (held-back 17 of 25) keep their quotes speakerless until a judged sample passes."""
    french = enriched(
        "Odile Ferrand, maire de Kerlouan, a visité le port de pêche jeudi matin avec les élus "
        "de la région.\n\n« Nous attendons le retour des bateaux avant la fin du mois », "
        "a-t-elle ajouté devant les pêcheurs.\n\n« Le quai sera réparé avant l’hiver et les "
        "travaux commenceront lundi », a déclaré Mme Ferrand, « mais il faudra de la patience "
        "à tout le monde ».\n\n« Les pêcheurs ont raison de se plaindre de la lenteur des "
        "travaux », explique Gaël Kermarrec, président de la coopérative.", ident="fr")
    assert french.language == "fr"
    assert _by_text(french) == {
        "Nous attendons le retour": "Odile Ferrand",
        "Le quai sera réparé": "Mme Ferrand",
        "mais il faudra de": "Mme Ferrand",  # '», a déclaré X, « …' is no quote
        "Les pêcheurs ont raison": "Gaël Kermarrec"}
    italian = enriched(
        "Il sindaco Marco Ferretti ha visitato il cantiere del nuovo ponte sul fiume insieme ai "
        "tecnici della regione.\n\n«Il ponte sarà pronto prima dell’estate e i lavori finiranno "
        "in tempo», ha detto Ferretti ai giornalisti.\n\n«Abbiamo trovato i fondi per la seconda "
        "corsia», ha aggiunto.", ident="it")
    assert italian.language == "it"
    assert set(_by_text(italian).values()) == {"Marco Ferretti"}
    spanish = enriched(
        "La alcaldesa Lucía Berrocal visitó el puerto pesquero el jueves por la mañana junto a "
        "los técnicos de la región.\n\n\"El muelle estará listo antes del verano y las obras "
        "terminarán a tiempo\", dijo Lucía Berrocal a los periodistas.\n\nBerrocal aseguró: "
        "\"Tenemos el dinero para la segunda fase de las obras del puerto\".", ident="es")
    assert spanish.language == "es"
    assert set(_by_text(spanish).values()) == {None}
    polish = enriched(
        "Burmistrz Tomasz Wierzbicki odwiedził w czwartek budowę nowego mostu na rzece razem z "
        "inżynierami z województwa.\n\n„Most będzie gotowy przed latem, a prace skończą się na "
        "czas” – powiedział Tomasz Wierzbicki dziennikarzom.\n\n„Znaleźliśmy pieniądze na drugi "
        "pas ruchu” – dodał.", ident="pl")
    assert polish.language == "pl"
    assert set(_by_text(polish).values()) == {None}
    monkeypatch.setattr(quotes_langs, "SPEAKER_LANGS", frozenset({"es", "pl"}))
    assert set(_by_text(enriched(spanish.text, ident="es")).values()) == {"Lucía Berrocal"}
    assert set(_by_text(enriched(polish.text, ident="pl")).values()) == {"Tomasz Wierzbicki"}


def test_a_role_noun_or_an_object_after_the_verb_names_nobody(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """'", disse a investigadora' is a role noun standing for someone unnamed here; 'La giunta
    avverte gli Stati Uniti che «…»' names the object; '” – pisze portal' a source with no
    name: a wrong speaker is worse than none."""
    portuguese = enriched(
        "O ministro Rui Carvalhal visitou a barragem do rio na quarta-feira com os técnicos da "
        "região e os autarcas.\n\n\"A barragem vai abrir antes do verão e as obras vão terminar "
        "a tempo\", afirmou o ministro Rui Carvalhal aos jornalistas.\n\n\"Os dados mostram uma "
        "subida clara do nível da água neste inverno\", disse a investigadora.", ident="pt")
    assert portuguese.language == "pt"
    assert _by_text(portuguese) == {"A barragem vai abrir": "Rui Carvalhal",
                                    "Os dados mostram uma": None}
    italian = enriched(
        "Il sindaco Marco Ferretti ha visitato il cantiere del nuovo ponte sul fiume insieme ai "
        "tecnici della regione.\n\nLa giunta avverte gli Stati Uniti che «le aziende straniere "
        "devono rispettare le regole del cantiere».", ident="it")
    assert [q.speaker for q in italian.quotes] == [None]
    monkeypatch.setattr(quotes_langs, "SPEAKER_LANGS", frozenset({"pl"}))
    polish = enriched(
        "Burmistrz Tomasz Wierzbicki odwiedził w czwartek budowę nowego mostu na rzece razem z "
        "inżynierami z województwa.\n\n„Mieszkańcy czekają na ten most od wielu lat i mają dość "
        "objazdów” – pisze portal.", ident="pl")
    assert [q.speaker for q in polish.quotes] == [None]


def test_english_german_russian_read_the_old_cue_list() -> None:
    """The new verbs are read only in their own languages ("dice", "note" are English words),
    so English, German and Russian quotes are as before by construction."""
    assert all(cue_rx(lang) is CUE_RX for lang in ("en", "de", "ru", "bg", None))
    assert cue_rx("fr").search("a-t-il ajouté") and not CUE_RX.search("a-t-il ajouté")
