"""ReadNotifiedInputs: input URLs from object-created events on Pub/Sub (a streaming source)."""
from __future__ import annotations

from dataclasses import dataclass

import apache_beam as beam
from apache_beam.transforms import window

from dateline.notifications import matches_input, object_urls_from_notification


def _urls_of_message(message, input_pattern: str) -> list[str]:
    """Input URLs named by one Pub/Sub message (a PubsubMessage with data and attributes)."""
    urls = object_urls_from_notification(message.data, dict(message.attributes or {}))
    return [url for url in urls if matches_input(url, input_pattern)]


@dataclass
class ReadNotifiedInputs(beam.PTransform):
    """Pub/Sub subscription (GCS notifications or S3 events forwarded) -> windowed input URLs.

    The URLs are put in fixed windows of `window_s` seconds so that the table writers' grouping
    fires once per window: each window's rows become one atomic Parquet file set.
    """

    subscription: str
    input_pattern: str
    window_s: float = 60.0

    def __post_init__(self):
        super().__init__()

    def expand(self, p):
        from apache_beam.io.gcp.pubsub import ReadFromPubSub

        return (
            p
            | "ReadNotifications" >> ReadFromPubSub(subscription=self.subscription, with_attributes=True)
            | "ObjectUrls" >> beam.FlatMap(_urls_of_message, self.input_pattern)
            | "Window" >> beam.WindowInto(window.FixedWindows(self.window_s))
        )
