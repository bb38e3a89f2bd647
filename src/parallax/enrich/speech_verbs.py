"""The quote stage's words: speech verbs and attribution words per language.

Why a module of its own: the quote finder's rules (``enrich.quotes``) are the same in every
language, the words are not, and the word lists had grown the finder past the size guideline.
English, German and Russian (and a few Bulgarian and Ukrainian words) read with ``CUE_RX`` and
the verb patterns below; French, Italian, Portuguese, Spanish and Polish (twelfth session) read
only with their own lists and only where an article is in that language
(``enrich.quotes_langs``): their verbs are also nouns or English words ("note", "analyse",
"dice"), and the English, German and Russian output stays as it was by construction.
"""

from __future__ import annotations

import re

from parallax.enrich.german_lexicon import ADJECTIVE_ENDING

CUES = ("said", "says", "told", "added", "insisted", "wrote", "writes", "declared", "stated",
        "warned", "claimed", "argued", "noted", "stressed", "announced", "replied", "asked",
        "explained", "promised", "admitted", "denied", "called", "urged", "tweeted", "posted",
        "pledged", "vowed", "recalled", "conceded", "continued", "suggested", "testified",
        "responded",
        "versprach", "sagten", "erklärten",
        "пообещал", "пообещала", "признал", "сообщили", "написали",
        "sagte", "sagt", "erklärte", "betonte", "warnte", "schrieb", "fügte", "behauptete",
        "boasted", "remarked", "quipped", "answered", "according to", "told reporters",
        "forderte", "kündigte", "meinte", "betonten", "zufolge", "заявил", "заявила", "сказал",
        "сказала",
        "написал", "написала", "добавил", "добавила", "подчеркнул", "подчеркнула", "отметил",
        "отметила", "предупредил", "назвал", "заявили", "сообщил", "сообщила")
CUE_RX = re.compile(r"(?<![\w])(" + "|".join(CUES) + r")(?![\w])", re.IGNORECASE)
#: English speech verbs read only next to a direct quote (its nearest cue, and a lone name
#: before one after the closing mark), not by the pronoun and reported-clause rules: fourteenth
#: session, fresh real news (Dragnet tuning half) named speakers with them that were not shown
#: ("Jenica notes that “…”", "as Fraction puts it, “…”"). "shares" and "comments" are left out
#: (share prices, readers' comments), and so are "acknowledged", "agreed", "observed" (as often
#: no speech: "until the minority leader acknowledged them", BASIL)
EN_DIRECT_CUES = ("notes", "adds", "explains", "recalls", "suggests", "predicted", "predicts",
                  "puts it", "put it", "points out", "pointed out", "joked", "jokes",
                  "commented", "wondered", "wonders", "insists", "warns", "argues", "tells",
                  "asks", "admits", "concluded", "concludes", "laughed", "laughs", "exclaimed",
                  "mused")
EN_CUE_RX = re.compile(r"(?<![\w])(" + "|".join(CUES + EN_DIRECT_CUES) + r")(?![\w])",
                       re.IGNORECASE)
#: a speech verb in another sense: "said goodbye and exited", "added two goals", "added a
#: late penalty" (fourteenth session, fresh real news): no cue for a quote near it
OTHER_SENSE = re.compile(
    r"(?:said|says|say|saying)\s+(?:goodbye|good-bye|goodbyes|hello|farewell|grace|a prayer|"
    r"so long|thanks|thank you to)(?![\w])|"
    r"added\s+(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|another|"
    r"a (?:second|third|fourth|further|late|goal|penalty|try|point|run))(?![\w])",
    re.IGNORECASE)
PRONOUNS = {"he", "she", "er", "sie", "он", "она", "він", "вона", "il", "elle", "él", "ella"}
UNNAMED = re.compile(r"\b(an? (?:senior |western |european |government |unnamed |local |"
                     r"administration |white house |campaign |party ){0,2}"
                     r"(?:official|diplomat|source|spokesperson|spokesman|analyst|resident|"
                     r"witness|commander)s?|officials|sources|experts|residents|witnesses|"
                     r"ein(?:e)? (?:Sprecher(?:in)?|Beamter|Diplomat)|источник\w*)\b",
                     re.IGNORECASE)
