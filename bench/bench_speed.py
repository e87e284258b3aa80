"""Speed as a user meets it (issue 19): every figure is a fresh process, the English tables' disk cache built.

- the thesis through the CLI with all outputs (text, log, report, diff, unknown words, profile):
  median of ``--runs`` cold processes, with each stage's seconds from the CLI's own stage table;
- a naive symspellpy pass over the same file, run in turn with the CLI (A B A B ...), so the
  ratio holds when the machine's speed drifts: words broken at line ends joined, then each
  word symspell's dictionary lacks replaced by its top suggestion (memoised per word);
- peak memory: the largest resident size of the CLI process;
- start-up: loading the English index, pairs and frequencies and the OCR prior;
- record mode: the mca-dev typescripts (``../shared/external/mca-dev/*.ocr.txt``) through
  ``--mode lines`` with one worker, in KB/s, beside page mode's rate on the thesis;
- scaling: the thesis concatenated 2 and 4 times (a page break between copies), against
  2 and 4 times the thesis's time.

The machine's other load shows in every wall time: the load average is printed, and the
medians and the paired ratio are the figures to quote.

    python bench/bench_speed.py [--quick] [--runs 5] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THESIS = ROOT / "raw" / "thesis.txt"
MCA = ROOT.parent / "shared" / "external" / "mca-dev"
STAGE_ROW = re.compile(r"^\W*([a-z_]+)\s*\W\s*(\d+)\s*\W\s*(\d+\.\d+)\s*\W*$")
STARTUP = """
import time
start = time.perf_counter()
from pipeline.correction.candidates import WordIndex
from pipeline.correction.profile import ScanProfile
from pipeline.correction.vocabulary import English
from pipeline.lexicon import english_frequencies
WordIndex.english(); English.load(); english_frequencies(); ScanProfile.prior()
print(time.perf_counter() - start)
"""


def run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB (the kernel's accounting of this one process) and output of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "COLUMNS": "200"})
    out = proc.stdout.read().decode("utf-8", "replace")
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(args)}\n{out[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out


def ocrclean(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args, "--force"]


def naive(source: Path, target: Path) -> None:
    """The naive pass: dehyphenate, then each word symspell's dictionary lacks -> its top suggestion."""
    import importlib.resources

    from symspellpy import SymSpell, Verbosity

    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    speller.load_dictionary(str(importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
    text = re.sub(r"(\w)-[ \t]*\n(\w)", r"\1\2", source.read_text(encoding="utf-8"))
    memo: dict[str, str] = {}

    def fix(m: re.Match) -> str:
        word = m.group()
        if word not in memo:
            low = word.lower()
            found = low in speller.words or speller.lookup(low, Verbosity.TOP, 2)
            memo[word] = word if found is True or not found else found[0].term
        return memo[word]

    target.write_text(re.sub(r"[^\W\d_]+", fix, text), encoding="utf-8")


def stage_seconds(out: str) -> dict[str, float]:
    """The CLI's 'edits per stage' table: stage -> seconds."""
    found = {}
    for line in out.splitlines():
        m = STAGE_ROW.match(line)
        if m:
            found[m[1]] = float(m[3])
    return found


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    if len(values) == 1:
        return f"{values[0]:.{digits}f} {unit}"
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs of the thesis and of the naive pass (default 5)")
    parser.add_argument("--quick", action="store_true",
                        help="one run of each, ten record files, scaling to x2 only: a smoke test, not figures")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--mca", type=Path, default=MCA, help=f"the typescripts for record mode (default {MCA})")
    parser.add_argument("--naive", nargs=2, type=Path, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive:
        return naive(*args.naive)
    runs = 1 if args.quick else args.runs
    record_files = sorted(args.mca.glob("*.ocr.txt"))[:10 if args.quick else None]
    if not record_files:
        sys.exit(f"no *.ocr.txt in {args.mca} (--mca)")
    scales = (2,) if args.quick else (2, 4)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}; "
          f"{runs} run(s) each{' (--quick)' if args.quick else ''}", flush=True)
    figures: dict = {"runs": runs, "quick": args.quick}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run(ocrclean(str(THESIS), "--out", str(tmp / "warm"), "-q"))  # builds the disk cache if missing
        thesis, peaks, naive_times, ratios, stages = [], [], [], [], []
        for i in range(runs):
            seconds, peak, out = run(ocrclean(str(THESIS), "--out", str(tmp / "thesis")))
            plain, _, _ = run([sys.executable, __file__, "--naive", str(THESIS), str(tmp / "naive.txt")])
            thesis.append(seconds), peaks.append(peak), naive_times.append(plain), ratios.append(seconds / plain)
            stages.append(stage_seconds(out))
            print(f"  thesis run {i + 1}: {seconds:.2f} s, peak {peak:.0f} MB; naive {plain:.2f} s", flush=True)
        startup = [float(run([sys.executable, "-c", STARTUP])[2]) for _ in range(runs)]
        per_stage = {name: statistics.median(s.get(name, 0.0) for s in stages) for name in stages[0]}
        kb = THESIS.stat().st_size / 1000
        figures.update(thesis_seconds=thesis, naive_seconds=naive_times, ratio=ratios, peak_mb=peaks,
                       startup_seconds=startup, stage_seconds=per_stage,
                       page_kb_per_s=kb / statistics.median(thesis))

        size = sum(p.stat().st_size for p in record_files) / 1000
        seconds, record_peak, _ = run(ocrclean(*map(str, record_files), "--mode", "lines", "--workers", "1",
                                                         "--out", str(tmp / "records"), "-q"))
        figures.update(record_files=len(record_files), record_kb=size, record_seconds=seconds,
                       record_kb_per_s=size / seconds, record_peak_mb=record_peak)
        print(f"  record mode: {seconds:.2f} s", flush=True)

        text = THESIS.read_text(encoding="utf-8")
        scaling = {1: statistics.median(thesis)}
        for n in scales:
            big = tmp / f"x{n}" / f"thesis-x{n}.txt"
            big.parent.mkdir()
            big.write_text("\n\n\n\n".join([text.rstrip("\n")] * n) + "\n", encoding="utf-8")
            scaling[n] = run(ocrclean(str(big), "--out", str(tmp / f"x{n}-out"), "-q"))[0]
            print(f"  thesis x{n}: {scaling[n]:.2f} s", flush=True)
        figures["scaling_seconds"] = scaling

    rows = [
        (f"thesis through the CLI, all outputs (median of {runs}, min-max)", spread(thesis)),
        ("naive symspellpy pass, same file, same run", spread(naive_times)),
        ("ratio thesis / naive (pair by pair)", spread(ratios, "x")),
        ("peak memory (RSS), thesis", spread(peaks, "MB", 0)),
        ("start-up: English index, pairs, frequencies, OCR prior", spread(startup)),
        ("stages (median s)", ", ".join(f"{k} {v:.2f}" for k, v in per_stage.items())),
        (f"record mode: {len(record_files)} mca-dev typescripts ({size:.0f} KB, --mode lines, 1 worker)",
         f"{figures['record_seconds']:.2f} s, {figures['record_kb_per_s']:.1f} KB/s, peak {record_peak:.0f} MB"),
        ("page mode: thesis rate (for comparison)", f"{figures['page_kb_per_s']:.1f} KB/s"),
        ("thesis " + " / ".join(f"x{n}" for n in scaling),
         " / ".join(f"{s:.2f} s" for s in scaling.values()) + " (per copy: " +
         " / ".join(f"{s / n / scaling[1]:.2f}" for n, s in scaling.items()) + " of x1)"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n| {'measure'.ljust(width)} | value |\n|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
