"""`make app`: start the chat studio on the configured host and port (python -m chat.serve)."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from chat import access
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
    if settings.studio_auth == "none" and not loopback(host):  # no login: what is made here stays on this machine
        print(f"crewcut studio: no login is set up (CREWCUT_AUTH=password turns it on), so the studio serves "
              f"this machine only (127.0.0.1, not {host})", file=sys.stderr)  # fmt: skip
        host = "127.0.0.1"
    if settings.studio_auth == "password":
        try:
            people = access.users(settings.studio_users)
        except access.AccessError as err:
            print(f"crewcut studio: {err}", file=sys.stderr)
            return 2
        if not people:
            print(f"crewcut studio: CREWCUT_AUTH=password but nobody can log in yet: add someone with "
                  f"`crewcut user add NAME` (users file: {settings.studio_users})", file=sys.stderr)  # fmt: skip
            return 2
    how = "offline crew: no model configured" if not settings.uses_model else f"model {settings.model}"
    who = "no login: this machine only" if settings.studio_auth == "none" else "login required"
    print(f"crewcut studio: http://{host}:{settings.studio_port} ({how}; {who})")
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # Chainlit's CI mode would fake an OpenAI key
    chainlit = str(Path(sys.executable).parent / "chainlit")
    os.chdir(ROOT)  # .chainlit/config.toml, public/theme.json and chainlit.md live here
    os.execve(chainlit, [chainlit, "run", "chainlit_app.py", "--headless", "--host", host,
                         "--port", str(settings.studio_port)], env)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
