"""The real `cjbot` console script, run in subprocesses: help, demo, db, run and the chat."""

from __future__ import annotations

import csv
import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from cjworkflow.i18n import t
from cjworkflow.storage import migrate

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).with_name("cjbot")


def command() -> list[str]:
    """The installed console script, or the module when it is missing."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "cjbot.cli"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: data in tmp, a SQLite file in tmp, no token, quiet logs."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "DEFAULT_LANGUAGE",
                          "CJBOT_DATA_DIR", "LOG_LEVEL", "WEBHOOK_URL")}
    clean.update(CJBOT_DATA_DIR=str(tmp_path / "data"),
                 DATABASE_URL=f"sqlite:///{tmp_path / 'cli.db'}", LOG_LEVEL="WARNING",
                 PYTHONIOENCODING="utf-8")
    return clean


def cjbot(*args: str, cwd: Path, env: dict[str, str], stdin: str | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run cjbot with args and return the finished process."""
    return subprocess.run([*command(), *args], cwd=cwd, env=env, input=stdin, text=True,
                          encoding="utf-8", capture_output=True, timeout=timeout, check=False)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def one(folder: Path, pattern: str) -> Path:
    """The single file in folder matching pattern."""
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"{pattern} in {folder}: {[p.name for p in folder.iterdir()]}"
    return found[0]


