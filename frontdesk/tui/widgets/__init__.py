"""Reusable widgets of the desk app."""
