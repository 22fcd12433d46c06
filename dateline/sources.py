"""Finding and reading input files through fsspec: listing, retries, transparent decompression."""
from __future__ import annotations

import bz2
import gzip
import io
import os
import time
import zlib

import fsspec
from fsspec.core import url_to_fs
from glob import has_magic

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # cap on the (decompressed) size of one input file
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2"}
# OSErrors that retrying cannot fix; every other OSError counts as transient.
_PERMANENT_OS_ERRORS = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)


class InputError(Exception):
    """A permanent failure to read one input; `code` is a short machine-readable reason."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


def _is_hidden(relative_path: str) -> bool:
    """True when any component of a relative path starts with '.' or '_'."""
    return any(part.startswith((".", "_")) for part in relative_path.split("/") if part)


def _qualify(fs: fsspec.AbstractFileSystem, path: str, plain_local: bool) -> str:
    """A fully qualified URL for a path of fs (plain absolute path for plain local input)."""
    if plain_local:
        return os.path.abspath(path)
    return fs.unstrip_protocol(path)


def _glob_root(path: str) -> str:
    """The part of a glob pattern before its first wildcard component."""
    parts = path.split("/")
    for i, part in enumerate(parts):
        if has_magic(part):
            return "/".join(parts[:i])
    return path


def list_inputs(pattern: str, storage_options: dict | None = None) -> list[str]:
    """Sorted URLs of the files a path, folder (recursive) or glob names; hidden files skipped."""
    if not pattern or not pattern.strip():
        raise ValueError("no input given: pass a file, a folder or a glob")
    fs, path = url_to_fs(pattern, **(storage_options or {}))
    plain_local = "://" not in pattern and "local" in _protocols(fs)
    if has_magic(path):
        root = _glob_root(path).rstrip("/")
        found = []
        for match, info in fs.glob(path, detail=True).items():
            if info.get("type") == "directory":
                found.extend(fs.find(match))
            else:
                found.append(match)
    elif fs.isdir(path):
        root = path.rstrip("/")
        found = fs.find(path)
    elif fs.isfile(path):
        root, found = None, [path]  # a file named explicitly is read even when hidden
    else:
        raise FileNotFoundError(f"input not found: {pattern}")
    if root is not None:
        found = [p for p in found if not _is_hidden(p[len(root):] if p.startswith(root) else p)]
    if not found:
        raise FileNotFoundError(f"no input files match {pattern} (hidden files starting with . or _ are skipped)")
    return sorted({_qualify(fs, p, plain_local) for p in found})


def _protocols(fs: fsspec.AbstractFileSystem) -> tuple[str, ...]:
    """The protocol names of a filesystem as a tuple."""
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def compression_of(uri: str, head: bytes = b"") -> str | None:
    """'gzip', 'bz2' or None: by extension, else by the first bytes."""
    name = uri.split("#", 1)[0].lower()
    for suffix, compression in COMPRESSIONS.items():
        if name.endswith(suffix):
            return compression
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "bz2"
    return None


def _read_raw(fs: fsspec.AbstractFileSystem, path: str, limit: int) -> bytes:
    """Up to `limit` bytes of a file."""
    with fs.open(path, "rb") as handle:
        return handle.read(limit)


def _decompress(uri: str, raw: bytes, compression: str, max_bytes: int) -> bytes:
    """Decompress in memory, reading at most max_bytes + 1 bytes of output."""
    buffer = io.BytesIO(raw)
    try:
        with (gzip.GzipFile(fileobj=buffer) if compression == "gzip" else bz2.BZ2File(buffer)) as stream:
            data = stream.read(max_bytes + 1)
    except EOFError as error:
        raise InputError("decompress", f"{compression} stream is truncated: {error}") from error
    except (OSError, zlib.error, ValueError) as error:
        raise InputError("decompress", f"not valid {compression} data: {error}") from error
    if len(data) > max_bytes:
        raise InputError("too_large", f"decompressed size exceeds max_bytes={max_bytes} "
                                      f"({len(raw)} compressed bytes); raise --max-bytes to read it")
    return data


def read_source(uri: str, *, max_bytes: int = DEFAULT_MAX_BYTES, storage_options: dict | None = None,
                retries: int = 3, backoff_s: float = 0.5, fs: fsspec.AbstractFileSystem | None = None) -> bytes:
    """The bytes of one input, decompressed; transient errors retried, permanent ones as InputError."""
    if fs is None:
        try:
            fs, path = url_to_fs(uri, **(storage_options or {}))
        except (ValueError, ImportError) as error:
            raise InputError("bad_url", f"cannot open {uri}: {error}") from error
    else:
        path = fs._strip_protocol(uri)
    # A compressed file may be slightly larger than its content; never read more than this.
    raw_limit = max_bytes + max_bytes // 8 + 1024
    attempt = 0
    while True:
        try:
            raw = _read_raw(fs, path, raw_limit + 1)
            break
        except FileNotFoundError as error:
            raise InputError("not_found", f"file not found: {error}") from error
        except PermissionError as error:
            raise InputError("permission", f"permission denied: {error}") from error
        except _PERMANENT_OS_ERRORS as error:
            raise InputError("not_a_file", f"not a readable file: {error}") from error
        except OSError as error:  # includes TimeoutError and ConnectionError: transient
            attempt += 1
            if attempt > retries:
                raise InputError("read_failed", f"read failed after {attempt} attempts: "
                                                f"{type(error).__name__}: {error}") from error
            time.sleep(backoff_s * 2 ** (attempt - 1))
    compression = compression_of(uri, raw[:10])
    if compression is None:
        if len(raw) > max_bytes:
            raise InputError("too_large", f"file is larger than max_bytes={max_bytes}")
        return raw
    if len(raw) > raw_limit:
        raise InputError("too_large", f"compressed file is larger than max_bytes={max_bytes}")
    return _decompress(uri, raw, compression, max_bytes)
