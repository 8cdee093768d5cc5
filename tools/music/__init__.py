"""Music backends and their registry."""
