"""The studio page with nothing fetched from elsewhere: Chainlit's index links web fonts and KaTeX's CSS
from CDNs (and preconnects to them); an offline studio uses system fonts and no maths."""

from __future__ import annotations

import re

_REMOTE = re.compile(r"<link[^>]+href=\"https://[^\"]+\"[^>]*/?>\s*", re.S)


def without_remote_links(html: str) -> str:
    """The page less every <link> to another host (stylesheets, preconnects)."""
    return _REMOTE.sub("", html)
