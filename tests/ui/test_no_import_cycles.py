"""No import cycle inside shiny_review.ui: controllers and panels never import the window."""

from __future__ import annotations

import grimp
import pytest

UI = "shiny_review.ui"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("shiny_review", include_external_packages=False)


def test_no_module_imports_itself_back(graph) -> None:
    cycles = []
    for module in sorted(m for m in graph.modules if m.startswith(UI)):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported == module or not imported.startswith(UI):
                continue
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(" -> ".join((module, *back)))
    assert cycles == []


def test_no_cycle_between_the_packages_of_ui(graph) -> None:
    packages = [UI, *(m for m in graph.find_descendants(UI) if graph.find_children(m))]
    assert {p: graph.nominate_cycle_breakers(p) for p in packages} == {p: set() for p in packages}
