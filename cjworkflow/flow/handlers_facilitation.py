"""Team facilitation: /vote, /estimate, /anonymous, /who and the buttons of votes and estimates.

The vote or estimate lives on the step card (one message, edited), so a press costs a toast
to the presser and one debounced card edit, never a new message in the group.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.facilitation import contributions, polls, results, view
from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx, card_reply, require_active, require_facilitator
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits.room import Room
from cjworkflow.members.rules import active
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.reading import parsing
from cjworkflow.schedule.ticks import BATCH, locked_workshops
from cjworkflow.steps import ACTION_STEP, STEPS, priority
from cjworkflow.storage import store
from cjworkflow.storage.models import Action, Entry, Workshop
from cjworkflow.storage.models_polls import Poll, PollKind

_MINUTES = re.compile(r"(\d{1,4})\s*(?:m|min|mins|minutes|minuten)$")
_CLOSE = ("close", "sluit", "stop", "end", "einde")
_SUBJECTS = {"pains": "pains", "pain": "pains", "pijn": "pains", "pijnpunten": "pains",
             "ideas": "ideas", "idea": "ideas", "ideeen": "ideas", "ideeën": "ideas",
             "oplossingen": "ideas", "actions": "actions", "acties": "actions"}
_ON, _OFF = ("on", "aan"), ("off", "uit")


def _timebox(words: list[str], now: datetime, usage: str) -> tuple[list[str], datetime | None]:
    """The words without a trailing '10m', and when that closes the poll."""
    if words and (m := _MINUTES.fullmatch(words[-1])):
        minutes = int(m[1])
        if not 1 <= minutes <= polls.MAX_MINUTES:
            raise UserError(usage)
        return words[:-1], now + timedelta(minutes=minutes)
    return words, None


def _opening(ctx: Ctx) -> list[str] | None:
    """The command's words when it opens a poll; None when it closes the open one. Opening
    while a vote or estimate is open is refused."""
    require_active(ctx)
    words = ctx.cmd.text.lower().split()
    if words[:1] and words[0] in _CLOSE:
        return None
    if polls.open_poll(ctx.session, ctx.wid) is not None:
        raise UserError("poll-already-open")
    return words


def on_vote(ctx: Ctx) -> list[Reply]:
    """Open a dot vote (facilitator): /vote [pains|ideas|actions] [dots] [10m]; /vote close."""
    words = _opening(ctx)
    if words is None:
        return close_open(ctx)
    words, closes_at = _timebox(words, ctx.now, "vote-usage")
    subject = _SUBJECTS.get(words.pop(0), "") if words and not parsing.is_number(words[0]) \
        else "pains"
    dots = polls.DEFAULT_DOTS
    if words and parsing.is_number(words[0]):
        dots = int(words.pop(0))
        if not 1 <= dots <= polls.MAX_DOTS:
            raise UserError("vote-dots-bound", max=polls.MAX_DOTS)
    if not subject or words:
        raise UserError("vote-usage")
    found = polls.candidates(ctx.session, ctx.wid, subject)
    if not found:
        raise UserError("vote-nothing", subject=t(ctx.lang, f"vote-subject-{subject}"))
    kept = found[:polls.MAX_VOTE_ITEMS]
    polls.start(ctx.session, ctx.wid, PollKind.VOTE, subject, [i for i, _ in kept], dots=dots,
                closes_at=closes_at)
    store.touch(ctx.ws)
    note = t(ctx.ws.language, "vote-opened", dots=dots,
             subject=t(ctx.ws.language, f"vote-subject-{subject}"))
    if len(found) > len(kept):
        note += "\n" + t(ctx.ws.language, "poll-first", shown=len(kept), count=len(found))
    return [card_reply(ctx, note=note)]


def on_estimate(ctx: Ctx) -> list[Reply]:
    """Open a team estimate (facilitator): /estimate [number|all] [10m]; /estimate close."""
    words = _opening(ctx)
    if words is None:
        return close_open(ctx)
    words, closes_at = _timebox(words, ctx.now, "estimate-usage")
    ordered = priority.prioritise(store.actions(session=ctx.session, workshop_id=ctx.wid))
    if words and parsing.is_number(words[0]) and len(words) == 1:
        number = int(words[0])
        if not 1 <= number <= len(ordered):
            raise UserError("estimate-no-action", number=number, count=len(ordered))
        ids = [ordered[number - 1].id or 0]
    elif words in ([], ["all"], ["alle"]):
        ids = [a.id or 0 for a in ordered if a.impact is None or a.effort is None]
        if not ids:
            raise UserError("estimate-nothing")
    else:
        raise UserError("estimate-usage")
    kept = ids[:polls.MAX_ESTIMATE_ITEMS]
    polls.start(ctx.session, ctx.wid, PollKind.ESTIMATE, "actions", kept, closes_at=closes_at)
    store.touch(ctx.ws)
    note = t(ctx.ws.language, "estimate-opened", count=len(kept))
    if len(ids) > len(kept):
        note += "\n" + t(ctx.ws.language, "poll-first", shown=len(kept), count=len(ids))
    return [card_reply(ctx, note=note)]


def close_open(ctx: Ctx) -> list[Reply]:
    """Close the workshop's open vote or estimate and show what it found."""
    poll = polls.open_poll(ctx.session, ctx.wid)
    if poll is None:
        raise UserError("poll-none-open")
    return closed_replies(ctx.session, ctx.ws, poll, ctx.now)


