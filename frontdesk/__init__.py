"""frontdesk: the front-desk software of a low-threshold day centre.

Nothing is imported here eagerly, so ``frontdesk --help`` and ``frontdesk
export`` never pay for the desk app (Textual).
"""

__version__ = "0.1.0"
