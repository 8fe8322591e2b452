"""The customer's side of a survey: opened by its link, scored stage by stage with faces.

A customer is anyone who opens the link: never a member, never shown the team's content
(only the journey's title as the customer knows it and the stage names). One response per
customer per survey; opening the link again walks the stages again to change it. Typed
lines reach the survey while the customer is answering (SurveyResponse.listening_until):
a line right after a face says what happened at that stage; after the last stage it is the
closing comment.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.context import Ctx
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits.voice import MAX_COMMENT, MAX_NOTE, MAX_RESPONSES, MAX_SCORE
from cjworkflow.messages import Command, Kind, Reply
from cjworkflow.reading.lines import clean_text
from cjworkflow.steps import stages as stage_models
from cjworkflow.storage import persons, surveys, workshops
from cjworkflow.storage.models import Stage, Workshop
from cjworkflow.storage.models_voice import Survey, SurveyResponse
from cjworkflow.storage.store import touch_now

# Scores 1 to 5, left to right.
FACES = ("😠", "🙁", "😐", "🙂", "😄")
ANSWER = "vq"  # vq:0:<response>:<stage position>:<score, 0 = skip>
NO_COMMENT = "vn"  # vn:0:<response>: no closing comment


def _label(ws: Workshop, st: Stage, lang: str) -> str:
    return stage_models.label(ws.stage_model, st.key, st.label, lang)


def _question(session: Session, lang: str, ws: Workshop, stages: list[Stage],
              resp: SurveyResponse, position: int, before: str = "") -> Reply:
    """The question about stage position: five faces in one row, skip below."""
    st = stages[position]
    text = t(lang, "survey-question", n=position + 1, total=len(stages),
             stage=clip(_label(ws, st, lang), 60))
    earlier = surveys.scores_of(session=session, response_id=resp.id or 0).get(st.id or 0)
    if earlier is not None and earlier.score:
        text += "\n" + t(lang, "survey-earlier", face=FACES[earlier.score - 1])
    rid = resp.id or 0
    faces = [buttons.make(face, ANSWER, 0, rid, position, score)
             for score, face in enumerate(FACES, start=1)]
    skip = [buttons.make(t(lang, "survey-btn-skip"), ANSWER, 0, rid, position, 0)]
    return Reply(text=(before + "\n\n" + text).strip(), buttons=[faces, skip])


def _closing(lang: str, resp: SurveyResponse, before: str = "") -> Reply:
    text = t(lang, "survey-comment")
    return Reply(text=(before + "\n\n" + text).strip(),
                 buttons=[[buttons.make(t(lang, "survey-btn-no-comment"), NO_COMMENT, 0,
                                        resp.id or 0)]])


def open_link(ctx: Ctx, code: str) -> list[Reply]:
    """A customer opened a survey link: greet them and ask about the first stage."""
    survey = surveys.by_code(session=ctx.session, code=code)
    if survey is None or survey.closed_at is not None:
        raise UserError("survey-closed")
    ws = ctx.session.get(Workshop, survey.workshop_id)
    if ws is None:
        raise UserError("survey-closed")
    stages = workshops.stages_of(session=ctx.session, workshop_id=ws.id or 0)
    resp = surveys.response_of(session=ctx.session, survey_id=survey.id or 0,
                               person_id=ctx.person.id or 0, round_=survey.round)
    again = resp is not None
    if resp is None:
        if surveys.all_responses(session=ctx.session, workshop_id=ws.id or 0) >= MAX_RESPONSES:
            raise UserError("survey-full")
        resp = SurveyResponse(workshop_id=ws.id or 0, survey_id=survey.id, round=survey.round,
                              respondent_id=ctx.person.id, source="chat", created_at=ctx.now)
        ctx.session.add(resp)
    resp.asking, resp.note_stage_id, resp.finished_at = 0, None, None
    surveys.listen(resp, ctx.now)
    ctx.session.flush()
    hello = t(ctx.lang, "survey-hello-again" if again else "survey-hello",
              title=clip(survey.title, 200), count=len(stages))
    return [_question(ctx.session, ctx.lang, ws, stages, resp, 0, before=hello)]


def _mine(ctx: Ctx, pressed: buttons.Pressed) -> tuple[SurveyResponse, Survey, Workshop]:
    """The response a press is about: only its own customer may press, on an open survey."""
    resp = ctx.session.get(SurveyResponse, pressed.int_arg(0))
    if resp is None or resp.respondent_id != ctx.person.id or not ctx.cmd.private:
        raise UserError("button-unknown")
    survey = ctx.session.get(Survey, resp.survey_id) if resp.survey_id else None
    ws = ctx.session.get(Workshop, resp.workshop_id)
    if survey is None or survey.closed_at is not None or ws is None:
        raise UserError("survey-closed")
    return resp, survey, ws


def press_answer(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """A face (or skip) pressed: stored, and the next stage asked (or the closing comment)."""
    resp, _, ws = _mine(ctx, pressed)
    stages = workshops.stages_of(session=ctx.session, workshop_id=ws.id or 0)
    position, score = pressed.int_arg(1), pressed.int_arg(2)
    if position >= len(stages) or score > MAX_SCORE:
        raise UserError("button-unknown")
    st = stages[position]
    surveys.set_score(session=ctx.session, response_id=resp.id or 0, stage_id=st.id or 0,
                      score=score or None)
    # The map's customers' curve changed: cached renders must not be served. One UPDATE
    # (version + 1): the workshop is not locked here, and entries may bump it meanwhile.
    touch_now(session=ctx.session, workshop=ws)
    surveys.listen(resp, ctx.now)
    lang = ctx.lang
    noted = Reply(text=t(lang, "survey-noted" if score else "survey-skipped"), kind=Kind.ALERT)
    if resp.asking != position:
        # An earlier question's buttons: the answer changes, the conversation stays where it is.
        return [noted]
    resp.note_stage_id = (st.id or 0) if score else None
    hint = t(lang, "survey-tell", stage=clip(_label(ws, st, lang), 60)) if score else ""
    if position + 1 < len(stages):
        resp.asking = position + 1
        return [noted, _question(ctx.session, lang, ws, stages, resp, position + 1, before=hint)]
    resp.asking = len(stages)
    return [noted, _closing(lang, resp, before=hint)]


def _touch(session: Session, resp: SurveyResponse) -> None:
    ws = session.get(Workshop, resp.workshop_id)
    if ws is not None:
        touch_now(session=session, workshop=ws)


def _finish(resp: SurveyResponse, lang: str, now: datetime) -> list[Reply]:
    resp.asking, resp.note_stage_id, resp.listening_until = None, None, None
    resp.finished_at = now
    return [Reply(text=t(lang, "survey-thanks"))]


def press_no_comment(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """No closing comment: the response is complete."""
    resp, _, _ = _mine(ctx, pressed)
    if resp.asking is None:
        return [Reply(text=t(ctx.lang, "survey-done-already"), kind=Kind.ALERT)]
    return _finish(resp, ctx.lang, ctx.now)


def heard(session: Session, cmd: Command, now: datetime,
          default_language: str) -> list[Reply] | None:
    """A customer's typed line while answering a survey (its update's receipt claimed by
    the caller); None: it is not for a survey."""
    resp = surveys.listening(session=session, external_id=cmd.actor.external_id, now=now)
    if resp is None or resp.asking is None:
        return None
    person = persons.upsert_person(session=session, actor=cmd.actor)
    lang = normalise_lang(person.language or cmd.actor.language, default_language)
    survey = session.get(Survey, resp.survey_id) if resp.survey_id else None
    if survey is None or survey.closed_at is not None:
        # Revoked while they were answering: their chat is the bot's usual one again.
        resp.listening_until = None
        return [Reply(text=t(lang, "survey-closed"))]
    text = clean_text(" ".join(cmd.text.split()))
    if not text:
        return []
    stages = workshops.stages_of(session=session, workshop_id=resp.workshop_id)
    surveys.listen(resp, now)
    if resp.asking >= len(stages):
        if len(text) > MAX_COMMENT:
            raise UserError("survey-too-long", max=MAX_COMMENT).speaking(lang)
        resp.comment = text
        _touch(session, resp)
        return _finish(resp, lang, now)
    if resp.note_stage_id is None:
        raise UserError("survey-face-first").speaking(lang)
    if len(text) > MAX_NOTE:
        raise UserError("survey-too-long", max=MAX_NOTE).speaking(lang)
    row = surveys.scores_of(session=session, response_id=resp.id or 0).get(resp.note_stage_id)
    if row is None:
        raise UserError("survey-face-first").speaking(lang)
    row.note = text
    _touch(session, resp)
    return [Reply(text=t(lang, "survey-note-noted"), kind=Kind.MESSAGE)]
