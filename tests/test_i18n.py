"""The message catalogs: nl and en match, every message formats, every id the code uses exists."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl

import cjworkflow
from cjworkflow import steps
from cjworkflow.i18n import LANGUAGES, LOCALES_DIR, bundle, message_ids, t
from cjworkflow.outputs import exports
from cjworkflow.steps import stages
from cjworkflow.steps.priority import Quadrant
from cjworkflow.storage.models import ActionStatus, Role

PACKAGE_DIR = Path(cjworkflow.__file__).parent
# Variables that hold a count or a number wherever they appear; everything else gets a string.
COUNT_NAMES = {"count", "total", "n", "number", "max", "min", "members", "step", "score",
               "days", "value", "spread", "version", "position", "rated", "done"}
PLURAL_KEYS = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 7}
ERROR_CLASSES = {"UserError", "ParseError", "StageModelError"}


def _ftl_messages(lang: str) -> dict[str, ftl.Message]:
    """Every message of a language's catalog, by id, parsed with fluent.syntax."""
    out: dict[str, ftl.Message] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser(with_spans=False).parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, ftl.Junk)]
        assert not junk, f"{path}: unparsable entries: {[(j.content or '')[:60] for j in junk]}"
        for entry in resource.body:
            if isinstance(entry, ftl.Message):
                assert entry.id.name not in out, f"{lang}: {entry.id.name} defined twice"
                out[entry.id.name] = entry
    return out


@dataclass
class Uses:
    """How a message uses its variables."""

    names: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    # Selector variable -> the variant keys it chooses between.
    selectors: dict[str, set[str]] = field(default_factory=dict)


def _walk(node: object) -> Iterator[object]:
    """Every fluent.syntax node below node (and node itself)."""
    yield node
    if isinstance(node, ftl.BaseNode):
        for value in vars(node).values():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, ftl.BaseNode):
                    yield from _walk(item)


def _uses(message: ftl.Message) -> Uses:
    uses = Uses()
    for node in _walk(message):
        if isinstance(node, ftl.VariableReference):
            uses.names.add(node.id.name)
        elif isinstance(node, ftl.FunctionReference):
            target = {"NUMBER": uses.numbers, "DATETIME": uses.dates}.get(node.id.name)
            for arg in node.arguments.positional:
                if target is not None and isinstance(arg, ftl.VariableReference):
                    target.add(arg.id.name)
        elif isinstance(node, ftl.SelectExpression) and isinstance(node.selector,
                                                                   ftl.VariableReference):
            keys = {v.key.name if isinstance(v.key, ftl.Identifier) else v.key.value
                    for v in node.variants}
            uses.selectors.setdefault(node.selector.id.name, set()).update(keys)
    return uses


def _arg_sets(uses: Uses) -> list[dict[str, object]]:
    """Plausible arguments for a message: one base set, plus one per selector variant."""
    plural = {name for name, keys in uses.selectors.items()
              if all(k in PLURAL_KEYS or k.isdigit() for k in keys)}
    base: dict[str, object] = {}
    for name in sorted(uses.names):
        if name in uses.dates:
            base[name] = datetime(2026, 11, 27, 14, 30)
        elif name in uses.numbers or name in plural or name in COUNT_NAMES:
            base[name] = 3
        else:
            base[name] = f"‹{name}›"
    sets = [base]
    for name, keys in sorted(uses.selectors.items()):
        for key in sorted(keys):
            if name in plural or name in COUNT_NAMES or name in uses.numbers:
                value: object = PLURAL_KEYS.get(key, int(key) if key.isdigit() else 7)
            else:
                value = key
            sets.append({**base, name: value})
    return sets


CATALOGS = {lang: _ftl_messages(lang) for lang in LANGUAGES}


