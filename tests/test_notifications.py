"""Object-created events decoded to input URLs; the Pub/Sub graph builds (it needs GCP to run)."""
from __future__ import annotations

import json

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from dateline.notifications import matches_input, object_url_from_notification, object_urls_from_notification
from pipeline.options import DatelineOptions
from pipeline.run import build_pipeline

# A GCS Pub/Sub notification (payload format JSON_API_V1): attributes plus the object resource.
GCS_ATTRIBUTES = {
    "notificationConfig": "projects/_/buckets/news-in/notificationConfigs/3",
    "eventType": "OBJECT_FINALIZE",
    "payloadFormat": "JSON_API_V1",
    "bucketId": "news-in",
    "objectId": "feeds/2024-05-02/a b+c.json",
    "objectGeneration": "1714651234567890",
    "eventTime": "2024-05-02T12:00:34.567890Z",
}
GCS_OBJECT = {
    "kind": "storage#object",
    "id": "news-in/feeds/2024-05-02/a b+c.json/1714651234567890",
    "selfLink": "https://www.googleapis.com/storage/v1/b/news-in/o/feeds%2F2024-05-02%2Fa%20b%2Bc.json",
    "name": "feeds/2024-05-02/a b+c.json",
    "bucket": "news-in",
    "generation": "1714651234567890",
    "metageneration": "1",
    "contentType": "application/json",
    "timeCreated": "2024-05-02T12:00:34.567Z",
    "updated": "2024-05-02T12:00:34.567Z",
    "storageClass": "STANDARD",
    "size": "1834",
    "md5Hash": "mK2bXxPq3aY0c8Zr1oC3ew==",
    "mediaLink": "https://storage.googleapis.com/download/storage/v1/b/news-in/o/feeds%2F2024-05-02%2Fa%20b%2Bc.json"
                 "?generation=1714651234567890&alt=media",
    "crc32c": "yZRlqg==",
    "etag": "CNKd8ZqJ+YUDEAE=",
}


def _s3_event(event_name: str, key: str, bucket: str = "news-in") -> dict:
    """An S3 event notification message (as delivered to SQS or a Lambda)."""
    return {"Records": [{
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "eu-west-1",
        "eventTime": "2024-05-02T12:00:34.567Z", "eventName": event_name,
        "userIdentity": {"principalId": "AWS:AIDAEXAMPLE"},
        "requestParameters": {"sourceIPAddress": "203.0.113.7"},
        "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "new-articles",
               "bucket": {"name": bucket, "ownerIdentity": {"principalId": "A3NL1KOZZKExample"},
                          "arn": f"arn:aws:s3:::{bucket}"},
               "object": {"key": key, "size": 1834, "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                          "sequencer": "0055AED6DCD90281E5"}},
    }]}


def test_gcs_finalize_event_gives_the_object_url():
    data = json.dumps(GCS_OBJECT).encode()
    assert object_url_from_notification(data, GCS_ATTRIBUTES) == "gs://news-in/feeds/2024-05-02/a b+c.json"
    # payload format NONE: empty data, the attributes alone name the object
    assert object_url_from_notification(b"", {**GCS_ATTRIBUTES, "payloadFormat": "NONE"}) == \
        "gs://news-in/feeds/2024-05-02/a b+c.json"


def test_gcs_events_other_than_finalize_are_ignored():
    data = json.dumps(GCS_OBJECT).encode()
    for event in ("OBJECT_DELETE", "OBJECT_ARCHIVE", "OBJECT_METADATA_UPDATE"):
        assert object_url_from_notification(data, {**GCS_ATTRIBUTES, "eventType": event}) is None


def test_s3_created_event_gives_the_decoded_key():
    event = _s3_event("ObjectCreated:Put", "feeds/2024-05-02/a+b%2Bc%3A1.json")
    assert object_url_from_notification(json.dumps(event).encode(), {}) == \
        "s3://news-in/feeds/2024-05-02/a b+c:1.json"
    multipart = _s3_event("ObjectCreated:CompleteMultipartUpload", "big%20file.jsonl")
    assert object_url_from_notification(json.dumps(multipart), None) == "s3://news-in/big file.jsonl"


def test_s3_removals_test_events_and_junk_are_ignored():
    removed = _s3_event("ObjectRemoved:Delete", "feeds/a.json")
    test_event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2024-05-02T12:00:00.000Z",
                  "Bucket": "news-in", "RequestId": "5582815E1AEA5ADF", "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
    for message in (removed, test_event, {"Records": "not a list"}, []):
        assert object_urls_from_notification(json.dumps(message).encode(), {}) == []
    assert object_urls_from_notification(b"\xff\xfe not json", {}) == []
    assert object_urls_from_notification(None, None) == []


def test_s3_event_through_sns_and_eventbridge():
    inner = _s3_event("ObjectCreated:Post", "in/x%20y.txt")
    sns = {"Type": "Notification", "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
           "TopicArn": "arn:aws:sns:eu-west-1:123456789012:news", "Message": json.dumps(inner)}
    assert object_urls_from_notification(json.dumps(sns).encode(), {}) == ["s3://news-in/in/x y.txt"]
    bridge = {"version": "0", "detail-type": "Object Created", "source": "aws.s3",
              "detail": {"bucket": {"name": "news-in"}, "object": {"key": "in/x y.txt", "size": 12}}}
    assert object_urls_from_notification(json.dumps(bridge).encode(), {}) == ["s3://news-in/in/x y.txt"]


def test_only_objects_of_the_input_are_inputs():
    assert matches_input("gs://b/in/2024/a.json", "gs://b/in")
    assert matches_input("gs://b/in/a.json", "gs://b/in/*.json")
    assert not matches_input("gs://b/in/a.txt", "gs://b/in/*.json")
    assert not matches_input("gs://b/out/articles/part-1.parquet", "gs://b/in")  # our own output
    assert not matches_input("gs://b/inbox/a.json", "gs://b/in")
    assert not matches_input("gs://b/in/.a.json.tmp", "gs://b/in")  # an upload in progress
    assert not matches_input("gs://b/in/_drafts/a.json", "gs://b/in/")


def test_notification_pipeline_graph_builds():
    argv = ["--input", "gs://news-in/feeds", "--output", "gs://news-out/dateline",
            "--notifications", "projects/my-project/subscriptions/dateline-new-articles",
            "--notification-window", "30"]
    pipeline_options = PipelineOptions(argv)
    pipeline_options.view_as(StandardOptions).streaming = True
    p = beam.Pipeline(options=pipeline_options)
    rows = build_pipeline(p, pipeline_options.view_as(DatelineOptions), [])
    assert set(rows) == {"articles", "actors", "mentions", "statements", "errors"}
    proto = p.to_runner_api()
    labels = {t.unique_name for t in proto.components.transforms.values()}
    assert "NotifiedInputs/ReadNotifications" in labels and "NotifiedInputs/Window" in labels
    assert "ListInputs" not in labels
    assert any(label.startswith("WriteStatements/") for label in labels)
    windowing = {w.window_fn.urn for w in proto.components.windowing_strategies.values()}
    assert "beam:window_fn:fixed_windows:v1" in windowing
