"""Storage behind one small interface (``Store``); SQLite is the default implementation."""

from parallax.store.base import Store, open_store

__all__ = ["Store", "open_store"]
