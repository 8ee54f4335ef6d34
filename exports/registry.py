"""The export formats: each format module registers one :class:`Exporter`, looked up here by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator.core.activity import LANGS
from facilitator.core.record import SessionRecord

#: What an exporter does: a session's record and a language ("th" or "en") in, the file's bytes out.
Writer = Callable[[SessionRecord, str], bytes]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its name, the file suffix and media type it produces, and its writer."""

    name: str
    suffix: str
    media_type: str
    binary: bool
    write: Writer


class UnknownFormat(LookupError):
    """No exporter is registered under the requested name; the message lists the known names."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown export format {name!r}; known formats: {', '.join(known) or '(none)'}")
        self.name = name
        self.known = known


_EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Make ``exporter`` available under its name and return it.

    Registering the very same exporter again is harmless; a different exporter under a taken name is a
    programming error and raises :class:`ValueError`.
    """
    taken = _EXPORTERS.get(exporter.name)
    if taken is not None and taken != exporter:
        raise ValueError(f"export format {exporter.name!r} is already registered")
    _EXPORTERS[exporter.name] = exporter
    return exporter


def get(name: str) -> Exporter:
    """The exporter registered as ``name``, or :class:`UnknownFormat`."""
    try:
        return _EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(name, names()) from None


def names() -> list[str]:
    """The registered format names, sorted."""
    return sorted(_EXPORTERS)


def suffix(fmt: str) -> str:
    """The file suffix (with its dot) of format ``fmt``, or :class:`UnknownFormat`."""
    return get(fmt).suffix


def export(record: SessionRecord, fmt: str, lang: str = "th") -> bytes:
    """``record`` written in format ``fmt``, in language ``lang`` ("th" or "en")."""
    exporter = get(fmt)
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    return exporter.write(record, lang)
