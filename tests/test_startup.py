"""Start-up: no automatic collection during imports and the model load; Beam's cloud connectors
are skipped on local runs and kept for cloud runners; local runs go to the FnApiRunner, not Prism."""
import gc
import subprocess
import sys
from pathlib import Path

from dateline.startup import gc_paused, runner_of

ROOT = Path(__file__).resolve().parents[1]


def test_gc_paused_stops_collection_even_if_a_library_reenables_it():
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    collections = gc.get_stats()[0]["collections"]
    with gc_paused():
        gc.enable()  # what msgpack does after unpacking
        kept = [[i] for i in range(50_000)]  # far more allocations than a generation-0 threshold
        assert gc.get_stats()[0]["collections"] == collections
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() >= frozen + len(kept)
    gc.unfreeze()


def _in_fresh_python(code: str) -> str:
    """Run code in a new interpreter (Beam not yet imported) and return what it prints."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


PROBE = """
import sys
from dateline.startup import skip_cloud_connectors
skipped = skip_cloud_connectors({argv!r})
import apache_beam as beam
from apache_beam.testing.util import assert_that, equal_to
with beam.Pipeline() as p:  # a local pipeline still runs
    assert_that(p | beam.Create([1, 2]) | beam.Map(lambda x: x * 10), equal_to([10, 20]))
print(skipped, "google.cloud.storage" in sys.modules, "apache_beam.io.gcp.gcsfilesystem" in sys.modules
      and sys.modules["apache_beam.io.gcp.gcsfilesystem"] is not None)
"""


def test_local_runner_is_the_direct_runners_offline_choice_and_only_for_it():
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.direct.direct_runner import BundleBasedDirectRunner
    from apache_beam.runners.portability.fn_api_runner.fn_runner import FnApiRunner

    from pipeline.run import local_runner

    for argv in ([], ["--runner", "DirectRunner"], ["--runner=direct"]):
        assert isinstance(local_runner(PipelineOptions(argv)), FnApiRunner), argv
    for argv in (["--runner", "DataflowRunner"], ["--runner", "BundleBasedDirectRunner"]):
        assert local_runner(PipelineOptions(argv)) is None, argv
    assert isinstance(local_runner(PipelineOptions(["--streaming"])), BundleBasedDirectRunner)


def test_local_run_neither_tries_prism_nor_imports_pubsub(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(
        "Leaders meet\n\nThe minister said the talks were useful and would continue next week.\n")
    code = f"""
import sys
from pipeline.cli import main
main(["run", "--input", {str(tmp_path / "in")!r}, "--output", {str(tmp_path / "out")!r}, "--quiet"])
print("apache_beam.runners.portability.prism_runner" in sys.modules,
      "apache_beam.io.gcp.pubsub" in sys.modules)
"""
    assert _in_fresh_python(code) == "False False"
    assert list((tmp_path / "out" / "articles").rglob("*.parquet"))


def test_runner_of_reads_both_flag_forms():
    assert runner_of(["--input", "x", "--runner", "DataflowRunner"]) == "DataflowRunner"
    assert runner_of(["--runner=DirectRunner", "--output", "y"]) == "DirectRunner"
    assert runner_of(["--input", "x"]) is None


def test_local_run_skips_beam_cloud_connectors():
    assert _in_fresh_python(PROBE.format(argv=["--input", "x"])) == "True False False"
    assert _in_fresh_python(PROBE.format(argv=["--runner", "DirectRunner"])) == "True False False"


def test_cloud_runner_keeps_beam_cloud_connectors():
    assert _in_fresh_python(PROBE.format(argv=["--runner", "DataflowRunner"])) == "False True True"
