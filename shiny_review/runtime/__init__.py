"""Process plumbing: logging, the network guard, resource files, atomic file writes.

Standard library only (an import-linter contract holds it), at the bottom of the layers beside
``domain``: every other layer may use it, it uses none of them.
"""
