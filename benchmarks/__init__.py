"""Reproducible speed and scale measurements of frontdesk (``make bench``)."""
