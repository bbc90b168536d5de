"""Files operators send with a reply: what a file is, whether it may go, and the ones a draft carries.

What a file is comes from its bytes, never from the name or the type the uploader's browser declared: a PDF
starts ``%PDF-``, a picture is one Pillow decodes within ``[attachments]``'s bounds, a text is UTF-8 without
markup. Only those kinds go out (a return label, a photo of the right item, a note), and the name must agree with
the content: an executable, a web page, an SVG, an archive or a document with macros is refused, by name and by
content, with the reason. The operator's actions (attach, detach) are in ``store.case_actions``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from disputed import images
from disputed.config.settings import AttachmentSettings
from disputed.store.models import DraftAttachment

# The kinds that may go, by the content type written on the MIME part, with the names they may have.
ALLOWED = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "text/plain": (".txt", ".csv", ".text"),
}
_PICTURE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
# Named here so that the refusal says what the file is, not only that it is not allowed.
FORBIDDEN_NAMES = {
    "an executable or script": (".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".dll", ".js", ".mjs", ".jse", ".vbs", ".vbe", ".wsf",
                                ".ps1", ".sh", ".jar", ".apk", ".app", ".hta", ".lnk", ".reg", ".py", ".pl", ".rb", ".cpl", ".msc", ".iso", ".img"),
    "a web page": (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".xml", ".php", ".asp", ".aspx"),
    "an SVG (a drawing that can carry script)": (".svg", ".svgz"),
    "an archive (it could hide anything)": (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".cab"),
    "an office document (it can carry macros)": (".doc", ".docm", ".docx", ".xls", ".xlsm", ".xlsx", ".ppt", ".pptm", ".pptx", ".rtf", ".odt", ".ods"),
}
_MAGIC = [  # what the first bytes of a forbidden file say it is
    (b"MZ", "an executable or script"),
    (b"\x7fELF", "an executable or script"),
    (b"#!", "an executable or script"),
    (b"PK\x03\x04", "an archive (it could hide anything)"),
    (b"Rar!", "an archive (it could hide anything)"),
    (b"7z\xbc\xaf", "an archive (it could hide anything)"),
    (b"\x1f\x8b", "an archive (it could hide anything)"),
    (b"\xd0\xcf\x11\xe0", "an office document (it can carry macros)"),
]
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|\?xml)\b", re.I)
MAX_NAME_CHARS = 120


class AttachmentRefused(Exception):
    """A file that may not go with a reply; the message says which and why."""


@dataclass(frozen=True)
class Upload:
    """A file as the operator handed it over: the name they gave it and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Checked:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_name(filename: str) -> str:
    """The name without a path or control characters, cut to a length every mail program shows."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split()).strip(" .")
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME_CHARS - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:MAX_NAME_CHARS]
    return name


def check(upload: Upload, limits: AttachmentSettings) -> Checked:
    """The file as it will go (its clean name and the content type found in its bytes), or ``AttachmentRefused``."""
    name = clean_name(upload.filename)
    if not name:
        raise AttachmentRefused("a file without a name; give it one (e.g. return-label.pdf)")
    data = upload.data
    if not data:
        raise AttachmentRefused(f"{name} is empty")
    if len(data) > limits.max_file_bytes:
        raise AttachmentRefused(f"{name} is {readable_size(len(data))}, more than the {readable_size(limits.max_file_bytes)} a file may be ([attachments] max_file_bytes)")
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for what, names in FORBIDDEN_NAMES.items():
        if extension in names:
            raise AttachmentRefused(f"{name} is {what}: such files are never sent; send a PDF, a picture (JPEG, PNG, GIF, WEBP) or a text")
    content_type = _content_type(name, data, limits)
    if extension not in ALLOWED[content_type]:
        raise AttachmentRefused(f"{name}: the name ends {extension or 'without an extension'} but the content is {content_type}; name it {ALLOWED[content_type][0]}")
    return Checked(name, content_type, data)


def _content_type(name: str, data: bytes, limits: AttachmentSettings) -> str:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise AttachmentRefused(f"{name} is {what}: such files are never sent")
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    try:
        found, _width, _height = images.inspect(data, images.Bounds(max_bytes=limits.max_file_bytes, max_pixels=limits.image_max_pixels))
    except images.ImageRefused as exc:
        if not _looks_like_picture(data):
            return _text(name, data)
        raise AttachmentRefused(f"{name}: {exc}") from None
    if found not in _PICTURE_FORMATS:
        raise AttachmentRefused(f"{name} is a {found} picture; send it as JPEG, PNG, GIF or WEBP")
    return _PICTURE_FORMATS[found]


def _looks_like_picture(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")) or data[8:12] == b"WEBP"


def _text(name: str, data: bytes) -> str:
    if b"\x00" in data:
        raise AttachmentRefused(f"{name} is not a PDF, a picture or a text; send a PDF, a picture (JPEG, PNG, GIF, WEBP) or a text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AttachmentRefused(f"{name} is not a PDF, a picture or a UTF-8 text; send a PDF, a picture (JPEG, PNG, GIF, WEBP) or a text") from None
    if _MARKUP.search(text[:65536].encode("utf-8")):
        raise AttachmentRefused(f"{name} holds web page markup (HTML, SVG or script): such files are never sent")
    return "text/plain"


def check_all(uploads: Sequence[Upload], present: Sequence[DraftAttachment], limits: AttachmentSettings) -> list[Checked]:
    """Every file checked, and the draft's count and total within bounds with them, before any is stored."""
    checked = [check(u, limits) for u in uploads]
    count = len(present) + len(checked)
    if count > limits.max_files:
        raise AttachmentRefused(f"a draft carries at most {limits.max_files} files ([attachments] max_files); this would make {count}")
    total = sum(a.size for a in present) + sum(len(c.data) for c in checked)
    if total > limits.max_total_bytes:
        raise AttachmentRefused(f"the draft's files would come to {readable_size(total)}, more than {readable_size(limits.max_total_bytes)} ([attachments] max_total_bytes)")
    names = [a.filename.lower() for a in present] + [c.filename.lower() for c in checked]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise AttachmentRefused(f"the draft already carries a file named {repeated[0]}; rename one of them")
    return checked


def of_draft(session: Session, draft_id: int) -> list[DraftAttachment]:
    return list(session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft_id).order_by(DraftAttachment.id)).all())


def of_drafts(session: Session, draft_ids: Iterable[int]) -> dict[int, list[DraftAttachment]]:
    """Each draft's files, in the order they were attached (drafts without files are left out)."""
    ids = list(dict.fromkeys(draft_ids))
    found: dict[int, list[DraftAttachment]] = {}
    if not ids:
        return found
    for row in session.exec(select(DraftAttachment).where(DraftAttachment.draft_id.in_(ids)).order_by(DraftAttachment.id)).all():
        found.setdefault(row.draft_id, []).append(row)
    return found


def readable_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"
