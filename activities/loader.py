"""Read activity files (TOML) into :class:`facilitator.core.activity.Activity`.

An activity file is checked strictly: every mistake becomes an :class:`ActivityError` that names the file,
the line and the field, so a facilitator who writes their own activity can fix it without reading code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facilitator.core import kinds
from activities.toml_lines import FieldPath, LineLocator
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



class ActivityError(ValueError):
    """An activity file that cannot be used, with where the problem is.

    ``str()`` reads like ``bar.toml line 12, steps[2].prompt.en: must be a non-empty string``. The error
    raised for a file is its first mistake; ``mistakes`` holds every mistake found, in the file's order.
    """

    path: Path
    line: int | None
    field: str | None
    message: str
    mistakes: tuple[ActivityError, ...]

    def __init__(self, path: Path | str, message: str, *, line: int | None = None, field: str | None = None):
        """Record the file, the problem, and (when known) its line and dotted field name."""
        self.path = Path(path)
        self.message = message
        self.line = line
        self.field = field
        self.mistakes = (self,)
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
    follow the activity format; the error names the line and the field, and its ``mistakes`` list every
    mistake the file holds (each step and option is checked, whatever the others hold).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ActivityError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # the mark some editors (Notepad) put first
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ActivityError(path, "the file is not UTF-8 text (save it as UTF-8)", line=line) from exc
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


class _Reported(Exception):
    """A part that cannot be used because of mistakes already kept (its options')."""


class _Checker:
    """Turns parsed TOML into an Activity. Each part (the activity's id, name and description, each step, each
    option) is checked on its own, so that every mistake is found; the first one, in document order, is raised
    with all of them in its ``mistakes``."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]):
        self.path = path
        self.lines = LineLocator(text)
        self.data = data
        self.found: list[ActivityError] = []

    def fail(self, field: FieldPath, message: str) -> ActivityError:
        return ActivityError(self.path, message, line=self.lines.find(field), field=_field_name(field) or None)

    def part(self, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``check(*args, **kwargs)``, or ``None`` with its mistake kept, so the checking goes on."""
        try:
            return check(*args, **kwargs)
        except ActivityError as err:
            self.found.append(err)
        except _Reported:
            pass
        return None

    def activity(self) -> Activity:
        for key in self.data:
            if key not in _TOP_KEYS:
                self.found.append(self.fail((key,), f"unknown key {key!r} (allowed here: {', '.join(_TOP_KEYS)})"))
        activity_id = self.part(self.slug, self.data, (), "id")
        name = self.part(self.bilingual, self.data, ("name",), required=True, non_empty=True)
        description = self.part(self.bilingual, self.data, ("description",), required=False, non_empty=True)
        steps = self.part(self.steps)
        if self.found:
            first, *_ = mistakes = sorted(self.found, key=lambda err: err.line or 0)
            first.mistakes = tuple(mistakes)
            raise first
        return Activity(
            id=activity_id,
            name=name or Bilingual("", ""),
            description=description or Bilingual("", ""),
            steps=steps,
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
            step = self.part(self.step, table, ("steps", index), seen, steps)
            if step is not None:
                steps.append(step)
        return tuple(steps)

    def step(self, table: Any, at: FieldPath, seen: dict[str, int], earlier: list[Step]) -> Step:
        if not isinstance(table, dict):
            raise self.fail(at, "must be a table")
        known = len(self.found)
        self.part(self.unknown_keys, table, at, _STEP_KEYS)
        step_id = self.part(self.step_id, table, at, seen)
        kind = self.part(self.kind, table, at)
        prompt = self.part(self.bilingual, table, (*at, "prompt"), required=True, non_empty=True)
        hint = self.part(self.bilingual, table, (*at, "hint"), required=False, non_empty=False)
        options = self.part(self.options, table, at, kind) if kind is not None else None
        budget = self.part(self.budget, table, at, kind) if kind is not None else None
        over = self.part(self.over, table, at, kind, earlier, options) if options is not None else None
        dots = self.part(self.dots, table, at, kind) if kind is not None else None
        if len(self.found) > known or options is None or budget is None or over is None or dots is None:
            raise _Reported  # the step is not usable; its mistakes are kept already
        return Step(id=step_id, kind=kind, prompt=prompt, hint=hint, options=options, budget=budget, over=over,
                    dots=dots[0], stack=dots[1])

    def step_id(self, table: dict[str, Any], at: FieldPath, seen: dict[str, int]) -> str:
        step_id = self.slug(table, at, "id")
        if step_id in seen:
            raise self.fail((*at, "id"), f"duplicate step id {step_id!r} (already used by steps[{seen[step_id]}])")
        seen[step_id] = int(at[-1])
        return step_id

    def kind(self, table: dict[str, Any], at: FieldPath) -> str:
        if "kind" not in table:
            raise self.fail((*at, "kind"), f"is required (one of: {', '.join(kinds.names())})")
        kind = table["kind"]
        if kind not in kinds.names():
            raise self.fail((*at, "kind"), f"unknown kind {kind!r} (expected one of: {', '.join(kinds.names())})")
        return str(kind)

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
        seen: set[str] = set()
        options = [self.part(self.option, option, (*at, "options", index), seen) for index, option in enumerate(raw)]
        if None in options:
            raise _Reported  # the step is not usable; its options' mistakes are kept already
        return tuple(options)

    def option(self, option: Any, where: FieldPath, seen: set[str]) -> Option:
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
        coordination = option.get("coordination", False)
        if not isinstance(coordination, bool):
            raise self.fail((*where, "coordination"), "must be true or false")
        return Option(option_id, Bilingual(**texts), coordination)

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

