"""Entry point of the frozen bundle: the same `offer-eval` command as the installed package."""

import multiprocessing
import sys

from offer_eval.cli import main

if __name__ == "__main__":
    # The window parses large files in a spawned worker process; in the bundle that process is
    # this executable again, and this call turns it into the worker instead of a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
