"""Scanned pages delivered as images (PNG, JPEG, TIFF...): OCR every frame."""

from __future__ import annotations

import io

from ..errors import CorruptDocumentError, TooLargeError
from ..types import Notice
from .base import Extracted, Limits
from .ocr import ocr_image, tesseract_status
from .sniff import sniff

__all__ = ["read_image"]


def read_image(data: bytes, limits: Limits) -> Extracted:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    media = sniff(data)
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
        frames = []
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            if i >= limits.max_pages:
                raise TooLargeError(f"the image has more than {limits.max_pages} frames")
            buf = io.BytesIO()
            frame.convert("L").save(buf, format="PNG")
            frames.append(buf.getvalue())
    except Image.DecompressionBombError as exc:
        raise TooLargeError(f"the image is too large to decode safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptDocumentError(f"the image cannot be decoded ({exc})") from exc
    problem = tesseract_status(limits.ocr_language) if limits.ocr else "OCR bị tắt (limits.ocr=False)."
    if problem:
        notice = Notice("ocr_unavailable", f"Tệp ảnh cần nhận dạng ký tự. {problem}")
        return Extracted(media, [""] * len(frames), notices=[notice])
    pages, conf, notices = [], {}, []
    for i, png in enumerate(frames):
        if i >= limits.ocr_max_pages:
            notices.append(Notice("ocr_page_limit", f"Chỉ nhận dạng {limits.ocr_max_pages} trang ảnh đầu."))
            break
        try:
            result = ocr_image(png, language=limits.ocr_language, timeout=limits.ocr_timeout)
        except RuntimeError as exc:
            notices.append(Notice("ocr_failed", f"Không nhận dạng được trang {i + 1}: {exc}", page=i + 1))
            pages.append("")
            continue
        pages.append(result.text)
        conf[i + 1] = result.mean_confidence
    return Extracted(media, pages, notices=notices, ocr_confidence=conf, ocr_language=limits.ocr_language)
