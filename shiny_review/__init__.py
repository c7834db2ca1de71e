"""Shiny Review: review Ofsted inspection letters and build the evidence that answers them."""

__version__ = "0.1.0"
