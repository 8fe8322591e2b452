"""The `cjbot` command: run the bot, the demo, the terminal chat, and database chores.

The composition root: it builds the core (cjworkflow) and hands it to an adapter (bot/, the
terminal chat), importing both openly. It lives outside cjworkflow/ because the core never
imports the Telegram adapter. bot/ is imported only by the commands that run it: it loads the
Telegram library, which the demo, the chat and the database chores never need.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from cjworkflow.config import Settings, get_settings

if TYPE_CHECKING:
    from cjworkflow.flow.engine import WorkshopEngine


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as e:
        first = e.errors()[0]
        raise SystemExit(f"cjbot: configuration error: {first.get('msg', e)}") from None


def _engine(url: str, settings: Settings) -> WorkshopEngine:
    from cjworkflow.flow.engine import WorkshopEngine
    from cjworkflow.storage import migrate
    from cjworkflow.storage.db import make_engine

    migrate.ensure_schema(url)
    return WorkshopEngine(make_engine(url), default_language=settings.default_language,
                          default_timezone=settings.default_timezone)


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the sample workshop and write its map, matrix and plan."""
    from cjworkflow import demo
    from cjworkflow.i18n import t

    settings = _settings()
    lang = args.lang or settings.default_language
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # A fresh embedded database per demo run, kept beside the output for a look inside.
    db_file = out / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    engine = _engine(f"sqlite:///{db_file}", settings)
    try:
        wid = demo.build(engine, lang)
        paths = demo.write_outputs(engine, wid, out, lang)
    finally:
        engine.db.dispose()
    print(t(lang, "demo-written", dir=str(out)))
    for path in paths:
        print(f"  {path}")
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """A workshop in the terminal through the same engine."""
    from cjworkflow import chat

    settings = _settings()
    url = args.database_url or settings.resolved_database_url
    engine = _engine(url, settings)
    try:
        return chat.run(engine, out_dir=Path(args.out), lang=args.lang or settings.default_language,
                        history=settings.data_dir / "chat_history")
    finally:
        engine.db.dispose()


def cmd_db(args: argparse.Namespace) -> int:
    """Upgrade the schema, or show its revision."""
    from cjworkflow.storage import migrate

    url = args.database_url or _settings().resolved_database_url
    if args.action == "upgrade":
        migrate.upgrade(url)
    print(f"current: {migrate.current(url)}  head: {migrate.head()}")
    return 0


# What `cjbot export` writes: the images, both reports and every file /export sends.
CLI_EXPORT_KINDS = ("map", "matrix", "pdf", "pdf_a3", "xlsx", "csv", "ics", "markdown",
                    "mermaid", "json")


def cmd_export(args: argparse.Namespace) -> int:
    """Write a workshop's map, matrix, reports, plan files and lossless JSON into a folder."""
    from sqlmodel import Session

    from cjworkflow.i18n import t
    from cjworkflow.messages import Attachment
    from cjworkflow.outputs.produce import produce
    from cjworkflow.storage import transfer
    from cjworkflow.storage.models import Workshop
    from cjworkflow.storage.readmodel import build_snapshot

    settings = _settings()
    engine = _engine(args.database_url or settings.resolved_database_url, settings)
    try:
        with Session(engine.db) as session:
            ws = session.get(Workshop, args.workshop)
            if ws is None:
                lang = args.lang or settings.default_language
                said = t(lang, "cli-no-workshop", id=str(args.workshop))
                print(f"cjbot: {said}", file=sys.stderr)
                return 1
            snap = build_snapshot(session=session, workshop=ws)
            lossless = transfer.export_bytes(session, args.workshop)
    finally:
        engine.db.dispose()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lang = args.lang or snap.language
    for kind in CLI_EXPORT_KINDS:
        produced = produce(Attachment(kind, snap, lang))
        # The snapshot alone makes the summary JSON; the file to keep is the lossless one.
        data = lossless if kind == "json" else produced.data
        (out / produced.filename).write_bytes(data)
        print(out / produced.filename)
    return 0


