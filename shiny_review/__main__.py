"""``python -m shiny_review``: the same as the ``shiny-review`` command."""

import sys

from shiny_review.app import main

sys.exit(main())
