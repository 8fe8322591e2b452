"""Journey templates pressed: the list (from the welcome) and a workshop started from one."""

from __future__ import annotations

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx
from cjworkflow.flow.handlers import new_workshop
from cjworkflow.flow.template_buttons import templates_offered
from cjworkflow.i18n import t
from cjworkflow.messages import Reply
from cjworkflow.steps import templates
from cjworkflow.storage import entry_sql, store, workshops
from cjworkflow.storage.models import EntryKind


def press_list(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """The welcome's button: the templates to pick from."""
    return [Reply(text=t(ctx.lang, "templates-head"), buttons=templates_offered(ctx.lang))]


def press_pick(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """A template picked: a workshop with its title, stages and example touchpoints."""
    key = pressed.args[0] if pressed.args else ""
    if key not in templates.KEYS:
        raise UserError("button-unknown")
    title = templates.title(key, ctx.lang)

    def seed(made: Ctx) -> str:
        stages = [(s.id or 0, s.label)
                  for s in workshops.stages_of(session=made.session, workshop_id=made.wid)]
        examples = templates.touchpoints(key, made.lang, stages)
        for i, entry in enumerate(examples):
            entry_sql.add_entry(session=made.session, workshop_id=made.wid,
                                kind=EntryKind(entry.kind), step=templates.touchpoint_step(),
                                text=entry.text, author_id=None,
                                source_ref=f"template:{key}:{made.wid}:{i}", **entry.extra)
        store.touch(made.ws)
        return t(made.lang, "template-created", title=title, count=len(examples))

    return new_workshop(ctx, title, model="custom",
                        custom=templates.stage_labels(key, ctx.lang), seed=seed)
