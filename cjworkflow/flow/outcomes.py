"""What a handled input answers: its replies, their language and where they go.

Shared by the engine, the handler context and the entry path (cjworkflow.flow.entry), which
answer alike.
"""

from __future__ import annotations

from functools import lru_cache

from cjworkflow.flow.entry_context import Outcome, Said
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.messages import Dest, Kind, Reply


def reply_language(workshop_language: str, person_language: str | None, *,
                   in_group: bool) -> str:
    """The language a workshop's reply uses: the workshop's in its own group, else the
    person's own (when they set one)."""
    if in_group or not person_language:
        return workshop_language
    return normalise_lang(person_language)


def card_edit(workshop_id: int) -> Reply:
    """The marker that a workshop's living card changed."""
    return Reply(kind=Kind.CARD_EDIT, dest=Dest.WORKSHOP, workshop_id=workshop_id)


def outcome_replies(out: Outcome, *, lang: str, wid: int, mirror: bool) -> list[Reply]:
    """Acknowledge stored input lightly, report problems, ask the next follow-up; mirror:
    the card is also kept up to date in the private chat the input came from."""
    replies: list[Reply] = []
    if out.stored:
        said = [s for s in out.stored if type(s) is Said]
        if not said:  # the usual case, on every entry: nothing more to sort
            ack = stored_text(lang, len(out.stored), out.stored[-1][:200])
        else:
            added = [s for s in out.stored if type(s) is not Said]
            ack = "\n".join(([stored_text(lang, len(added), added[-1][:200])] if added else [])
                            + [f"👍 {s[:200]}" for s in said[-3:]])
        replies.append(Reply(text=ack, kind=Kind.ACK, workshop_id=wid))
    if out.problems:
        replies.append(Reply(text="\n".join(out.problems)[:4000], workshop_id=wid))
    if out.question:
        text, rows = out.question
        replies.append(Reply(text=text, buttons=rows, force_reply=True, workshop_id=wid))
    replies.extend(out.extra)
    if out.changed:
        replies.append(card_edit(wid))
        if mirror:
            mine = card_edit(wid)
            mine.dest = Dest.ORIGIN
            replies.append(mine)
    return replies


def address(replies: list[Reply], lang: str, workshop: tuple[str, str | None] | None) -> None:
    """Fill in where workshop replies go and which language card edits use, given the
    command's language and the workshop's language and chat."""
    for reply in replies:
        if reply.lang is None:
            group = reply.dest is Dest.WORKSHOP and workshop is not None and workshop[1]
            reply.lang = workshop[0] if (group and workshop is not None) else lang
        if reply.dest is Dest.WORKSHOP and workshop is not None and reply.chat_ref is None:
            reply.chat_ref = workshop[1]


# Stands in for $last: Fluent puts a string argument into the text as it is.
_LAST = "\x00last\x00"


@lru_cache(maxsize=64)
def _stored_template(lang: str, count: int) -> str:
    return t(lang, "entry-stored", count=count, last=_LAST)


def stored_text(lang: str, count: int, last: str) -> str:
    """t(lang, "entry-stored", count=…, last=…), formatted by Fluent once per lang and count."""
    template = _stored_template(lang, count)
    if _LAST in last or template.count(_LAST) != 1:
        return t(lang, "entry-stored", count=count, last=last)
    return template.replace(_LAST, last)
