"""Object-created events (GCS Pub/Sub notifications, S3 event notifications) decoded to input URLs."""
from __future__ import annotations

import fnmatch
import json
from urllib.parse import unquote_plus

GCS_CREATE_EVENTS = ("OBJECT_FINALIZE",)


def _json(data: bytes | str | None) -> object:
    """Parsed JSON of a message body, or None when it is empty or not JSON."""
    if not data:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def _gcs_urls(payload: object, attributes: dict) -> list[str]:
    """gs:// URL of a GCS notification (attributes, else the JSON_API_V1 object resource)."""
    if attributes.get("eventType") not in GCS_CREATE_EVENTS:
        return []
    bucket, name = attributes.get("bucketId"), attributes.get("objectId")
    if (not bucket or not name) and isinstance(payload, dict):
        bucket, name = payload.get("bucket"), payload.get("name")
    return [f"gs://{bucket}/{name}"] if bucket and name else []


def _s3_record_url(record: object) -> str | None:
    """s3:// URL of one S3 event record when it is an ObjectCreated event."""
    if not isinstance(record, dict) or not str(record.get("eventName", "")).startswith("ObjectCreated:"):
        return None
    s3 = record.get("s3") or {}
    bucket = (s3.get("bucket") or {}).get("name")
    key = (s3.get("object") or {}).get("key")
    if not bucket or not key:
        return None
    return f"s3://{bucket}/{unquote_plus(key)}"  # S3 event keys are URL-encoded, spaces as '+'


def _s3_urls(payload: object) -> list[str]:
    """s3:// URLs of an S3 event notification (direct, wrapped in SNS, or from EventBridge)."""
    if not isinstance(payload, dict):
        return []
    if payload.get("Type") == "Notification" and isinstance(payload.get("Message"), str):
        return _s3_urls(_json(payload["Message"]))  # delivered through SNS
    if payload.get("detail-type") == "Object Created" and isinstance(payload.get("detail"), dict):
        detail = payload["detail"]  # EventBridge: keys are not URL-encoded
        bucket = (detail.get("bucket") or {}).get("name")
        key = (detail.get("object") or {}).get("key")
        return [f"s3://{bucket}/{key}"] if bucket and key else []
    records = payload.get("Records")
    if not isinstance(records, list):
        return []  # e.g. the s3:TestEvent sent when notifications are configured
    return [url for url in map(_s3_record_url, records) if url]


def object_urls_from_notification(message_data: bytes | str | None, attributes: dict | None) -> list[str]:
    """URLs of the objects an event says were created; [] for deletes, updates, tests and junk."""
    attributes = attributes or {}
    payload = _json(message_data)
    if "eventType" in attributes or "bucketId" in attributes:
        return _gcs_urls(payload, attributes)
    return _s3_urls(payload)


def object_url_from_notification(message_data: bytes | str | None, attributes: dict | None) -> str | None:
    """The URL of the object an object-created event names, or None when it names none."""
    urls = object_urls_from_notification(message_data, attributes)
    return urls[0] if urls else None


def matches_input(url: str, pattern: str) -> bool:
    """True when a notified object is an input: under the input folder or matching its glob, not hidden.

    Events for the output (the same bucket may hold it) or hidden/temporary objects are not inputs.
    """
    pattern = pattern.rstrip("/")
    if any(ch in pattern for ch in "*?["):
        root = pattern[:min(pattern.index(ch) for ch in "*?[" if ch in pattern)].rsplit("/", 1)[0]
        matched = fnmatch.fnmatchcase(url, pattern)
    else:
        root = pattern
        matched = url == pattern or url.startswith(pattern + "/")
    if not matched:
        return False
    relative = url[len(root):] if url.startswith(root) else url
    return not any(part.startswith((".", "_")) for part in relative.split("/") if part)