def closed_replies(session: Session, ws: Workshop, poll: Poll, now: datetime) -> list[Reply]:
    """Close poll; its results for the workshop's chat and the card edit."""
    outcome = polls.close(session, poll, now)
    store.touch(ws)
    lang, wid = ws.language, ws.id or 0
    return [Reply(text=view.results_text(poll, outcome, lang), dest=Dest.WORKSHOP,
                  chat_ref=ws.chat_ref, lang=lang, workshop_id=wid),
            Reply(kind=Kind.CARD_EDIT, dest=Dest.WORKSHOP, chat_ref=ws.chat_ref, lang=lang,
                  workshop_id=wid)]


def claim_due(session: Session, now: datetime, *, postgres: bool) -> list[Reply]:
    """Close the votes and estimates whose timebox ran out (the schedule's tick)."""
    due = select(Poll.workshop_id).where(col(Poll.closed_at).is_(None),
                                         col(Poll.closes_at) <= now)
    q = (select(Workshop).where(col(Workshop.id).in_(due)).order_by(col(Workshop.id))
         .limit(BATCH))
    out: list[Reply] = []
    for ws in locked_workshops(session, q, postgres):
        poll = polls.open_poll(session, ws.id or 0)
        if poll is not None and poll.closes_at is not None and poll.closes_at <= now:
            out += closed_replies(session, ws, poll, now)
    return out


def on_anonymous(ctx: Ctx) -> list[Reply]:
    """Switch anonymous mode (facilitator): /anonymous on|off; without a word, say which."""
    word = ctx.cmd.text.strip().lower()
    if word not in (*_ON, *_OFF, ""):
        raise UserError("anonymous-usage")
    if word:
        ctx.ws.anonymous = word in _ON
        store.touch(ctx.ws)
    key = "anonymous-on" if ctx.ws.anonymous else "anonymous-off"
    replies = [Reply(text=t(ctx.ws.language, key), dest=Dest.WORKSHOP, workshop_id=ctx.wid)]
    return replies + ([card_reply(ctx, kind=Kind.CARD_EDIT)] if word else [])


def on_who(ctx: Ctx) -> list[Reply]:
    """Who added how much per step (facilitator; not in anonymous mode)."""
    if ctx.ws.anonymous:
        raise UserError("who-anonymous")
    rows = contributions.counts(ctx.session, ctx.wid)
    lines = [t(ctx.lang, "who-head", title=clip(ctx.ws.title, 100))]
    for label, per in rows:
        total = sum(per.values())
        steps = " · ".join(f"{st.number}: {per[st.number]}" for st in STEPS if per.get(st.number))
        lines.append(t(ctx.lang, "who-line", name=clip(label, 60), total=total,
                       steps=steps or "—"))
    quiet = [label for label, per in rows if sum(per.values()) == 0]
    if quiet:
        lines.append("\n" + t(ctx.lang, "who-quiet", names=", ".join(quiet[:20])))
    return [Reply(text="\n".join(lines)[:4000], workshop_id=ctx.wid)]


