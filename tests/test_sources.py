"""Listing and reading inputs: folders, globs, fsspec URLs, compression caps, retries on flaky storage."""
from __future__ import annotations

import bz2
import gzip
import os
import pickle
import uuid

import fsspec
import pytest
from fsspec.implementations.memory import MemoryFileSystem

from dateline.sources import InputError, list_inputs, read_source


class FlakyFileSystem(MemoryFileSystem):
    """A memory filesystem whose opens fail with a transient error until `failures_left` runs out."""

    protocol = "flaky"
    store: dict = {}
    pseudo_dirs = [""]
    failures_left = 0
    opens = 0
    error: type[OSError] = ConnectionError

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(path.removeprefix("flaky://"))

    def _open(self, path, mode="rb", **kwargs):
        if "r" in mode:
            type(self).opens += 1
            if type(self).failures_left > 0:
                type(self).failures_left -= 1
                raise type(self).error(f"simulated transient failure opening {path}")
        return super()._open(path, mode, **kwargs)


fsspec.register_implementation("flaky", FlakyFileSystem, clobber=True)


@pytest.fixture
def flaky():
    """A fresh flaky filesystem holding one file, /doc.txt."""
    FlakyFileSystem.store.clear()
    FlakyFileSystem.pseudo_dirs[:] = [""]
    FlakyFileSystem.failures_left, FlakyFileSystem.opens, FlakyFileSystem.error = 0, 0, ConnectionError
    fs = fsspec.filesystem("flaky")
    fs.pipe("/doc.txt", b"The minister said the talks would resume.")
    return fs


@pytest.fixture
def tree(tmp_path):
    """A folder with nested, hidden and underscore files."""
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "b.json").write_text("{}")
    (tmp_path / "sub" / "deeper" / "c.jsonl").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text("no")
    (tmp_path / "_SUCCESS").write_text("")
    (tmp_path / "sub" / ".DS_Store").write_text("no")
    return tmp_path


# ---------------------------------------------------------------- list_inputs


def test_folder_is_listed_recursively_without_hidden_files(tree):
    found = list_inputs(str(tree))
    assert found == sorted([str(tree / "a.txt"), str(tree / "sub" / "b.json"),
                            str(tree / "sub" / "deeper" / "c.jsonl")])


def test_relative_plain_path_becomes_absolute(tree, monkeypatch):
    monkeypatch.chdir(tree)
    assert list_inputs("sub") == [str(tree / "sub" / "b.json"), str(tree / "sub" / "deeper" / "c.jsonl")]
    assert all(os.path.isabs(p) for p in list_inputs("."))


def test_glob_matches_files_and_expands_matched_folders(tree):
    assert list_inputs(str(tree / "*.txt")) == [str(tree / "a.txt")]
    assert list_inputs(str(tree / "**" / "*.json*")) == [str(tree / "sub" / "b.json"),
                                                         str(tree / "sub" / "deeper" / "c.jsonl")]
    assert list_inputs(str(tree / "su*")) == [str(tree / "sub" / "b.json"), str(tree / "sub" / "deeper" / "c.jsonl")]


def test_single_file_even_hidden_when_named(tree):
    assert list_inputs(str(tree / "a.txt")) == [str(tree / "a.txt")]
    assert list_inputs(str(tree / ".hidden" / "skip.txt")) == [str(tree / ".hidden" / "skip.txt")]


def test_file_url_stays_a_url(tree):
    found = list_inputs(f"file://{tree}/sub")
    assert found == [f"file://{tree}/sub/b.json", f"file://{tree}/sub/deeper/c.jsonl"]
    assert read_source(found[0]) == b"{}"


def test_memory_urls_are_listed_and_read():
    root = f"memory://dateline-test-{uuid.uuid4().hex}"
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{root}/in/x.txt", b"one")
    fs.pipe(f"{root}/in/nested/y.json", b"{}")
    fs.pipe(f"{root}/in/_tmp/z.txt", b"no")
    found = list_inputs(f"{root}/in")
    canonical = root.replace("memory://", "memory:///")  # fully qualified: the path is absolute
    assert found == [f"{canonical}/in/nested/y.json", f"{canonical}/in/x.txt"]
    assert list_inputs(f"{root}/in/*.txt") == [f"{canonical}/in/x.txt"]
    assert [read_source(uri) for uri in found] == [b"{}", b"one"]


def test_nothing_matching_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        list_inputs(str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="no input files match"):
        list_inputs(str(tmp_path / "*.txt"))
    (tmp_path / ".only_hidden").write_text("x")
    with pytest.raises(FileNotFoundError, match="hidden"):
        list_inputs(str(tmp_path))
    with pytest.raises(ValueError):
        list_inputs("  ")


