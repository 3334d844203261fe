"""comparator: line up Korean, Japanese and English news coverage of one event and show what differs.

Importing this package does no I/O and loads no model; the heavy parts are imported lazily
by the functions that need them.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
