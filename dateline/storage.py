"""fsspec helpers shared by readers and writers: parsing storage options, opening filesystems."""
from __future__ import annotations

import json
import re

import fsspec
from fsspec.core import url_to_fs


def parse_storage_options(value: str | dict | None, s3_endpoint_url: str | None = None) -> dict:
    """Storage options from a JSON string (CLI) or a dict, plus an S3 endpoint; {} when absent."""
    if not value:
        options = {}
    elif isinstance(value, dict):
        options = value
    else:
        options = json.loads(value)
    if not isinstance(options, dict):
        raise ValueError("--storage-options must be a JSON object")
    if s3_endpoint_url:
        client_kwargs = {**options.get("client_kwargs", {}), "endpoint_url": s3_endpoint_url}
        options = {**options, "client_kwargs": client_kwargs}
    return options


def filesystem_for(url: str, storage_options: dict | None = None) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem serving a URL and the URL's path within it."""
    return url_to_fs(url, **(storage_options or {}))


def join(base: str, *parts: str) -> str:
    """Join URL/path parts with '/', ignoring empty parts."""
    return "/".join([base.rstrip("/"), *[p.strip("/") for p in parts if p]])


_URL_CREDENTIALS = re.compile(r"^([a-zA-Z][\w+.-]*://)[^/@]*@")


def refuse_url_credentials(flag: str, url: str | None) -> None:
    """Exit, without echoing them, when a URL carries credentials (they would end up in logs and tables)."""
    if url and _URL_CREDENTIALS.match(url):
        shown = _URL_CREDENTIALS.sub(r"\1***@", url)
        raise SystemExit(f"dateline: {flag} {shown}: credentials in URLs are not supported; pass them "
                         "with --storage-options or the storage's environment variables (AWS_* ...)")
