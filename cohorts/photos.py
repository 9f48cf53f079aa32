"""Therapist photos: an upload is checked, cropped square and stored as a few WebP widths.

Why: the uploaded file itself is never kept or served (it may be huge, carry GPS data in its
EXIF, or not be an image at all). Only renditions re-encoded here are stored, under names
made from a hash of their content, so the view that serves them can say "cache for a year"
and a new photo gets new addresses. Production has no media server: cohorts.views serves the
renditions from MEDIA_ROOT (a volume in docker-compose.yml).
"""

from __future__ import annotations

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import PHOTO_WIDTHS, Therapist

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# Well under Pillow's own decompression-bomb limit: a phone photo is about 12 megapixels.
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
WEBP_QUALITY = 80

PHOTO_TOO_LARGE = "This file is too large. Please upload a photo under 15 MB."
PHOTO_NOT_AN_IMAGE = "This file isn't a photo we can use. Please upload a JPEG, PNG or WebP image."
PHOTO_TOO_SMALL = (
    f"This photo is too small. Please upload one at least {PHOTO_WIDTHS[0]} pixels on each side."
)


class PhotoError(ValueError):
    pass


def photo_open(upload) -> Image.Image:
    """The upload as an upright RGB image, or PhotoError with a message for the form."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise PhotoError(PHOTO_TOO_LARGE)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise PhotoError(PHOTO_NOT_AN_IMAGE)
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoError(PHOTO_TOO_LARGE)
            probe.verify()
        upload.seek(0)
        image: Image.Image = Image.open(upload)
        image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError(PHOTO_NOT_AN_IMAGE) from None
    image = ImageOps.exif_transpose(image)
    if min(image.size) < PHOTO_WIDTHS[0]:
        raise PhotoError(PHOTO_TOO_SMALL)
    if image.mode != "RGB":
        # Transparent areas become the page's paper colour rather than black.
        background = Image.new("RGB", image.size, (251, 250, 247))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    return image


def photo_renditions(image: Image.Image) -> dict[int, bytes]:
    """Square WebP renditions, centred a little above the middle (where faces usually are);
    never enlarged, so a small photo gets only the widths it can fill."""
    side = min(image.size)
    square = ImageOps.fit(
        image, (side, side), method=Image.Resampling.LANCZOS, centering=(0.5, 0.4)
    )
    renditions = {}
    for width in PHOTO_WIDTHS:
        if width > side:
            break
        out = io.BytesIO()
        # No metadata is written: the EXIF of the upload (camera, place) is left behind.
        square.resize((width, width), Image.Resampling.LANCZOS).save(
            out, "WEBP", quality=WEBP_QUALITY, method=6
        )
        renditions[width] = out.getvalue()
    return renditions


def photo_name(key: str, width: int) -> str:
    return f"therapists/{key}-{width}.webp"


def therapist_photo_set(*, therapist: Therapist, image: Image.Image) -> None:
    """Store the renditions of `image` and point the therapist at them."""
    renditions = photo_renditions(image)
    digest = hashlib.sha256()
    for width in sorted(renditions):
        digest.update(renditions[width])
    key = digest.hexdigest()[:16]
    for width, data in renditions.items():
        name = photo_name(key, width)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
    old_key, old_widths = therapist.photo_key, list(therapist.photo_widths)
    therapist.photo_key, therapist.photo_widths = key, sorted(renditions)
    therapist.save(update_fields=["photo_key", "photo_widths"])
    if old_key and old_key != key:
        _delete(old_key, old_widths)


def therapist_photo_remove(*, therapist: Therapist) -> None:
    old_key, old_widths = therapist.photo_key, list(therapist.photo_widths)
    therapist.photo_key, therapist.photo_widths = "", []
    therapist.save(update_fields=["photo_key", "photo_widths"])
    if old_key:
        _delete(old_key, old_widths)


def _delete(key: str, widths: list[int]) -> None:
    # Another therapist may have been given the very same photo.
    if Therapist.objects.filter(photo_key=key).exists():
        return
    for width in widths:
        try:
            default_storage.delete(photo_name(key, width))
        except OSError:  # a stale file is harmless: the view serves only current keys
            logger.warning("Could not delete an old therapist photo rendition")