#: the group ``cue`` is the verb alone; the words a few of them need come after it ("told
#: reporters that", "wrote on Truth Social that", "teilte mit")
INDIRECT_CUE = re.compile(
    r"(?<![\w])(?P<cue>said|says|told|insisted|claimed|warned|argued|wrote|stressed|announced|"
    r"added|confirmed|ruled|noted|explained|estimated|reported|promised|pledged|denied|"
    r"admitted|sagte|sagten|erklärte|erklärten|betonte|behauptete|warnte|schrieb|teilte|"
    r"kündigte|заявил[аи]?|сказал[аи]?|сообщил[аи]?|написал[аи]?|отметил[аи]?|"
    r"подчеркнул[аи]?|пообещал[аи]?)"
    r"(?:(?<=told)(?: [\w-]+){0,2}?(?= that| the | it | he | she | they | a | an | [a-z]+ed )|"
    r"(?<=wrote)(?: on [\w ]{2,25}?)?|(?<=teilte) mit|(?<=kündigte) an|"
    r"(?<!told)(?<!teilte)(?<!kündigte))"
    r"(?![\w])(?:\s*,?\s*(?:that|dass|что|on \w+day))?\s*",
    re.IGNORECASE)
FIRST_PERSON_CUE = re.compile(
    r"(?<![\w])(I (?:wrote|said|argued|noted|warned)|ich (?:schrieb|sagte|habe \w+ geschrieben)|"
    r"я (?:писал|писала|написал|написала|сказал|сказала|предупреждал)|"
    r"я (?:писав|писала|написав|сказав)|j'ai écrit|escribí)(?![\w])", re.IGNORECASE)
# "the chief executive said": a role noun outside the alias table stands for the person last
# named, like a pronoun
GENERIC_ROLE = re.compile(
    r"(?<![\w])(?:the|der|die|das)\s+"
    r"(?:(?!(?:of|for|to|in|on|at|by|with|from|and|or|who|that|von|für|und)\s)[\w-]+\s+){0,2}?"
    r"(?:chief executive|executive|president|"
    r"minister|chancellor|mayor|envoy|coach|manager|director|premier|governor|ambassador|judge|"
    r"chairman|chairwoman|chair|leader|striker|captain|speaker|adviser|advisor|nominee|"
    r"secretary|senator|congressman|congresswoman|candidate|incumbent|challenger|"
    r"kanzler|kanzlerin|ministerin|minister|"
    r"präsidentin|präsident|bürgermeisterin|bürgermeister|trainer|chefin|chef)(?![\w])|"
    r"(?<![\w])(?:премьер|министр|президент|канцлер|мэр|глава|тренер|директор)(?![\w])",
    re.IGNORECASE)
# reported-speech verbs beyond INDIRECT_CUE: taken only with a subject right before them
REPORTED_CUE = re.compile(
    r"(?<![\w])(?P<cue>say|warns?|argues|argue|claims|insists|contend(?:s|ed)?|assert(?:s|ed)|"
    r"alleges|alleged|predict(?:s|ed)|cautions|cautioned|"
    r"(?:maintain(?:s|ed)?|suggest(?:s|ed)?|acknowledge[sd]?|concede[sd]?|complain(?:s|ed)?|"
    r"point(?:s|ed)? out)(?= that))(?![\w])(?:\s*,?\s*that)?\s*",
    re.IGNORECASE)
# between a subject and its speech verb: auxiliaries and adverbs only
GAP_WORD = re.compile(r"(?:has|have|had|also|further|again|now|still|repeatedly|long|previously|"
                      r"recently|later|then|once|even|often|publicly|privately|\w+day|week|"
                      r"last|\w+ly)", re.IGNORECASE)

SOURCE_NP = re.compile(
    r"(?<![\w'’.-])((?:a|an|the|one|two|several|some)\s+)?"
    r"(?:(?!(?:but|though|although|while|as|because|if|when|which|who|so|yet)\s)"
    r"[\w'’.-]+\s+){0,3}?(?:officials?|spokes(?:man|"
    r"woman|person)|ministry|diplomats?|sources?|analysts?|residents?|investigation|witness(?:es)?|"
    r"experts?|prosecutors?|police|organisers|organizers|authorities|insiders?|aides?)"
    r"(?:\s+(?:for|of|at|with)\s+(?:the\s+)?[\w'’ -]{2,40}?)?\s*,?\s*$", re.IGNORECASE)
