"""The desktop window (PySide6 only here). Widgets call services and get plain rows."""