def _read_file(path: str) -> bytes | None:
    """The file's bytes, or None after saying on stderr why it could not be read."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        print(f"cjbot: {path}: {e.strerror or e}", file=sys.stderr)
        return None


def cmd_import(args: argparse.Namespace) -> int:
    """Create a new workshop from a lossless JSON export; print its id."""
    from cjworkflow.errors import UserError
    from cjworkflow.i18n import t
    from cjworkflow.storage import transfer
    from cjworkflow.storage.db import transaction

    settings = _settings()
    lang = args.lang or settings.default_language
    raw = _read_file(args.file)
    if raw is None:
        return 1
    engine = _engine(args.database_url or settings.resolved_database_url, settings)
    try:
        with transaction(engine.db) as session:
            wid = transfer.import_bytes(session, raw, creator_external_id=args.creator)
    except UserError as e:
        print(f"cjbot: {t(lang, e.key, **e.args_)}", file=sys.stderr)
        return 1
    finally:
        engine.db.dispose()
    print(wid)
    return 0


def cmd_import_scores(args: argparse.Namespace) -> int:
    """Add customers' scores from a CSV file to a workshop; print how many responses."""
    from cjworkflow.i18n import t
    from cjworkflow.storage.db import transaction
    from cjworkflow.storage.models import Workshop
    from cjworkflow.voice import scores_csv

    settings = _settings()
    lang = args.lang or settings.default_language
    raw = _read_file(args.file)
    if raw is None:
        return 1
    engine = _engine(args.database_url or settings.resolved_database_url, settings)
    try:
        with transaction(engine.db) as session:
            ws = session.get(Workshop, args.workshop)
            if ws is None:
                said = t(lang, "cli-no-workshop", id=str(args.workshop))
                print(f"cjbot: {said}", file=sys.stderr)
                return 1
            count = scores_csv.import_into(session, ws, raw, engine.clock())
    except scores_csv.ScoresError as e:
        print(f"cjbot: {e.text(lang)}", file=sys.stderr)
        return 1
    finally:
        engine.db.dispose()
    print(count)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the Telegram bot (long polling, or a webhook)."""
    from cjworkflow.config import webhook_problem

    settings = _settings()
    url = getattr(args, "webhook", None) or settings.webhook_url
    problem = webhook_problem(settings, url) if url else None
    if problem:
        print(f"cjbot: {problem}", file=sys.stderr)
        return 2
    from bot import app

    return int(app.main(args))


def cmd_webhook(args: argparse.Namespace) -> int:
    """Run the bot as a webhook server; refuses to start without a public URL."""
    settings = _settings()
    if not (args.webhook or settings.webhook_url):
        # Without a URL `run` would fall back to long polling, which deletes the webhook
        # that other processes of the same bot may be serving.
        print("cjbot: webhook needs --url or WEBHOOK_URL (the public HTTPS address Telegram "
              "posts updates to).", file=sys.stderr)
        return 2
    # Settings are read once per process: the flags override them before the bot starts.
    if args.listen:
        settings.webhook_listen = args.listen
    if args.port is not None:
        settings.webhook_port = args.port
    return cmd_run(args)


def cmd_deadletters(args: argparse.Namespace) -> int:
    """List the updates set aside after failing, or process one of them again."""
    import json

    from cjworkflow.ops import deadletters

    if args.retry is not None:
        from bot import retry  # needs the bot's token and Telegram

        return int(retry.main(args.retry))
    settings = _settings()
    engine = _engine(args.database_url or settings.resolved_database_url, settings)
    try:
        letters = deadletters.listing(engine.db, limit=args.limit)
    finally:
        engine.db.dispose()
    print(json.dumps([deadletters.as_row(d) for d in letters], indent=1) if args.json
          else deadletters.table(letters))
    return 0


def cmd_main(args: argparse.Namespace) -> int:
    """The main job: the bot with a token, otherwise the demo and a pointer to the chat."""
    settings = _settings()
    if settings.telegram_bot_token and settings.telegram_bot_token.get_secret_value():
        return cmd_run(args)
    print("No TELEGRAM_BOT_TOKEN set: running the built-in demo instead "
          "(try `cjbot chat` for a workshop in the terminal).")
    args.out = args.out or "demo-output"
    return cmd_demo(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    p = argparse.ArgumentParser(prog="cjbot", description="Customer-journey-mapping workshops "
                                "in Telegram (and in your terminal).")
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    p.set_defaults(func=cmd_main, out=None, lang=None, webhook=None)
    sub = p.add_subparsers(title="commands")
    run = sub.add_parser("run", help="run the Telegram bot (long polling; --webhook URL)")
    run.add_argument("--webhook", help="public HTTPS URL: run as a webhook instead")
    run.set_defaults(func=cmd_run)
    hook = sub.add_parser("webhook", help="run the Telegram bot as a webhook server")
    hook.add_argument("--url", dest="webhook", help="public HTTPS URL (or WEBHOOK_URL)")
    hook.add_argument("--listen", help="address to listen on (or WEBHOOK_LISTEN)")
    hook.add_argument("--port", type=int, help="port to listen on (or WEBHOOK_PORT); several "
                      "processes behind one load balancer each take their own")
    hook.set_defaults(func=cmd_webhook)
    demo = sub.add_parser("demo", help="build a sample workshop and write its map and plan")
    demo.add_argument("--out", default="demo-output", help="folder to write into")
    demo.add_argument("--lang", choices=("nl", "en"))
    demo.set_defaults(func=cmd_demo)
    chat = sub.add_parser("chat", help="run a workshop in the terminal (stdin/stdout)")
    chat.add_argument("--out", default="chat-output", help="folder for maps and exports")
    chat.add_argument("--lang", choices=("nl", "en"))
    chat.set_defaults(func=cmd_chat)
    db = sub.add_parser("db", help="database schema: upgrade | current")
    db.add_argument("action", choices=("upgrade", "current"))
    db.set_defaults(func=cmd_db)
    export = sub.add_parser("export", help="write a workshop's map, matrix, report, plan and "
                            "JSON to a folder")
    export.add_argument("workshop", type=int, help="workshop id")
    export.add_argument("--out", default="export", help="folder to write into")
    export.add_argument("--lang", choices=("nl", "en"), help="language of the files "
                        "(default: the workshop's)")
    export.set_defaults(func=cmd_export)
    imp = sub.add_parser("import", help="create a new workshop from an exported JSON file; "
                         "prints its id")
    imp.add_argument("file", help="a JSON file written by `cjbot export` or /export")
    imp.add_argument("--creator", metavar="EXTERNAL_ID",
                     help="make this person (e.g. tg:12345) the copy's facilitator")
    imp.add_argument("--lang", choices=("nl", "en"), help="language of error messages")
    imp.set_defaults(func=cmd_import)
    scores = sub.add_parser("import-scores", help="add customers' scores from a CSV file "
                            "(columns stage, score; optional comment, respondent) to a workshop")
    scores.add_argument("file", help="a CSV file from another survey tool")
    scores.add_argument("--workshop", type=int, required=True, help="workshop id")
    scores.add_argument("--lang", choices=("nl", "en"), help="language of error messages")
    scores.set_defaults(func=cmd_import_scores)
    dead = sub.add_parser("deadletters", help="list updates set aside after failing "
                          "repeatedly; --retry ID processes one again")
    dead.add_argument("--retry", type=int, metavar="ID", help="process dead letter ID again "
                      "through the bot (needs TELEGRAM_BOT_TOKEN; a running bot may go on)")
    dead.add_argument("--json", action="store_true", help="print the list as JSON")
    dead.add_argument("--limit", type=int, default=100, help="newest this many (default 100)")
    dead.set_defaults(func=cmd_deadletters)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `cjbot` console script."""
    args = build_parser().parse_args(argv)
    settings = _settings()
    logging.basicConfig(level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if logging.getLogger().level > logging.DEBUG:
        # Alembic announces every plugin at INFO on each start: noise, not news.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.database_url:
        settings.database_url = args.database_url
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
