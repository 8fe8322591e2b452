"""The living step card, the status overview and the action plan, as text and buttons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from cjworkflow.facilitation import view as facilitation
from cjworkflow.flow import buttons, card_context
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, due, named_words, split_message
from cjworkflow.messages import Button, Kind, Reply
from cjworkflow.schedule.timeboxes import minutes_left
from cjworkflow.snapshot import ActionView, StageView
from cjworkflow.steps import FIRST, LAST, STEPS, Step, coaching, priority, step
from cjworkflow.steps.changes import action_line
from cjworkflow.storage import readmodel, store, workshops
from cjworkflow.storage.models import Action, Entry, EntryKind, ScoreKind, Stage, Workshop
from cjworkflow.storage.readmodel import member_names
from cjworkflow.voice.status import status_line

CARD_BUDGET = 3900  # below Telegram's 4096, leaving room for a note on top
FACES = ("😣", "🙁", "😐", "🙂", "😄")
LARGE_SPREAD = 1.0


@dataclass
class Item:
    """A numbered line of the current step (the number /remove takes)."""

    number: int
    obj: Entry | Action
    text: str


def step_title(number: int, lang: str) -> str:
    """'Step 3/8 · Target personas' in lang."""
    title = t(lang, f"step-{step(number).key}-title")
    return t(lang, "card-step", n=number, total=LAST, title=title)


def _author(names: dict[int, str], member_id: int | None) -> str:
    return f" ({names[member_id]})" if member_id in names else ""


def items(session: Session, ws: Workshop, lang: str) -> list[Item]:
    """The current step's entries as numbered lines, in the card's order."""
    st = step(ws.current_step)
    names = member_names(session=session, workshop_id=ws.id or 0)
    if st.collects_actions:
        ordered = priority.prioritise(store.actions(session=session, workshop_id=ws.id or 0))
        stages = {s.id or 0: s for s in workshops.stages_of(session=session,
                                                             workshop_id=ws.id or 0)}
        goals = {g.id or 0: n for n, g in enumerate(store.entries(
            session=session, workshop_id=ws.id or 0, kinds=[EntryKind.GOAL]), 1)}
        return [Item(i, a, action_line(a, names, lang, stages, goals))
                for i, a in enumerate(ordered, 1)]
    rows = store.entries(session=session, workshop_id=ws.id or 0, kinds=st.card_kinds)
    out = []
    authors = {} if ws.anonymous else names  # anonymous mode: no author on any line
    for i, e in enumerate(rows, 1):
        out.append(Item(i, e, entry_line(e, st, authors, lang)))
    return out


def entry_line(e: Entry, st: Step, names: dict[int, str], lang: str) -> str:
    """One entry as a card line: as its step shows it, and who wrote it."""
    return clip(st.card_line(e, lang), 300) + _author(names, e.author_id)


def _emotion_line(lang: str, scores: list[int], ideal: list[int]) -> str:
    if not scores:
        text = t(lang, "card-emotion-none")
    else:
        view = StageView(0, "", scores=tuple(scores))
        mean = f"{view.mean:.1f}".replace(".", "," if lang == "nl" else ".")
        text = t(lang, "card-emotion", mean=mean, count=len(scores))
        if view.spread >= LARGE_SPREAD:
            text += " · " + t(lang, "card-emotion-disagree")
    if ideal:
        text += " · " + t(lang, "card-ideal", score=round(sum(ideal) / len(ideal), 1))
    return text


def card(session: Session, ws: Workshop, lang: str, *, note: str | None = None,
         kind: Kind = Kind.CARD, now: datetime | None = None) -> Reply:
    """The living step card of the workshop's current step."""
    wid = ws.id or 0
    st = step(ws.current_step)
    stages = workshops.stages_of(session=session, workshop_id=wid)
    head = [f"🗺 {clip(ws.title, 200)}", step_title(st.number, lang),
            t(lang, f"step-{st.key}-prompt")]
    if ws.status == "finished":
        head.insert(1, t(lang, "card-finished"))
    left = minutes_left(ws, now or datetime.now(UTC))
    if left is not None:
        head.insert(2, t(lang, "card-timebox", minutes=left))
    guide = [t(lang, f"step-{st.key}-guide"), "✍ " + t(lang, f"step-{st.key}-syntax")]
    rows: list[list[Button]] = []
    if st.staged and stages:
        # Only the focused stage is listed: the whole step's lines are not even built.
        focus = stages[min(ws.focus_stage, len(stages) - 1)]
        lines = _focused_lines(session, ws, st, focus, lang)
        lines[1:1] = card_context.stage_touchpoints(session, ws, st, focus, lang)
        rows.extend(_stage_buttons(ws, st, focus, len(stages), lang))
    elif EntryKind.TOUCHPOINT in st.card_kinds:
        lines = card_context.grouped([(it.number, it.obj, it.text)
                                      for it in items(session, ws, lang)], stages, lang)
    else:
        lines = [f"{it.number}. {it.text}" for it in items(session, ws, lang)]
    if st.collects_actions:
        context, keys = card_context.action_context(session, ws, lang)
        lines = context + lines
        rows.extend(keys)
    if st.picks_targets:
        personas = store.entries(session=session, workshop_id=wid, kinds=[EntryKind.PERSONA])
        row: list[Button] = []
        for p in personas[:24]:
            label = ("✅ " if p.is_target else "⬜ ") + clip(p.text, 24)
            row.append(buttons.make(label, "tg", wid, p.id))
            if len(row) == 2:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
    lines += coaching.card_notes(session, ws, st, lang)
    if not lines:
        lines = [t(lang, "card-empty", example=t(lang, f"step-{st.key}-example"))]
    # Anonymous mode, an open vote or estimate, top-voted entries to act on.
    more_head, more_lines, more_rows = facilitation.card_part(session, ws, lang, now)
    head += more_head
    lines += more_lines
    rows = _offered_once(rows, more_rows)
    nav = [buttons.make(t(lang, "btn-next") if st.number < LAST else t(lang, "btn-finish"),
                        "nx", wid, st.number),
           buttons.make(t(lang, "btn-status"), "st", wid),
           buttons.make(t(lang, "btn-help"), "hp", wid)]
    if st.number > FIRST:
        nav.insert(0, buttons.make(t(lang, "btn-back"), "bk", wid, st.number))
    rows.append(nav)
    top = ([note] if note else []) + head
    text = _fit("\n".join(top), "\n".join(guide), lines, lang)
    return Reply(text=text, buttons=rows, kind=kind, force_reply=True, workshop_id=wid,
                 placeholder=clip(t(lang, f"step-{st.key}-title"), 60), version=ws.version)


