"""Build a stored story's comparison: the one entry point the CLI, web app and reports share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from parallax.errors import Code, ParallaxError
from parallax.pipeline import build_comparer
from parallax.records import content_hash
from parallax.settings import Config, load_config
from parallax.store.base import Store
from parallax.store.shown_names import alias_names

log = logging.getLogger(__name__)
#: bump when the comparison's shape or method changes, so cached ones are recomputed
SCHEMA_VERSION_TAG = "compare-17"


#: canonical names -> their shown names, where they differ (``Store.shown_names``)
ShownNamesOf = Callable[[Store, list[str]], dict[str, str]]


def comparison_for(store: Store, story_id: str, config: Config | None = None,
                   use_cache: bool = True, shown_names: ShownNamesOf | None = None
                   ) -> dict[str, Any]:
    """The comparison of a story, from the store's cache while the story is unchanged (a
    50-article comparison takes about a second; a cached one milliseconds). ``shown_names``:
    where a server keeps the choices (``WebContext.shown_names``), read from there: counting
    the votes again cost 21 ms CPU a cached API answer at 100,000 articles."""
    config = config or load_config()
    story = store.story(story_id)
    if story is None:
        raise ParallaxError(Code.NOT_IN_STORE, f"no story with id '{story_id}'; "
                            "run 'parallax stories' to list them")
    # the names the story's entities are shown under follow every article of the store
    # (store/shown_names.py): a change of one is a change of the comparison
    shown = shown_names(store, store.entity_names(story.article_ids)) if shown_names \
        else store.story_shown_names(story.article_ids, alias_names(config))
    signature = content_hash(SCHEMA_VERSION_TAG, config.stages["compare"],
                             str(config["shared_fact_share"]), story.title,
                             *sorted(story.article_ids), *sorted(f"{k}\t{v}"
                                                               for k, v in shown.items()))
    if use_cache and (cached := store.cached_comparison(story.id, signature)) is not None:
        return cached
    articles = [a for a in (store.article(i) for i in story.article_ids) if a is not None]
    comments = store.comments([a.id for a in articles if a.role == "main"])
    comparison = build_comparer(config).compare(story, articles, comments)
    comparison["shown_names"] = shown  # canonical -> the name its articles use, where they differ
    if use_cache:
        try:
            store.cache_comparison(story.id, signature, comparison)
        except Exception:  # a read-only database still answers, just without caching
            log.warning("could not cache the comparison of %s", story.id, exc_info=True)
    return comparison
