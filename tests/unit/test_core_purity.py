"""The domain core imports neither the UI nor the web stack: proven in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("textual", "aiohttp", "rich")

PROBE = """
import importlib, json, pkgutil, sys
import facilitator.core as core
names = [core.__name__]
for info in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
    importlib.import_module(info.name)
    names.append(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {forbidden})
print(json.dumps({{"imported": names, "forbidden": loaded}}))
"""


def run_probe(forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    code = PROBE.format(forbidden=repr(set(forbidden)))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(done.stdout)


def test_core_imports_no_ui_or_web_stack() -> None:
    result = run_probe(FORBIDDEN)
    core = ROOT / "facilitator" / "core"
    modules = {
        ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for parts in (path.relative_to(core).with_suffix("").parts for path in core.rglob("*.py"))
    } - {""}
    assert modules >= {"kinds", "kinds.role_claim", "summaries", "summaries.progress"}
    assert {name.removeprefix("facilitator.core.") for name in result["imported"][1:]} == modules
    assert result["forbidden"] == []


def test_the_probe_can_see_a_forbidden_import() -> None:
    # The same probe flags a module the core does import, so an empty result above means something.
    result = run_probe(("tinydb", "facilitator"))
    assert "facilitator.core.live" in result["forbidden"]


def test_the_workshop_needs_neither_storage_nor_ui_nor_web_stack() -> None:
    # The workshop service is given its store; on its own it loads no TinyDB, no app, no server.
    code = (
        "import json, sys; import facilitator.core.workshop; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'aiohttp', 'rich', "
        "'tinydb'} or m.startswith(('facilitator.store', 'facilitator.tui', 'facilitator.server')))))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=60)
    assert json.loads(done.stdout) == []
