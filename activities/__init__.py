"""Built-in activities (BAR, AAR, …) as TOML files, and the loader that reads them.

>>> from activities import load
>>> load("bar").name("en")
'Before Action Review (BAR)'
"""

from activities.loader import ActivityError, UnknownActivity, available, builtin_dir, load, load_file

__all__ = ["ActivityError", "UnknownActivity", "available", "builtin_dir", "load", "load_file"]
