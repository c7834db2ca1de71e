"""Composition root: read argv, then run the command line or open the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from shiny_review.command_names import COMMANDS


def _first_word(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--workspace", "--author"):
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def _install_safety_nets() -> None:
    """Log file, no network, and uncaught errors logged (the window adds its dialog later)."""
    import logging

    from shiny_review.runtime.logging_setup import install_excepthooks, setup_logging
    from shiny_review.runtime.network_guard import install_network_guard
    from shiny_review.services.paths import log_dir

    try:
        setup_logging(log_dir())
    except OSError as exc:  # a read-only profile must not stop the app
        logging.getLogger("shiny_review").warning("no log file: %s", exc)
    install_network_guard()
    install_excepthooks(None)


def main(argv: Sequence[str] | None = None) -> int:
    # In a frozen app the import child process re-runs this executable: let it do its work.
    # (Only a frozen app needs it; importing multiprocessing costs ~15 ms of the start.)
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    _install_safety_nets()
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        from shiny_review.services.self_test import main as self_test_main

        return self_test_main()
    if _first_word(args) in COMMANDS or "--version" in args or args[:1] in (["-h"], ["--help"]):
        from shiny_review.cli import main as cli_main

        return cli_main(args)
    # The window's start makes hundreds of thousands of objects (modules, classes, Qt
    # wrappers, rows) and next to no cyclic garbage: the collector's passes over them took
    # 60-90 ms of it. It is on again once the first document is shown (``ui.launch``).
    import gc

    gc.disable()
    from shiny_review.ui.launch import run_window

    return int(run_window(args))


if __name__ == "__main__":
    sys.exit(main())
