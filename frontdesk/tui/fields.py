"""What the initials and PIN fields let through (the rules themselves: services/staff.py).

A module of its own, so the sign-on screen (the first frame) imports no more than this.
"""

INITIALS_CHARS = r"[A-Za-zÆØÅæøå]*"
PIN_CHARS = r"[0-9]*"
