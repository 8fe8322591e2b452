"""A customer's way out: /cancel stops the survey they are answering; /forget and /mydata
for customers: what a survey respondent is told and how it is erased."""

from __future__ import annotations

from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx
from cjworkflow.i18n import t
from cjworkflow.messages import Reply
from cjworkflow.storage import surveys
from cjworkflow.storage.personal_data import Erased, Footprint


def customer_only(fp: Footprint) -> bool:
    """Whether all a person left are survey responses (a customer, no team member)."""
    return bool(fp.responses) and not (fp.workshops or fp.entries or fp.actions_written
                                       or fp.actions_owned or fp.scores or fp.created)


def forget_customer(ctx: Ctx, fp: Footprint) -> list[Reply]:
    """A customer's /forget: their responses and account go; erase or cancel."""
    pid = ctx.person.id or 0
    text = t(ctx.lang, "forget-customer-explain",
             responses=t(ctx.lang, "privacy-responses", count=fp.responses))
    rows = [[buttons.make(t(ctx.lang, "forget-customer-btn"), "fg", 0, pid, "d")],
            [buttons.make(t(ctx.lang, "btn-forget-cancel"), "fg", 0, pid, "c")]]
    return [Reply(text=text, buttons=rows)]


def responses_line(lang: str, fp: Footprint) -> str:
    """The line /forget's explanation adds for a member who also answered surveys."""
    if not fp.responses:
        return ""
    return "\n" + t(lang, "forget-responses",
                    responses=t(lang, "privacy-responses", count=fp.responses))


def erased_lines(lang: str, done: Erased, lines: list[str]) -> list[str]:
    """What /forget says it did, the survey responses included (alone for a customer)."""
    if not done.responses_deleted:
        return lines
    said = t(lang, "forget-customer-done",
             responses=t(lang, "privacy-responses", count=done.responses_deleted))
    team = (done.entries_kept or done.entries_deleted or done.actions_deleted
            or done.actions_unowned or done.deleted_titles or done.scores_deleted)
    return [*lines, said] if team else [said]


def stop_survey(ctx: Ctx) -> bool:
    """/cancel while answering a survey: it stops taking the person's lines (what they
    answered stays; the link walks the stages again); whether one was listening."""
    resp = surveys.listening(session=ctx.session, external_id=ctx.person.external_id or "",
                             now=ctx.now)
    if resp is None:
        return False
    resp.listening_until, resp.asking, resp.note_stage_id = None, None, None
    return True