def test_help_lists_the_subcommands(tmp_path: Path, env: dict[str, str]) -> None:
    done = cjbot("--help", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    for name in ("run", "webhook", "demo", "chat", "db", "export"):
        assert name in done.stdout
    assert done.stdout.startswith("usage: cjbot")


def check_demo_output(out: Path, lang: str) -> None:
    """The files a demo writes: map, matrix, plan and summary, in lang."""
    width, height = png_size(one(out, "*journey-map.png"))
    assert width >= 1600 and height >= 600
    matrix = one(out, "*priority-matrix.png")
    assert min(png_size(matrix)) >= 400
    data = one(out, "*action-plan.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[1] == t(lang, "export-col-quadrant")
    assert len(body) == 6
    assert body[0][1] == t(lang, "quadrant-quick_win")
    assert [r[0] for r in body] == [str(n) for n in range(1, 7)]
    summary = one(out, "*summary.md").read_text(encoding="utf-8")
    plan = {"nl": "Actieplan", "en": "Action plan"}[lang]
    assert f"## {plan}" in summary
    if lang == "nl":
        assert "Ik bestel een wasmachine" in summary and "Action plan" not in summary
    else:
        assert "I order a washing machine" in summary and "Actieplan" not in summary


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_demo_writes_map_matrix_plan_and_summary(tmp_path: Path, env: dict[str, str],
                                                 lang: str) -> None:
    out = tmp_path / f"demo-{lang}"
    done = cjbot("demo", "--out", str(out), "--lang", lang, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    check_demo_output(out, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_demos_json_imports_as_a_new_workshop(tmp_path: Path, env: dict[str, str],
                                                  lang: str) -> None:
    out = tmp_path / f"demo-{lang}"
    assert cjbot("demo", "--out", str(out), "--lang", lang, cwd=tmp_path,
                 env=env).returncode == 0
    done = cjbot("import", str(one(out, "*.json")), "--lang", lang, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert t(lang, "import-summary-file") not in done.stderr
    wid = int(done.stdout.strip())
    exported = cjbot("export", str(wid), "--out", str(tmp_path / "again"), cwd=tmp_path,
                     env=env)
    assert exported.returncode == 0, exported.stderr
    plan = one(tmp_path / "again", "*action-plan.csv").read_text(encoding="utf-8-sig")
    assert len(plan.strip().splitlines()) == 7  # the header and the demo's six actions


def test_no_arguments_and_no_token_runs_the_demo_here(tmp_path: Path,
                                                      env: dict[str, str]) -> None:
    done = cjbot(cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "TELEGRAM_BOT_TOKEN" in done.stdout and "demo" in done.stdout
    assert "demo-output" in done.stdout
    check_demo_output(tmp_path / "demo-output", "nl")


def test_db_upgrade_then_current_print_the_head(tmp_path: Path, env: dict[str, str]) -> None:
    head = migrate.head()
    upgraded = cjbot("db", "upgrade", cwd=tmp_path, env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert head in upgraded.stdout
    current = cjbot("db", "current", cwd=tmp_path, env=env)
    assert current.returncode == 0, current.stderr
    assert f"current: {head}" in current.stdout
    assert migrate.current(env["DATABASE_URL"]) == head


def test_db_current_on_an_empty_database_is_not_the_head(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    env = {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    done = cjbot("db", "current", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert f"current: {migrate.head()}" not in done.stdout


def test_run_without_token_fails_with_one_clear_line(tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    done = cjbot("run", cwd=tmp_path, env=env, timeout=60)
    assert done.returncode != 0
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert "Traceback" not in done.stderr
    assert len(lines) == 1, done.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[0]


@pytest.mark.parametrize("token", ["nonsense", "123:short", "abc:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
def test_run_with_a_malformed_token_fails_with_one_clear_line_and_never_echoes_it(
        tmp_path: Path, env: dict[str, str], token: str) -> None:
    done = cjbot("run", cwd=tmp_path, env={**env, "TELEGRAM_BOT_TOKEN": token}, timeout=60)
    assert done.returncode == 2
    lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip()]
    assert len(lines) == 1 and "malformed" in lines[0], lines
    assert token not in done.stderr + done.stdout


# --- the terminal chat ------------------------------------------------------------------

NL_WORKSHOP = """\
/new Ik bestel een wasmachine
/as Anna
Minder afhakers bij de bezorgkeuze
/as Bram
Meer herhaalaankopen van accessoires
/as Facilitator
/next
/as Anna
Drukke ouder: tweeverdiener, oude machine kapot | doel: snel weer wassen
/as Bram
Student: eerste eigen kamer | doel: goedkoop
/as Facilitator
/next
/press 1
/as Bram
Student
/as Facilitator
/next
/as Anna
1: Zoekresultaat in Google | zoekmachine
/as Bram
3: Bezorgkeuze in de checkout | web
/as Facilitator
/next
/as Anna
pijn: te veel gelijksoortige advertenties
Aandacht: emotie 3
/as Bram
/press 4
Actie: idee: bezorgmoment tonen vóór het afrekenen
/as Facilitator
/next
/as Bram
heb: klantenservice met chat
/as Anna
nodig: sms-dienst
/as Facilitator
/next
/as Anna
Actie: bezorgmoment pas zichtbaar na betalen
ideaal 4
/as Facilitator
/next
/as Bram
Bevestigingsmail met bezorgmoment | impact 5 | moeite 1 | @anna | deadline vrijdag
/as Anna
Track & trace per sms | impact 4 | moeite 2 | @bram | deadline over 2 weken
/as Facilitator
/next
"""

EN_WORKSHOP = """\
/new I order a washing machine
/as Anna
Fewer drop-outs at the delivery choice
/as Facilitator
/next
/as Anna
Busy parent: dual-income household, old machine broke | goal: washing again soon
/as Bram
Student: first own room | goal: cheap
/as Facilitator
/next
/press 2
/as Facilitator
/next
/as Anna
1: Google search result | search
/as Bram
3: Delivery choice in checkout | web
/as Facilitator
/next
/as Anna
pain: too many look-alike ads
/press 2
/as Bram
Purchase: idea: show delivery slots before checkout
/as Facilitator
/next
/as Bram
have: customer service with chat
/as Facilitator
/next
/as Anna
Purchase: delivery slot only visible after paying
/as Facilitator
/next
/as Bram
Confirmation email with delivery slot | impact 5 | effort 1 | @anna | due friday
/as Facilitator
/next
"""


def run_chat(tmp_path: Path, env: dict[str, str], lang: str,
             script: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Feed a script to `cjbot chat` and return the process and its output folder."""
    out = tmp_path / f"chat-{lang}"
    done = cjbot("chat", "--lang", lang, "--out", str(out), cwd=tmp_path, env=env,
                 stdin=script)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done, out


def check_chat(done: subprocess.CompletedProcess[str], out: Path, lang: str,
               title: str) -> None:
    """Every step was reached, the workshop finished and its images were written."""
    stdout = done.stdout
    assert stdout.startswith(t(lang, "chat-intro"))
    word = {"nl": "Stap", "en": "Step"}[lang]
    positions = [stdout.find(f"{word} {n}/8") for n in range(1, 9)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert t(lang, "finished", title=title) in stdout
    assert t(lang, "chat-speaking-as", name="Bram") in stdout
    map_png, matrix_png = one(out, "*journey-map.png"), one(out, "*priority-matrix.png")
    assert png_size(map_png)[0] >= 1600 and matrix_png.stat().st_size > 1000
    assert t(lang, "chat-file", path=str(map_png)) in stdout


def test_chat_runs_a_whole_dutch_workshop(tmp_path: Path, env: dict[str, str]) -> None:
    done, out = run_chat(tmp_path, env, "nl", NL_WORKSHOP)
    check_chat(done, out, "nl", "Ik bestel een wasmachine")
    stdout = done.stdout
    # The pressed buttons: a target persona in step 3 and a face in step 5.
    assert t("nl", "target-marked", name="Drukke ouder") in stdout
    assert t("nl", "entry-score", stage="Aandacht", score=4) in stdout
    # The plan printed on finishing: quick wins first.
    plan = stdout[stdout.index(t("nl", "finished", title="Ik bestel een wasmachine")):]
    assert plan.index("Bevestigingsmail met bezorgmoment") < plan.index("Track & trace per sms")
    assert "Quick wins" in plan
    # Nothing a member typed was refused.
    assert "is geen fase" not in stdout and "verleden" not in stdout


def test_chat_runs_a_whole_english_workshop(tmp_path: Path, env: dict[str, str]) -> None:
    done, out = run_chat(tmp_path, env, "en", EN_WORKSHOP)
    check_chat(done, out, "en", "I order a washing machine")
    assert "Stap " not in done.stdout
    assert t("en", "target-marked", name="Student") in done.stdout
    assert "Confirmation email with delivery slot" in done.stdout


PAST_DATE = """\
/new Ik bestel een wasmachine
/step 8
/as Anna
Goede actie | impact 4 | moeite 2 | @anna | deadline over 2 weken
Oude actie | impact 5 | moeite 1 | @anna | deadline 2020-01-01
/as Plan
/actions
"""


def test_chat_refuses_a_past_deadline_in_dutch(tmp_path: Path, env: dict[str, str]) -> None:
    done, _ = run_chat(tmp_path, env, "nl", PAST_DATE)
    stdout = done.stdout
    past = t("nl", "parse-date-past", date="\x00").split("\x00")[0]
    assert past and past in stdout
    assert "verleden" in past
    plan = stdout[stdout.index(t("nl", "chat-speaking-as", name="Plan")):]
    assert t("nl", "plan-head", title="Ik bestel een wasmachine") in plan
    assert "Goede actie" in plan
    assert "Oude actie" not in plan


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unknown_workshop_or_file_is_said_in_one_line(tmp_path: Path, env: dict[str, str],
                                                         lang: str) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("stage,score\n1,4\n", encoding="utf-8")
    for args in (("import-scores", str(scores), "--workshop", "99", "--lang", lang),
                 ("export", "99", "--out", str(tmp_path / "out"), "--lang", lang)):
        done = cjbot(*args, cwd=tmp_path, env=env)
        assert done.returncode == 1
        assert done.stderr.strip() == "cjbot: " + t(lang, "cli-no-workshop", id="99")
    missing = cjbot("import-scores", str(tmp_path / "nope.csv"), "--workshop", "1",
                    cwd=tmp_path, env=env)
    assert missing.returncode == 1 and "nope.csv" in missing.stderr
    assert "Traceback" not in missing.stderr
