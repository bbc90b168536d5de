"""Pictures from outside (a buyer's photo) made safe to show, and pictures from an operator checked before they go.

A picture is shown only after Pillow has decoded it and written it again, as JPEG (or PNG when it has
transparency): what reaches the browser is pixels disputed wrote itself, in a type disputed chose, so nothing else
(HTML, SVG, script, a polyglot file) can pass as an image, and the camera's metadata (GPS position) is left
behind. Only the common photo formats are decoded, and only within the bounds of ``[attachments]``; the size
in the header is checked before any pixel is decoded, so a small file that claims a huge picture (a decompression
bomb) is refused without the memory it asks for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# The formats a buyer's photo or a screenshot comes in. Pillow knows many more (EPS, PSD, ICO, ...); each is
# code that parses hostile bytes, and none is a photo a buyer sends.
FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")
JPEG_QUALITY = 88


class ImageRefused(Exception):
    """Not a picture that may be shown; the message says why."""


@dataclass(frozen=True)
class Rendered:
    data: bytes
    content_type: str  # image/jpeg or image/png, never anything else
    width: int
    height: int

    @property
    def extension(self) -> str:
        return ".png" if self.content_type == "image/png" else ".jpg"


@dataclass(frozen=True)
class Bounds:
    max_bytes: int
    max_pixels: int


def inspect(data: bytes, bounds: Bounds) -> tuple[str, int, int]:
    """(format, width, height) of a picture within ``bounds``, read from its header only."""
    if len(data) > bounds.max_bytes:
        raise ImageRefused(f"the picture is {len(data):,} bytes, more than the {bounds.max_bytes:,} decoded ([attachments] image_max_bytes)")
    image = _open(data, bounds)
    return image.format, image.width, image.height


def render(data: bytes, bounds: Bounds, *, side: int) -> Rendered:
    """The picture decoded and written again, scaled down to fit ``side`` pixels on its longer side."""
    if len(data) > bounds.max_bytes:
        raise ImageRefused(f"the picture is {len(data):,} bytes, more than the {bounds.max_bytes:,} decoded ([attachments] image_max_bytes)")
    image = _open(data, bounds)
    if image.format == "JPEG":
        image.draft("RGB", (side, side))  # a JPEG decodes straight at a fraction of its size: a thumbnail is cheap
    try:
        image.seek(0)  # an animation: its first frame
        image.load()
        image = ImageOps.exif_transpose(image)  # upright, as the camera held it
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageRefused(f"the picture cannot be decoded: {exc}") from None
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    keep_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    out = io.BytesIO()
    if keep_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=False)
        content_type = "image/png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = "image/jpeg"
    return Rendered(out.getvalue(), content_type, image.width, image.height)


def _open(data: bytes, bounds: Bounds) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except UnidentifiedImageError:
        raise ImageRefused(f"not a picture in a known format ({', '.join(FORMATS)})") from None
    except Image.DecompressionBombError:
        raise ImageRefused(f"the picture claims far more than the {bounds.max_pixels:,} pixels decoded ([attachments] image_max_pixels)") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageRefused(f"the picture cannot be read: {exc}") from None
    pixels = image.width * image.height
    if pixels > bounds.max_pixels or pixels <= 0:
        raise ImageRefused(
            f"the picture is {image.width}×{image.height} = {pixels:,} pixels, more than the {bounds.max_pixels:,} decoded "
            "([attachments] image_max_pixels)"
        )
    return image
