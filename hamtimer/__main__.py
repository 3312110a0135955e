"""`python -m hamtimer` runs the same entry point as the `hamtimer` console script."""

import sys

from hamtimer.cli import main

sys.exit(main())
