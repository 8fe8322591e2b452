#!/usr/bin/env python3
"""One-command setup and run: `python3 run.py` (the main job) and `python3 run.py test`.

Creates .venv on first use (and again whenever pyproject.toml changes), installs cjbot with
its dev extras, then runs: no arguments -> the main job (the Telegram bot when
TELEGRAM_BOT_TOKEN is set, otherwise the built-in demo); `test` -> ruff, mypy and pytest;
anything else -> passed to the `cjbot` command (e.g. `python3 run.py chat`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CJBOT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".cjbot-installed"


def _python() -> str:
    return str(BIN / "python")


def ensure_env() -> None:
    """Create the virtualenv and install the project when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older python3
        sys.exit("cjbot needs Python 3.11 or newer")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    if not (BIN / "python").exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing cjbot and its dependencies …", flush=True)
    pip = [_python(), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True, cwd=ROOT)
    STAMP.write_text(digest)


def run_tests(extra: list[str]) -> int:
    """ruff, mypy, then pytest (in parallel); pytest's 'no tests ran' (exit 5) is a failure."""
    steps = [
        [str(BIN / "ruff"), "check", "cjbot", "cjworkflow", "bot", "tests", "bench", "run.py"],
        [str(BIN / "mypy")],
    ]
    for step in steps:
        print("$", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)),
              flush=True)
        code = subprocess.run(step, cwd=ROOT).returncode
        if code:
            return code
    # One pytest-xdist worker per core, unless the caller chose (-n 0 runs in one process);
    # worksteal: the long e2e tests do not leave one worker with the tail.
    chosen = any(a.startswith(("-n", "--numprocesses", "--dist")) for a in extra)
    workers = [] if chosen else ["-n", "auto", "--dist", "worksteal"]
    code = subprocess.run([_python(), "-m", "pytest", *workers, *extra], cwd=ROOT).returncode
    if code == 5:
        print("pytest collected no tests: failing on purpose", file=sys.stderr)
        return 1
    return code


def main(argv: list[str]) -> int:
    """Dispatch: no args -> main job; test -> the suite; else -> cjbot ARGS."""
    ensure_env()
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    return subprocess.run([str(BIN / "cjbot"), *argv], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
