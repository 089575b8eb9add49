"""Screens of the desk app: sign-on/lock, no database, and modals."""
