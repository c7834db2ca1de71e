"""Benchmarks of Shiny Review against hardware floors: ``python -m benchmarks`` (see run.py)."""
