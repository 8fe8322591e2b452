"""/kick and /members: a facilitator removes someone (after confirming) and sees everyone."""

from __future__ import annotations

from datetime import datetime

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx, require_facilitator
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.members import rules
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.storage import persons
from cjworkflow.storage.models import Member, Person, Removal, Role

KICK = "kk"  # the confirmation button: kk:<workshop>:<member>:y|n
MAX_LISTED = 100


def _name(p: Person) -> str:
    return f"@{p.handle}" if p.handle else p.display_name


def on_kick(ctx: Ctx) -> list[Reply]:
    """Ask the facilitator to confirm removing a member (by @handle or by name)."""
    text = " ".join(ctx.cmd.text.split())
    if not text:
        raise UserError("kick-usage")
    handle = text[1:] if text.startswith("@") else None
    hits = rules.find(ctx.session, ctx.wid, handle=handle, name=None if handle else text,
                      removed=True)
    if len(hits) != 1:
        raise UserError("kick-ambiguous" if hits else "kick-unknown", name=clip(text, 40))
    target = hits[0]
    if target.removal == Removal.KICKED:
        raise UserError("kick-already", name=clip(text, 40))
    _may_kick(ctx, target)
    person = ctx.session.get(Person, target.person_id)
    name = _name(person) if person is not None else "?"
    rows = [[buttons.make(t(ctx.lang, "btn-kick"), KICK, ctx.wid, target.id or 0, "y"),
             buttons.make(t(ctx.lang, "btn-kick-cancel"), KICK, ctx.wid, target.id or 0, "n")]]
    return [Reply(text=t(ctx.lang, "kick-confirm", name=name, title=clip(ctx.ws.title, 100)),
                  buttons=rows)]


def _may_kick(ctx: Ctx, target: Member) -> None:
    """Nobody kicks themselves, and a workshop keeps at least one facilitator."""
    if ctx.member is not None and target.id == ctx.member.id:
        raise UserError("kick-self")
    if target.role == Role.FACILITATOR:
        others = [m for m, _ in persons.members_with_people(session=ctx.session,
                                                             workshop_id=ctx.wid)
                  if m.role == Role.FACILITATOR and rules.active(m) and m.id != target.id]
        if not others:
            raise UserError("kick-last-facilitator")


def press_kick(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """The /kick confirmation pressed: y removes the member, n changes nothing."""
    require_facilitator(ctx)
    target = ctx.session.get(Member, pressed.int_arg(0))
    choice = pressed.args[1] if len(pressed.args) > 1 else ""
    if target is None or target.workshop_id != ctx.wid or choice not in ("y", "n"):
        raise UserError("button-unknown")
    if choice == "n":
        return [Reply(text=t(ctx.lang, "kick-cancelled"), kind=Kind.ALERT)]
    person = ctx.session.get(Person, target.person_id)
    name = _name(person) if person is not None else "?"
    if target.role == Role.NAME or target.removal == Removal.KICKED:
        raise UserError("kick-already", name=clip(name, 40))
    _may_kick(ctx, target)
    rules.remove(ctx.session, target, Removal.KICKED, ctx.now)
    done = t(ctx.lang, "kicked", name=name, title=clip(ctx.ws.title, 100))
    out = [Reply(text=t(ctx.lang, "kick-done-alert", name=name), kind=Kind.ALERT),
           Reply(text=done, workshop_id=ctx.wid)]
    if ctx.cmd.private and ctx.ws.chat_ref:
        # The group hears of it too: what the person sends there is no longer stored.
        out.append(Reply(text=t(ctx.ws.language, "kicked-group", name=name),
                         dest=Dest.WORKSHOP, workshop_id=ctx.wid))
    return out


def _ago(lang: str, then: datetime, now: datetime) -> str:
    """'3 d', '5 h', '12 min' ago, coarsely."""
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes >= 2 * 1440:
        return t(lang, "ago-days", count=minutes // 1440)
    if minutes >= 120:
        return t(lang, "ago-hours", count=minutes // 60)
    return t(lang, "ago-minutes", count=minutes)


def member_line(lang: str, m: Member, p: Person, now: datetime) -> str:
    """One /members line: name, role, joined how long ago, and whether they left."""
    if m.role == Role.NAME:
        return t(lang, "members-line-name", name=clip(_name(p), 60))
    line = t(lang, "members-line", name=clip(_name(p), 60), role=t(lang, f"role-{m.role}"),
             ago=_ago(lang, m.joined_at, now))
    if m.removed_at is not None:
        line += " · " + t(lang, f"members-{m.removal or Removal.LEFT}",
                          ago=_ago(lang, m.removed_at, now))
    return line


def on_members(ctx: Ctx) -> list[Reply]:
    """Everyone in the workshop (facilitators): role, when they joined, who left, names."""
    rows = persons.members_with_people(session=ctx.session, workshop_id=ctx.wid)
    # Current members first, then those who left or were removed, then names.
    rows.sort(key=lambda mp: (mp[0].role == Role.NAME, mp[0].removed_at is not None,
                              mp[0].id or 0))
    lines = [t(ctx.lang, "members-head", title=clip(ctx.ws.title, 100),
               count=sum(rules.active(m) for m, _ in rows))]
    lines += [member_line(ctx.lang, m, p, ctx.now) for m, p in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        lines.append(t(ctx.lang, "members-more", count=len(rows) - MAX_LISTED))
    return [Reply(text="\n".join(lines)[:4000], workshop_id=ctx.wid)]
