"""`python -m offer_eval` is the `offer-eval` command."""

import sys

from offer_eval.cli import main

sys.exit(main())
