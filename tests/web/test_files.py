"""Files on the case page: a buyer's pictures shown only as pixels disputed wrote itself, every other file (SVG and
HTML included) only as a download, and the files operators attach to a draft (roles, CSRF, limits, kinds)."""

from __future__ import annotations

import io
import struct
import zlib
from email.message import EmailMessage

import pytest
from PIL import Image, ImageDraw
from sqlmodel import select

from disputed.config.settings import Settings
from disputed.store.auth import AuditEntry
from disputed.store.db import session_scope
from disputed.store.models import Draft, DraftAttachment, DraftStatus, StoredMessage

from .conftest import ROLES, draft_row

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=2</script></svg>'
HTML = b"<html><body><script>window.__pwned=3</script>hello</body></html>"


def photo(width: int = 640, height: int = 480, *, fmt: str = "JPEG") -> bytes:
    """A picture with something on it (a parcel with a dented corner), so a screenshot shows what it is."""
    image = Image.new("RGB", (width, height), (236, 228, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 6, height // 4, width * 5 // 6, height * 5 // 6], fill=(181, 134, 84), outline=(90, 60, 30), width=6)
    draw.polygon([(width * 5 // 6, height // 4), (width * 2 // 3, height // 4), (width * 5 // 6, height // 2)], fill=(120, 80, 40))
    draw.line([(width // 6, height // 2), (width * 5 // 6, height // 2)], fill=(230, 220, 160), width=10)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def bomb_png(width: int = 60_000, height: int = 60_000) -> bytes:
    """A few dozen bytes of PNG whose header claims ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def mail_with_files(text: str, files: list[tuple[str, str, bytes]], *, base: bytes | None = None) -> bytes:
    """A buyer's message (``base``'s headers and text when given) with ``files`` attached: (name, type, bytes)."""
    msg = EmailMessage()
    if base is not None:
        from email import message_from_bytes, policy

        original = message_from_bytes(base, policy=policy.default)
        for name in ("Received", "Authentication-Results", "From", "To", "Subject", "Date", "Message-ID"):
            for value in original.get_all(name, []):
                msg[name] = value
        text = original.get_body(("plain",)).get_content()
    else:
        msg["From"] = "Buyer <buyer1@marketplace.example>"
        msg["To"] = "shop@example.test"
        msg["Subject"] = "Photos of the parcel"
        msg["Message-ID"] = "<photos-1@marketplace.example>"
    msg.set_content(text)
    for name, ctype, data in files:
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


FILES = [
    ("parcel.jpg", "image/jpeg", photo()),  # 1 (part 0 is the text)
    ("drawing.svg", "image/svg+xml", SVG),  # 2
    ("page.html", "text/html", HTML),  # 3
    ("fake.png", "image/png", HTML),  # 4: says it is a picture, is a web page
    ("bomb.png", "image/png", bomb_png()),  # 5
    ("label.pdf", "application/pdf", b"%PDF-1.4\n%fake label\n"),  # 6
]


@pytest.fixture
def with_files(engine, seeded) -> int:
    """The id of a stored message with FILES, in the seeded case."""
    with session_scope(engine) as session:
        row = StoredMessage(mailbox="shop", source_key="1/9", uid=9, uidvalidity=1, sha256="f" * 64, raw=mail_with_files("Here are the photos.", FILES), case_id=seeded.case_id, parsed={})
        session.add(row)
        session.flush()
        return row.id


def _url(seeded, row: int, index: int, tail: str = "") -> str:
    return f"/cases/{seeded.case_id}/messages/{row}/files/{index}{tail}"


def test_a_buyers_photo_is_shown_as_a_picture_disputed_wrote_again(login, seeded, with_files):
    viewer = login("viewer")
    page = viewer.get(f"/cases/{seeded.case_id}")
    assert f'src="{_url(seeded, with_files, 1, "/thumb")}"' in page.text, "the thumbnail is on the case page"
    for tail, most in (("/thumb", 240), ("", 4096)):
        response = viewer.get(_url(seeded, with_files, 1, tail))
        assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"].startswith("inline;")
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "JPEG" and max(image.size) <= most and image.size[0] > 0
    assert not Image.open(io.BytesIO(viewer.get(_url(seeded, with_files, 1)).content)).getexif(), "the camera's metadata stays behind"
    original = viewer.get(_url(seeded, with_files, 1, "/download"))
    assert original.content == FILES[0][2] and original.headers["content-type"] == "application/octet-stream"


@pytest.mark.parametrize("index", [2, 3, 6])
def test_svg_html_and_every_other_file_only_ever_downloads(login, seeded, with_files, index):
    viewer = login("viewer")
    for tail in ("", "/download"):
        response = viewer.get(_url(seeded, with_files, index, tail))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/octet-stream"
        assert response.headers["content-disposition"].startswith("attachment;")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert any("sandbox" in csp for csp in response.headers.get_list("content-security-policy"))
        assert response.content == FILES[index - 1][2]
    assert viewer.get(_url(seeded, with_files, index, "/thumb")).status_code == 404


def test_a_web_page_posing_as_a_picture_and_a_decompression_bomb_are_refused(login, seeded, with_files):
    viewer = login("viewer")
    fake = viewer.get(_url(seeded, with_files, 4, "/thumb"))
    assert fake.status_code == 415 and "not a picture" in fake.text and "__pwned" not in fake.text
    bomb = viewer.get(_url(seeded, with_files, 5))
    assert bomb.status_code == 415 and "40,000,000 pixels" in bomb.text and "image_max_pixels" in bomb.text


def test_a_picture_past_the_bounds_is_refused_before_its_pixels_are_decoded():
    from disputed import images

    bounds = images.Bounds(max_bytes=1_000_000, max_pixels=40_000_000)
    with pytest.raises(images.ImageRefused, match=r"8000×8000 = 64,000,000 pixels.*image_max_pixels"):
        images.render(bomb_png(8000, 8000), bounds, side=240)
    with pytest.raises(images.ImageRefused, match="image_max_pixels"):
        images.render(bomb_png(), bounds, side=240)  # past Pillow's own bound too
    with pytest.raises(images.ImageRefused, match="image_max_bytes"):
        images.render(photo(), images.Bounds(max_bytes=1000, max_pixels=40_000_000), side=240)
    with pytest.raises(images.ImageRefused, match="not a picture"):
        images.render(SVG, bounds, side=240)
    clear = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    out = io.BytesIO()
    clear.save(out, "PNG")
    kept = images.render(out.getvalue(), bounds, side=240)
    assert kept.content_type == "image/png" and Image.open(io.BytesIO(kept.data)).mode == "RGBA", "transparency stays: PNG"
    assert images.render(photo(2000, 1000), bounds, side=240).content_type == "image/jpeg"


def test_files_are_read_only_through_their_own_case_and_by_someone_logged_in(login, anonymous, seeded, with_files):
    viewer = login("viewer")
    assert viewer.get(f"/cases/{seeded.hostile_case_id}/messages/{with_files}/files/1").status_code == 404
    assert viewer.get(_url(seeded, with_files, 0)).status_code == 404, "the text is not a file"
    assert viewer.get(_url(seeded, with_files, 99)).status_code == 404
    response = anonymous.client.get(_url(seeded, with_files, 1, "/thumb"), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def _files(engine, draft_id: int) -> list[DraftAttachment]:
    with session_scope(engine) as session:
        return list(session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft_id)).all())


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def test_an_agent_attaches_a_label_and_a_photo_and_takes_one_off(login, seeded, engine):
    agent = login("agent")
    agent.get(f"/cases/{seeded.case_id}")
    response = agent.post(f"/drafts/{seeded.draft_id}/files", files=[("files", ("return-label.pdf", PDF, "text/html")), ("files", ("right item.png", photo(fmt="PNG"), "image/png"))])
    assert response.status_code == 303
    stored = _files(engine, seeded.draft_id)
    assert [(f.filename, f.content_type) for f in stored] == [("return-label.pdf", "application/pdf"), ("right item.png", "image/png")], "the type comes from the bytes"
    page = agent.get(f"/cases/{seeded.case_id}")
    assert "return-label.pdf" in page.text and f"/drafts/{seeded.draft_id}/files/{stored[0].id}" in page.text
    download = agent.get(f"/drafts/{seeded.draft_id}/files/{stored[0].id}")
    assert download.content == PDF and download.headers["content-disposition"].startswith("attachment;") and download.headers["x-content-type-options"] == "nosniff"
    assert agent.post(f"/drafts/{seeded.draft_id}/files/{stored[1].id}/remove").status_code == 303
    assert [f.filename for f in _files(engine, seeded.draft_id)] == ["return-label.pdf"]


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100, "executable"),
        ("label.pdf", b"MZ\x90\x00" + b"\x00" * 100, "executable"),
        ("page.html", HTML, "web page"),
        ("notes.txt", HTML, "markup"),
        ("drawing.svg", SVG, "SVG"),
        ("photo.png", SVG, "markup"),
        ("label.png", PDF, "content is application/pdf"),
        ("files.zip", b"PK\x03\x04" + b"\x00" * 50, "archive"),
        ("bomb.png", bomb_png(), "image_max_pixels"),
    ],
)
def test_forbidden_kinds_are_refused_with_the_reason_and_nothing_is_stored(login, seeded, engine, name, data, said):
    agent = login("agent")
    agent.get(f"/cases/{seeded.case_id}")
    response = agent.post(f"/drafts/{seeded.draft_id}/files", files=[("files", ("fine.pdf", PDF, "application/pdf")), ("files", (name, data, "application/pdf"))])
    assert response.status_code == 303
    assert said in agent.get(f"/cases/{seeded.case_id}").text
    assert _files(engine, seeded.draft_id) == [], "the good file was not kept without the other"


def test_uploads_over_the_limits_are_refused(tmp_path, seeded, engine):
    from fastapi.testclient import TestClient

    from disputed.web.app import create_app

    from .conftest import PASSWORD, Operator

    small = Settings.model_validate({"database": {"url": f"sqlite:///{tmp_path / 'web.db'}"}, "web": {"port": 0},  # the seeded database
                                     "attachments": {"max_files": 2, "max_file_bytes": 20_000, "max_total_bytes": 30_000}})
    with TestClient(create_app(small, engine), base_url="http://127.0.0.1:8025") as client:
        agent = Operator(client)
        agent.get("/login")
        assert agent.post("/login", {"name": "agent", "password": PASSWORD, "next": "/queue"}).status_code == 303
        agent.get(f"/cases/{seeded.case_id}")
        big = agent.post(f"/drafts/{seeded.draft_id}/files", files=[("files", ("big.txt", b"a" * 25_000, "text/plain"))])
        assert big.status_code == 303 and "max_file_bytes" in agent.get(f"/cases/{seeded.case_id}").text
        three = agent.post(f"/drafts/{seeded.draft_id}/files", files=[("files", (f"n{i}.txt", b"note", "text/plain")) for i in range(3)])
        assert three.status_code == 303 and "max_files" in agent.get(f"/cases/{seeded.case_id}").text
        huge = agent.post(f"/drafts/{seeded.draft_id}/files", files=[("files", ("huge.txt", b"a" * 1_200_000, "text/plain"))])
        assert huge.status_code == 413 and "max_total_bytes" in huge.text, "refused before the form is read"
        assert _files(engine, seeded.draft_id) == []
        refused = [a.action for a in _audit(engine)]
        assert refused.count("case_attach_refused") == 2


def _audit(engine) -> list[AuditEntry]:
    with session_scope(engine) as session:
        return list(session.exec(select(AuditEntry)).all())


def test_attaching_needs_an_agent_and_the_token_and_undoes_an_approval(login, seeded, engine):
    operators = {role: login(role) for role in ROLES}
    for operator in operators.values():
        operator.get(f"/cases/{seeded.case_id}")
    upload = [("files", ("label.pdf", PDF, "application/pdf"))]
    assert operators["viewer"].post(f"/drafts/{seeded.draft_id}/files", files=upload).status_code == 403
    assert operators["admin"].post(f"/drafts/{seeded.draft_id}/files", files=upload, csrf="0" * 64).status_code == 403
    assert operators["admin"].post(f"/cases/{seeded.case_id}/reply", {"body": "Label attached."}, files=upload, csrf="0" * 64).status_code == 403
    assert _files(engine, seeded.draft_id) == []
    with session_scope(engine) as session:
        draft = session.get(Draft, seeded.draft_id)
        draft.status, draft.approved_by = DraftStatus.APPROVED, "approver"
        session.add(draft)
    assert operators["agent"].post(f"/drafts/{seeded.draft_id}/files", files=upload).status_code == 303
    (stored,) = _files(engine, seeded.draft_id)
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.PENDING, "approved without the file: approve again"
    assert operators["viewer"].post(f"/drafts/{seeded.draft_id}/files/{stored.id}/remove").status_code == 403
    for path in (f"/drafts/{seeded.draft_id}/files", f"/drafts/{seeded.draft_id}/files/{stored.id}/remove"):
        assert operators["admin"].client.get(path).status_code in (404, 405), "a GET never changes anything"
    assert operators["agent"].post(f"/drafts/{seeded.draft_id}/files/{stored.id}/remove", csrf="0" * 64).status_code == 403
    assert len(_files(engine, seeded.draft_id)) == 1


def test_a_reply_written_on_the_case_page_carries_its_files(login, seeded, engine):
    agent = login("agent")
    agent.get(f"/cases/{seeded.case_id}")
    response = agent.post(f"/cases/{seeded.case_id}/reply", {"body": "Please find the return label attached."}, files=[("files", ("label.pdf", PDF, "application/pdf"))])
    assert response.status_code == 303
    with session_scope(engine) as session:
        draft = session.exec(select(Draft).where(Draft.case_id == seeded.case_id, Draft.template == "blank")).one()
        draft_id = draft.id
    assert [f.filename for f in _files(engine, draft_id)] == ["label.pdf"]
    before = _count_drafts(engine)
    bad = agent.post(f"/cases/{seeded.case_id}/reply", {"body": "And a web page."}, files=[("files", ("x.html", HTML, "text/html"))])
    assert bad.status_code == 303 and _count_drafts(engine) == before, "no draft without its files"


def _count_drafts(engine) -> int:
    with session_scope(engine) as session:
        return len(session.exec(select(Draft)).all())