# ---------------------------------------------------------------- read_source


TEXT = b"date 2024-01-02 GENEVA: The envoy said the talks would resume on Monday.\n" * 20


@pytest.mark.parametrize("suffix,compress", [(".txt.gz", gzip.compress), (".txt.bz2", bz2.compress),
                                             (".txt", lambda data: data)])
def test_compressed_files_are_decompressed(tmp_path, suffix, compress):
    path = tmp_path / f"article{suffix}"
    path.write_bytes(compress(TEXT))
    assert read_source(str(path)) == TEXT


def test_gzip_without_extension_is_sniffed(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(gzip.compress(TEXT))
    assert read_source(str(path)) == TEXT


def test_truncated_gzip_is_a_decompress_error(tmp_path):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(TEXT)[:-30])
    with pytest.raises(InputError) as raised:
        read_source(str(path))
    assert raised.value.code == "decompress"
    assert "truncated" in str(raised.value)


def test_not_gzip_data_with_gz_extension(tmp_path):
    path = tmp_path / "fake.json.gz"
    path.write_bytes(b'{"text": "plain, not compressed"}')
    with pytest.raises(InputError) as raised:
        read_source(str(path))
    assert raised.value.code == "decompress"


@pytest.mark.parametrize("compress,suffix", [(gzip.compress, ".gz"), (bz2.compress, ".bz2")])
def test_decompression_bomb_is_capped(tmp_path, compress, suffix):
    path = tmp_path / f"bomb.txt{suffix}"
    path.write_bytes(compress(b"\0" * (20 * 1024 * 1024)))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError) as raised:
        read_source(str(path), max_bytes=1024 * 1024)
    assert raised.value.code == "too_large"
    assert read_source(str(path), max_bytes=21 * 1024 * 1024) == b"\0" * (20 * 1024 * 1024)


def test_plain_file_over_the_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(InputError) as raised:
        read_source(str(path), max_bytes=4999)
    assert raised.value.code == "too_large"
    assert read_source(str(path), max_bytes=5000) == b"word " * 1000


def test_missing_file_and_folder_are_permanent(tmp_path):
    with pytest.raises(InputError) as raised:
        read_source(str(tmp_path / "gone.txt"), retries=5, backoff_s=10)
    assert raised.value.code == "not_found"
    with pytest.raises(InputError):
        read_source(str(tmp_path), retries=5, backoff_s=10)


def test_input_error_survives_pickling():
    error = pickle.loads(pickle.dumps(InputError("too_large", "over the cap")))
    assert (error.code, str(error)) == ("too_large", "over the cap")


# ---------------------------------------------------------------- flaky storage


def test_transient_failures_are_retried(flaky):
    FlakyFileSystem.failures_left = 2
    assert read_source("flaky:///doc.txt", retries=3, backoff_s=0.001) == b"The minister said the talks would resume."
    assert FlakyFileSystem.opens == 3


def test_transient_failures_with_a_prebuilt_filesystem(flaky):
    FlakyFileSystem.failures_left, FlakyFileSystem.error = 3, TimeoutError
    assert read_source("flaky:///doc.txt", fs=flaky, retries=3, backoff_s=0.001).startswith(b"The minister")
    assert FlakyFileSystem.opens == 4


def test_retries_exhausted_become_input_error(flaky):
    FlakyFileSystem.failures_left = 10
    with pytest.raises(InputError) as raised:
        read_source("flaky:///doc.txt", fs=flaky, retries=2, backoff_s=0.001)
    assert raised.value.code == "read_failed"
    assert "3 attempts" in str(raised.value)
    assert FlakyFileSystem.opens == 3


def test_missing_file_is_not_retried(flaky):
    with pytest.raises(InputError) as raised:
        read_source("flaky:///nope.txt", fs=flaky, retries=3, backoff_s=10)
    assert raised.value.code == "not_found"
    assert FlakyFileSystem.opens == 1


def test_flaky_listing_and_reading_end_to_end(flaky):
    flaky.pipe("/in/a.txt.gz", gzip.compress(b"alpha"))
    flaky.pipe("/in/b.txt", b"beta")
    FlakyFileSystem.failures_left = 1
    found = list_inputs("flaky:///in")
    assert found == ["flaky:///in/a.txt.gz", "flaky:///in/b.txt"]
    assert [read_source(uri, backoff_s=0.001) for uri in found] == [b"alpha", b"beta"]