def test_each_language_has_the_same_files() -> None:
    names = {lang: {p.name for p in (LOCALES_DIR / lang).glob("*.ftl")} for lang in LANGUAGES}
    assert names["nl"], "no Dutch catalog files"
    assert names["nl"] == names["en"], (
        f"only in nl: {sorted(names['nl'] - names['en'])}; "
        f"only in en: {sorted(names['en'] - names['nl'])}")


def test_each_file_defines_the_same_ids_in_both_languages() -> None:
    problems = []
    for path in sorted((LOCALES_DIR / "nl").glob("*.ftl")):
        ids = {}
        for lang in LANGUAGES:
            resource = FluentParser().parse((LOCALES_DIR / lang / path.name).read_text("utf-8"))
            ids[lang] = {e.id.name for e in resource.body if isinstance(e, ftl.Message)}
        if ids["nl"] != ids["en"]:
            problems.append(f"{path.name}: only nl {sorted(ids['nl'] - ids['en'])}, "
                            f"only en {sorted(ids['en'] - ids['nl'])}")
    assert not problems, "\n".join(problems)


def test_both_languages_define_exactly_the_same_message_ids() -> None:
    nl, en = set(CATALOGS["nl"]), set(CATALOGS["en"])
    assert nl == en, f"only in nl: {sorted(nl - en)}; only in en: {sorted(en - nl)}"
    assert message_ids("nl") == nl and message_ids("en") == en


