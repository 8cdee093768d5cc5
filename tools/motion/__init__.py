"""Image-to-video: a scene's frame becomes a short clip of real motion (off by default; Ken Burns otherwise)."""
