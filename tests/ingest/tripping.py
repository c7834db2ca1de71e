"""Letters built to trip each self-check of the import (and one that trips none)."""

from __future__ import annotations

HEAD = """# Inspection of Testshire local authority children's services

Inspection dates: 4 to 15 March 2024

Lead inspector: Ann Example, His Majesty's Inspector

Children's services in Testshire are good.

The experiences and progress of children in care are good.

"""
LONG = " ".join(["The quality and timeliness of plans for children in care"] * 14) + "."


def letter(before: str = "", heading: str = "# What needs to improve?", items: str = "") -> str:
    return f"{HEAD}{before}\n\n{heading}\n\n{items}\n\n# The experiences of children\n\nText.\n"


CLEAN = letter(items="1. The quality of plans.\n\n2. The timeliness of visits.")

# (name, letter, words the reason must contain)
TRIPS: tuple[tuple[str, str, str], ...] = (
    ("jump", letter(items="1. The quality of plans.\n\n3. The timeliness of visits."), "jumps"),
    (
        "repeat",
        letter(items="1. The quality of plans.\n\n2. Visits.\n\n2. The timeliness of visits."),
        "printed twice",
    ),
    ("long", letter(items=f"1. {LONG}\n\n2. The timeliness of visits."), "words long"),
    (
        "heading inside",
        letter(items="1. The quality of plans. Summary of findings for children.\n\n2. Visits."),
        "contains a heading",
    ),
    (
        "empty heading",
        letter(heading="# Recommendations", items="# What happens next"),
        "no items under it",
    ),
    (
        "stated count",
        letter(
            before="This report makes three recommendations.",
            items="1. The quality of plans.\n\n2. The timeliness of visits.",
        ),
        "states 3 items",
    ),
    ("no recommendations", letter(heading="# Other matters", items="Text."), "No recommendations"),
    (
        "no judgements",
        CLEAN.replace("Children's services in Testshire are good.", "").replace(
            "The experiences and progress of children in care are good.", ""
        ),
        "No judgements",
    ),
)
