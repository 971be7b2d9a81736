"""``python -m benchmarks``: run the benchmark (options: ``--help``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shanghai_plan_bench.cli import main

raise SystemExit(main())