SUBJECT_HEAD = (
    r"(?:officials?|spokes(?:man|woman|person)|ministry|diplomats?|sources?|analysts?|experts?|"
    r"critics?|opponents?|supporters?|advocates?|lawmakers?|legislators?|prosecutors?|police|"
    r"authorities|scientists?|researchers?|economists?|democrats?|republicans?|activists?|"
    r"residents?|aides?|insiders?|observers?|leaders?|administration|government|campaign|"
    r"white house|kremlin|pentagon|department|agency|committee|court|company|report|study|"
    r"statement|lawsuit|complaint|indictment|allies|members|spokesmen|attorneys\s+general)")
# "critics", "Pentagon officials", "the indictment"; never "which critics" or "But experts"
SUBJECT_NP = re.compile(
    r"(?<![\w'’.-])(?:(?:the|some|many|several|most|other|two|three|a|an)\s+)?"
    r"(?:(?!(?:which|who|whom|whose|that|and|but|or|as|while|when|if|because)\b)[\w'’-]+\s+)?"
    + SUBJECT_HEAD + r"\s*$", re.IGNORECASE)
# "Aides to Mr. Trump", "a spokesman for the ministry": the head noun speaks, not the name
SUBJECT_PP = re.compile(
    r"(?<![\w'’.-])(?:(?:the|some|many|several|a|an)\s+)?(?:[\w'’-]+\s+)?" + SUBJECT_HEAD
    + r"\s+(?:to|of|for|at|from|with|in)\s+(?:[\w.'’-]+\s+){0,4}?[\w.'’-]+\s*$",
    re.IGNORECASE)
#: a full stop that belongs to an abbreviation and the source goes on after it ("a U.S.
#: official", "Dr. Ana Lund", "Vell Corp. analysts", "J. R. Berg"); at the end of the text
#: (a claim's sentence) it ends the source like any full stop
_ABBREVIATION_DOT = (r"(?-i:(?<=\b[A-Z])|(?<=\b(?:Dr|St|Mr|Ms|Jr|Sr|Co|Lt))|"
                     r"(?<=\b(?:Mrs|Inc|Ltd|Col|Sgt|Adm|Rev|Gen|Rep|Sen|Gov))|"
                     r"(?<=\b(?:Dept|Corp|Prof|Capt)))\.(?:(?=[ \t]*\S)|(?=\s*$))")
#: a German source after "laut" / "nach Angaben der" is a noun phrase and ends with it, not at
#: the next comma ("laut der städtischen Hafenbehörde sanken …", "laut Ana Lund noch Jahre
#: dauern"): an article, lower-case inflected adjectives, capitalised words (nouns and names),
#: and a genitive or "von"/"für" phrase after them
_DE_WORD = r"(?-i:(?:Dr|Prof|St|Nr|[A-Z])\.|[A-ZÄÖÜ][\w'’-]*)"
_DE_NOUNS = (r"(?:(?-i:der|die|das|dem|den|des|eine[mnrs]?|ein)\s+)?"
             r"(?:(?-i:[a-zäöüß]+" + ADJECTIVE_ENDING + r")\s+){0,3}" + _DE_WORD
             + r"(?:\s+(?:(?-i:for|of|on|and|und)\s+)?" + _DE_WORD + ")*")
