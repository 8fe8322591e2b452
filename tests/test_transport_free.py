"""The core package never loads the Telegram library: adapters depend on it, not the reverse."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cjworkflow

PACKAGE_DIR = Path(cjworkflow.__file__).parent

PROBE = """
import importlib, pkgutil, sys
import cjworkflow
names = sorted(m.name for m in pkgutil.walk_packages(cjworkflow.__path__, "cjworkflow."))
for name in names:
    importlib.import_module(name)
loaded = sorted(n for n in sys.modules if n == "telegram" or n.startswith("telegram."))
print(len(names))
print(",".join(loaded))
"""


@pytest.mark.slow
def test_importing_every_core_module_does_not_load_telegram() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    count, loaded = [*done.stdout.splitlines(), "", ""][:2]
    assert int(count) >= 20, f"expected to import the whole package, imported {count}"
    assert loaded == "", f"cjworkflow loads the Telegram library: {loaded}"


TELEGRAM_IMPORT = re.compile(r"\b(import\s+telegram\b|from\s+telegram\b)")


def _is_telegram(name: str | None) -> bool:
    return name is not None and (name == "telegram" or name.startswith("telegram."))


def _imports_telegram(source: str) -> bool:
    """Whether source imports telegram, as text or in any import statement (even nested)."""
    if TELEGRAM_IMPORT.search(source):
        return True
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and any(_is_telegram(a.name) for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0 and _is_telegram(node.module):
            return True
    return False


def test_the_source_scan_catches_imports() -> None:
    assert _imports_telegram("def f():\n    from telegram.ext import Application\n")
    assert _imports_telegram("import os, telegram\n")
    assert not _imports_telegram("import telegramish\nx = 'a telegram'\n")


def test_no_core_source_file_imports_telegram() -> None:
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(sources) >= 20
    offenders = [str(p.relative_to(PACKAGE_DIR)) for p in sources
                 if _imports_telegram(p.read_text(encoding="utf-8"))]
    assert offenders == []
