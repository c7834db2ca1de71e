"""The frozen app's entry point (PyInstaller runs this as __main__).

``freeze_support()`` comes first, before anything heavy is imported: the import child
process (``multiprocessing`` "spawn") re-runs this executable, and must start quickly.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from shiny_review.app import main

    sys.exit(main())
