"""``python benchmarks/run.py``: the same as ``python -m benchmarks`` (see README.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shanghai_plan_bench.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
