"""The benchmark of shanghai_plan (``python -m benchmarks``); see benchmarks/README.md."""