_DE_SOURCE = (_DE_NOUNS + r"(?:\s+(?-i:der|des|von|für)\s+" + _DE_NOUNS + r")*(?![\w'’-])")
_DE_CUE_BEFORE = r"(?<=\blaut\s)|(?<=Angaben\s)|(?<=Angaben\svon\s)"
#: "nach Angaben des Unternehmens" is shown as written, "des Unternehmens", as "laut der
#: Behörde" keeps its article: the bare genitive "Unternehmens" read as a name (twenty-eighth
#: session). "von" is a preposition, not part of the source ("nach Angaben von Ana Lund")
NACH_ANGABEN = r"nach Angaben(?:\s+von|(?=\s+de[rs]\s))"
#: a Russian source after "по словам" / "по данным" / "сообщает" is a noun phrase in the
#: genitive (or nominative) that no capital ends: it ends before the words that say when or
#: where it was said, a participle clause that describes it, or "со ссылкой" ("по словам
#: министра финансов заявившего …", "сообщает агентство 3 мая", made up); a time word right
#: after the cue ("сообщает сегодня, …") names no one
_RU_END = (r"(?:сегодня|вчера|накануне|ранее|позднее|утром|днём|днем|вечером|ночью|"
           r"во?\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
           r"интервью|эфире|ходе|беседе|разговоре|сво[её]м|свое[йм]|заявлении|обращении|"
           r"телеграм\w*|соцсет\w*|\d{4}\s+год\w*)|во\s+время|со\s+ссылкой|ссылаясь|"
           r"на\s+(?:брифинге|пресс-конференции|заседании|встрече|форуме)|"
           r"\d+\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|"
           r"декабр)\w*|[а-яё]+(?<!бы)вш(?:ий|его|ему|им|ем|ая|ей|ую|ое|ие|их|ими))(?![\w-])")
_RU_WORD = (r"(?!" + _RU_END + r")[^\s,.;:–—()!?]+"  # an initial's full stop goes on: "А. Лунёв"
            r"(?:(?-i:(?<=\b[А-ЯЁA-Z]))\.(?=[ \t]*[А-ЯЁA-Z]))?")
_RU_SOURCE = (_RU_WORD + r"(?:[ \t]+" + _RU_WORD + r"){0,11}"
              r"(?=\s*(?:[,;:–—()\n.!?]|$| - )|\s+" + _RU_END + ")")
_RU_CUE_BEFORE = (r"(?<=по\sсловам\s)|(?<=по\sданным\s)|(?<=сообщает\s)|"
                  r"(?<=,\s)")  # after _RU_TIME_THEN only: no cue ends with a comma
#: "сообщает сегодня, 3 июля, пресс-служба …" (made up: "сообщает в пятницу, пресс-служба
#: порта"): the time between the cue and its source is passed over (seventeenth session)
_RU_TIME_THEN = (r"(?:(?<=сообщает)\s+(?:сегодня|вчера|накануне|утром|вечером|"
                 r"в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))"
                 r"(?:\s*,\s*\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|"
                 r"сентябр|октябр|ноябр|декабр)\w*)?\s*,(?=\s+(?!(?:что|как|и|а|но|в|во|на|по|из|с|со|к|"
                 r"о|об|у|за|от|до|при)\s)[^\W\d_]))?")
# the source named after "according to X": up to the next comma, dash, bracket or full stop
# (an abbreviation's is no end); after a German or Russian cue its noun phrase
SOURCE_AFTER_CUE = (_RU_TIME_THEN + r"\s+(?P<who>(?:" + _DE_CUE_BEFORE + r")" + _DE_SOURCE + r"|"
                    r"(?:" + _RU_CUE_BEFORE + r")" + _RU_SOURCE + r"|"
                    r"(?<!\blaut\s)(?<!Angaben\s)(?<!Angaben\svon\s)"
                    r"(?<!по\sсловам\s)(?<!по\sданным\s)(?<!сообщает\s)"
                    r"(?:[^,.;:–—()\n]|" + _ABBREVIATION_DOT + r"){2,80}?"
                    r"(?=\s*(?:[,;:–—()\n]|(?!" + _ABBREVIATION_DOT + r")\.|$| - )))")
