"""The evidence log and history writers (CSV, XLSX, JSON) and the one entry point, ``exporting``."""
