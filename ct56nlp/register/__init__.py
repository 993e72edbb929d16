"""The archive level: walking archives, the correspondence register, threads of requests and
replies, and the scan that ties them together."""

from .store import Register, StoredDocument

__all__ = ["Register", "StoredDocument"]