def _card_edits(ctx: Ctx) -> list[Reply]:
    """The group's card edited; pressed on a private card, that one too."""
    edits = [card_reply(ctx, kind=Kind.CARD_EDIT)]
    if ctx.cmd.private and ctx.ws.chat_ref:
        mine = card_reply(ctx, kind=Kind.CARD_EDIT)
        mine.dest = Dest.ORIGIN
        edits.append(mine)
    return edits


def press_dot(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """A dot put on an item, or taken back from it."""
    item_id = p.int_arg(1)
    poll = polls.pressable(ctx.session, ctx.wid, p.int_arg(0), ctx.member, item_id)
    if poll.kind != PollKind.VOTE:
        raise UserError("button-unknown")
    assert ctx.member is not None
    here, left = polls.put_dot(ctx.session, poll, ctx.member.id or 0, item_id,
                               1 if p.args[2] == "+" else -1, ctx.now)
    store.touch(ctx.ws)
    text = polls.item_text(ctx.session, poll, item_id)
    return [Reply(text=t(ctx.lang, "vote-dot", text=clip(text, 60), here=here, left=left),
                  kind=Kind.ALERT), *_card_edits(ctx)]


def press_estimate(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """A member's hidden impact or effort for an action."""
    item_id = p.int_arg(1)
    poll = polls.pressable(ctx.session, ctx.wid, p.int_arg(0), ctx.member, item_id)
    if poll.kind != PollKind.ESTIMATE:
        raise UserError("button-unknown")
    assert ctx.member is not None
    impact, effort = polls.put_estimate(ctx.session, poll, ctx.member.id or 0, item_id,
                                        p.args[2], p.int_arg(3), ctx.now)
    store.touch(ctx.ws)
    action = ctx.session.get(Action, item_id)
    return [Reply(text=t(ctx.lang, "estimate-mine", title=clip(action.title if action else "", 60),
                         impact=impact or "?", effort=effort or "?"), kind=Kind.ALERT),
            *_card_edits(ctx)]


def press_close(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """The card's close button (facilitator)."""
    require_facilitator(ctx)
    poll = ctx.session.get(Poll, p.int_arg(0))
    if poll is None or poll.workshop_id != ctx.wid:
        raise UserError("button-unknown")
    if poll.closed_at is not None:
        raise UserError("poll-closed")
    return closed_replies(ctx.session, ctx.ws, poll, ctx.now)


def press_make_action(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """A top-voted pain or idea made an action in one tap (step 8)."""
    require_active(ctx)
    if ctx.ws.current_step != ACTION_STEP.number:
        raise UserError("button-expired", step=ctx.ws.current_step)
    if not active(ctx.member):
        raise UserError("poll-not-member")
    entry = ctx.session.get(Entry, p.int_arg(0))
    if entry is None or entry.workshop_id != ctx.wid:
        raise UserError("button-unknown")
    ref = results.ACTION_REF.format(entry=entry.id)
    if store.input_seen(session=ctx.session, workshop_id=ctx.wid, source_ref=ref, action=True):
        raise UserError("vote-already-action", text=clip(entry.text, 60))
    if entry.id not in {e.id for e, _ in results.offers(ctx.session, ctx.wid)}:
        raise UserError("button-unknown")  # only what a vote put on top is offered
    Room(ctx.session, ctx.wid).take_action()
    assert ctx.member is not None
    ctx.session.add(Action(workshop_id=ctx.wid, title=entry.text[:500], stage_id=entry.stage_id,
                           author_id=ctx.member.id, source_ref=ref))
    ctx.session.flush()
    store.touch(ctx.ws)
    return [Reply(text=t(ctx.lang, "vote-made-action", text=clip(entry.text, 60)),
                  kind=Kind.ALERT), *_card_edits(ctx)]
