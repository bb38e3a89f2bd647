"""Readers: every source kind becomes RawDocument records (or Rejections with a reason)."""

from parallax.ingest.sources import read_inputs

__all__ = ["read_inputs"]
