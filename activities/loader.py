"""Read activity files (TOML) into :class:`facilitator.core.activity.Activity`.

An activity file is checked strictly: every mistake becomes an :class:`ActivityError` that names the file,
the line and the field, so a facilitator who writes their own activity can fix it without reading code.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from facilitator.core import kinds
from facilitator.core.activity import LANGS, Activity, Bilingual, Option, Step
from facilitator.core.vocab import DEFAULT_DOTS

__all__ = [
    "ActivityError",
    "UnknownActivity",
    "available",
    "builtin_dir",
    "load",
    "load_file",
]

_SLUG = re.compile(r"^[a-z][a-z0-9_-]*$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")

_TOP_KEYS = ("id", "name", "description", "steps")
_STEP_KEYS = ("id", "kind", "prompt", "hint", "options", "budget", "over", "dots", "stack")
_OPTION_KEYS = ("id", "th", "en", "coordination")

#: A path into the parsed document, e.g. ``("steps", 2, "prompt", "en")``.
FieldPath = tuple[str | int, ...]


class ActivityError(ValueError):
    """An activity file that cannot be used, with where the problem is.

    ``str()`` reads like ``bar.toml line 12, steps[2].prompt.en: must be a non-empty string``.
    """

    path: Path
    line: int | None
    field: str | None
    message: str

    def __init__(self, path: Path | str, message: str, *, line: int | None = None, field: str | None = None):
        """Record the file, the problem, and (when known) its line and dotted field name."""
        self.path = Path(path)
        self.message = message
        self.line = line
        self.field = field
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = self.path.name
        if self.line is not None:
            where += f" line {self.line}"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        """The file, line, field and message on one line."""
        return self._describe()


class UnknownActivity(LookupError):
    """A name that is neither a built-in activity id nor a path to an activity file."""

    name: str
    available: tuple[str, ...]

    def __init__(self, name: str, available: tuple[str, ...] | list[str]):
        """Record the requested name and the built-in ids that could have been meant."""
        self.name = name
        self.available = tuple(available)
        super().__init__(name)

    def __str__(self) -> str:
        """Which name was not found and which ids exist."""
        choices = ", ".join(self.available) or "none"
        return f"unknown activity {self.name!r}; available: {choices}"


def builtin_dir() -> Path:
    """The folder holding the built-in activity files (this package's folder)."""
    return Path(__file__).resolve().parent


def available() -> dict[str, Path]:
    """Built-in activities: id → file, sorted by id.

    The id is read from each file; a file that does not parse is listed under its file name so that
    loading it reports the actual problem. When two files claim the same id the first by file name wins.
    """
    found: dict[str, Path] = {}
    for path in sorted(builtin_dir().glob("*.toml")):
        try:
            with path.open("rb") as fh:
                activity_id = tomllib.load(fh).get("id")
        except (OSError, tomllib.TOMLDecodeError):
            activity_id = None
        if not isinstance(activity_id, str) or not activity_id:
            activity_id = path.stem
        found.setdefault(activity_id, path)
    return dict(sorted(found.items()))


def load(name_or_path: str | Path) -> Activity:
    """Load a built-in activity by id (``"bar"``) or any activity file by path.

    A built-in id wins over a file of the same name in the working folder. Anything that is neither a
    built-in id, an existing file, nor something that looks like a path (a ``.toml`` suffix or a folder
    separator) raises :class:`UnknownActivity`.
    """
    builtins = available()
    text = str(name_or_path)
    if isinstance(name_or_path, str) and text in builtins:
        return load_file(builtins[text])
    path = Path(name_or_path)
    looks_like_path = isinstance(name_or_path, Path) or path.suffix == ".toml" or len(path.parts) > 1
    if path.is_file() or looks_like_path:
        return load_file(path)
    raise UnknownActivity(text, tuple(builtins))


def load_file(path: str | Path) -> Activity:
    """Read and check one activity file.

    Raises :class:`ActivityError` for an unreadable file, a TOML syntax error or any field that does not
    follow the activity format; the error names the line and the field.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ActivityError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ActivityError(path, "the file is not UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc) from exc
    return _Checker(path, text, data).activity()


def _syntax_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> ActivityError:
    message = str(exc)
    line: int | None = None
    if match := _TOML_POSITION.search(message):
        line = int(match.group(1))
        message = message[: match.start()]
    elif match := _TOML_AT_END.search(message):
        line = max(1, len(text.splitlines()))
        message = message[: match.start()] + " at the end of the file"
    message = message.strip() or "invalid TOML"
    return ActivityError(path, f"TOML syntax error: {message[0].lower()}{message[1:]}", line=line)


def _field_name(field: FieldPath) -> str:
    out = ""
    for part in field:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class _Checker:
    """Turns parsed TOML into an Activity, raising on the first problem in document order."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]):
        self.path = path
        self.lines = _LineLocator(text)
        self.data = data

    def fail(self, field: FieldPath, message: str) -> ActivityError:
        return ActivityError(self.path, message, line=self.lines.find(field), field=_field_name(field) or None)

    def activity(self) -> Activity:
        self.unknown_keys(self.data, (), _TOP_KEYS)
        activity_id = self.slug(self.data, (), "id")
        name = self.bilingual(self.data, ("name",), required=True, non_empty=True)
        description = self.bilingual(self.data, ("description",), required=False, non_empty=True)
        return Activity(
            id=activity_id,
            name=name or Bilingual("", ""),
            description=description or Bilingual("", ""),
            steps=self.steps(),
        )

    def unknown_keys(self, table: dict[str, Any], at: FieldPath, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail((*at, key), f"unknown key {key!r} (allowed here: {', '.join(allowed)})")

    def slug(self, table: dict[str, Any], at: FieldPath, key: str) -> str:
        field = (*at, key)
        if key not in table:
            raise self.fail(field, "is required")
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(field, "must be a string")
        if not _SLUG.match(value):
            raise self.fail(
                field,
                f"must be a slug: lowercase letters, digits, '-' or '_', starting with a letter (got {value!r})",
            )
        return value

    def bilingual(
        self, table: dict[str, Any], field: FieldPath, *, required: bool, non_empty: bool
    ) -> Bilingual | None:
        key = field[-1]
        if key not in table:
            if required:
                raise self.fail(field, "is required: a table with th and en texts")
            return None
        value = table[key]
        if not isinstance(value, dict):
            raise self.fail(field, "must be a table with th and en texts")
        self.unknown_keys(value, field, LANGS)
        texts: dict[str, str] = {}
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or (non_empty and not text.strip()):
                raise self.fail((*field, lang), "must be a non-empty string" if non_empty else "must be a string")
            texts[lang] = text.strip()
        return Bilingual(th=texts["th"], en=texts["en"])

    def steps(self) -> tuple[Step, ...]:
        if "steps" not in self.data:
            raise self.fail(("steps",), "is required: at least one [[steps]] table")
        raw = self.data["steps"]
        if not isinstance(raw, list):
            raise self.fail(("steps",), "must be an array of [[steps]] tables")
        if not raw:
            raise self.fail(("steps",), "must list at least one step")
        steps: list[Step] = []
        seen: dict[str, int] = {}
        for index, table in enumerate(raw):
            at: FieldPath = ("steps", index)
            if not isinstance(table, dict):
                raise self.fail(at, "must be a table")
            self.unknown_keys(table, at, _STEP_KEYS)
            step_id = self.slug(table, at, "id")
            if step_id in seen:
                raise self.fail(
                    (*at, "id"), f"duplicate step id {step_id!r} (already used by steps[{seen[step_id]}])"
                )
            seen[step_id] = index
            if "kind" not in table:
                raise self.fail((*at, "kind"), f"is required (one of: {', '.join(kinds.names())})")
            kind = table["kind"]
            if kind not in kinds.names():
                raise self.fail((*at, "kind"), f"unknown kind {kind!r} (expected one of: {', '.join(kinds.names())})")
            prompt = self.bilingual(table, (*at, "prompt"), required=True, non_empty=True)
            hint = self.bilingual(table, (*at, "hint"), required=False, non_empty=False)
            assert prompt is not None
            options = self.options(table, at, kind)
            budget = self.budget(table, at, kind)
            over = self.over(table, at, kind, steps, options)
            dots, stack = self.dots(table, at, kind)
            steps.append(Step(id=step_id, kind=kind, prompt=prompt, hint=hint, options=options, budget=budget,
                              over=over, dots=dots, stack=stack))
        return tuple(steps)

    def options(self, table: dict[str, Any], at: FieldPath, kind: str) -> tuple[Option, ...]:
        raw = table.get("options", [])
        rule = kinds.get(kind).options
        if raw and rule is kinds.OptionRule.NONE:
            taking = [name for name, k in kinds.KINDS.items() if k.options is not kinds.OptionRule.NONE]
            raise self.fail((*at, "options"), f"only steps of kind {', '.join(taking)} take options")
        if not isinstance(raw, list):
            raise self.fail((*at, "options"), "must be an array of [[steps.options]] tables")
        if not raw and rule is kinds.OptionRule.REQUIRED:
            if not kinds.get(kind).votes_over:
                raise self.fail((*at, "options"), f"a {kind} step needs at least one option")
            if "over" not in table:
                raise self.fail((*at, "options"), f'a {kind} step needs at least one option, '
                                                  f'or over = "<id of an earlier step>"')
        options: list[Option] = []
        seen: set[str] = set()
        for index, option in enumerate(raw):
            where: FieldPath = (*at, "options", index)
            if not isinstance(option, dict):
                raise self.fail(where, "must be a table")
            self.unknown_keys(option, where, _OPTION_KEYS)
            option_id = self.slug(option, where, "id")
            if option_id in seen:
                raise self.fail((*where, "id"), f"duplicate option id {option_id!r}")
            seen.add(option_id)
            texts = {}
            for lang in LANGS:
                text = option.get(lang)
                if not isinstance(text, str) or not text.strip():
                    raise self.fail((*where, lang), "must be a non-empty string")
                texts[lang] = text.strip()
            label = Bilingual(**texts)
            coordination = option.get("coordination", False)
            if not isinstance(coordination, bool):
                raise self.fail((*where, "coordination"), "must be true or false")
            options.append(Option(option_id, label, coordination))
        return tuple(options)

    def budget(self, table: dict[str, Any], at: FieldPath, kind: str) -> int:
        allowed = kinds.get(kind).budget
        if allowed is None:
            if "budget" in table:
                taking = [name for name, k in kinds.KINDS.items() if k.budget is not None]
                raise self.fail((*at, "budget"), f"only steps of kind {', '.join(taking)} take a budget")
            return 0
        raw = table.get("budget", 0)
        if not isinstance(raw, int) or isinstance(raw, bool) or raw not in allowed:
            raise self.fail((*at, "budget"), f"must be a whole number of points from {allowed[0]} to {allowed[-1]}")
        return raw

    def over(self, table: dict[str, Any], at: FieldPath, kind: str, earlier: list[Step],
             options: tuple[Option, ...]) -> str:
        """The earlier step whose answers a step puts to the vote ("" when it lists options instead)."""
        if "over" not in table:
            return ""
        field = (*at, "over")
        if not kinds.get(kind).votes_over:
            taking = [name for name, k in kinds.KINDS.items() if k.votes_over]
            raise self.fail(field, f"only steps of kind {', '.join(taking)} take over")
        raw = table["over"]
        givers = [name for name, k in kinds.KINDS.items() if k.votable]
        before = {step.id: step for step in earlier if kinds.get(step.kind).votable}
        if not isinstance(raw, str) or raw not in before:
            named = ", ".join(before) or "none"
            raise self.fail(field, f"must be the id of an earlier step of kind {' or '.join(givers)} "
                                   f"(here: {named}; got {raw!r})")
        if options:
            raise self.fail(field, "give either over or [[steps.options]], not both")
        return raw

    def dots(self, table: dict[str, Any], at: FieldPath, kind: str) -> tuple[int, bool]:
        """The dots each person places, and whether several may go on one item."""
        allowed = kinds.get(kind).dots
        if allowed is None:
            taking = [name for name, k in kinds.KINDS.items() if k.dots is not None]
            for key in ("dots", "stack"):
                if key in table:
                    raise self.fail((*at, key), f"only steps of kind {', '.join(taking)} take {key}")
            return 0, False
        raw = table.get("dots", DEFAULT_DOTS)
        if not isinstance(raw, int) or isinstance(raw, bool) or raw not in allowed:
            raise self.fail((*at, "dots"), f"must be a whole number of dots from {allowed[0]} to {allowed[-1]}")
        stack = table.get("stack", False)
        if not isinstance(stack, bool):
            raise self.fail((*at, "stack"), "must be true or false")
        return raw, stack


_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED_KEY})\s*\]\]")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED_KEY})\s*\]")
_KEY_VALUE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=(.*)$")
_PART = re.compile(_KEY_PART)


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


