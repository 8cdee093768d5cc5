"""Who may use the studio. With CREWCUT_AUTH=password: the people in the users file (CREWCUT_USERS, JSON of
name -> bcrypt hash, written by `crewcut user add NAME`), each seeing only their own projects. With no login:
one local person, and the studio serves this machine alone (chat/serve.py)."""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

import bcrypt

from memory.store import LOCAL_USER
from tools.files import written

LOCAL = LOCAL_USER  # the one person of a studio without logins
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
SHORTEST_PASSWORD = 8
LONGEST_PASSWORD = 72  # bcrypt reads no further
# Checked against when the name is unknown, so a wrong name costs the same time as a wrong password.
_NOBODY = bcrypt.hashpw(b"nobody", bcrypt.gensalt(rounds=10))


class AccessError(ValueError):
    """A user that cannot be added, or a users file that cannot be read; the message says which and why."""


def users(path: Path) -> dict[str, str]:
    """The users file as name -> hash ({} when there is none yet)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise AccessError(f"{path} is not a users file ({err}); fix it or remove it and add the users again") from err
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise AccessError(f"{path} is not a users file: expected {{name: bcrypt hash}}")
    return raw


def check(path: Path, name: str, password: str) -> bool:
    """Whether NAME's password is PASSWORD."""
    try:
        hashed = users(path).get(name, "")
    except AccessError:
        return False
    secret = password.encode("utf-8")[:LONGEST_PASSWORD]
    if not hashed:
        bcrypt.checkpw(secret, _NOBODY)
        return False
    try:
        return bcrypt.checkpw(secret, hashed.encode("ascii"))
    except ValueError:  # a hash that is not bcrypt's
        return False


def add(path: Path, name: str, password: str) -> bool:
    """Add NAME (or change their password); True when NAME is new. The file is replaced whole, readable by
    its owner alone."""
    if not NAME.fullmatch(name) or name == LOCAL:
        raise AccessError(f"{name!r} cannot be a user name: use up to 64 letters, digits, '.', '_', '@' or '-' "
                          f"(and not {LOCAL!r}, the no-login user)")  # fmt: skip
    if not SHORTEST_PASSWORD <= len(password.encode("utf-8")) <= LONGEST_PASSWORD:
        raise AccessError(f"a password is {SHORTEST_PASSWORD} to {LONGEST_PASSWORD} bytes long")
    known = users(path)
    new = name not in known
    known[name] = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as tmp:
        tmp.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o600)
    return new


def signing_secret(path: Path) -> str:
    """The secret that signs the studio's login cookies, made once and kept in PATH (owner-readable only), so a
    restarted studio keeps its people logged in."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    made = secrets.token_urlsafe(48)
    with written(path) as tmp:
        tmp.write_text(made + "\n", encoding="ascii")
        os.chmod(tmp, 0o600)
    return path.read_text(encoding="ascii").strip()  # a studio that started at the same time may have won