#: German signs a quote with "so" right after its closing mark ('»…«, so Lund.', '„…“, so der
#: Ingenieur Ben Berg.', '„…“, so der Forscher.', made up): the quote is signed, by a name
#: or by a role we cannot name, and takes no other speaker
SO_AFTER = re.compile(r"[»«“”\"]?\s*,\s*so\s+(?P<det>(?:der|die|das)\s+)?(?=[A-ZÄÖÜ])")
#: what follows "according to" without naming who says it: a relative pronoun ("the view
#: according to which …") or a rule things go by ("according to the terms of the lease",
#: "according to his plan.", "laut Hafengesetz", made up); polls, data, reports and documents
#: do name a source. An English rule noun must end its phrase ("according to Bill Lund" and
#: "officials who will" name people)
NO_SOURCE = (r"\s+(?:which|whom|whose|(?:(?:the|a|an|his|her|its|their|this|these|our|"
             r"der|die|das|dem|den|einem)\s+)?(?:(?!(?:who|that|which)\s)[\w-]+\s+){0,2}?"
             r"(?:(?:plans?|laws?|terms|rules?|constitution|bill|act|tradition|notions?|"
             r"principles?|customs?|schedule|regulations?|guidelines?|instructions)"
             r"(?=\s*(?:[,.;:()\n–—]|$)|\s+(?:of|for|on|in|under|that|which)(?![\w-]))|"
             r"(?-i:[A-ZÄÖÜ]\w*gesetz\w*|Gesetz\w*|[A-ZÄÖÜ][a-zäöüß]{3,}plan\w*)(?![\w-])))")
#: the cue a quote made of an ``ACCORDING`` match carries, whichever language named it
ACCORDING_CUE = "according to"
ACCORDING = re.compile(r"(?<![\w])(?:according to|laut|" + NACH_ANGABEN + r"|"
                       r"по (?:данным|словам))(?!" + NO_SOURCE + r")" + SOURCE_AFTER_CUE,
                       re.IGNORECASE)

