"""Peak memory on a 50 MB file, and a batch of 1,000 small files, through the real CLI.

    PYTHONPATH=. python bench/bench_memory.py [--mb 50] [--files 1000]

The 50 MB file is the thesis repeated; it is cleaned in pieces of
``batch.CHUNK_CHARS`` characters, so memory holds one piece's document at a
time (plus the raw bytes and text of the file).  Peak = the child's max RSS.

Measured (2 cores, ``/usr/bin/time -v``), after pieces of 1M characters and
clearing the corrector's token cache between pieces:

    10 MB, --workers 1      before: 2 min 19 s, peak 953 MB (pieces of 4M characters,
                            the token cache growing to 20,000 texts); pieces of 1M only: 1 min 30 s, 731 MB
    50 MB, --workers 1      8 min 15 s   peak 523 MB (flat from the first piece on)
    verify 50 MB            7 s          peak 602 MB
    1,000 small files       41 s (24 files/s, 2 workers), peak 220 MB per process
    1,000 again, up to date 1.0 s
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THESIS = (ROOT / "raw" / "thesis.txt").read_bytes()


def run(*args: str) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode:
        print(proc.stderr[-2000:])
    return seconds, peak_mb, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big" / "big.txt"
        big.parent.mkdir()
        big.write_bytes((THESIS * (args.mb * 2**20 // len(THESIS) + 1))[: args.mb * 2**20])
        seconds, peak, code = run("run", str(big), "--out", str(tmp / "big-out"), "-q", "--workers", "1")
        print(f"{args.mb} MB file: {seconds:.0f} s, peak RSS {peak:.0f} MB, exit {code}")
        seconds, _, code = run("verify", str(big), "--out", str(tmp / "big-out"))
        print(f"verify {args.mb} MB: {seconds:.0f} s, exit {code}")
        small = tmp / "small"
        small.mkdir()
        pages = THESIS.split(b"\n\n\n\n")
        for i in range(args.files):
            (small / f"f{i:04d}.txt").write_bytes(pages[i % len(pages)])
        seconds, peak, code = run("run", str(small), "--out", str(tmp / "small-out"), "-q")
        print(f"{args.files} small files: {seconds:.0f} s, exit {code}")
        seconds, _, code = run("run", str(small), "--out", str(tmp / "small-out"), "-q")
        print(f"{args.files} small files again (all up to date): {seconds:.0f} s, exit {code}")


if __name__ == "__main__":
    main()
