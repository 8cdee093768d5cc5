"""Frame backends and their registry."""