def _offered_once(rows: list[list[Button]], voted: list[list[Button]]) -> list[list[Button]]:
    """rows then voted, where an entry a closed vote offers as an action (with its dots) loses
    its plain make-an-action button: one entry, one button."""

    def entry_of(b: Button, verb: str) -> str | None:
        pressed = buttons.parse(b.action) if b.action else None
        return pressed.args[0] if pressed is not None and pressed.verb == verb else None

    offered = {entry_of(b, "va") for row in voted for b in row} - {None}
    kept = [[b for b in row if entry_of(b, "ta") not in offered] for row in rows]
    return [row for row in kept if row] + voted


def _focused_lines(session: Session, ws: Workshop, st: Step, focus: Stage,
                   lang: str) -> list[str]:
    entries_ = store.entries(session=session, workshop_id=ws.id or 0, kinds=st.kinds)
    numbers = {e.id: i for i, e in enumerate(entries_, 1)}
    names = {} if ws.anonymous else member_names(session=session, workshop_id=ws.id or 0)
    mine = [f"{numbers[e.id]}. {entry_line(e, st, names, lang)}"
            for e in entries_ if e.stage_id == focus.id]
    scores = store.scores(session=session, workshop_id=ws.id or 0)
    current = [s.score for s in scores if s.stage_id == focus.id and s.kind == ScoreKind.CURRENT]
    ideal = [s.score for s in scores if s.stage_id == focus.id and s.kind == ScoreKind.IDEAL]
    others = len(entries_) - len(mine)
    out = [t(lang, "card-focus", stage=focus.label), _emotion_line(lang, current, ideal)]
    words = Counter(s.word for s in scores if s.stage_id == focus.id and s.word
                    and s.kind == ScoreKind.CURRENT)
    if words:
        out.append(t(lang, "card-emotion-words", words=named_words(words.most_common(3))))
    out += _persona_lines(session, ws, st, focus, lang)
    out += mine or [t(lang, "card-stage-empty")]
    if others:
        out.append(t(lang, "card-other-stages", count=others))
    return out


def _persona_lines(session: Session, ws: Workshop, st: Step, focus: Stage,
                   lang: str) -> list[str]:
    """The focused stage's mean per target persona, for the step's score kind."""
    rows = [r for r in store.persona_scores(session=session, workshop_id=ws.id or 0)
            if r.stage_id == focus.id and r.kind == st.score_kind]
    if not rows:
        return []
    names = {p.id: p.text for p in store.entries(session=session, workshop_id=ws.id or 0,
                                                  kinds=[EntryKind.PERSONA])}
    by_persona: dict[int, list[int]] = {}
    for r in rows:
        by_persona.setdefault(r.persona_id, []).append(r.score)
    return [t(lang, "card-persona-emotion", persona=clip(names[pid], 40),
              mean=f"{sum(v) / len(v):.1f}".replace(".", "," if lang == "nl" else "."))
            for pid, v in by_persona.items() if pid in names]


