"""The window's panels: plain widgets with models; the main window wires their signals."""
