"""Stages registered under versioned names and built from config (after spaCy's registry).

A later implementation registers ``entities = "spacy/v1"`` next to the default and a user picks it
in ``parallax.toml``; the pipeline wiring never changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from parallax.errors import Code, ParallaxError

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}


def register(kind: str, name: str) -> Callable[[F], F]:
    """Register a stage factory; the factory takes the Config and returns the stage."""

    def wrap(factory: F) -> F:
        _REGISTRY.setdefault(kind, {})[name] = factory
        return factory

    return wrap


def available(kind: str) -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY.get(kind, {}))


def create(kind: str, name: str, config: Any) -> Any:
    _load_builtin()
    factories = _REGISTRY.get(kind, {})
    if name not in factories:
        raise ParallaxError(
            Code.UNKNOWN_STAGE,
            f"No '{kind}' stage named '{name}'. "
            f"Available: {', '.join(sorted(factories)) or 'none'}",
        )
    return factories[name](config)


def _load_builtin() -> None:
    """Import the modules whose decorators fill the registry (kept lazy for fast CLI start)."""
    import parallax.compare.overlap
    import parallax.enrich.claims
    import parallax.enrich.entities
    import parallax.enrich.language
    import parallax.enrich.ner
    import parallax.enrich.quotes
    import parallax.enrich.sentences
    import parallax.frame.lexicon
    import parallax.frame.trained
    import parallax.segment.heuristic
    import parallax.stories.incremental
    import parallax.stories.overlap  # noqa: F401
