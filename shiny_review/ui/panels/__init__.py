"""The window's panels: plain widgets with models.

A panel is built without arguments (or with the actions its buttons trigger) and then
``bind(state)``: it connects the ``WindowState`` signals it cares about to its own slots and
refreshes itself from them (``changed(Changed)`` after each operation, ``documentChanged``,
``recommendationsChanged``, ``annotationSelected``...). What a person asks of a panel that
is not the panel's own business it emits as a signal (``documentChosen``, ``passageChosen``),
which the main window connects to a controller in ``MainWindow._wire``.
"""
