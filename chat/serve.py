"""`make app`: start the chat studio on the configured host and port (python -m chat.serve)."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parent.parent


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as err:
        print(f"crewcut studio: {err}", file=sys.stderr)
        return 2
    host = settings.studio_host
    if not loopback(host):  # no login yet: what is made here is served to this machine alone
        print(f"crewcut studio: no login is set up, so the studio serves this machine only "
              f"(127.0.0.1, not {host})", file=sys.stderr)  # fmt: skip
        host = "127.0.0.1"
    print(f"crewcut studio: http://{host}:{settings.studio_port} (offline crew: no model configured)"
          if not settings.uses_model else f"crewcut studio: http://{host}:{settings.studio_port}")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # Chainlit's CI mode would fake an OpenAI key
    chainlit = str(Path(sys.executable).parent / "chainlit")
    os.chdir(ROOT)  # .chainlit/config.toml, public/theme.json and chainlit.md live here
    os.execve(chainlit, [chainlit, "run", "chainlit_app.py", "--headless", "--host", host,
                         "--port", str(settings.studio_port)], env)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
