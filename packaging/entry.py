"""Entry point of the frozen bundle: the same `offer-eval` command as the installed package."""

import sys

from offer_eval.cli import main

if __name__ == "__main__":
    sys.exit(main())
