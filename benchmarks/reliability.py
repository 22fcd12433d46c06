"""Accounting at scale: `dateline run` on a generated corpus of mixed good and bad files.

    python benchmarks/reliability.py --n 1000 [--workdir DIR] [--keep]

Writes the corpus (tests/corpus.py: the same n always gives the same bytes), runs the real CLI on it
and checks `count(articles) + count(distinct errored inputs) == count(inputs)` (a JSON Lines line is
one input) and that every input got the outcome the generator expects. Exit status 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from corpus import ARTICLE, MAX_BYTES, MAX_CHARS, write_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="Number of input files.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", default=None, help="Where to write the corpus and output.")
    parser.add_argument("--keep", action="store_true", help="Keep the corpus and output.")
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="dateline-reliability-"))
    corpus, output = work / "corpus", work / "out"
    shutil.rmtree(corpus, ignore_errors=True), shutil.rmtree(output, ignore_errors=True)
    expected = write_corpus(corpus, args.n, args.seed)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--input", str(corpus),
                           "--output", str(output), "--max-bytes", str(MAX_BYTES), "--max-chars",
                           str(MAX_CHARS)], cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return 1
    import duckdb

    con = duckdb.connect()
    articles = {uri for (uri,) in con.execute(
        f"SELECT source_uri FROM read_parquet('{output}/articles/**/*.parquet')").fetchall()}
    errors = dict(con.execute(f"SELECT source_uri, any_value(stage || ':' || error_type) "
                              f"FROM read_parquet('{output}/errors/**/*.parquet') GROUP BY ALL").fetchall())
    wrong = [e for e in expected if (e.uri not in articles) if e.outcome == ARTICLE] + [
        e for e in expected if e.outcome != ARTICLE and errors.get(e.uri) != f"{e.stage}:{e.error_type}"]
    summary = [line for line in done.stdout.splitlines() if line.startswith(("This run", "Accounting"))]
    print("\n".join(summary))
    print(f"{args.n} files, {len(expected)} inputs: {len(articles)} articles + {len(errors)} errored inputs "
          f"= {len(articles) + len(errors)}; {len(wrong)} unexpected outcomes; {seconds:.0f} s")
    print("cases: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e.kind for e in expected).items())))
    for e in wrong[:10]:
        print(f"  unexpected: {e.kind} {e.uri} -> {errors.get(e.uri, 'article' if e.uri in articles else 'missing')}")
    if not args.keep and not args.workdir:
        shutil.rmtree(work)
    ok = not wrong and len(articles) + len(errors) == len(expected) and not articles & set(errors)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
