"""Workshop settings and housekeeping: language, stages, codes, roles, privacy, deletion."""

from __future__ import annotations

from dataclasses import replace

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx, addressed, card_reply, require_facilitator
from cjworkflow.i18n import LANGUAGES, normalise_lang, t
from cjworkflow.i18n.fmt import clip
from cjworkflow.members import rules
from cjworkflow.messages import Attachment, Dest, Kind, Reply
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.steps import FIRST, stages
from cjworkflow.storage import personal_data, persons, store, workshops
from cjworkflow.storage.models import (
    Person,
    Role,
)
from cjworkflow.voice import privacy


def on_lang(ctx: Ctx) -> list[Reply]:
    """Switch language: the workshop's (facilitator, in its group) or my own (private)."""
    choice = ctx.cmd.text.strip().lower()
    ws = ctx.workshop  # required in a group, the active one if any in private
    if choice not in LANGUAGES:
        rows = [[buttons.make(label, "ln", ctx.wid if ws else 0, code)
                 for code, label in (("nl", "Nederlands"), ("en", "English"))]]
        return [Reply(text=t(ctx.lang, "lang-choose"), buttons=rows)]
    if ctx.cmd.private:
        ctx.person.language = choice
        return addressed(replace(ctx, lang=choice), [Reply(text=t(choice, "lang-set-me"))])
    require_facilitator(ctx)
    ctx.ws.language = choice
    workshops.relabel_stages(session=ctx.session, workshop=ctx.ws)
    store.touch(ctx.ws)
    ctx = replace(ctx, lang=choice)
    return addressed(ctx, [Reply(text=t(choice, "lang-set-workshop")), card_reply(ctx)])


def on_stages(ctx: Ctx) -> list[Reply]:
    """Show or change the stage model: 5, 7 or a custom comma-separated list."""
    text = ctx.cmd.text.strip()
    labels = [s.label for s in workshops.stages_of(session=ctx.session, workshop_id=ctx.wid)]
    if not text:
        rows = [[buttons.make(t(ctx.lang, "btn-model-five"), "sm", ctx.wid, "five"),
                 buttons.make(t(ctx.lang, "btn-model-seven"), "sm", ctx.wid, "seven")]]
        return [Reply(text=t(ctx.lang, "stages-show", stages=stages.describe(labels),
                             explain=t(ctx.lang, "stage-models-explain")), buttons=rows)]
    require_facilitator(ctx)
    return set_stage_model(ctx, text)


