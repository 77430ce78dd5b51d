"""The Textual interview: screens and widgets on top of the core."""
