"""The benchmark of shanghai_plan, one module per measurement.

* :mod:`.cold` — fresh interpreters: imports, the first load and the first answer, the
  floor of unavoidable work, the peers doing the same;
* :mod:`.warm` — loading in a warm process: the bundled path, strict ``loads``, the parts;
* :mod:`.questions` — look-ups and the analyst's questions on the loaded plan;
* :mod:`.scaling` — the plan grown 10× and 100×: time and memory per record;
* :mod:`.peers` — the msgspec and pydantic mirrors of the model (generated from it);
* :mod:`.budgets` — the budgets, their names and limits, checked on one run's numbers;
* :mod:`.cli` — the entry point (``python -m benchmarks``), the report and its JSON.

Importing this package imports nothing: the cold children import :mod:`.peers` from it.
"""
