"""English Voices on fresh news (issue 17, fourteenth session): speech verbs the lists lacked
("notes that", "adds", "puts it"), speech verbs in another sense ("added two goals"), quotes
signed after a dash, lone surnames the entity stage did not tag, a company before its person's
title, and titles after "entitled" or examples after "such as:". Seen on the Dragnet tuning
half; the sentences are written for these tests."""

from __future__ import annotations

from test_enrich_quotes_fresh import _speakers, enriched  # tests/ is on sys.path


def test_a_newer_speech_verb_names_its_subject_not_a_name_after_it() -> None:
    article = enriched(
        "Lena Marsh runs the library at Orvale College.\n\n"
        "Lena Marsh notes that \u201cthe new journal package would take a tenth of the whole "
        "budget for one department.\u201d\n\n"
        "The towns of Brask and Ulm, where the plant is still open, argues that Kelso has "
        "\u201cbroken every promise it made to the valley.\u201d")
    shown = _speakers(article)
    assert shown.get("the new journal package would take a tenth of the whole budget for one "
                     "department") == "Lena Marsh"
    assert shown.get("broken every promise it made to the valley") is None  # not Kelso


def test_a_lone_surname_before_the_verb_speaks_where_no_person_was_tagged() -> None:
    article = enriched(
        "The comedian gave a talk on play and work, and Quillon says the open mode matters.\n\n"
        "\u201cNothing stops you being creative so well as the fear of a mistake,\u201d "
        "Quillon says. You must be free to play.")
    assert _speakers(article).get(
        "Nothing stops you being creative so well as the fear of a mistake") == "Quillon"


def test_a_quote_signed_after_a_dash_is_the_signers_and_goes_on_to_no_other() -> None:
    article = enriched(
        "Notes from the seminar in Paris last spring.\n\n"
        "\u201cIt really was a fine seminar and a rare chance to learn from the best.\u201d"
        "\n\n\u2014 Sarah Collins, Director, Collins Translations\n\n"
        "\u201cThe sessions gave me a whole new view of how I present my own work.\u201d\n\n"
        "\u2014 the other guests")
    shown = _speakers(article)
    assert shown.get("It really was a fine seminar and a rare chance to learn from the "
                     "best") == "Sarah Collins"
    assert shown.get("The sessions gave me a whole new view of how I present my own work") is (
        None)


def test_the_company_before_a_title_is_not_the_speaker() -> None:
    article = enriched(
        "Harbor Media Group has bought the rights to the thriller.\n\n"
        "\u201cThis is a ride that will impress every fan of the genre,\u201d said Harbor Media "
        "Group president John Keller.")
    assert _speakers(article).get(
        "This is a ride that will impress every fan of the genre") == "John Keller"


def test_a_speech_verb_in_another_sense_introduces_nothing() -> None:
    article = enriched(
        "Corrin Vale scored early for the visitors on Sunday.\n\n"
        "Corrin Vale added two goals in the second half and has grown stronger in the role "
        "every match.")
    assert not any("two goals" in q.text or "second half" in q.text for q in article.quotes)


def test_titles_after_entitled_and_examples_after_such_as_colon_are_no_voices() -> None:
    article = enriched(
        "The student paper ran a piece by Carla Wend entitled, \"Bright costumes could draw "
        "the wrong kind of attention,\" and it drew replies.\n\n"
        "One can see the fun in lyrics such as: \"Bells of the harbour, ringing in the fog, "
        "the calling of the gulls.\"")
    shown = _speakers(article)
    assert "Bright costumes could draw the wrong kind of attention" not in shown
    assert "Bells of the harbour, ringing in the fog, the calling of the gulls" not in shown


def test_a_written_thing_is_no_reported_clause_and_the_authors_own_words_no_voice() -> None:
    article = enriched(
        "Maria Lopez met the union leaders on Monday.\n\n"
        "Daniel Brooks, a former minister, wrote a sharp article in the Sunday paper to please "
        "the owners on the eve of the vote.\n\n"
        "I cannot stress enough what I have written elsewhere about rents: it is a slow matter "
        "and doubts matter.")
    assert not any("sharp article" in q.text for q in article.quotes)
    assert not any("elsewhere about rents" in q.text for q in article.quotes)


def test_a_source_after_according_to_is_its_noun_phrase_and_goes_on_to_no_later_quote() -> None:
    """Fifteenth session (helper Q3): "according to which" and "laut Gesetz" name no voice, a
    U.S. official is not cut to "a U", and a source named after "laut" speaks no quote that
    comes two sentences later."""
    shown = _speakers(enriched(
        "The harbour board met on Monday.\n\n"
        "Forty boats sank in the storm, according to a U.S. official at the port.\n\n"
        "The board backed a rule according to which no boat may dock at night."))
    assert shown.get("Forty boats sank in the storm, according to a U.S. official at the "
                     "port") == "a U.S. official at the port"
    assert "The board backed a rule according to which no boat may dock at night" not in shown
    shown = _speakers(enriched(
        "Der Hafen der Stadt Vell bleibt nach dem Sturm vom Montag geschlossen.\n\n"
        "Laut der staatlichen Hafenbehörde sanken am Montag vierzig Boote im Hafen. Die "
        "Reparatur der Kaimauer wird noch viele Monate dauern. »Das Wasser kam viel zu "
        "schnell«, so Berg, »niemand war darauf vorbereitet.«\n\n"
        "Laut Hafengesetz dürfen nachts keine Boote am Kai liegen."))
    assert shown.get("Laut der staatlichen Hafenbehörde sanken am Montag vierzig Boote im "
                     "Hafen") == "der staatlichen Hafenbehörde"
    assert shown.get("Das Wasser kam viel zu schnell") is None
    assert "Laut Hafengesetz dürfen nachts keine Boote am Kai liegen" not in shown


