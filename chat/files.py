"""Frames and films of the studio's threads, on local disk (HOME/studio/files), served only to their owner.

Chainlit's data layer stores each element under the key USER_ID/ELEMENT_ID/NAME, where USER_ID is the owner's
id in the chat database; the route below hands a file only to the logged-in person whose id that is. Nothing
made by a person is served from /public, which Chainlit serves to anyone."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from chainlit.auth import get_current_user
from chainlit.data.storage_clients.base import BaseStorageClient
from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute

from tools.files import written

ROUTE = "/crewcut/files"


class LocalFiles(BaseStorageClient):
    """Chainlit's storage client over a local folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path(self, key: str) -> Path | None:
        """Where KEY's file lives, or None for a key that would lead outside the folder."""
        path = (self.root / key).resolve()
        return path if path.is_relative_to(self.root) and path != self.root else None

    async def upload_file(
        self,
        object_key: str,
        data: bytes | str,
        mime: str = "application/octet-stream",
        overwrite: bool = True,
        content_disposition: str | None = None,
    ) -> dict[str, Any]:
        path = self.path(object_key)
        if path is None:
            return {}
        if path.exists() and not overwrite:
            return {"object_key": object_key, "url": await self.get_read_url(object_key)}
        path.parent.mkdir(parents=True, exist_ok=True)
        with written(path) as tmp:
            tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return {"object_key": object_key, "url": await self.get_read_url(object_key)}

    async def delete_file(self, object_key: str) -> bool:
        path = self.path(object_key)
        if path is None or not path.is_file():
            return False
        path.unlink()
        return True

    async def get_read_url(self, object_key: str) -> str:
        return f"{ROUTE}/{quote(object_key)}"

    async def close(self) -> None:
        return None


def serve(app: FastAPI, files: LocalFiles) -> None:
    """Add the owner-only file route in front of Chainlit's catch-all page route."""

    async def send(key: str, user: Any = Depends(get_current_user)) -> FileResponse:  # noqa: B008 - FastAPI's way
        owner = key.split("/", 1)[0]
        path = files.path(key)
        if user is None or getattr(user, "id", None) != owner or path is None or not path.is_file():
            raise HTTPException(status_code=404, detail="Not found")  # the same answer for "not yours"
        return FileResponse(path, headers={"Cache-Control": "private, max-age=3600"})

    route = APIRoute(f"{ROUTE}/{{key:path}}", send, methods=["GET"])
    app.router.routes.insert(0, route)
