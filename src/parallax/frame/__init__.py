"""Framing: entity roles, narratives, persuasion techniques, frames and genre."""