def test_a_russian_source_after_po_slovam_is_its_noun_phrase_not_the_clause_after_it() -> None:
    """Fifteenth session (helper Q4): the speaker of a made-up "по словам X" sentence is X, not
    X with the participle clause or the date that follows it without a comma."""
    shown = _speakers(enriched(
        "Порт города Вел закрыт после шторма в понедельник.\n\n"
        "В порту затонули сорок лодок, по словам начальника порта заявившего журналистам в "
        "понедельник.\n\n"
        "По данным портовой службы в интервью газете Вестник, ремонт причала займёт год."))
    assert shown.get("В порту затонули сорок лодок, по словам начальника порта заявившего "
                     "журналистам в понедельник") == "начальника порта"
    assert shown.get("По данным портовой службы в интервью газете Вестник, ремонт причала "
                     "займёт год") == "портовой службы"


def test_a_german_quote_signed_with_so_is_its_speakers_and_no_one_elses() -> None:
    """Sixteenth session (helper Q5): '»…«, so Lund.' signs a German quote; no speaker was
    shown. A quote signed by a role alone ("so der Forscher") stays without one and takes
    none from the quote before it. Made-up text."""
    shown = _speakers(enriched(
        "Die Hafenbehörde von Velden hat am Montag den Nordkai geschlossen, weil ein Sturm die "
        "Mauer zerstört hat. Hafenchefin Ana Lundberg sprach von einem schweren Schlag für die "
        "Stadt. Auch der Ingenieur Ben Bergmann war am Kai.\n\n"
        "»Wir werden den Kai erst im Frühjahr wieder öffnen können«, so Lundberg. Der Schaden "
        "sei groß.\n\n"
        "„Die Reparatur wird mindestens drei Millionen Euro kosten“, so Ben Bergmann.\n\n"
        "„Der Sturm hat uns alle überrascht“, so der Forscher."))
    assert shown.get("Wir werden den Kai erst im Frühjahr wieder öffnen können") == (
        "Ana Lundberg")
    assert shown.get("Die Reparatur wird mindestens drei Millionen Euro kosten") == (
        "Ben Bergmann")
    assert shown.get("Der Sturm hat uns alle überrascht") is None


def test_a_relative_clause_before_the_verb_is_no_speaker() -> None:
    """Sixteenth session (helper Q5): in "X, which gave no names for its figures, said …" a
    source noun inside the clause was shown as the speaker; X speaks, or no one where X cannot
    be read as a name or a source noun. Made-up text."""
    shown = _speakers(enriched(
        "Ports in the north were shut on Monday after the storm hit the coast.\n\n"
        "In a report on Monday, the agency, which kept the sources for its tally "
        "secret, said that Lund met with Berg \u201caround March 2016\u201d \u2014 in the "
        "month when the port was sold.\n\n"
        "The paper, which kept the sources for its story secret, said that Holm met "
        "with Vance \u201cbefore the vote in May\u201d \u2014 a month before the port closed."))
    assert shown.get("Lund met with Berg \u201caround March 2016\u201d \u2014 in the month "
                     "when the port was sold") == "the agency"
    assert shown.get("before the vote in May") is None


def test_a_role_noun_speaks_for_the_person_the_article_gave_that_title() -> None:
    """Sixteenth session (helper Q5): "the port president said" stood for the person named
    last (a lawyer quoted before); now for the one the article called so, or no one. Made-up
    text."""
    shown = _speakers(enriched(
        "Port President Ana Lundqvist closed the north quay on Monday after the storm.\n\n"
        "\u201cThe quay will stay shut until the wall is safe,\u201d Lundqvist said.\n\n"
        "Lawyer Ben Okafor, who represents the fishermen, said the closure was unlawful. "
        "\u201cMy clients lose money every day the quay stays shut,\u201d Okafor said.\n\n"
        "\u201cWe will not reopen it before the engineers sign off,\u201d the port president "
        "said on Tuesday.\n\n"
        "\u201cThe ferry will run from the south quay until then,\u201d the ferry director "
        "said on Tuesday."))
    assert shown.get("We will not reopen it before the engineers sign off") == "Ana Lundqvist"
    assert shown.get("The ferry will run from the south quay until then") is None


def test_members_of_two_chambers_speak_as_written_not_as_the_nearer_chamber() -> None:
    """Seventeenth session: "House and Senate leaders said" gave the quote to the Senate (the
    body nearer the verb), and the claim to "Senate Democrats"; a reader sees the group as the
    report wrote it. Made-up text."""
    article = enriched(
        "The harbour toll bill stalled in the capital on Tuesday.\n\n"
        "House and Senate Republican leaders said they would not bring the bill to a vote "
        "before the spring recess.\n\n"
        "\u201cWe need more time to read it,\u201d the House and Senate leaders said on "
        "Wednesday.\n\n"
        "And several House and Senate Democrats also had said they plan to vote "
        "against the toll.")
    shown = _speakers(article)
    assert shown.get("they would not bring the bill to a vote before the spring recess") == (
        "House and Senate Republican leaders")
    assert shown.get("We need more time to read it") == "the House and Senate leaders"
    assert shown.get("they plan to vote against the toll") == (
        "several House and Senate Democrats")
    # the claims stage names the same group as the sentence's source (it named the Senate's)
    sources = {c.text[:20]: c.attribution for c in article.claims}
    assert sources.get("And several House an") == (
        "several House and Senate Democrats")
