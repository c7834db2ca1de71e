"""Item models over plain domain rows, one module per panel."""
