"""Narration backends and their registry."""
