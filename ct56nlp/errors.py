"""The one exception tree of ct56nlp.

Every error the library raises on purpose derives from :class:`Ct56Error`, and every error a
dependency raises while reading a file (pdfminer, pypdfium2, python-docx, zipfile, XML parsers)
is translated into one of these at the extraction boundary.  Callers therefore catch one type.
Each message says what happened *and* what the user can do about it.
"""

from __future__ import annotations

__all__ = [
    "Ct56Error",
    "ExtractionError",
    "UnsupportedFormatError",
    "CorruptDocumentError",
    "EncryptedDocumentError",
    "EmptyDocumentError",
    "UnreadableError",
    "TooLargeError",
    "UnsafeContentError",
    "ModelError",
    "ModelIntegrityError",
    "ConfigError",
    "CorpusError",
]


class Ct56Error(Exception):
    """Base class of every error ct56nlp raises on purpose.

    ``code`` is a stable, short identifier (used in JSON error records); the message is for people.
    """

    code = "ct56_error"

    def to_dict(self) -> dict[str, str]:
        return {"type": self.code, "message": str(self)}


class ExtractionError(Ct56Error):
    """A file could not be turned into text."""

    code = "extraction_error"


class UnsupportedFormatError(ExtractionError):
    code = "unsupported_format"


class CorruptDocumentError(ExtractionError):
    code = "corrupt"


class EncryptedDocumentError(ExtractionError):
    code = "encrypted"


class EmptyDocumentError(ExtractionError):
    code = "empty"


class UnreadableError(ExtractionError):
    """The file could not be opened or read at all (missing, no permission, I/O error)."""

    code = "unreadable"


class TooLargeError(ExtractionError):
    code = "too_large"


class UnsafeContentError(ExtractionError):
    """Input that tries something dangerous: XML entities, path traversal, zip bombs."""

    code = "unsafe_content"


class ModelError(Ct56Error):
    code = "model_error"


class ModelIntegrityError(ModelError):
    """A model file does not match its manifest, or holds types outside the allow-list."""

    code = "model_integrity"


class ConfigError(Ct56Error):
    """A data file (rules, calendar overrides, settings) is malformed."""

    code = "config_error"


class CorpusError(Ct56Error):
    """An annotated corpus file does not follow the schema."""

    code = "corpus_error"
