"""Walking an archive: folders and ``.zip`` files, safely.

Zip entries are read into memory, never extracted to disk, so no entry can be written outside
where it belongs; entry names that are absolute, climb with "..", or are links are refused; sizes
and counts are bounded (zip bombs).  Nested zips are walked one level deep.  Every item carries a
stable *fingerprint* (path, size, modification time; for zip entries also the entry's CRC) so that
a re-run can skip unchanged files without reading them.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["Item", "ItemError", "walk", "read_item", "WalkLimits"]

SKIP_NAMES = {"register.sqlite", "register.sqlite-wal", "register.sqlite-shm", "Thumbs.db", ".DS_Store"}
SKIP_SUFFIXES = {".sqlite", ".tmp", ".part", ".crdownload"}


@dataclass(frozen=True)
class WalkLimits:
    max_file_bytes: int = 100 * 2**20
    max_zip_entries: int = 100_000
    max_zip_total: int = 4 * 2**30
    max_zip_depth: int = 2


class ItemError(Exception):
    """An archive item that cannot be read; ``code`` is the error type reports show."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Item:
    """One file of the archive: on disk (``member`` is None) or inside a zip."""

    display: str  # what reports show: "folder/a.pdf" or "folder/b.zip!/x/c.docx"
    path: str  # the file on disk (for zip members, the outermost zip)
    member: tuple[str, ...] = ()  # names inside (nested) zips
    size: int = 0
    fingerprint: str = ""
    error: str | None = None  # a reason the item cannot be read at all (bad entry name, too large)
    error_type: str | None = None


def _safe_member(name: str) -> bool:
    """A zip entry name that stays inside the archive: relative, no "..", no drive letter."""
    p = PurePosixPath(name.replace("\\", "/"))
    if not p.parts or p.is_absolute() or ".." in p.parts:
        return False
    return ":" not in p.parts[0]


def _zip_items(zpath: str, display: str, zf: zipfile.ZipFile, prefix: tuple[str, ...], limits: WalkLimits, base_fp: str, depth: int) -> Iterator[Item]:
    infos = zf.infolist()
    if len(infos) > limits.max_zip_entries:
        yield Item(display, zpath, prefix, 0, base_fp, f"the zip holds {len(infos)} entries, more than {limits.max_zip_entries}", "too_large")
        return
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        name = info.filename
        shown = f"{display}!/{name}"
        fp = f"{base_fp}|{name}|{info.CRC}|{info.file_size}"
        mode = info.external_attr >> 16
        if not _safe_member(name):
            yield Item(shown, zpath, prefix + (name,), info.file_size, fp, "unsafe entry name (absolute or '..'): not read", "unsafe_content")
            continue
        if stat.S_ISLNK(mode):
            yield Item(shown, zpath, prefix + (name,), info.file_size, fp, "the entry is a symbolic link: not followed", "unsafe_content")
            continue
        total += info.file_size
        if info.file_size > limits.max_file_bytes or total > limits.max_zip_total:
            yield Item(shown, zpath, prefix + (name,), info.file_size, fp, f"entry of {info.file_size} bytes exceeds the size limits", "too_large")
            continue
        base = PurePosixPath(name).name
        if base in SKIP_NAMES or base.startswith("._"):
            continue
        if name.lower().endswith(".zip") and depth + 1 < limits.max_zip_depth:
            try:
                with zf.open(info) as f:
                    inner = zipfile.ZipFile(io.BytesIO(f.read()))
                yield from _zip_items(zpath, shown, inner, prefix + (name,), limits, fp, depth + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
                code, why = _zip_error(exc)
                yield Item(shown, zpath, prefix + (name,), info.file_size, fp, f"nested zip not readable: {why}", code)
            continue
        yield Item(shown, zpath, prefix + (name,), info.file_size, fp)


def _zip_error(exc: BaseException) -> tuple[str, str]:
    """The error type and reason for an exception raised while opening a zip entry."""
    if isinstance(exc, RuntimeError) and "password" in str(exc).lower():
        return "encrypted", "the zip entry is protected by a password"
    if isinstance(exc, NotImplementedError):
        return "unsupported_format", f"the zip entry uses an unsupported compression ({exc})"
    return "corrupt", f"damaged zip data ({exc})"


def walk(roots: list[str | Path], limits: WalkLimits | None = None, *, exclude: list[Path] | None = None) -> Iterator[Item]:
    """Every document in ``roots`` (files, folders, zips), in a stable order."""
    limits = limits or WalkLimits()
    excluded = [p.resolve() for p in (exclude or [])]
    for root in roots:
        root = Path(root)
        if root.is_file():
            files = [root]
        elif root.is_dir():
            files = []
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                here = Path(dirpath)
                if any(here.resolve() == e or e in here.resolve().parents for e in excluded):
                    dirnames[:] = []
                    continue
                files.extend(here / f for f in sorted(filenames))
        else:
            yield Item(str(root), str(root), (), 0, f"{root}|missing", "no such file or folder", "unreadable")
            continue
        for f in files:
            if f.name in SKIP_NAMES or f.suffix.lower() in SKIP_SUFFIXES or f.name.startswith("._"):
                continue
            try:
                st = f.lstat()
            except OSError as exc:
                yield Item(str(f), str(f), (), 0, f"{f}|unreadable", f"cannot stat: {exc.strerror}", "unreadable")
                continue
            if stat.S_ISLNK(st.st_mode):
                continue  # links are not followed: the archive is what is inside it
            fp = f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}"
            if f.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(f) as zf:
                        yield from _zip_items(str(f), str(f), zf, (), limits, fp, 0)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                    yield Item(str(f), str(f), (), st.st_size, fp, f"damaged zip ({exc})", "corrupt")
                continue
            yield Item(str(f), str(f), (), st.st_size, fp)


def read_item(item: Item, limits: WalkLimits | None = None) -> bytes:
    """The bytes of an item; raises :class:`ItemError` with a reason."""
    limits = limits or WalkLimits()
    if item.error:
        raise ItemError(item.error_type or "unreadable", item.error)
    try:
        if not item.member:
            size = Path(item.path).stat().st_size
            if size > limits.max_file_bytes:
                raise ItemError("too_large", f"{size} bytes, more than the limit of {limits.max_file_bytes}")
            return Path(item.path).read_bytes()
        data = b""
        zf = zipfile.ZipFile(item.path)
        try:
            for depth, name in enumerate(item.member):
                info = zf.getinfo(name)
                if info.file_size > limits.max_file_bytes:
                    raise ItemError("too_large", f"entry of {info.file_size} bytes exceeds the limit")
                with zf.open(info) as f:
                    data = f.read(limits.max_file_bytes + 1)
                if len(data) > limits.max_file_bytes:
                    raise ItemError("too_large", "the entry expands beyond the size limit")
                if depth + 1 < len(item.member):
                    zf.close()
                    zf = zipfile.ZipFile(io.BytesIO(data))
        finally:
            zf.close()
        return data
    except ItemError:
        raise
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ItemError(*_zip_error(exc)) from exc
    except OSError as exc:
        raise ItemError("unreadable", f"cannot read {item.display}: {exc.strerror or exc}") from exc
