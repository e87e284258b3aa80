"""Dev-set figures, time and peak memory of cleaning the whole thesis (index cached).

    PYTHONPATH=. python bench/bench_words.py
"""
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import Config
from pipeline.core import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    raw = (ROOT / "raw/thesis.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    result = Cleaner(Config.discover(ROOT)).clean(raw, "thesis")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"thesis: {seconds:.2f} s, peak {peak:.0f} MB, stages " +
          ", ".join(f"{k} {v:.2f}" for k, v in result.seconds.items()))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "thesis.txt"
        out.write_text(result.text, encoding="utf-8")
        subprocess.run([sys.executable, str(SHARED / "eval/score_pages.py"), "--raw", str(ROOT / "raw/thesis.txt"),
                        "--clean", str(out), "--gold", str(SHARED / "gold-dev")], check=True)


if __name__ == "__main__":
    main()
