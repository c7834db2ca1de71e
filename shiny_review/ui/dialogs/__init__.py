"""Dialogs; each exposes a classmethod entry point so tests never drive a modal."""