def test_both_languages_use_the_same_variables() -> None:
    differing = []
    for key in sorted(set(CATALOGS["nl"]) & set(CATALOGS["en"])):
        nl, en = _uses(CATALOGS["nl"][key]).names, _uses(CATALOGS["en"][key]).names
        if nl != en:
            differing.append(f"{key}: nl {sorted(nl)} en {sorted(en)}")
    assert not differing, "\n".join(differing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats_without_errors(lang: str) -> None:
    b = bundle(lang)
    failures = []
    for key, message in sorted(CATALOGS[lang].items()):
        compiled = b.get_message(key)
        patterns = [("", compiled.value)] if compiled.value is not None else []
        patterns += [(f".{name}", p) for name, p in compiled.attributes.items()]
        assert patterns, f"{lang}:{key} has neither a value nor attributes"
        assert message.value is not None, f"{lang}:{key} has no value: t() cannot show it"
        for args in _arg_sets(_uses(message)):
            for suffix, pattern in patterns:
                text, errors = b.format_pattern(pattern, args)
                if errors or not str(text).strip():
                    failures.append(f"{key}{suffix} with {args}: {errors or 'empty'}")
    assert not failures, "\n".join(failures)


# --- ids used in the code --------------------------------------------------------------


@dataclass(frozen=True)
class Use:
    """A message id as the code spells it: literal, or an f-string pattern."""

    where: str
    text: str
    pattern: bool = False


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _spellings(node: ast.expr, where: str) -> Iterator[Use]:
    """The ids an argument expression can be: literals, both arms of `a if c else b`, f-strings."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield Use(where, node.value)
    elif isinstance(node, ast.IfExp):
        yield from _spellings(node.body, where)
        yield from _spellings(node.orelse, where)
    elif isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) and isinstance(v.value, str)
                 else "[A-Za-z0-9_-]+" for v in node.values]
        yield Use(where, "".join(parts), pattern=True)


def code_uses() -> list[Use]:
    """Every message id spelled out in a t(lang, …) call or a UserError/ParseError/… raise."""
    uses: list[Use] = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}"
            if name == "t" and len(node.args) >= 2:
                uses += _spellings(node.args[1], where)
            elif name in ERROR_CLASSES and node.args:
                uses += _spellings(node.args[0], where)
    return uses


USES = code_uses()


def test_the_code_scan_finds_the_usual_calls() -> None:
    literals = {u.text for u in USES if not u.pattern}
    # Spot checks that the scan sees t(ctx.lang, …), t(lang, …) and each error class.
    assert {"only-facilitator", "no-workshop-group", "no-workshop-private", "finished",
            "parse-empty", "stages-too-few", "chat-intro"} <= literals
    assert len(literals) > 60


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_literal_id_in_the_code_exists(lang: str) -> None:
    ids = set(CATALOGS[lang])
    missing = sorted({f"{u.text} ({u.where})" for u in USES if not u.pattern and u.text not in ids})
    assert not missing, f"{lang} lacks: " + ", ".join(missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_f_string_id_matches_some_message(lang: str) -> None:
    ids = set(CATALOGS[lang])
    patterns = [u for u in USES if u.pattern]
    assert patterns, "expected f-string ids such as step-{key}-title in the code"
    orphans = [f"{u.text} ({u.where})" for u in patterns
               if not any(re.fullmatch(u.text, i) for i in ids)]
    assert not orphans, f"{lang}: no message matches " + ", ".join(orphans)


def _families() -> dict[str, list[str]]:
    step_ids = [f"step-{s.key}-{part}" for s in steps.STEPS
                for part in ("title", "prompt", "guide", "syntax", "example", "enough")]
    return {
        "steps": step_ids,
        "quadrants": [f"quadrant-{q.value}" for q in Quadrant],
        "statuses": [f"status-{s.value}" for s in ActionStatus],
        "roles": [f"role-{r.value}" for r in Role],
        "card kinds": [f"card-kind-{k}" for k in ("user_action", "pain", "solution", "moment")],
        "questions": [f"ask-{f}" for f in ("action-impact", "action-effort", "action-owner",
                                           "action-due", "touchpoint-stage")],
        "captions": [f"caption-{k}" for k in ("map", "matrix", "json", "csv", "markdown")],
        "csv columns": [f"export-col-{f}" for f in exports.CSV_FIELDS],
        "stages": [f"stage-{m}-{k}" for m, keys in stages.MODELS.items() for k in keys],
    }


def test_the_step_table_has_eight_steps() -> None:
    assert len(steps.STEPS) == 8
    assert [s.number for s in steps.STEPS] == list(range(1, 9))


@pytest.mark.parametrize("family", sorted(_families()))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_id_families_built_at_run_time_exist(lang: str, family: str) -> None:
    ids = set(CATALOGS[lang])
    missing = [i for i in _families()[family] if i not in ids]
    assert not missing, f"{lang} lacks {family}: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pending_question_fields_have_questions(lang: str) -> None:
    # entries.py builds ask-<field> from PendingQuestion.field with '_' -> '-'.
    fields = ("action_impact", "action_effort", "action_owner", "action_due", "touchpoint_stage")
    ids = set(CATALOGS[lang])
    assert all(f"ask-{f.replace('_', '-')}" in ids for f in fields)


def test_one_hidden_persona_is_named_in_the_singular_in_both_languages() -> None:
    """'+1 andere doelpersona' (not 'doelpersona's'), '+1 other target persona'."""
    assert t("nl", "render-map-more-personas", count=1) == "+1 andere doelpersona"
    assert t("nl", "render-map-more-personas", count=3) == "+3 andere doelpersona's"
    assert t("en", "render-map-more-personas", count=1) == "+1 other target persona"


def test_dutch_says_moeite_and_cofacilitator_everywhere() -> None:
    """One Dutch word for effort ('moeite') and the Dutch spelling 'cofacilitator'."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (LOCALES_DIR / "nl").glob("*.ftl"))
    assert "nspanning" not in text
    assert "co-facilitator" not in text
    assert "Moeite" in t("nl", "render-matrix-effort")


def test_the_dutch_card_averages_over_its_scores_and_asks_for_a_score() -> None:
    """'gemiddeld 3,5 over 2 scores' (not 'uit'); step 8's guide has no bare 'scoor'."""
    assert " over 2 scores" in t("nl", "card-emotion", mean="3,5", count=2)
    assert " scoor " not in t("nl", "step-changes-guide")