def set_stage_model(ctx: Ctx, text: str) -> list[Reply]:
    """Switch to the five or seven phases or a custom list, keeping every entry."""
    try:
        model, custom = stages.parse_model(text)
        rows = workshops.set_stages(session=ctx.session, workshop=ctx.ws, model=model,
                                    custom=custom)
    except stages.StageModelError as e:
        raise UserError(e.key, **e.args_) from None
    store.touch(ctx.ws)
    return [Reply(text=t(ctx.lang, "stages-set", stages=stages.describe([s.label for s in rows])),
                  dest=Dest.WORKSHOP, workshop_id=ctx.wid), card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_cancel(ctx: Ctx) -> list[Reply]:
    """Drop my open follow-up questions (privately also a survey I am answering); stored
    entries and answers stay."""
    if ctx.cmd.private and privacy.stop_survey(ctx):
        return [Reply(text=t(ctx.lang, "survey-stopped"))]
    ws = ctx.workshop
    dropped = 0
    if ws is not None and ctx.member is not None:
        dropped = store.clear_pending(session=ctx.session, workshop_id=ctx.wid,
                                      member_id=ctx.member.id or 0)
    return [Reply(text=t(ctx.lang, "cancelled" if dropped else "cancel-nothing"))]


def on_renew(ctx: Ctx) -> list[Reply]:
    """A new join code; the old link stops working."""
    ctx.ws.join_code = workshops.new_join_code()
    link = ctx.engine.join_link(ctx.ws.join_code)
    return [Reply(text=t(ctx.lang, "renewed", link=link))]


def on_promote(ctx: Ctx) -> list[Reply]:
    """Make a member co-facilitator (by @handle)."""
    handle = ctx.cmd.text.strip().lstrip("@")
    for m, p in persons.members_with_people(session=ctx.session, workshop_id=ctx.wid):
        if handle and p.handle and p.handle.lower() == handle.lower() and rules.active(m):
            m.role = Role.FACILITATOR
            return [Reply(text=t(ctx.lang, "promoted", name="@" + p.handle), dest=Dest.WORKSHOP)]
    raise UserError("promote-unknown", name=clip(handle or "?", 40))


FORGET_CHOICES = {"k": True, "d": False}  # keep my entries anonymous / erase them too
FORGET_CANCEL = "c"


def _n(lang: str, what: str, count: int) -> str:
    """'3 entries', '1 entry': a count with its noun, in lang."""
    return t(lang, f"privacy-{what}", count=count)


def on_forget(ctx: Ctx) -> list[Reply]:
    """Explain what erasing my personal data does and offer the choice; nothing changes yet."""
    p = ctx.person
    fp = personal_data.footprint(ctx.session, p)
    if fp.empty:
        # Only the person row is stored (perhaps made by this very command): it goes at once.
        personal_data.erase(ctx.session, p, keep_entries=True)
        return [Reply(text=t(ctx.lang, "forget-nothing"))]
    if privacy.customer_only(fp):
        return privacy.forget_customer(ctx, fp)
    privately = ctx.cmd.private or bool(p.private_chat_ok and p.external_id)
    # A button shown in a group works only in that group's chat (a forged press elsewhere
    # is refused); one shown privately works wherever its owner presses it.
    here = None if privately else workshops.workshop_for_chat(session=ctx.session,
                                                               chat_ref=ctx.cmd.chat_ref)
    wid = (here.id or 0) if here is not None else 0
    text = t(ctx.lang, "forget-explain", workshops=_n(ctx.lang, "workshops", fp.workshops),
             entries=_n(ctx.lang, "entries", fp.entries),
             written=_n(ctx.lang, "actions", fp.actions_written),
             owned=_n(ctx.lang, "actions", fp.actions_owned),
             scores=_n(ctx.lang, "scores", fp.scores),
             reminders=_n(ctx.lang, "reminders", fp.reminders))
    text += privacy.responses_line(ctx.lang, fp)
    if privately:
        # Workshop titles and other members' names are for the person's eyes only.
        details = [t(ctx.lang, "forget-detail-delete" if h.deletes else "forget-detail-handoff",
                     title=clip(h.title, 80),
                     name=personal_data.name_of(h.successor_person) if h.successor_person
                     else "") for h in fp.handoffs]
        if details:
            text += "\n\n" + "\n".join([t(ctx.lang, "forget-details-head"), *details])
    else:
        text += "\n\n" + t(ctx.lang, "forget-group-details")
    pid = p.id or 0
    rows = [[buttons.make(t(ctx.lang, "btn-forget-keep"), "fg", wid, pid, "k")],
            [buttons.make(t(ctx.lang, "btn-forget-all"), "fg", wid, pid, "d")],
            [buttons.make(t(ctx.lang, "btn-forget-cancel"), "fg", wid, pid, FORGET_CANCEL)]]
    choice = Reply(text=text[:4000], buttons=rows)
    if ctx.cmd.private or not privately:
        return [choice]
    choice.dest, choice.person_ref = Dest.PERSON, p.external_id
    return [choice, Reply(text=t(ctx.lang, "forget-sent-private"))]


def press_forget(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """A /forget choice pressed: only by the person it was offered to, in its own chat."""
    pid = pressed.int_arg(0)
    choice = pressed.args[1] if len(pressed.args) > 1 else ""
    if choice not in FORGET_CHOICES and choice != FORGET_CANCEL:
        raise UserError("button-unknown")
    if pressed.workshop_id:
        here = None if ctx.cmd.private else workshops.workshop_for_chat(
            session=ctx.session, chat_ref=ctx.cmd.chat_ref)
        if here is None or here.id != pressed.workshop_id:
            raise UserError("button-unknown")
    owner = ctx.session.get(Person, pid)
    if owner is None:
        # Raised, so the person row this press made for the presser is not kept either.
        raise UserError("forget-gone")
    if owner.id != ctx.person.id:
        raise UserError("forget-not-yours")
    if choice == FORGET_CANCEL:
        return [Reply(text=t(ctx.lang, "forget-cancelled"), kind=Kind.ALERT)]
    keep = FORGET_CHOICES[choice]
    done = personal_data.erase(ctx.session, owner, keep_entries=keep)
    lang = ctx.lang
    lines = [t(lang, "forget-done-kept", entries=_n(lang, "entries", done.entries_kept),
               owned=_n(lang, "actions", done.actions_unowned)) if keep else
             t(lang, "forget-done-deleted", entries=_n(lang, "entries", done.entries_deleted),
               actions=_n(lang, "actions", done.actions_deleted),
               owned=_n(lang, "actions", done.actions_unowned))]
    lines = privacy.erased_lines(lang, done, lines)
    if done.deleted_titles:
        lines.append(t(ctx.lang, "forget-done-workshops",
                       titles=", ".join(f'"{clip(x, 60)}"' for x in done.deleted_titles)))
    replies = [Reply(text="\n".join(lines)[:4000])]
    for ws, successor in done.promoted:
        note = t(ws.language, "forget-new-facilitator", title=clip(ws.title, 100),
                 name=personal_data.name_of(successor))
        if ws.chat_ref:
            replies.append(Reply(text=note, dest=Dest.WORKSHOP, chat_ref=ws.chat_ref,
                                 lang=ws.language, workshop_id=ws.id))
        elif successor.external_id and successor.private_chat_ok:
            lang = normalise_lang(successor.language or ws.language)
            note = t(lang, "forget-new-facilitator", title=clip(ws.title, 100),
                     name=personal_data.name_of(successor))
            replies.append(Reply(text=note, dest=Dest.PERSON,
                                 person_ref=successor.external_id, lang=lang,
                                 workshop_id=ws.id))
    for ws in done.touched:
        if ws.chat_ref:
            # The group's living card names authors: it is redrawn without the erased name.
            replies.append(Reply(kind=Kind.CARD_EDIT, dest=Dest.WORKSHOP, chat_ref=ws.chat_ref,
                                 lang=ws.language, workshop_id=ws.id))
    return replies


def on_mydata(ctx: Ctx) -> list[Reply]:
    """A JSON file of everything stored about me; never posted into a group."""
    p = ctx.person
    if not ctx.cmd.private and not (p.private_chat_ok and p.external_id):
        return [Reply(text=t(ctx.lang, "mydata-open-private"))]
    data = personal_data.to_json(personal_data.collect(ctx.session, p, ctx.now))
    # The snapshot only satisfies Attachment's shape: the file is the carried bytes.
    blank = WorkshopSnapshot(id=0, title=personal_data.FORMAT, language=ctx.lang,
                             timezone="UTC", stage_model="five", current_step=FIRST,
                             status="active", created_at=ctx.now, version=0, stages=())
    mine = Reply(text=t(ctx.lang, "mydata-caption"),
                 attachment=Attachment("mydata", blank, ctx.lang, transfer=data))
    if ctx.cmd.private:
        return [mine]
    mine.dest, mine.person_ref = Dest.PERSON, p.external_id
    return [mine, Reply(text=t(ctx.lang, "mydata-sent-private"))]


DELETE_WINDOW_MINUTES = 10  # how long a /delete confirmation button deletes


def on_delete(ctx: Ctx) -> list[Reply]:
    """Ask the facilitator to confirm deleting the workshop; the button expires."""
    asked = int(ctx.now.timestamp() // 60)
    return [Reply(text=t(ctx.lang, "delete-confirm", title=ctx.ws.title),
                  buttons=[[buttons.make(t(ctx.lang, "btn-delete"), "dl", ctx.wid, asked)]])]


def delete_confirmed(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """Delete the workshop after the facilitator confirmed with a fresh button."""
    require_facilitator(ctx)
    # The button says when it was made (minutes since the epoch): a "yes" found later in the
    # chat's history must not delete a workshop that has grown since. A button without the
    # minute predates expiry and counts as expired.
    now = int(ctx.now.timestamp() // 60)
    asked = pressed.int_arg(0) if pressed.args else None
    if asked is None or not 0 <= now - asked <= DELETE_WINDOW_MINUTES:
        raise UserError("delete-expired", minutes=DELETE_WINDOW_MINUTES)
    title = ctx.ws.title
    ctx.session.delete(ctx.ws)
    return [Reply(text=t(ctx.lang, "deleted", title=title))]
