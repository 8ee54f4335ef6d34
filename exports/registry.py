"""The export formats: each format module registers one :class:`Exporter`, looked up here by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator.core.activity import LANGS
from facilitator.core.record import SessionRecord

#: What an exporter does: a session's record and a language ("th" or "en") in, the file's bytes out.
Writer = Callable[[SessionRecord, str], bytes]
#: What an exporter that prints the join address does: the record, the language and the address.
UrlWriter = Callable[[SessionRecord, str, str], bytes]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its name, the file suffix and media type it produces, and its writer.

    A format that ``needs_url`` (the join handout) prints the address phones join at, known only while the
    session is served: its writer is a :data:`UrlWriter`.
    """

    name: str
    suffix: str
    media_type: str
    binary: bool
    write: Writer | UrlWriter
    needs_url: bool = False


class MissingUrl(ValueError):
    """The format prints the join address and none was given."""

    def __init__(self, name: str) -> None:
        super().__init__(f"export format {name!r} prints the join address: give it (--url)")
        self.name = name


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


def export(record: SessionRecord, fmt: str, lang: str = "th", *, url: str | None = None) -> bytes:
    """``record`` written in format ``fmt``, in language ``lang`` ("th" or "en"); ``url`` is the join address
    for the formats that print it (:class:`MissingUrl` when they get none; the others ignore it)."""
    exporter = get(fmt)
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    if exporter.needs_url:
        if not url:
            raise MissingUrl(fmt)
        return exporter.write(record, lang, url)  # type: ignore[call-arg]
    return exporter.write(record, lang)  # type: ignore[call-arg]
