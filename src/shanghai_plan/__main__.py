"""``python -m shanghai_plan``: the same as the ``shanghai-plan`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
