"""Files of file attributes (a halal certificate, a usage leaflet): Saleor's ``fileUpload``
then ``AttributeValueInput.file``.

Uploads are PDFs or JPEG/PNG/WebP images, told from their bytes, never from the name,
at most ``PRODUCT_IMAGE_MAX_BYTES``. A PDF must open with ``pypdf``, carry no password
and have at most ``PRODUCT_FILE_MAX_PAGES`` pages (counted before any page is read:
``core.pdf_files``); images go through the product image pipeline (``images.image_clean``) and are
stored re-encoded, without metadata such as GPS positions. Files land in the default
storage under ``file_upload/`` with a random suffix (Saleor's layout); attribute values
keep that path (``AttributeValue.file_url``).
"""

from __future__ import annotations

import logging
import mimetypes
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.catalog import images
from marketplace.catalog.error_codes import UploadErrorCode
from marketplace.core.exceptions import field_error
from marketplace.core.pdf_files import PdfProblem, PdfRefused, pdf_page_count

logger = logging.getLogger(__name__)

UPLOAD_DIR = "file_upload"
PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class StoredFile:
    path: str  # in the default storage, e.g. "file_upload/sertifikat-halal_1a2b3c4d.pdf"
    content_type: str


def _read_bounded(content: bytes | IO[bytes], limit: int) -> bytes:
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    if hasattr(content, "seek"):
        content.seek(0)
    return content.read(limit + 1)


def _check_pdf(data: bytes) -> None:
    try:
        pdf_page_count(data, max_pages=int(settings.PRODUCT_FILE_MAX_PAGES))
    except PdfRefused as refused:
        if refused.problem is PdfProblem.ENCRYPTED:
            message = _("The PDF is protected with a password. Upload it without a password.")
        elif refused.problem is PdfProblem.TOO_MANY_PAGES:
            message = _("The PDF has more than %(max)s pages. Upload a shorter file.") % {
                "max": refused.max_pages
            }
        else:
            message = _("The file is damaged or incomplete. Upload it again.")
        raise field_error("file", message, UploadErrorCode.INVALID_FILE_TYPE) from None


def attribute_file_upload(*, content: bytes | IO[bytes], name: str) -> StoredFile:
    """Check and store an uploaded file; returns where it is.

    Raises ValidationError on ``file``: ``UNSUPPORTED_MIME_TYPE`` (not a PDF or an
    image of a supported format), ``INVALID_FILE_TYPE`` (empty, too large, damaged,
    password-protected).
    """
    limit = int(settings.PRODUCT_IMAGE_MAX_BYTES)
    data = _read_bounded(content, limit)
    if not data:
        raise field_error("file", _("The file is empty."), UploadErrorCode.INVALID_FILE_TYPE)
    if len(data) > limit:
        raise field_error(
            "file",
            _("The file is too large. Upload a file of at most %(megabytes)s MB.")
            % {"megabytes": limit // (1024 * 1024) or 1},
            UploadErrorCode.INVALID_FILE_TYPE,
        )
    if data.startswith(PDF_MAGIC):
        _check_pdf(data)
        extension, content_type = "pdf", "application/pdf"
    else:
        try:
            clean = images.image_clean(data)
        except ValidationError:
            raise field_error(
                "file",
                _("Upload a PDF, JPEG, PNG or WebP file."),
                UploadErrorCode.UNSUPPORTED_MIME_TYPE,
            ) from None
        data, extension, content_type = clean.content, clean.extension, clean.mime_type
    stem = slugify(PurePosixPath(name or "").stem)[:60] or "file"
    path = default_storage.save(
        f"{UPLOAD_DIR}/{stem}_{secrets.token_hex(4)}.{extension}", ContentFile(data)
    )
    logger.info("attribute_file_uploaded", extra={"path": path, "size": len(data)})
    return StoredFile(path=path, content_type=content_type)


def attribute_file_resolve(url: str) -> StoredFile | None:
    """The uploaded file ``url`` names: a storage path (``file_upload/…``) or the URL
    ``fileUpload`` returned for it. ``None`` for anything else (another site, a file not
    uploaded through ``fileUpload``, a path that tries to leave the upload folder)."""
    parts = urlsplit((url or "").strip())
    path = unquote(parts.path)
    media = urlsplit(settings.MEDIA_URL)
    media_path = media.path
    if parts.netloc and parts.netloc not in {urlsplit(settings.PUBLIC_URL).netloc, media.netloc}:
        return None
    if path.startswith(media_path):
        path = path[len(media_path) :]
    path = path.lstrip("/")
    pure = PurePosixPath(path)
    if pure.parts[:1] != (UPLOAD_DIR,) or ".." in pure.parts or len(pure.parts) != 2:
        return None
    if not default_storage.exists(path):
        return None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return StoredFile(path=path, content_type=content_type)


def attribute_file_url(path: str) -> str:
    """The URL of a stored file (relative to the site unless the storage says otherwise)."""
    return default_storage.url(path)
