"""Files on the case page: the buyers' pictures and files from the stored messages, and the files operators attach
to a draft. Thin: reading is ``mailview.message_file`` and ``images.render``, changing is ``store.case_actions``.

What leaves this module for a browser is one of two things. A picture disputed decoded and wrote again itself
(``images.render``: image/jpeg or image/png), shown inline. Anything else, SVG and HTML included, whatever the
message declared, as ``application/octet-stream`` with ``Content-Disposition: attachment``: the browser saves it,
never renders it. Every response also carries ``X-Content-Type-Options: nosniff`` (``security.SecurityHeaders``),
and a download a CSP sandbox besides, in case a browser opened it all the same.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session
from starlette.datastructures import UploadFile
from starlette.types import ASGIApp, Receive, Scope, Send

from disputed import images
from disputed.config.settings import AttachmentSettings
from disputed.store import case_actions
from disputed.store.attachments import Upload
from disputed.store.models import DraftAttachment, StoredMessage
from disputed.web import i18n
from disputed.web.mailview import message_file
from disputed.web.pages import render
from disputed.web.routes import DB, Agent, NotFound, Viewer, _draft_and_case

router = APIRouter()

DOWNLOAD_CSP = "default-src 'none'; sandbox"
FORM_ALLOWANCE = 1024 * 1024  # the reply's own text and the form's other fields, beside the files


def picture_bounds(limits: AttachmentSettings) -> images.Bounds:
    return images.Bounds(max_bytes=limits.image_max_bytes, max_pixels=limits.image_max_pixels)


# A buyer's files ----------------------------------------------------------------------------


def _file_of(session: Session, case_id: int, message_row: int, index: int):
    """The file and its bytes, only when the message belongs to the case (the route's role check is the case's)."""
    message = session.get(StoredMessage, message_row)
    if message is None or message.case_id != case_id:
        raise NotFound()
    found = message_file(message.raw, index)
    if found is None:
        raise NotFound()
    return message, *found


@router.get("/cases/{case_id}/messages/{message_row}/files/{index}")
def message_file_view(request: Request, session: DB, user: Viewer, case_id: int, message_row: int, index: int) -> Response:
    """A picture, decoded and written again at up to [attachments] image_max_side; any other file, a download."""
    message, file, data = _file_of(session, case_id, message_row, index)
    if not file.picture:
        return download(data, file.name)
    return _picture(request, user, message, file, data, side=request.app.state.settings.attachments.image_max_side)


@router.get("/cases/{case_id}/messages/{message_row}/files/{index}/thumb")
def message_file_thumbnail(request: Request, session: DB, user: Viewer, case_id: int, message_row: int, index: int) -> Response:
    message, file, data = _file_of(session, case_id, message_row, index)
    if not file.picture:
        raise NotFound()
    return _picture(request, user, message, file, data, side=request.app.state.settings.attachments.thumbnail_side)


@router.get("/cases/{case_id}/messages/{message_row}/files/{index}/download")
def message_file_download(session: DB, user: Viewer, case_id: int, message_row: int, index: int) -> Response:
    """The file's bytes exactly as the buyer sent them (a picture too), to be saved, never shown."""
    _message, file, data = _file_of(session, case_id, message_row, index)
    return download(data, file.name)


def _picture(request: Request, user, message: StoredMessage, file, data: bytes, *, side: int) -> Response:
    key = (message.sha256, message.id, file.index, side)
    with _PICTURES_LOCK:
        rendered = _PICTURES.get(key)
        if rendered is not None:
            _PICTURES.move_to_end(key)
    if rendered is None:
        try:
            rendered = images.render(data, picture_bounds(request.app.state.settings.attachments), side=side)
        except images.ImageRefused as exc:
            t = i18n.Translator(request.state.lang)
            return render(request, "error.html", user=user, status=415, title_key="error.title", detail=t("error.picture", reason=str(exc)))
        if side <= request.app.state.settings.attachments.thumbnail_side:  # thumbnails are small and asked for at every visit
            with _PICTURES_LOCK:
                _PICTURES[key] = rendered
                while len(_PICTURES) > _PICTURES_KEPT:
                    _PICTURES.popitem(last=False)
    stem = file.name.rsplit(".", 1)[0] if "." in file.name else file.name
    return Response(rendered.data, media_type=rendered.content_type, headers={"Content-Disposition": _disposition("inline", stem + rendered.extension)})


