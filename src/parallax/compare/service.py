"""Build a stored story's comparison: the one entry point the CLI, web app and reports share."""

from __future__ import annotations

from typing import Any

from parallax.errors import Code, ParallaxError
from parallax.pipeline import build_comparer
from parallax.settings import Config, load_config
from parallax.store.base import Store


def comparison_for(store: Store, story_id: str, config: Config | None = None) -> dict[str, Any]:
    config = config or load_config()
    story = store.story(story_id)
    if story is None:
        raise ParallaxError(Code.NOT_IN_STORE, f"no story with id '{story_id}'; "
                            "run 'parallax stories' to list them")
    articles = [a for a in (store.article(i) for i in story.article_ids) if a is not None]
    comments = store.comments([a.id for a in articles if a.role == "main"])
    return build_comparer(config).compare(story, articles, comments)
