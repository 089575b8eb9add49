"""Text modules for frontdesk.i18n: each defines TEXTS = {key: (bokmål, English)}."""