# --- French, Italian, Portuguese, Spanish, Polish (twelfth session) -----------------------
#: speech verbs: past participles (after an auxiliary), simple past and present third person.
#: Only verbs that introduce words said or written; "accusé", "appelé", "dénoncé un …" take an
#: object and are left out
VERBS: dict[str, str] = {
    "fr": (
        r"déclar[ée]|dit|affirm[ée]|ajout[ée]|expliqu[ée]|soulign[ée]|précis[ée]|estim[ée]|"
        r"assur[ée]|indiqu[ée]|confi[ée]|lanc[ée]|martel[ée]|martèle|insist[ée]|rappel[ée]|"
        r"rappelle|répond|répondu|poursuit|poursuivi|conclut|conclu|écrit|annonc[ée]|averti|"
        r"avertit|prévenu|prévient|reconnu|reconnaît|reconnait|regrett[ée]|jug[ée]|tweet[ée]|"
        r"comment[ée]|racont[ée]|témoign[ée]|confirm[ée]|admis|admet|observ[ée]|relev[ée]|"
        r"relève|résum[ée]|ironis[ée]|répliqu[ée]|tranch[ée]|déplor[ée]|gliss[ée]|concéd[ée]|"
        r"concède|détaill[ée]|argu[ée]|soutenu|soutient|avanc[ée]|clam[ée]|lâch[ée]|"
        r"calcul[ée]|nuanc[ée]|insist[ée]|ajoutait|disait|expliquait|affirmait|déclarait|"
        r"écrivait|précisait|soulignait|estimait|assurait|raconte|raconté|confié|"
        r"s['’]est (?:exclamé|exclamée|félicité|félicitée|interrogé|interrogée|insurgé|"
        r"insurgée|emporté|emportée|défendu|défendue|justifié|justifiée|inquiété|inquiétée)|"
        r"s['’](?:exclame|félicite|interroge|insurge|emporte|défend|justifie|inquiète)"),
    "it": (
        r"detto|dichiarato|affermato|aggiunto|spiegato|sottolineato|precisato|ribadito|"
        r"commentato|osservato|evidenziato|scritto|annunciato|ricordato|concluso|risposto|"
        r"replicato|raccontato|confermato|ammesso|assicurato|avvertito|chiarito|incalzato|"
        r"insistito|proseguito|continuato|rimarcato|tuonato|sostenuto|twittato|attaccato|"
        r"dice|dichiara|afferma|aggiunge|spiega|sottolinea|precisa|ribadisce|commenta|"
        r"osserva|evidenzia|scrive|annuncia|ricorda|conclude|risponde|replica|racconta|"
        r"conferma|ammette|assicura|avverte|chiarisce|incalza|insiste|prosegue|continua|"
        r"rimarca|tuona|sostiene|attacca|disse|dichiarò|affermò|aggiunse|spiegò|sottolineò|"
        r"scrisse|rispose|concluse|raccontò|ricordò|ribadì|diceva|spiegava|scriveva|"
        r"racconta"),
    "pt": (
        r"disse|afirmou|declarou|acrescentou|explicou|sublinhou|salientou|destacou|frisou|"
        r"referiu|garantiu|assegurou|defendeu|considerou|adiantou|admitiu|reconheceu|"
        r"escreveu|anunciou|alertou|avisou|lembrou|recordou|respondeu|concluiu|contou|"
        r"comentou|confirmou|advertiu|insistiu|sustentou|argumentou|observou|revelou|"
        r"apontou|precisou|rematou|vincou|prometeu|questionou|"
        r"diz|afirma|declara|acrescenta|explica|sublinha|salienta|destaca|refere|garante|"
        r"defende|considera|adianta|admite|reconhece|escreve|anuncia|alerta|lembra|recorda|"
        r"responde|conclui|conta|comenta|confirma|insiste|sustenta|argumenta|observa|revela|"
        r"aponta|dizia|afirmava|explicava|escrevia"),
    "es": (
        r"dijo|afirmó|declaró|añadió|agregó|explicó|señaló|subrayó|destacó|aseguró|indicó|"
        r"sostuvo|advirtió|apuntó|precisó|reconoció|admitió|escribió|anunció|recordó|"
        r"respondió|concluyó|contó|comentó|confirmó|insistió|manifestó|expresó|reiteró|"
        r"enfatizó|puntualizó|prometió|dicho|afirmado|declarado|añadido|agregado|explicado|"
        r"señalado|subrayado|destacado|asegurado|indicado|sostenido|advertido|escrito|"
        r"anunciado|recordado|respondido|confirmado|insistido|manifestado|reiterado|"
        r"dice|afirma|declara|añade|agrega|explica|señala|subraya|destaca|asegura|indica|"
        r"sostiene|advierte|apunta|precisa|reconoce|admite|escribe|anuncia|recuerda|"
        r"responde|concluye|cuenta|comenta|confirma|insiste|manifiesta|reitera|decía|"
        r"explicaba|aseguraba|afirmaba"),
    "pl": (
        r"(?:powiedzia|mówi|stwierdzi|doda|podkreśli|podkreśla|zaznaczy|oświadczy|napisa|"
        r"pisa|przekonywa|oceni|wyjaśni|zapowiedzia|tłumaczy|zauważy|przypomnia|"
        r"odpowiedzia|zapewni|twierdzi|wskaza|dodawa|ogłosi|zadeklarowa|przyzna|skomentowa|"
        r"argumentowa|oznajmi|relacjonowa|opowiada|wyzna|zaapelowa|apelowa|pyta|zapyta|"
        r"ostrzega|grzmia|przestrzega|alarmowa|podsumowa|dopowiedzia|kontynuowa|zauważa)"
        r"(?:ł|ła|li|ły)|ostrzegł|ostrzegła|ostrzegli|"
        r"mówi|twierdzi|dodaje|podkreśla|zaznacza|pisze|przekonuje|ocenia|wyjaśnia|"
        r"tłumaczy|zauważa|przypomina|odpowiada|zapewnia|ostrzega|wskazuje|oświadcza|"
        r"stwierdza|pyta|apeluje|argumentuje|podsumowuje|mówią|twierdzą|dodają|piszą|"
        r"podkreślają|przekonują|alarmuje|grzmi"),
}
#: what may stand between a subject and its verb or between a quote and an inverted verb:
#: auxiliaries ("a", "ha", "avait-il") and adverbs ("également", "poi", "também")
GAP: dict[str, str] = {
    "fr": (r"a|avait|aurait|ont|avaient|est|(?:a|avait|aurait)-t-(?:il|elle)|encore|aussi|"
           r"également|ensuite|alors|enfin|déjà|pourtant|toutefois|lui|leur|nous|vous|"
           r"m['’]|t['’]|l['’]|[\w]+ment|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|"
           r"hier|ce|matin|soir|pour|sa|son|part|comme|le|la|les"),
    "it": (r"ha|aveva|avrebbe|hanno|è|poi|anche|inoltre|ancora|infine|già|però|invece|"
           r"quindi|allora|ieri|oggi|gli|le|mi|ci|ci|ha|[\w]+mente|lunedì|martedì|mercoledì|"
           r"giovedì|venerdì|sabato|domenica|come|lo"),
    "pt": (r"tem|terá|teria|ainda|também|depois|ontem|hoje|já|porém|entretanto|então|lhe|"
           r"lhes|me|nos|[\w]+mente|segunda-feira|terça-feira|quarta-feira|quinta-feira|"
           r"sexta-feira|sábado|domingo|como"),
    "es": (r"ha|había|habría|han|también|después|luego|ayer|hoy|ya|además|sin embargo|le|"
           r"les|me|nos|[\w]+mente|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
           r"como|lo"),
    "pl": (r"też|także|również|jeszcze|potem|później|następnie|wówczas|wtedy|zaś|jednak|"
           r"natomiast|wczoraj|dziś|dzisiaj|już|mu|jej|im|nam|w poniedziałek|we wtorek|"
           r"w środę|w czwartek|w piątek|w sobotę|w niedzielę|jak"),
}
#: subject pronouns: the verb's subject is the person they stand for
SUBJECT_PRONOUN: dict[str, str] = {
    "fr": r"il|elle", "it": r"lui|lei|egli|ella", "pt": r"ele|ela", "es": r"él|ella",
    "pl": r"on|ona",
}
#: the articles of each language, before a title ("il ministro", "o presidente")
DETERMINERS: dict[str, str] = {
    "fr": r"le|la|l['’]|les", "it": r"il|lo|la|l['’]|i|gli|le", "pt": r"o|a|os|as",
    "es": r"el|la|los|las", "pl": r"(?!)",
}
#: words between an inverted verb and its speaker's name ('», a déclaré Mme Zakharova', '»,
#: ha detto il ministro Rossi'): the language's articles (``DETERMINERS``), honorifics and a
#: few titles, nothing else
TITLE = (r"M\.|Mme|Mlle|Me|Mgr|Dr|Pr|sig\.|sig\.ra|dott\.|"
         r"Sr\.|Sra\.|don|doña|dona|pan|pani|ks\.|prof\.|"
         r"ministre|ministro|ministra|minister|président|présidente|presidente|prezydent|"
         r"premier|première|premiê|premier|porte-parole|portavoce|porta-voz|portavoz|"
         r"rzecznik|rzeczniczka|chancelier|chanceler|canciller|kanclerz|secrétaire|"
         r"segretario|secretário|secretario|sekretarz|sénateur|senatore|senador|senator|"
         r"député|deputato|deputado|diputado|poseł|posłanka|maire|sindaco|prefeito|alcalde|"
         r"burmistrz|général|generale|general|generał|directeur|direttore|diretor|director|"
         r"dyrektor|chef|capo|chefe|jefe|szef|szefowa|professeur|professore|professor|"
         r"profesor|docteur|dottore|doutor|doctor|doktor|candidat|candidato|kandydat|"
         r"leader|líder|lider|pape|papa|papież|roi|re|rei|rey|król|d['’]État|di|do|da|del|"
         r"de|du|des|della|dello|dos|das|Stato|Estado|État|Państwa|państwa|affaires|"
         r"étrangères|esteri|Negócios|Estrangeiros|Exteriores|spraw|zagranicznych")


def verbs(language: str) -> re.Pattern[str] | None:
    """The speech verbs of ``language`` as one pattern (group ``cue``), or None for languages
    read with ``CUE_RX``."""
    return _VERB_RX.get(language)


_VERB_RX = {lang: re.compile(r"(?<![\w'’-])(?P<cue>" + words + r")(?![\w])", re.IGNORECASE)
            for lang, words in VERBS.items()}
#: a cue for the rules shared with English (carried-over speakers, partial quotes): the
#: language's verbs and, for the few English words in such texts, ``CUE_RX``
LANG_CUE_RX = {lang: re.compile(r"(?<![\w'’-])(" + words + "|" + "|".join(CUES) + r")(?![\w])",
                                re.IGNORECASE) for lang, words in VERBS.items()}


def cue_rx(language: str | None) -> re.Pattern[str]:
    """The cue pattern for an article in ``language``: ``CUE_RX`` unless the language has its
    own list (so English, German and Russian read exactly as before)."""
    return LANG_CUE_RX.get(language or "", CUE_RX)
