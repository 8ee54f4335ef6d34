"""Writing a session's record as files: a registry of formats, filled by importing this package.

``import exports`` registers every format module listed below; :func:`export` writes a record in one of
them, :func:`suffix` names its files, :func:`names` lists them.
"""

from exports import json_export, markdown
from exports.registry import Exporter, UnknownFormat, export, get, names, register, suffix

__all__ = ["Exporter", "UnknownFormat", "export", "get", "json_export", "markdown", "names", "register", "suffix"]
