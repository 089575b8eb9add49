"""The desk app (Textual). Imported only when the desk opens, never by the command line."""
