"""`dateline stance --pairs`: given pairs in, stance out, bad lines reported."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_stance_pairs_classifies_each_line_and_reports_bad_ones(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join([
        json.dumps({"text": "Norway condemned Iceland for breaking the fishing quota deal.",
                    "source": "Norway", "target": "Iceland"}),
        json.dumps({"text": "Iceland was praised by Norway for its quick help after the storm.",
                    "source": "Norway", "target": "Iceland"}),
        "{broken",
    ]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "stance", "--pairs", str(pairs),
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "line 3" in done.stderr
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("stance") for r in results] == ["oppose", "support", None]
    assert results[0]["stance_score"] < 0 < results[1]["stance_score"]
    assert all(r["stance_cue"] for r in results[:2]) and results[2]["line"] == 3
