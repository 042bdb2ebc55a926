"""The terminal user interface. Only this package imports Textual."""
