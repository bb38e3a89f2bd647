"""Generate a large synthetic news stream for benchmarking the story clusterer.

The clusterer must group 100,000 articles into stories in under ten minutes, and its cost depends
on the *shape* of the stream, not just its length: how many candidate pairs share entities, how
long stories stay open, how large the biggest clusters grow. Random text would make blocking
trivial, so this script builds a stream that is "realistic" in the ways that matter here:

* vocabulary and names come only from the bundled fictional demo corpus (en, de, ru), with
  thousands of further entities invented by recombining syllables of the corpus names;
* ~8,000 stories over 2026 with Zipf-like sizes (most 2-10 articles, a few hundred-article
  stories, one or two above 1,000), lifetimes of 1-10 days plus a few 30-90 day threads;
* each story has 2-5 core entities (PERSON/ORG/GPE) and topic words; popular entities recur
  across stories, and ~15% of stories are distractors that reuse 1-2 core entities of another
  story, often at the same time ("same leaders, different event");
* ~40 outlets with a home language (en/de/ru about 50/25/25), stories reported across languages,
  entities linked to one language-independent canonical name, and ~2% syndicated near-copies.

Each output line carries the gold story id, so the generator doubles as an evaluation set.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LANGS = ("en", "de", "ru")
LANG_SHARE = (0.5, 0.25, 0.25)
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENT_RE = re.compile(r"(?<=[.!?…:;])\s+|\n+")
POSS_RE = re.compile(r"['’]s$")
TAG_RE = re.compile(r"<(style|script)\b.*?</\1>|<[^>]*>|\S+://\S+", re.DOTALL | re.IGNORECASE)
CYR_RE = re.compile(r"[а-яё]", re.IGNORECASE)
VOWELS_RE = re.compile(r"[^aeiouy]*[aeiouy]+")
DE_FUNC = frozenset("der die das und nicht ist mit den dem ein eine sich auch von zu im".split())
EN_FUNC = frozenset("the and of to is in that with was for on a an it by as at".split())
CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split()
)
ORG_HINTS = frozenset(
    "Agency Service Ministry Council Bank Union Group Party Courier Ledger Observer Press News "
    "Commission Institute Fund Committee Energy Today Post Times Army Guard Office Court AG"
    .split()
)
LAT2CYR = [("shch", "щ"), ("sch", "ш"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"),
           ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("x", "кс"), ("ä", "е"),
           ("ö", "ё"), ("ü", "ю"), ("ß", "сс")]
LAT2CYR += list(zip("abcdefghijklmnopqrstuvwyz", "абкдефгхийклмнопкрстуввыз", strict=True))
CYR2LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
                   .split(), strict=True))


@dataclass
class Lexicon:
    words: np.ndarray  # object array of str
    cdf: np.ndarray
    topics: list[str]
    names: list[str]
    buf: list[str]
    pos: int = 0

    def take(self, n: int, rng: np.random.Generator) -> list[str]:
        if self.pos + n > len(self.buf):
            self.buf = self.words[np.searchsorted(self.cdf, rng.random(1 << 18))].tolist()
            self.pos = 0
        self.pos += n
        return self.buf[self.pos - n : self.pos]


@dataclass
class Story:
    sid: str
    size: int
    start: int
    life: int
    core: list[int]
    topics: dict[str, list[str]]
    langs: list[str]
    lang_w: list[float]
    distractor: bool


def translit(name: str) -> str:
    low, out, i = name.lower(), [], 0
    while i < len(low):
        lat, cyr = next(((a, b) for a, b in LAT2CYR if low.startswith(a, i)), (low[i], low[i]))
        out.append(cyr.upper() if name[i].isupper() else cyr)
        i += len(lat)
    return "".join(out)


def read_docs(corpus: Path) -> list[str]:
    raw: list[str] = []
    for path in sorted(corpus.iterdir()):
        if path.suffix == ".jsonl":
            recs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
            raw += ["\n".join(str(r.get(k) or "") for k in ("title", "text", "html")) for r in recs]
        elif path.suffix in {".txt", ".html", ".rss"}:
            raw.append(path.read_text(encoding="utf-8"))
    return [TAG_RE.sub("\n", html.unescape(TAG_RE.sub("\n", d))) for d in raw]


def detect_language(text: str, default: str = "en") -> str:
    """Cyrillic share first, then German vs English function words; weak evidence -> default."""
    letters = sum(c.isalpha() for c in text) or 1
    if len(CYR_RE.findall(text)) > 0.3 * letters:
        return "ru"
    words = [w.lower() for w in WORD_RE.findall(text)]
    de, en = sum(w in DE_FUNC for w in words), sum(w in EN_FUNC for w in words)
    return default if de + en < 3 else "de" if de > en else "en"


def build_lexicons(docs: list[str]) -> dict[str, Lexicon]:
    vocab = {lang: Counter[str]() for lang in LANGS}
    names = {lang: Counter[str]() for lang in LANGS}
    sents = [(detect_language(para, detect_language(doc)), sent) for doc in docs
             for para in re.split(r"\n\s*\n", doc) for sent in SENT_RE.split(para)]
    for lang, sent in sents:  # a name: capitalised run, not at sentence start, <= 3 tokens
        run: list[str] = []
        for i, raw_tok in enumerate([*WORD_RE.findall(sent), "."]):
            tok = POSS_RE.sub("", raw_tok)
            if i > 0 and tok[0].isupper() and tok not in CALENDAR:
                run.append(tok)
                if tok == raw_tok:  # a possessive ends the name
                    continue
            while run and run[0].lower() in DE_FUNC | EN_FUNC:
                run.pop(0)
            if 0 < len(run) <= 3 and min(map(len, run)) > 2:
                names[lang][" ".join(run)] += 1
            run = []
            if tok[0].islower() and len(tok) > 2:
                vocab[lang][tok] += 1
    for lang in ("en", "ru"):  # drop sentence-initial-like words that also occur in lower case
        names[lang] = Counter({n: c for n, c in names[lang].items()
                               if n.split()[0].lower() not in vocab[lang]
                               and not (n.isupper() and len(n) > 5)})
    en_tokens = {t for n in names["en"] for t in n.split()}
    for name in list(names["de"]):  # German nouns are capitalised: keep only names seen in en
        count = names["de"].pop(name)
        if set(name.split()) <= en_tokens:
            names["de"][name] = count
        elif " " not in name:
            vocab["de"][name] += count
    lexicons = {}
    for lang in LANGS:
        words, counts = zip(*sorted(vocab[lang].items()), strict=True)
        weights = np.asarray(counts, dtype=float) ** 0.75
        topics = [w for w, c in vocab[lang].items() if len(w) >= 5 and c <= 20]
        cdf = np.cumsum(weights) / weights.sum()
        lexicons[lang] = Lexicon(np.asarray(words, dtype=object), cdf, sorted(topics),
                                 sorted(names[lang]), [], 0)
    return lexicons


def build_entities(lex: dict[str, Lexicon], rnd: random.Random, scale: float
                   ) -> tuple[list[tuple[str, str]], list[str]]:
    seeds = sorted(set(lex["en"].names) | set(lex["de"].names))
    heads = sorted({n.split()[-1] for n in seeds if n.split()[-1] in ORG_HINTS}) or ["Agency"]
    alone = {n for n in seeds if " " not in n}
    ents = {n: "ORG" if n.split()[-1] in heads or n.isupper() else "GPE" if n.count(" ") != 1
            or n.split()[0] in alone else "PERSON" for n in seeds if n.count(" ") < 2
            or n.split()[-1] in heads}
    taken = {t for n, et in ents.items() if et == "PERSON" for t in n.split()}
    ents = {n: et for n, et in ents.items() if et != "GPE" or n not in taken}
    latin = [n.lower() for n in seeds] + ["".join(CYR2LAT.get(c, c) for c in n.lower())
                                           for n in lex["ru"].names]
    sylls: list[list[str]] = [[], [], []]  # start, middle, end syllables
    for tok in (t for n in latin for t in re.split(r"[\s-]+", n.replace("-", "")) if t.isalpha()):
        parts = VOWELS_RE.findall(tok)
        if len(parts) >= 2 and tok.isascii():
            parts[-1] += tok[len("".join(parts)) :]
            sylls[0].append(parts[0])
            sylls[1].extend(parts[1:-1] or parts[:1])
            sylls[2].append(parts[-1])

    def invent() -> str:
        mid = rnd.choice(sylls[1]) if rnd.random() < 0.4 else ""
        return (rnd.choice(sylls[0]) + mid + rnd.choice(sylls[2])).capitalize()

    firsts = sorted({n.split()[0] for n, t in ents.items() if t == "PERSON"})
    firsts += [invent() for _ in range(300)]
    targets = {"PERSON": int(4000 * scale), "ORG": int(2000 * scale), "GPE": int(2000 * scale)}
    for etype, target in targets.items():
        count = sum(t == etype for t in ents.values())
        while count < target:
            stem = invent()
            name = {"PERSON": f"{rnd.choice(firsts)} {stem}", "ORG": f"{stem} {rnd.choice(heads)}",
                    "GPE": stem}[etype]
            if 4 <= len(stem) <= 11 and name not in ents and name not in taken:
                ents[name] = etype
                count += 1
    outlets = [f"{invent()}-{rnd.choice(heads)}".lower() for _ in range(40)]
    return sorted(ents.items()), outlets


def story_sizes(total: int, n: int, rng: np.random.Generator) -> np.ndarray:
    raw = ((np.arange(n) + 0.5) / n) ** -0.55 * rng.lognormal(0.0, 0.15, n)
    lo, hi = 0.0, 1000.0
    for _ in range(60):
        k = (lo + hi) / 2
        lo, hi = (k, hi) if np.floor(2 + k * np.maximum(raw - 1, 0)).sum() < total else (lo, k)
    sizes = np.floor(2 + lo * np.maximum(raw - 1, 0)).astype(np.int64)
    sizes[int(np.argmax(sizes))] += total - int(sizes.sum())
    return rng.permutation(sizes)


def make_stories(n_articles: int, lex: dict[str, Lexicon], types: list[str],
                 rnd: random.Random, rng: np.random.Generator) -> list[Story]:
    n = max(1, round(n_articles / 12.5))
    by_type = {t: [i for i, et in enumerate(types) if et == t] for t in ("PERSON", "ORG", "GPE")}
    cum = {t: list(np.cumsum(1.0 / (np.arange(len(ix)) + 5.0))) for t, ix in by_type.items()}
    stories: list[Story] = []
    for idx, size in enumerate(story_sizes(n_articles, n, rng).tolist()):
        core: list[int] = []
        base = rnd.choice(stories) if stories and rnd.random() < 0.15 else None
        if base is not None:
            core = rnd.sample(base.core, min(len(base.core), rnd.randint(1, 2)))
        while len(core) < rnd.randint(2, 5) or len(core) < 2:
            etype = "GPE" if not core and rnd.random() < 0.8 else rnd.choice("PPPOO")
            etype = {"P": "PERSON", "O": "ORG"}.get(etype, etype)
            ent = rnd.choices(by_type[etype], cum_weights=cum[etype])[0]
            core += [ent] if ent not in core else []
        thread = rnd.random() < (0.5 if size >= 200 else 0.015)
        life = rnd.randint(30, 90) if thread else rnd.randint(1, min(10, 1 + size // 3))
        start = rnd.randint(0, 365 - life)
        if base is not None and rnd.random() < 0.6:
            start = min(max(0, base.start + rnd.randint(-5, 10)), 365 - life)
        primary = rnd.choices(LANGS, LANG_SHARE)[0]
        langs = [g for g in LANGS if g == primary or rnd.random() < min(0.9, 0.1 + size / 50)]
        stories.append(Story(
            f"t{idx + 1:05d}", size, start, life, core,
            {g: rnd.sample(lex[g].topics, rnd.randint(3, 6)) for g in LANGS}, langs,
            [LANG_SHARE[LANGS.index(g)] * (2 if g == primary else 1) for g in langs],
            base is not None))
    return stories


Pieces = list[str | int]  # words, or entity indices rendered per language


def compose(n_words: int, ents: list[int], topics: list[str], lang: Lexicon,
            ent_words: list[int], rnd: random.Random, rng: np.random.Generator) -> Pieces:
    """About n_words vocabulary words with the entities and topic words at random places."""
    n_ent_words = sum(ent_words[e] for e in ents)
    pieces: Pieces = list(lang.take(max(1, n_words - n_ent_words - len(topics)), rng))
    extra: Pieces = [*topics, *ents]
    for item in extra:
        pieces.insert(rnd.randint(0, len(pieces)), item)
    return pieces


def render(pieces: Pieces, surfaces: list[str], end: str) -> str:
    text = " ".join(p if isinstance(p, str) else surfaces[p] for p in pieces)
    return text[:1].upper() + text[1:] + end


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("build/story_corpus.jsonl"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=Path("src/parallax/demo/corpus"))
    args = ap.parse_args()
    t0 = time.perf_counter()
    rnd, rng = random.Random(args.seed), np.random.default_rng(args.seed)
    lex = build_lexicons(read_docs(args.corpus))
    ents, outlet_names = build_entities(lex, rnd, max(0.05, args.articles / 100_000))
    names, types = [e[0] for e in ents], [e[1] for e in ents]
    ent_words = [len(n.split()) for n in names]
    surf = {"en": names, "de": names, "ru": [translit(n) for n in names]}
    stories = make_stories(args.articles, lex, types, rnd, rng)
    home = [LANGS[i] for i in rnd.choices(range(3), LANG_SHARE, k=len(outlet_names))]
    outlets = {g: [o for o, h in zip(outlet_names, home, strict=True) if h == g] or outlet_names[:2]
               for g in LANGS}
    outlet_cum = {g: list(np.cumsum(1.0 / np.arange(1, len(o) + 1) ** 0.6))
                  for g, o in outlets.items()}
    # article specs: (day, is_dup, tiebreak, story, lang, outlet, source spec or -1)
    specs: list[tuple[int, int, float, int, str, str, int]] = []
    for si, st in enumerate(stories):
        own: list[int] = []
        for _ in range(st.size):
            if own and rnd.random() < 0.02:
                src_i = rnd.choice(own)
                orig = specs[src_i]
                outlet = rnd.choice([o for o in outlets[orig[4]] if o != orig[5]] or outlet_names)
                day = min(orig[0] + rnd.randint(0, 1), st.start + st.life - 1)
                specs.append((day, 1, rnd.random(), si, orig[4], outlet, src_i))
                continue
            lang = rnd.choices(st.langs, st.lang_w)[0]
            day = st.start + int(st.life * rnd.betavariate(1.0, 2.5))
            own.append(len(specs))
            outlet = rnd.choices(outlets[lang], cum_weights=outlet_cum[lang])[0]
            specs.append((day, 0, rnd.random(), si, lang, outlet, -1))
    order = sorted(range(len(specs)), key=lambda i: specs[i][:3])
    ids = {spec_i: f"b{n + 1:06d}" for n, spec_i in enumerate(order)}
    sources = {s[6] for s in specs if s[6] >= 0}
    kept: dict[int, tuple[Pieces, list[Pieces]]] = {}
    try:
        from rich.progress import Progress
        progress: Progress | None = Progress()
    except ImportError:
        progress = None
    task = progress.add_task("articles", total=len(order)) if progress else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh, progress or contextlib.nullcontext():
        for n, spec_i in enumerate(order):
            day, is_dup, _, si, lang, outlet, src = specs[spec_i]
            st, lx = stories[si], lex[lang]
            if is_dup:
                title, sents = kept[src][0][:], [s[:] for s in kept[src][1]]
                for _ in range(rnd.randint(1, 4)):
                    sent = rnd.choice(sents)
                    pos = rnd.randrange(len(sent))
                    if isinstance(sent[pos], str) and sent[pos] not in st.topics[lang]:
                        sent[pos] = lx.take(1, rng)[0]
            else:
                lead = st.core[: rnd.randint(1, 2)] if rnd.random() < 0.7 else rnd.sample(
                    st.core, rnd.randint(1, 2))
                title = compose(rnd.randint(6, 12), lead, rnd.sample(st.topics[lang], 2), lx,
                                ent_words, rnd, rng)
                k = rnd.randint(3, 5)
                budget = rnd.randint(60, 120)
                sents = []
                for j in range(k):
                    mention = rnd.sample(st.core, 2) if j == 0 else (
                        [rnd.choice(st.core)] if rnd.random() < 0.6 else [])
                    if rnd.random() < 0.03:
                        mention.append(rnd.randrange(len(ents)))
                    topics = rnd.sample(st.topics[lang], rnd.randint(1, 2))
                    sents.append(compose(budget // k, mention, topics, lx, ent_words, rnd, rng))
            if spec_i in sources:
                kept[spec_i] = (title, sents)
            pieces = [p for seq in (title, *sents) for p in seq if isinstance(p, int)]
            rec = {"id": ids[spec_i], "story": st.sid, "outlet": outlet, "language": lang,
                   "published": str(np.datetime64("2026-01-01") + day),
                   "title": render(title, surf[lang], ""),
                   "text": " ".join(render(s, surf[lang], ".") for s in sents),
                   "entities": [[names[p], types[p]] for p in pieces],
                   "duplicate_of": ids[src] if is_dup else None}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if progress is not None and task is not None and n % 1000 == 999:
                progress.update(task, completed=n + 1)
            elif progress is None and (n + 1) % 10_000 == 0:
                print(f"{n + 1} articles")
        if progress is not None and task is not None:
            progress.update(task, completed=len(order))
    sizes = np.array([s.size for s in stories])
    per_lang = Counter(s[4] for s in specs)
    meta = {"articles": len(specs), "stories": len(stories),
            "languages": {g: per_lang[g] for g in LANGS},
            "story_size_percentiles": {p: int(np.percentile(sizes, int(p)))
                                       for p in ("50", "90", "99")} | {"max": int(sizes.max())},
            "distractor_stories": sum(s.distractor for s in stories),
            "duplicates": sum(s[1] for s in specs), "entities": len(ents),
            "outlets": len(outlet_names),
            "seed": args.seed, "seconds": round(time.perf_counter() - t0, 2)}
    Path(f"{args.out}.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {meta['articles']} articles in {meta['stories']} stories "
          f"({meta['distractor_stories']} distractors, {meta['duplicates']} duplicates) "
          f"to {args.out} in {meta['seconds']}s")


if __name__ == "__main__":
    main()