class _LineLocator:
    """Finds the line of a field by scanning the TOML source (tomllib keeps no positions).

    Every table header and ``key =`` line is given its concrete path: ``[[steps]]`` headers are counted,
    so the third one is ``("steps", 2)``, a ``[steps.prompt]`` header after it is ``("steps", 2, "prompt")``
    and an ``en =`` line below that is ``("steps", 2, "prompt", "en")``. A field is found at its own line,
    or else at the line of the nearest enclosing table or key that exists (a missing key points at the
    header of its table).
    """

    def __init__(self, text: str):
        self.first_line: dict[FieldPath, int] = {}
        self._scan(text)

    def _remember(self, path: FieldPath, line: int) -> None:
        self.first_line.setdefault(path, line)

    def _scan(self, text: str) -> None:
        arrays: dict[FieldPath, int] = {}
        current: FieldPath = ()
        closing: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if match := _ARRAY_HEADER.match(line):
                parts = _key_parts(match.group(1))
                parent = self._concrete(parts[:-1], arrays)
                array_path = (*parent, parts[-1])
                arrays[array_path] = arrays.get(array_path, 0) + 1
                current = (*array_path, arrays[array_path] - 1)
                self._remember(array_path, number)
                self._remember(current, number)
                continue
            if match := _TABLE_HEADER.match(line):
                current = self._concrete(_key_parts(match.group(1)), arrays)
                self._remember(current, number)
                continue
            if match := _KEY_VALUE.match(line):
                parts = _key_parts(match.group(1))
                for depth in range(1, len(parts) + 1):
                    self._remember((*current, *parts[:depth]), number)
                closing = _unclosed_multiline(match.group(2))

    @staticmethod
    def _concrete(parts: tuple[str, ...], arrays: dict[FieldPath, int]) -> FieldPath:
        path: FieldPath = ()
        for part in parts:
            path = (*path, part)
            if path in arrays:
                path = (*path, arrays[path] - 1)
        return path

    def find(self, field: FieldPath) -> int | None:
        """The line of ``field``, or of its nearest located parent; ``None`` for the document root."""
        for end in range(len(field), 0, -1):
            line = self.first_line.get(field[:end])
            if line is not None:
                return line
        return None


def _unclosed_multiline(value: str) -> str | None:
    """The delimiter still to be closed when a value opens a multi-line string and does not end it."""
    value = value.strip()
    for quote in ('"""', "'''"):
        if value.startswith(quote) and value.count(quote) == 1:
            return quote
    return None
