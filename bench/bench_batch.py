"""Batch speed: one file, a batch with 1 and 2 workers, record-mode throughput.

The batch is the thesis cut into N files of equal page count (page breaks
kept), so every worker has real pages to clean.  Wall-clock times include
starting the worker processes; the machine's other load shows in them too,
so the CPU count and load average are printed alongside.

    python bench/bench_batch.py [--files 8] [--records 3000]
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Config  # noqa: E402
from pipeline.core import Cleaner  # noqa: E402
from pipeline.parallel import Job, clean_batch  # noqa: E402
from pipeline.records import RecordCleaner  # noqa: E402


def split_thesis(folder: Path, files: int) -> list[Path]:
    pages = (ROOT / "raw" / "thesis.txt").read_text(encoding="utf-8").split("\n\n\n\n")
    size = -(-len(pages) // files)
    paths = []
    for i in range(files):
        path = folder / f"part{i:02d}.txt"
        path.write_text("\n\n\n\n".join(pages[i * size:(i + 1) * size]), encoding="utf-8")
        paths.append(path)
    return paths


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: the work, whatever else the machine runs."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    config = Config.discover(ROOT)
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}; "
          f"stages: {', '.join(config.stages)}\n")
    cleaner = Cleaner(config)
    thesis = (ROOT / "raw" / "thesis.txt").read_text(encoding="utf-8")
    cleaner.clean(thesis[:5000])  # load dictionaries and indexes first: they are not cleaning time
    seconds, result = timed(lambda: cleaner.clean(thesis, "thesis"))
    print(f"| single file (thesis, {len(result.document.pages)} pages, {result.document.words} words) "
          f"| {seconds:.2f} s |")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        inputs = split_thesis(tmp / "in", args.files)
        times = {}
        for workers in (1, 2):
            cpu = cpu_seconds()
            times[workers], reports = timed(lambda: clean_batch(inputs, Job(config, tmp / f"out{workers}"), workers))
            assert not any(r.error for r in reports)
            print(f"| batch of {args.files} files, {workers} worker(s) | {times[workers]:.2f} s "
                  f"({args.files / times[workers]:.2f} files/s; {cpu_seconds() - cpu:.1f} CPU-s) |")
        same = all((tmp / "out1" / p.name).read_bytes() == (tmp / "out2" / p.name).read_bytes()
                   for p in (tmp / "out1").iterdir() if p.suffix == ".txt")
        print(f"| speed-up 2 workers / 1 worker | {times[1] / times[2]:.2f}x (texts identical: {same}) |")
    records = [line for line in thesis.split("\n") if line.strip()][:args.records]
    record_cleaner = RecordCleaner(config)
    record_cleaner.clean(records[0])
    seconds, _ = timed(lambda: record_cleaner.clean("\n".join(records)))
    print(f"| record mode, {len(records)} thesis lines as records ({', '.join(s.name for s in record_cleaner.stages)}) "
          f"| {len(records) / seconds:,.0f} records/s |")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
