"""Writing a session's record as files: a registry of formats, filled by importing this package.

``import exports`` registers every format module listed below; :func:`export` writes a record in one of
them, :func:`suffix` names its files, :func:`names` lists them.
"""

from exports import csv_export, handout, html_report, json_export, markdown, pdf_report, poster, xlsx
from exports.registry import Exporter, MissingUrl, UnknownFormat, export, get, names, register, suffix

__all__ = [
    "Exporter", "MissingUrl", "UnknownFormat", "csv_export", "export", "get", "handout", "html_report",
    "json_export", "markdown", "names", "pdf_report", "poster", "register", "suffix", "xlsx",
]