def _stage_buttons(ws: Workshop, st: Step, focus: Stage, count: int,
                   lang: str) -> list[list[Button]]:
    wid = ws.id or 0
    verb = "sc" if st.score_kind is ScoreKind.CURRENT else "si"
    faces = [buttons.make(f"{face} {i}", verb, wid, focus.id, i)
             for i, face in enumerate(FACES, 1)]
    move = []
    if focus.position > 0:
        move.append(buttons.make(t(lang, "btn-prev-stage"), "fs", wid, st.number,
                                 focus.position - 1))
    if focus.position < count - 1:
        move.append(buttons.make(t(lang, "btn-next-stage"), "fs", wid, st.number,
                                 focus.position + 1))
    return [faces, move] if move else [faces]


def _fit(head: str, guide: str, lines: list[str], lang: str) -> str:
    """Card text under the budget: drop the guide, then the oldest lines, before cutting."""
    body = "\n".join(lines)
    text = f"{head}\n\n{guide}\n\n{body}"
    if len(text) <= CARD_BUDGET:
        return text
    room = CARD_BUDGET - len(head) - 120  # 120: the "… N earlier entries" line
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        if used + len(line) + 1 > room and kept:
            break
        kept.append(line)
        used += len(line) + 1
    kept.reverse()
    dropped = len(lines) - len(kept)
    more = [t(lang, "card-more-earlier", count=dropped)] if dropped else []
    return clip("\n".join([head, "", *more, *kept]), CARD_BUDGET)


def status_text(session: Session, ws: Workshop, lang: str) -> str:
    """Progress per step with counts; the current step marked."""
    wid = ws.id or 0
    counts = step_counts(session, ws)
    lines = [f"🗺 {clip(ws.title, 200)}", t(lang, "status-head", code=ws.join_code,
                                            members=len(member_names(session=session,
                                                                     workshop_id=wid)))]
    for st in STEPS:
        mark = "▶" if st.number == ws.current_step and ws.status != "finished" else (
            "✓" if counts[st.number] else "·")
        lines.append(t(lang, "status-line", mark=mark, n=st.number,
                       title=t(lang, f"step-{st.key}-title"), count=counts[st.number]))
    if ws.status == "finished":
        lines.append(t(lang, "card-finished"))
    if (voice := status_line(session, ws, lang)) is not None:
        lines.append(voice)
    return "\n".join(lines)


def step_counts(session: Session, ws: Workshop) -> dict[int, int]:
    """How many entries each step holds (the target step: marked targets; the action step:
    actions)."""
    return readmodel.step_counts(session=session, workshop_id=ws.id or 0)


# Above this many actions, or messages' worth of plan, /actions and the finish send a short
# preview and the whole plan as one file: dozens of messages would flood the group (and eat
# its 20-per-minute budget) for a plan nobody scrolls through in a chat.
PLAN_FILE_ACTIONS = 30
PLAN_FILE_MESSAGES = 3
PLAN_PREVIEW = 10
PREVIEW_BUDGET = 3000  # characters of the preview, leaving room for the note


def _plan_lines(actions: tuple[ActionView, ...], title: str, lang: str,
                title_chars: int | None = 300) -> list[str]:
    """The plan's head, then per quadrant a heading and one line per action."""
    lines = [t(lang, "plan-head", title=clip(title, 200))]
    current = None
    for a in actions:
        if a.quadrant != current:
            current = a.quadrant
            icon = priority.ICONS[priority.Quadrant(a.quadrant)]
            lines.append(f"\n{icon} {t(lang, f'quadrant-{a.quadrant}')}")
        status = "" if a.status == "open" else f" [{t(lang, f'status-{a.status}')}]"
        name = a.title if title_chars is None else clip(a.title, title_chars)
        flag = f" · {t(lang, 'discuss-flag')}" if a.discuss else ""
        lines.append(f"{a.number}. {name} — {a.owner or t(lang, 'card-no-owner')}"
                     f" — {due(a.due_date, a.due_time, lang)}{status}{flag}")
    return lines


def plan_texts(actions: tuple[ActionView, ...], title: str, lang: str) -> list[str]:
    """The prioritised action plan as chat messages (split under 4096 characters)."""
    if not actions:
        return [t(lang, "plan-empty", title=clip(title, 200))]
    return split_message("\n".join(_plan_lines(actions, title, lang)))


def plan_parts(actions: tuple[ActionView, ...], title: str,
               lang: str) -> tuple[list[str], bytes | None]:
    """The plan as messages; or, when long, one preview message and the whole plan as a file."""
    texts = plan_texts(actions, title, lang)
    if len(actions) <= PLAN_FILE_ACTIONS and len(texts) <= PLAN_FILE_MESSAGES:
        return texts, None
    whole = "\n".join(_plan_lines(actions, title, lang, title_chars=None)) + "\n"
    shown = PLAN_PREVIEW
    while shown > 1 and len("\n".join(_plan_lines(actions[:shown], title, lang))) > \
            PREVIEW_BUDGET:
        shown -= 1
    preview = split_message("\n".join(_plan_lines(actions[:shown], title, lang)))[0]
    note = t(lang, "plan-as-file", count=len(actions), shown=shown)
    return [f"{preview}\n\n{note}"], whole.encode("utf-8")