_PICTURES_KEPT = 256  # thumbnails of a few tens of kilobytes each
_PICTURES: OrderedDict[tuple, images.Rendered] = OrderedDict()
_PICTURES_LOCK = threading.Lock()


def download(data: bytes, filename: str) -> Response:
    return Response(data, media_type="application/octet-stream", headers={"Content-Disposition": _disposition("attachment", filename), "Content-Security-Policy": DOWNLOAD_CSP})


def _disposition(kind: str, filename: str) -> str:
    """The name in plain ASCII for old browsers and in RFC 5987 UTF-8 for the rest; never a quote or a line break."""
    plain = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in filename) or "file"
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


# Files an operator sends --------------------------------------------------------------------


async def uploaded_files(request: Request) -> list[Upload]:
    """The files of the form's ``files`` field; an empty file field (nothing chosen) is no file."""
    form = await request.form()
    limit = request.app.state.settings.attachments.max_file_bytes
    uploads = []
    for value in form.getlist("files"):
        if isinstance(value, UploadFile) and (value.filename or value.size):
            data = await value.read(limit + 1)  # one byte past the limit is enough to refuse it
            uploads.append(Upload(value.filename or "", data))
    return uploads


Uploads = Annotated[list[Upload], Depends(uploaded_files)]


@router.get("/drafts/{draft_id}/files/{attachment_id}")
def draft_file(session: DB, user: Viewer, draft_id: int, attachment_id: int) -> Response:
    row = session.get(DraftAttachment, attachment_id)
    if row is None or row.draft_id != draft_id:
        raise NotFound()
    return download(row.data, row.filename)


@router.post("/drafts/{draft_id}/files")
def attach(request: Request, session: DB, user: Agent, draft_id: int, files: Uploads) -> Response:
    from disputed.web.cases import _act

    _draft, case = _draft_and_case(session, draft_id)
    settings = request.app.state.settings
    return _act(request, session, user, case.id, "attach", lambda a: case_actions.attach(session, draft_id, files, by=a, settings=settings), "done.attached", back=f"/cases/{case.id}#draft-{draft_id}")


@router.post("/drafts/{draft_id}/files/{attachment_id}/remove")
def detach(request: Request, session: DB, user: Agent, draft_id: int, attachment_id: int) -> Response:
    from disputed.web.cases import _act

    _draft, case = _draft_and_case(session, draft_id)
    row = session.get(DraftAttachment, attachment_id)
    if row is None or row.draft_id != draft_id:
        raise NotFound()
    return _act(request, session, user, case.id, "detach", lambda a: case_actions.detach(session, attachment_id, by=a), "done.detached", back=f"/cases/{case.id}#draft-{draft_id}")


class UploadLimit:
    """A form with files is refused before it is read when it is larger than the files a draft may carry (and a
    margin for the text): ``[attachments] max_total_bytes`` bounds what a request may make the page spool to disk."""

    def __init__(self, app: ASGIApp, limits: AttachmentSettings) -> None:
        self.app = app
        self.most = limits.max_total_bytes + FORM_ALLOWANCE

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "POST":
            headers = dict(scope.get("headers", []))
            if headers.get(b"content-type", b"").lower().startswith(b"multipart/"):
                length = headers.get(b"content-length", b"")
                if not length.isdigit():
                    await _plain(send, 411, "a form with files must say its length (Content-Length)")
                    return
                if int(length) > self.most:
                    await _plain(send, 413, f"the files are larger than the {self.most - FORM_ALLOWANCE:,} bytes a draft may carry ([attachments] max_total_bytes)")
                    return
        await self.app(scope, receive, send)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
