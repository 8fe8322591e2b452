"""A fake Telegram Bot API server for end-to-end tests of the bot with the REAL PTB stack.

The fake speaks the Bot API over HTTP on 127.0.0.1, so python-telegram-bot's own HTTPX
request layer, Updater (long polling or webhook) and handlers run unmodified. It simulates
users, private chats, groups and supergroups, Telegram's group privacy mode, flood control
and formatting errors, and lets a test script failures (429, 5xx, dropped connections).

Fixtures (tests/e2e/conftest.py): ``fake_api`` (a started fake, default options),
``fake_api_factory`` (``fake = await fake_api_factory(clock=FakeClock(), privacy_mode=False)``)
and ``fake_bot`` (an initialized ``telegram.Bot`` on ``fake_api``). The conftest also sets
PTB_TIMEDELTA=true: without it PTB's ``RetryAfter.__init__`` emits a deprecation warning,
which ``filterwarnings=error`` turns into the exception you get instead of RetryAfter.

Typical end-to-end test::

    async def test_start(fake_api: FakeBotAPI) -> None:
        app = fake_api.application_builder().build()   # token + base_url set for the fake
        register_handlers(app)                          # the bot's own wiring
        async with app:                                 # initialize() -> getMe
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            alice = fake_api.add_user("Alice", username="alice", language_code="nl")
            fake_api.user_starts_bot(alice)             # "/start" in her private chat
            (welcome,) = await fake_api.wait_for_sent(alice, count=1)   # no fixed sleeps
            assert "Welkom" in welcome.text              # plain text, markup parsed away
            await fake_api.user_presses(alice, welcome, welcome.callback_data[0])
            await fake_api.wait_for(lambda: fake_api.callback_answers)
            await app.updater.stop()
            await app.stop()

By hand: ``telegram.Bot(fake.token, base_url=fake.api_url, base_file_url=fake.file_url)``;
``fake.api_url`` is ``fake.base_url + "/bot"`` because PTB appends the token to base_url.
``fake.make_bot()`` and ``fake.application_builder()`` do that for you. Default token
"123456:TEST-token" (bot id 123456), bot username "cjbot_test_bot".

Bot API methods served (POST or GET; JSON, form-urlencoded or multipart bodies; names are
case-insensitive; anything else answers 404 "Not Found"; a wrong but well-formed token 401
"Unauthorized", a malformed one 404): getMe, getUpdates, setWebhook, deleteWebhook,
getWebhookInfo, setMyCommands, getMyCommands, deleteMyCommands, sendMessage, sendPhoto,
sendDocument, editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage,
sendChatAction, setMessageReaction, answerCallbackQuery, getChat, getChatMember, getFile
(+ downloads from ``/file/bot<token>/<path>``), close, logOut, and setMyDescription /
setMyShortDescription / setMyName / setChatMenuButton / setMyDefaultAdministratorRights
(stored in ``fake.bot_settings``).

Test-side world (plain methods, same event loop as the test):

* ``add_user(first_name="User", *, username=None, last_name=None, language_code="en",
  user_id=None, started=False) -> User``
* ``add_group(title, members=(), supergroup=False, *, username=None, admins=(),
  creator=None, bot_status="member", available_reactions=None) -> Chat`` (first member is
  creator unless ``creator``)
* ``private_chat(user) -> Chat``; ``chat_of(x)`` takes a Chat, a User (their private chat)
  or an id; every ``chat`` argument below accepts the same
* ``user_starts_bot(user, payload=None) -> Message`` ("/start payload"; also unblocks)
* ``await user_sends(user, chat, text, reply_to=None) -> Message`` (always returns the
  message; ``msg.delivered`` says whether privacy mode let an update through)
* ``await user_edits(message, text) -> Message`` (``edited_message`` update if delivered)
* ``await user_presses(user, message, callback_data, *, strict=True) -> CallbackQuery``
  (strict: the message must carry a button with that callback_data)
* ``user_blocks_bot(user)``, ``add_member(chat, user, by=None) -> Message``,
  ``user_adds_bot(user, chat) -> Message``, ``user_removes_bot(user, chat)``,
  ``set_member_status(chat, user_or_bot_user, status)`` (bot as admin: sees everything)
* ``migrate_group_to_supergroup(chat, by=None, *, announce=True) -> Chat`` (service
  messages with ``migrate_to_chat_id`` in the old group and ``migrate_from_chat_id`` in the
  new one, queued as updates unless ``announce=False``, as if the bot missed them; then any
  call for the old id is 400 with ``parameters.migrate_to_chat_id`` -> PTB ChatMigrated)
* ``set_available_reactions(chat, emojis)`` (None: all; []: none), ``another_bot_speaks(chat)``
* ``queue_update(update_without_id) -> int | None`` (escape hatch for other update types)

Inspection: ``calls`` (every request, ``Call.method/params/time/chat_id/status/result/
error/parameters/files``; params are decoded: ints, booleans, JSON objects),
``calls_to(method)``, ``sent_messages(chat=None)`` (the bot's messages in send order,
deleted ones included), ``last_sent(chat=None)``, ``messages_in(chat)`` (what users see now:
after edits and deletes, users' messages included), ``message(chat, message_id)``,
``reactions`` (``{(chat_id, message_id): [ReactionType dicts]}``), ``callback_answers``,
``chat_actions``, ``get_commands(scope=None|"all_group_chats"|dict, language_code="")``,
``pending_updates``, ``confirmed_offset``, ``fetched_update_ids``, ``polling_active``,
``webhook``, ``webhook_deliveries``, ``files`` / ``file_bytes(file_id)``.
A ``Message`` has ``text``/``entities`` (as Telegram stores them: markup parsed away, UTF-16
offsets), ``raw_text`` and ``parse_mode`` (as the bot sent them), ``reply_markup`` (whatever
was sent, ForceReply included; API results only echo inline keyboards, like Telegram),
``callback_data``, ``buttons``, ``button(label)``, ``force_reply``, ``versions`` (content
before each edit), ``deleted``, ``reactions``, ``to_telegram(bot)``.
Waiting: ``await wait_for(predicate, timeout=5.0)`` returns the first truthy value of
``predicate()`` (checked on every fake state change and every 20 ms; TimeoutError lists the
last calls), ``await wait_for_sent(chat=None, count=1, *, since=0)`` (the bot's messages to
``chat`` after the first ``since`` ones, once there are ``count``: pass
``since=len(fake.sent_messages(chat))`` taken before the user acts), ``await
wait_for_call(method, predicate=None)``.

Failures: ``inject_429(count=1, retry_after=5, methods=None, chat_id=None)``,
``inject_error(status=502, count=1, description="Bad Gateway", methods=None, chat_id=None)``,
``drop_connections(count=1, methods=None, chat_id=None, after_effect=False)``
(``after_effect=True`` performs the call, then loses the answer: duplicates on retry),
``inject_delay(seconds, count=1, methods=None, chat_id=None, after_effect=False)`` (holds
the call ``seconds`` of real time first: beyond PTB's 5 s read timeout this is a request
timeout, PTB raises TimedOut; if the client gave up, ``after_effect=True`` still performs the
call, ``False`` drops it, and either way its ``Call`` has status 0),
``clear_faults()``. ``methods`` is a name or a set of names; the default ``None`` matches
every method except getUpdates (name it explicitly to break polling), so a fault is not
swallowed by the Updater's next long poll.

Flood control, on by default (``fake.limits``, a mutable ``Limits``): 30 sends/s overall,
20 sends/min per group, 30 edits/min per group (``edits_limit_private=True`` for private
chats too), and a per-chat token bucket of 1 send/s with a burst of 20; sends are
sendMessage/sendPhoto/sendDocument. Refusals are 429 "Too Many Requests: retry after N"
with ``parameters.retry_after``. The clock is injectable: ``FakeBotAPI(clock=FakeClock())``
then ``fake.advance(61)``; the default is ``time.monotonic``. Beware that a bot using PTB's
AIORateLimiter really sleeps ``retry_after`` seconds; ``fake.limits.enabled = False`` or
``fake.reset_rate_limits()`` keep long scenario tests fast.

Telegram behaviours reproduced on purpose: group privacy mode (``fake.privacy_mode``,
default True: in groups only ``/cmd@this_bot``, bare ``/cmd`` while this bot was the last
bot to send a message there (``another_bot_speaks(chat)`` makes another bot the last),
replies to its messages and service messages arrive; a plain ``@mention`` of the bot does
NOT; callback queries always do); reactions per chat (``add_group(...,
available_reactions=None|[]|["👍", ...])`` or ``set_available_reactions(chat, emojis)``:
getChat shows them, setMessageReaction outside them is 400 REACTION_INVALID);
editMessageText without ``reply_markup`` removes the inline keyboard; the bot may only write
in a private chat after the user started it (403 "Forbidden: bot can't initiate conversation
with a user"), not to a user who blocked it (403) nor to a group it is not in (403); text >
4096 / caption > 1024 characters after parsing, empty text, callback_data > 64 UTF-8 bytes
(BUTTON_DATA_INVALID), unparsable HTML/MarkdownV2, identical edits ("message is not
modified"), unknown messages ("message to edit not found", "message to delete not found",
"message to react not found"), photos > 10 MB, width + height > 10000 or ratio > 20
(PHOTO_INVALID_DIMENSIONS), non-image photos (IMAGE_PROCESS_FAILED), answering a callback
query twice or after 15 s of fake time, reactions outside Telegram's emoji set: all 400 with
Telegram's wording. A
webhook (loopback URLs only) gets each update POSTed with the
``X-Telegram-Bot-Api-Secret-Token`` header and re-delivered until it answers 2xx; meanwhile
getUpdates answers 409. Two concurrent getUpdates: the older one gets 409 "terminated by
other getUpdates request".

Webhook delivery is one update at a time, in order, by default. With
``FakeBotAPI(webhook_concurrent=True)`` (or the attribute set before updates arrive) up to the
webhook's ``max_connections`` (setWebhook, default 40) POSTs are in flight at once, but never
two of the same chat: like Telegram, which sends one chat's updates in sequence (waiting for
each answer) and different chats' concurrently. A refused update keeps its chat's place and
is re-sent after ``webhook_retry_delay``.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import ipaddress
import itertools
import json
import re
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from .entities import EntityParseError, detect_entities, entity_text, parse
from .limits import (
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_DOCUMENT_BYTES,
    MAX_PHOTO_BYTES,
    MAX_TEXT_LENGTH,
    Clock,
    Fault,
    Limits,
    RateLimiter,
    image_size,
    method_set,
    photo_dimension_error,
)
from .reactions import allowed_list, available_json, reaction_error
from .state import (
    JSON,
    MEMBER_STATUSES,
    PRESENT_STATUSES,
    Call,
    CallbackAnswer,
    CallbackQuery,
    Chat,
    Message,
    StoredFile,
    User,
    Webhook,
    WebhookDelivery,
)

if TYPE_CHECKING:
    import telegram
    from telegram.ext import ApplicationBuilder

T = TypeVar("T")

DEFAULT_TOKEN = "123456:TEST-token"
_TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_DEFAULT_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INT_KEYS = frozenset(
    {
        "chat_id",
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
        "from_chat_id",
    }
)
_BOOL_KEYS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "is_big",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "has_spoiler",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "show_caption_above_media",
    }
)
_JSON_KEYS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "reaction",
        "reply_parameters",
        "link_preview_options",
        "media",
        "menu_button",
        "rights",
    }
)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """A Bot API error answer (``ok: false``)."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class _DropConnection(Exception):
    """Internal: close the socket without answering."""


class _Upload:
    """A file part of a multipart request."""

    def __init__(self, filename: str | None, content_type: str | None, data: bytes) -> None:
        self.filename = filename
        self.content_type = content_type
        self.data = data


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _normalize(key: str, value: Any) -> Any:
    """Decode a form value the way the Bot API does (JSON for objects, ints, booleans)."""
    if not isinstance(value, str):
        return value
    if key in _JSON_KEYS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise _bad(f"can't parse {key} JSON object") from exc
    if key in _INT_KEYS and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    if key in _BOOL_KEYS:
        return value.strip().lower() in ("true", "1")
    return value


class FakeBotAPI:
    """An in-process fake of the Telegram Bot API server; see the module docstring."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "cjbot_test_bot",
        bot_first_name: str = "CJ Test Bot",
        can_join_groups: bool = True,
        privacy_mode: bool = True,
        clock: Clock | None = None,
        limits: Limits | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        webhook_retry_delay: float = 0.05,
        callback_query_timeout: float | None = 15.0,
        first_update_id: int = 100_001,
        webhook_concurrent: bool = False,
    ) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_user = User(
            id=int(prefix) if prefix.isdigit() else 123456,
            first_name=bot_first_name,
            username=bot_username,
            is_bot=True,
        )
        self.can_join_groups = can_join_groups
        self.privacy_mode = privacy_mode
        self._clock: Clock = clock or time.monotonic
        self._epoch = time.time() - self._clock()
        self.limits = limits or Limits()
        self._limiter = RateLimiter(self.limits)
        self.host = host
        self._port = port
        self.webhook_retry_delay = webhook_retry_delay
        # Deliver to the webhook concurrently (per chat in order) instead of one at a time.
        self.webhook_concurrent = webhook_concurrent
        self.callback_query_timeout = callback_query_timeout

        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self._messages: dict[int, dict[int, Message]] = {}
        self._sent: list[Message] = []
        self._callback_queries: dict[str, CallbackQuery] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self.reactions: dict[tuple[int, int], list[JSON]] = {}
        self.chat_actions: list[tuple[int, str, float]] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.bot_settings: dict[str, Any] = {}
        self.files: dict[str, StoredFile] = {}
        self.calls: list[Call] = []

        self._updates: list[JSON] = []
        self._next_update_id = first_update_id
        self.confirmed_offset = 0
        self.fetched_update_ids: set[int] = set()
        self._allowed_updates: frozenset[str] = _DEFAULT_UPDATE_TYPES
        self._poll_token: object | None = None

        self.webhook: Webhook | None = None
        self.webhook_deliveries: list[WebhookDelivery] = []
        self._webhook_task: asyncio.Task[None] | None = None

        self._faults: list[Fault] = []
        self._late_calls: set[asyncio.Task[Any]] = set()
        self._stopped = asyncio.Event()
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Callable[[JSON, dict[str, _Upload], Call], Awaitable[Any]]] = {
            name.lower(): getattr(self, f"_api_{name}")
            for name in (
                "getMe",
                "getUpdates",
                "setWebhook",
                "deleteWebhook",
                "getWebhookInfo",
                "setMyCommands",
                "getMyCommands",
                "deleteMyCommands",
                "sendMessage",
                "sendPhoto",
                "sendDocument",
                "editMessageText",
                "editMessageCaption",
                "editMessageReplyMarkup",
                "deleteMessage",
                "sendChatAction",
                "setMessageReaction",
                "answerCallbackQuery",
                "getChat",
                "getChatMember",
                "getFile",
                "close",
                "logOut",
                "setMyDescription",
                "setMyShortDescription",
                "setMyName",
                "setChatMenuButton",
                "setMyDefaultAdministratorRights",
            )
        }

    # ------------------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        """The TCP port the server listens on (after start())."""
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        return f"http://{self.host}:{self._port}"

    @property
    def api_url(self) -> str:
        """The value for PTB's ``base_url`` (PTB appends the token)."""
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        """The value for PTB's ``base_file_url``."""
        return f"{self.base_url}/file/bot"

    async def start(self) -> None:
        """Start serving on ``host``:``port`` (port 0 picks a free one)."""
        app = web.Application(client_max_size=MAX_DOCUMENT_BYTES + 4 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._port))
        self._port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()
        self._stopping = False
        self._stopped.clear()
        self._webhook_task = asyncio.create_task(self._webhook_loop(), name="fake-webhook")

    async def stop(self) -> None:
        """Stop the server, wake long polls and stop webhook delivery."""
        self._stopping = True
        self._stopped.set()
        self._notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        """Start the server (``async with FakeBotAPI() as fake``)."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.stop()

    def make_bot(self, **kwargs: Any) -> telegram.Bot:
        """A real ``telegram.Bot`` pointed at this fake (not yet initialized)."""
        import telegram

        return telegram.Bot(
            self.token, base_url=self.api_url, base_file_url=self.file_url, **kwargs
        )

    def application_builder(self) -> ApplicationBuilder:
        """A PTB ``ApplicationBuilder`` with token and URLs set for this fake."""
        from telegram.ext import ApplicationBuilder

        return (
            ApplicationBuilder()
            .token(self.token)
            .base_url(self.api_url)
            .base_file_url(self.file_url)
        )

    # ----------------------------------------------------------------------------- clock

    @property
    def clock(self) -> Clock:
        """The clock used for rate limits, dates and callback-query expiry."""
        return self._clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        now_wall = self._epoch + self._clock()
        self._clock = clock
        self._epoch = now_wall - clock()

    def advance(self, seconds: float) -> None:
        """Advance an injected FakeClock (error with the default monotonic clock)."""
        advance = getattr(self._clock, "advance", None)
        if advance is None:
            raise TypeError("advance() needs FakeBotAPI(clock=FakeClock())")
        advance(seconds)
        self._notify()

    def _date(self) -> int:
        return int(self._epoch + self._clock())

    def reset_rate_limits(self) -> None:
        """Forget all flood-control counters."""
        self._limiter.reset()

    # --------------------------------------------------------------------------- faults

    def inject_429(
        self,
        count: int = 1,
        retry_after: int = 5,
        methods: Iterable[str] | str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``count`` matching calls fail with 429 and ``retry_after``."""
        self._faults.append(
            Fault(
                kind="error",
                remaining=count,
                methods=method_set(methods),
                chat_id=chat_id,
                status=429,
                description=f"Too Many Requests: retry after {retry_after}",
                parameters={"retry_after": retry_after},
            )
        )

    def inject_error(
        self,
        status: int = 502,
        count: int = 1,
        description: str = "Bad Gateway",
        methods: Iterable[str] | str | None = None,
        chat_id: int | None = None,
        parameters: JSON | None = None,
    ) -> None:
        """Make the next ``count`` matching calls fail with ``status``/``description``."""
        self._faults.append(
            Fault(
                kind="error",
                remaining=count,
                methods=method_set(methods),
                chat_id=chat_id,
                status=status,
                description=description,
                parameters=dict(parameters or {}),
            )
        )

    def drop_connections(
        self,
        count: int = 1,
        methods: Iterable[str] | str | None = None,
        chat_id: int | None = None,
        after_effect: bool = False,
    ) -> None:
        """Close the socket without an answer for the next ``count`` matching calls."""
        self._faults.append(
            Fault(
                kind="drop",
                remaining=count,
                methods=method_set(methods),
                chat_id=chat_id,
                after_effect=after_effect,
            )
        )

    def inject_delay(
        self,
        seconds: float,
        count: int = 1,
        methods: Iterable[str] | str | None = None,
        chat_id: int | None = None,
        after_effect: bool = False,
    ) -> None:
        """Hold the next ``count`` matching calls ``seconds`` (real time) before handling them.

        Longer than the client's read timeout, this is a request timeout: the client gives
        up and closes the connection. ``after_effect=False``: the call never takes effect
        then (Telegram never got it). ``after_effect=True``: it takes effect anyway once the
        delay is over, after the client gave up (a retried send is then a duplicate).
        """
        self._faults.append(
            Fault(
                kind="delay",
                remaining=count,
                methods=method_set(methods),
                chat_id=chat_id,
                after_effect=after_effect,
                delay=seconds,
            )
        )

    def clear_faults(self) -> None:
        """Remove all scripted faults."""
        self._faults.clear()

    def _take_fault(self, method: str, chat_id: int | None) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                return fault
        return None

    # ----------------------------------------------------------------------- world setup

    def add_user(
        self,
        first_name: str = "User",
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
        started: bool = False,
    ) -> User:
        """Create a user; ``started=True`` as if they had already pressed Start."""
        uid = user_id if user_id is not None else next(self._user_ids)
        if uid in self.users:
            raise ValueError(f"user id {uid} already exists")
        user = User(
            id=uid,
            first_name=first_name,
            username=username,
            last_name=last_name,
            language_code=language_code,
            started=started,
        )
        self.users[uid] = user
        return user

    def private_chat(self, user: User) -> Chat:
        """The private chat between ``user`` and the bot (created on first use)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = Chat(id=user.id, type="private", user=user)
            chat.members = {user.id: "member", self.bot_user.id: "member"}
            self._register_chat(chat)
        return chat

    def add_group(
        self,
        title: str,
        members: Iterable[User] = (),
        supergroup: bool = False,
        *,
        username: str | None = None,
        admins: Iterable[User] = (),
        creator: User | None = None,
        bot_status: str = "member",
        available_reactions: Iterable[str] | None = None,
    ) -> Chat:
        """Create a group (or supergroup) with ``members`` and the bot in it."""
        n = next(self._group_ids)
        chat_id = -(1_001_000_000_000 + n) if supergroup else -(4_000_000_000 + n)
        chat = Chat(
            id=chat_id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            available_reactions=allowed_list(available_reactions),
        )
        member_list = list(members)
        for user in member_list:
            chat.members[user.id] = "member"
        for user in admins:
            chat.members[user.id] = "administrator"
        owner = creator or (member_list[0] if member_list else None)
        if owner is not None:
            chat.members[owner.id] = "creator"
        chat.members[self.bot_user.id] = bot_status
        self._register_chat(chat)
        return chat

    def set_available_reactions(self, chat: Chat | int, emojis: Iterable[str] | None) -> None:
        """An admin changes the group's reactions: None = all, [] = none, else only these."""
        self.chat_of(chat).available_reactions = allowed_list(emojis)

    def another_bot_speaks(self, chat: Chat | int, bot_id: int = 777_000_111) -> None:
        """Another bot posts in the group: bare commands now go to it, not to ours."""
        self.chat_of(chat).last_bot_id = bot_id

    def _register_chat(self, chat: Chat) -> None:
        self.chats[chat.id] = chat
        self._messages.setdefault(chat.id, {})

    def chat_of(self, chat: Chat | User | int) -> Chat:
        """Resolve a Chat, a User (their private chat) or a chat id to a Chat."""
        if isinstance(chat, Chat):
            return chat
        if isinstance(chat, User):
            return self.private_chat(chat)
        if chat in self.chats:
            return self.chats[chat]
        if chat in self.users:
            return self.private_chat(self.users[chat])
        raise KeyError(f"unknown chat {chat}")

    def set_member_status(self, chat: Chat | int, user: User, status: str) -> None:
        """Set a member's status ("creator", "administrator", "member", "left", "kicked")."""
        chat = self.chat_of(chat)
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        chat.members[user.id] = status

    def user_starts_bot(self, user: User, payload: str | None = None) -> Message:
        """The user presses Start: "/start [payload]" in private; un-blocks a blocked bot."""
        chat = self.private_chat(user)
        if user.blocked:
            user.blocked = False
            self._queue_my_chat_member(chat, user, "kicked", "member")
        user.started = True
        text = "/start" if not payload else f"/start {payload}"
        return self._user_message(user, chat, text=text)

    async def user_sends(
        self,
        user: User,
        chat: Chat | User | int,
        text: str,
        reply_to: Message | None = None,
    ) -> Message:
        """A user sends ``text`` (queues an update unless privacy mode drops it)."""
        target = self.chat_of(chat)
        if target.type == "private":
            if target.user is not user:
                raise ValueError(f"{user.first_name} is not the user of private chat {target.id}")
            if user.blocked:
                raise ValueError("the user blocked the bot: call user_starts_bot() first")
            user.started = True
        msg = self._user_message(user, target, text=text, reply_to=reply_to)
        await asyncio.sleep(0)
        return msg

    async def user_sends_document(
        self, user: User, chat: Chat | User | int, file_name: str, data: bytes,
        mime_type: str | None = None,
    ) -> Message:
        """A user sends a file (a Document: file_id, file_unique_id, file_name, mime_type,
        file_size, as the Bot API describes it); the bot may fetch it with getFile."""
        target = self.chat_of(chat)
        self._check_user_in_chat(user, target)
        stored = self._store_file(_Upload(file_name, mime_type, data), "document")
        document: JSON = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                          "file_name": file_name, "file_size": len(data)}
        if mime_type:
            document["mime_type"] = mime_type
        if target.type == "private":
            user.started = True
        msg = self._new_message(target, user, document=document)
        if self._bot_receives(msg):
            msg.delivered = True
            self.queue_update({"message": msg.to_api()})
        await asyncio.sleep(0)
        return msg

    async def user_edits(self, message: Message, text: str) -> Message:
        """The author edits their message; queues ``edited_message`` if the bot saw it."""
        if message.from_bot or message.from_user is None:
            raise ValueError("user_edits() edits a user's message")
        message.versions.append(message.snapshot())
        message.text = text
        message.entities = detect_entities(text)
        message.edit_date = self._date()
        if self._bot_receives(message):
            self.queue_update({"edited_message": message.to_api()})
        self._notify()
        await asyncio.sleep(0)
        return message

    async def user_presses(
        self, user: User, message: Message, callback_data: str, *, strict: bool = True
    ) -> CallbackQuery:
        """A user presses the inline button carrying ``callback_data`` on a bot message."""
        if not message.from_bot:
            raise ValueError("only the bot's messages have buttons the bot gets queries for")
        if message.deleted:
            raise ValueError("the message was deleted")
        if strict and callback_data not in message.callback_data:
            raise ValueError(
                f"no button with callback_data {callback_data!r}; "
                f"the message has {message.callback_data}"
            )
        self._check_user_in_chat(user, message.chat)
        query = CallbackQuery(
            id=str(8_000_000_000_000 + next(self._ids)),
            from_user=user,
            message=message,
            data=callback_data,
            chat_instance=str(abs(message.chat.id) * 31 + 7),
            created_at=self._clock(),
        )
        self._callback_queries[query.id] = query
        query.update_id = self.queue_update({"callback_query": query.to_api()})
        await asyncio.sleep(0)
        return query

    def user_blocks_bot(self, user: User) -> None:
        """The user blocks the bot: later sends fail with 403, a my_chat_member update."""
        chat = self.private_chat(user)
        user.blocked = True
        self._queue_my_chat_member(chat, user, "member", "kicked")

    def add_member(self, chat: Chat | int, user: User, by: User | None = None) -> Message:
        """A user joins (or is added to) a group: a ``new_chat_members`` service message."""
        chat = self.chat_of(chat)
        chat.members[user.id] = "member"
        return self._user_message(by or user, chat, service={"new_chat_members": [user.to_api()]})

    def remove_member(
        self,
        chat: Chat | int,
        user: User,
        by: User | None = None,
        *,
        status: str = "left",
        service_message: bool = True,
    ) -> Message | None:
        """A user leaves a group (or ``by`` removes them: status "kicked" bans).

        Like Telegram: a ``left_chat_member`` service message (bots get it in privacy mode;
        ``service_message=False`` for groups where it is not sent), and a ``chat_member``
        update only when the bot is an administrator and asked for that update type.
        """
        chat = self.chat_of(chat)
        if status not in ("left", "kicked"):
            raise ValueError(f"a removed member is left or kicked, not {status!r}")
        old = chat.members.get(user.id, "left")
        msg = None
        if service_message:
            msg = self._user_message(by or user, chat, service={"left_chat_member": user.to_api()})
        chat.members[user.id] = status
        if chat.members.get(self.bot_user.id) in ("administrator", "creator"):
            self.queue_update(
                {
                    "chat_member": {
                        "chat": chat.to_api(),
                        "from": (by or user).to_api(),
                        "date": self._date(),
                        "old_chat_member": self._member_json(user, old),
                        "new_chat_member": self._member_json(user, status),
                    }
                }
            )
        return msg

    def user_adds_bot(self, user: User, chat: Chat | int) -> Message:
        """A member adds the bot to a group: my_chat_member + new_chat_members updates."""
        chat = self.chat_of(chat)
        old = chat.members.get(self.bot_user.id, "left")
        chat.members[self.bot_user.id] = "member"
        self._queue_my_chat_member(chat, user, old, "member")
        return self._user_message(
            user, chat, service={"new_chat_members": [self.bot_user.to_api()]}
        )

    def user_removes_bot(self, user: User, chat: Chat | int) -> None:
        """A member removes the bot from a group (my_chat_member update; sends then 403)."""
        chat = self.chat_of(chat)
        old = chat.members.get(self.bot_user.id, "member")
        new = "kicked" if chat.type == "supergroup" else "left"
        self._queue_my_chat_member(chat, user, old, new)
        chat.members[self.bot_user.id] = new

    def migrate_group_to_supergroup(
        self, chat: Chat | int, by: User | None = None, *, announce: bool = True
    ) -> Chat:
        """Upgrade a basic group: service messages in both chats, old id then refuses sends."""
        chat = self.chat_of(chat)
        if chat.type != "group" or chat.migrated_to is not None:
            raise ValueError("only a not yet migrated basic group can be upgraded")
        n = next(self._group_ids)
        new = Chat(
            id=-(1_001_000_000_000 + n),
            type="supergroup",
            title=chat.title,
            username=chat.username,
            members=dict(chat.members),
            migrated_from=chat,
            available_reactions=chat.available_reactions,
        )
        self._register_chat(new)
        actor = by or self._creator(chat)
        self._user_message(actor, chat, service={"migrate_to_chat_id": new.id}, announce=announce)
        chat.migrated_to = new
        self._user_message(actor, new, service={"migrate_from_chat_id": chat.id},
                           announce=announce)
        return new

    def _creator(self, chat: Chat) -> User:
        for uid, status in chat.members.items():
            if status == "creator" and uid in self.users:
                return self.users[uid]
        for uid, status in chat.members.items():
            if status in PRESENT_STATUSES and uid in self.users:
                return self.users[uid]
        raise ValueError("the chat has no human member")

    def _check_user_in_chat(self, user: User, chat: Chat) -> None:
        if chat.type == "private":
            if chat.user is not user:
                raise ValueError(f"{user.first_name} is not in private chat {chat.id}")
        elif chat.members.get(user.id) not in PRESENT_STATUSES:
            raise ValueError(f"{user.first_name} is not a member of {chat.title!r}")

    def _user_message(
        self,
        user: User,
        chat: Chat,
        *,
        text: str | None = None,
        reply_to: Message | None = None,
        service: JSON | None = None,
        announce: bool = True,
    ) -> Message:
        if chat.migrated_to is not None and not service:
            raise ValueError(f"the group was migrated; use chat {chat.migrated_to.id}")
        self._check_user_in_chat(user, chat)
        if reply_to is not None and reply_to.chat is not chat:
            raise ValueError("reply_to must be a message of the same chat")
        msg = self._new_message(
            chat,
            user,
            text=text,
            entities=detect_entities(text) if text else [],
            reply_to=reply_to,
            service=service or {},
        )
        if announce and self._bot_receives(msg):
            msg.delivered = True
            self.queue_update({"message": msg.to_api()})
        return msg

    def _bot_receives(self, msg: Message) -> bool:
        """Telegram's group privacy mode, applied to a user's message."""
        chat = msg.chat
        if chat.type == "private":
            return True
        bot_status = chat.members.get(self.bot_user.id, "left")
        if bot_status not in PRESENT_STATUSES:
            return False
        if not self.privacy_mode or bot_status in ("administrator", "creator"):
            return True
        if msg.is_service:
            return True
        text = msg.text or msg.caption or ""
        entities = msg.entities if msg.text is not None else msg.caption_entities
        username = (self.bot_user.username or "").lower()
        for entity in entities:
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                _, _, target = entity_text(text, entity).partition("@")
                if target:
                    return target.lower() == username
                # A bare command goes to the last bot that spoke in the group.
                return chat.last_bot_id in (None, self.bot_user.id)
        # A plain @mention of the bot is not enough: Telegram keeps it from the bot.
        return msg.reply_to is not None and msg.reply_to.from_user is self.bot_user

    def _queue_my_chat_member(self, chat: Chat, user: User, old: str, new: str) -> None:
        self.queue_update(
            {
                "my_chat_member": {
                    "chat": chat.to_api(),
                    "from": user.to_api(),
                    "date": self._date(),
                    "old_chat_member": self._member_json(self.bot_user, old),
                    "new_chat_member": self._member_json(self.bot_user, new),
                }
            }
        )

    # ---------------------------------------------------------------------------- updates

    def queue_update(self, update: JSON) -> int | None:
        """Queue a raw update (without update_id); returns its id, None if not allowed."""
        kinds = [k for k in update if k != "update_id"]
        if len(kinds) != 1:
            raise ValueError("an update has exactly one payload field")
        if kinds[0] not in self._allowed_updates:
            return None
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({"update_id": update_id, kinds[0]: copy.deepcopy(update[kinds[0]])})
        self._notify()
        return update_id

    @property
    def polling_active(self) -> bool:
        """True while a getUpdates long poll is waiting on the fake."""
        return self._poll_token is not None

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates queued and not yet confirmed (by offset or a 2xx webhook answer)."""
        return list(self._updates)

    def _deliverable(self) -> list[JSON]:
        return [
            u
            for u in self._updates
            if next(k for k in u if k != "update_id") in self._allowed_updates
        ]

    # ------------------------------------------------------------------------- inspection

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one method (case-insensitive)."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def sent_messages(self, chat: Chat | User | int | None = None) -> list[Message]:
        """Messages the bot sent, in order (deleted ones included), optionally per chat."""
        if chat is None:
            return list(self._sent)
        chat_id = self.chat_of(chat).id
        return [m for m in self._sent if m.chat.id == chat_id]

    def last_sent(self, chat: Chat | User | int | None = None) -> Message:
        """The bot's most recent message (optionally in one chat)."""
        sent = self.sent_messages(chat)
        if not sent:
            raise LookupError("the bot sent nothing yet")
        return sent[-1]

    def messages_in(self, chat: Chat | User | int) -> list[Message]:
        """The chat as users see it now: all not-deleted messages, by message id."""
        target = self.chat_of(chat)
        return [m for _, m in sorted(self._messages.get(target.id, {}).items()) if not m.deleted]

    def message(self, chat: Chat | User | int, message_id: int) -> Message:
        """One message of a chat, by id (deleted ones too)."""
        return self._messages[self.chat_of(chat).id][message_id]

    def get_commands(self, scope: JSON | str | None = None, language_code: str = "") -> list[JSON]:
        """The commands set for a scope (a dict or a type such as "all_group_chats")."""
        return list(self.commands.get((self._scope_key(scope), language_code or ""), []))

    def file_bytes(self, file_id: str) -> bytes:
        """The bytes of a file the bot uploaded."""
        return self.files[file_id].data

    async def wait_for(
        self, predicate: Callable[[], T | None], timeout: float = 5.0, what: str | None = None
    ) -> T:
        """Wait until ``predicate()`` is truthy and return its value (TimeoutError if not)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._changed
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = ", ".join(
                    f"{c.method}->{c.status}{'' if c.ok else ' ' + str(c.error)}"
                    for c in self.calls[-8:]
                )
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {what or predicate!r}; "
                    f"last calls: [{recent}]"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, 0.02))

    async def wait_for_sent(
        self,
        chat: Chat | User | int | None = None,
        count: int = 1,
        timeout: float = 5.0,
        *,
        since: int = 0,
    ) -> list[Message]:
        """Wait for ``count`` bot messages (to ``chat``) after the first ``since``; return them."""

        def enough() -> list[Message] | None:
            sent = self.sent_messages(chat)[since:]
            return sent if len(sent) >= count else None

        return await self.wait_for(enough, timeout, what=f"{count} message(s) sent to {chat!r}")

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
    ) -> Call:
        """Wait for the first recorded call of ``method`` matching ``predicate``."""

        def find() -> Call | None:
            return next(
                (c for c in self.calls_to(method) if predicate is None or predicate(c)), None
            )

        return await self.wait_for(find, timeout, what=f"a {method} call")

    def _notify(self) -> None:
        event = self._changed
        self._changed = asyncio.Event()
        event.set()

    # ------------------------------------------------------------------------------ HTTP

    async def _read_params(self, request: web.Request) -> tuple[JSON, dict[str, _Upload]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, _Upload] = {}
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                body = await request.read()
                if body.strip():
                    try:
                        data = json.loads(body)
                    except ValueError as exc:
                        raise _bad("can't parse JSON request body") from exc
                    if not isinstance(data, dict):
                        raise _bad("request body must be a JSON object")
                    raw.update(data)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = _Upload(value.filename, value.content_type, value.file.read())
                    else:
                        raw[key] = value
        params = {key: _normalize(key, value) for key, value in raw.items()}
        return params, files

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        method = request.match_info["method"]
        call = Call(method=method, params={}, time=self._clock())
        fault: Fault | None = None
        try:
            try:
                if token != self.token:
                    if _TOKEN_RE.fullmatch(token):
                        raise ApiError(401, "Unauthorized")
                    raise ApiError(404, "Not Found")
                params, files = await self._read_params(request)
                call.params = params
                call.files = {name: len(up.data) for name, up in files.items()}
                chat_id = params.get("chat_id")
                call.chat_id = chat_id
                handler = self._methods.get(method.lower())
                if handler is None:
                    raise ApiError(404, "Not Found")
                fault = self._take_fault(method, chat_id if isinstance(chat_id, int) else None)
                if fault is not None and fault.kind == "drop" and not fault.after_effect:
                    raise _DropConnection
                if fault is not None and fault.kind == "error":
                    raise ApiError(fault.status, fault.description, fault.parameters or None)
                if fault is not None and fault.kind == "delay":
                    result = await self._delayed(fault, lambda: handler(params, files, call), call)
                else:
                    result = await handler(params, files, call)
                if fault is not None and fault.kind == "drop":
                    call.result = result
                    raise _DropConnection
            except ApiError as err:
                call.status = err.status
                call.error = err.description
                call.parameters = err.parameters
                body: JSON = {
                    "ok": False,
                    "error_code": err.status,
                    "description": err.description,
                }
                if err.parameters:
                    body["parameters"] = err.parameters
                return web.json_response(body, status=err.status)
            call.result = result
            return web.json_response({"ok": True, "result": result})
        except asyncio.CancelledError:
            call.status = 0
            call.error = "cancelled: the client went away"
            raise
        except _DropConnection:
            call.status = 0
            call.error = "connection dropped by the fake"
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError from None
        finally:
            self.calls.append(call)
            self._notify()

    async def _delayed(self, fault: Fault, work: Callable[[], Awaitable[Any]], call: Call) -> Any:
        """Run ``work`` after the fault's delay; with after_effect even if the client left.

        The server cancels a handler whose client went away (handler_cancellation), so the
        late call runs in its own task: cancelling the wait cannot undo it.
        """

        async def late() -> Any:
            with contextlib.suppress(TimeoutError):
                # Cut short when the fake stops, so stop() never waits on a scripted delay.
                await asyncio.wait_for(self._stopped.wait(), fault.delay)
            if not fault.after_effect:
                return await work()
            try:
                result = await work()
            except ApiError as err:
                call.error = err.description
                raise
            call.result = result
            if call.status == 0:  # recorded as cancelled meanwhile: say what really happened
                call.error = "performed after the client went away (injected delay)"
            self._notify()
            return result

        if not fault.after_effect:
            return await late()
        task = asyncio.create_task(late())
        self._late_calls.add(task)
        task.add_done_callback(self._late_calls.discard)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            # The client gave up: the call still happens; the caller records status 0.
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            raise

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    # ------------------------------------------------------------------- shared checks

    def _resolve_chat(self, chat_id: Any) -> Chat:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str):
            name = chat_id.lstrip("@").lower()
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == name:
                    return chat
            raise _bad("chat not found")
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id in self.users:
            return self.private_chat(self.users[chat_id])
        raise _bad("chat not found")

    def _check_migrated(self, chat: Chat) -> None:
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to.id},
            )

    def _check_can_write(self, chat: Chat) -> None:
        self._check_migrated(chat)
        if chat.type == "private":
            user = chat.user
            assert user is not None
            if user.is_bot:
                raise ApiError(403, "Forbidden: bot can't send messages to bots")
            if user.blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if not user.started:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            return
        status = chat.members.get(self.bot_user.id, "left")
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
        if status not in PRESENT_STATUSES:
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")

    def _rate(self, kind: str, chat: Chat) -> None:
        retry = self._limiter.check(kind, chat.id, chat.is_group, self._clock())
        if retry is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

    def _record_rate(self, kind: str, chat: Chat) -> None:
        self._limiter.record(kind, chat.id, chat.is_group, self._clock())

    def _find_message(self, chat: Chat, message_id: Any, missing: str) -> Message:
        if not isinstance(message_id, int):
            raise _bad("message identifier is not specified" if message_id is None else missing)
        msg = self._messages.get(chat.id, {}).get(message_id)
        if msg is None or msg.deleted:
            raise _bad(missing)
        return msg

    def _parse_text(
        self, text: Any, parse_mode: Any, entities: Any, *, limit: int, too_long: str
    ) -> tuple[str, list[JSON]]:
        text = "" if text is None else str(text)
        if parse_mode:
            try:
                plain, ents = parse(text, str(parse_mode))
            except EntityParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from exc
        else:
            plain = text
            ents = list(entities) if isinstance(entities, list) else []
        if len(plain) > limit:
            raise _bad(too_long)
        return plain, ents

    def _validate_markup(self, markup: Any, *, inline_only: bool = False,
                         chat: Chat | None = None) -> JSON | None:
        if markup is None or markup == {}:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    if not isinstance(button, dict) or not button.get("text"):
                        raise _bad("can't parse inline keyboard button: Text is empty")
                    if "callback_data" in button:
                        size = len(str(button["callback_data"]).encode("utf-8"))
                        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                            raise _bad("BUTTON_DATA_INVALID")
                    elif "url" in button:
                        if not re.match(r"(https?|tg)://", str(button["url"])):
                            raise _bad("BUTTON_URL_INVALID")
                    elif "web_app" in button:
                        # A Mini App opens from private chats only, and over https only.
                        web_app = button["web_app"]
                        if not isinstance(web_app, dict) or not str(
                                web_app.get("url", "")).startswith("https://"):
                            raise _bad("BUTTON_URL_INVALID")
                        if chat is not None and chat.type != "private":
                            raise _bad("BUTTON_TYPE_INVALID")
                    elif not any(
                        k in button
                        for k in (
                            "switch_inline_query",
                            "switch_inline_query_current_chat",
                            "switch_inline_query_chosen_chat",
                            "copy_text",
                            "login_url",
                            "callback_game",
                            "pay",
                        )
                    ):
                        raise _bad(
                            "can't parse inline keyboard button: Text buttons are unallowed "
                            "in the inline keyboard"
                        )
            if count > 100:
                raise _bad("reply markup is too long")
            return copy.deepcopy(markup)
        if inline_only:
            raise _bad("inline keyboard expected")
        if any(k in markup for k in ("keyboard", "remove_keyboard", "force_reply")):
            return copy.deepcopy(markup)
        raise _bad("can't parse reply keyboard markup JSON object")

    def _reply_target(self, chat: Chat, params: JSON) -> Message | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow = bool(reply.get("allow_sending_without_reply"))
            if reply.get("chat_id") not in (None, chat.id):
                chat = self._resolve_chat(reply.get("chat_id"))
        else:
            message_id = params.get("reply_to_message_id")
            allow = bool(params.get("allow_sending_without_reply"))
        if message_id is None:
            return None
        msg = self._messages.get(chat.id, {}).get(message_id)
        if msg is None or msg.deleted:
            if allow:
                return None
            raise _bad("message to be replied not found")
        return msg

    def _new_message(self, chat: Chat, from_user: User | None, **fields: Any) -> Message:
        msg = Message(
            chat=chat,
            message_id=chat.next_message_id,
            date=self._date(),
            from_user=from_user,
            created_at=self._clock(),
            **fields,
        )
        chat.next_message_id += 1
        self._messages.setdefault(chat.id, {})[msg.message_id] = msg
        if msg.from_bot:
            self._sent.append(msg)
            chat.last_bot_id = from_user.id if from_user is not None else None
        self._notify()
        return msg

    # ----------------------------------------------------------------- method handlers

    async def _api_getMe(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        data = self.bot_user.to_api()
        data.update(
            {
                "can_join_groups": self.can_join_groups,
                "can_read_all_group_messages": not self.privacy_mode,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )
        return data

    async def _api_getUpdates(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> list[JSON]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else _DEFAULT_UPDATE_TYPES
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            if offset > 0:
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            else:
                self._updates = self._updates[offset:]
                if self._updates:
                    self.confirmed_offset = max(
                        self.confirmed_offset, self._updates[0]["update_id"]
                    )
            self._notify()
        limit = params.get("limit")
        limit = limit if isinstance(limit, int) and 1 <= limit <= 100 else 100
        timeout = params.get("timeout")
        timeout = float(timeout) if isinstance(timeout, int | float) and timeout > 0 else 0.0

        token = object()
        self._poll_token = token
        self._notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._changed
            if self._poll_token is not token:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                )
            batch = self._deliverable()[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
        if self._poll_token is token:
            self._poll_token = None
        self.fetched_update_ids.update(u["update_id"] for u in batch)
        return copy.deepcopy(batch)

    async def _api_setWebhook(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return await self._api_deleteWebhook(params, files, call)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _bad("bad webhook: Failed to resolve host: Name or service not known")
        try:
            loopback = ipaddress.ip_address(parts.hostname).is_loopback
        except ValueError:
            loopback = parts.hostname == "localhost"
        if not loopback:
            raise _bad("bad webhook: the fake Bot API only delivers to loopback addresses")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_RE.fullmatch(str(secret)):
            raise _bad("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else _DEFAULT_UPDATE_TYPES
        if params.get("drop_pending_updates"):
            self._updates.clear()
        max_conn = params.get("max_connections")
        self.webhook = Webhook(
            url=url,
            secret_token=str(secret) if secret is not None else None,
            max_connections=max_conn if isinstance(max_conn, int) else 40,
            ip_address=params.get("ip_address"),
        )
        self._notify()
        return True

    async def _api_deleteWebhook(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        self._notify()
        return True

    async def _api_getWebhookInfo(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> JSON:
        info: JSON = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook.max_connections
            if self.webhook.ip_address:
                info["ip_address"] = self.webhook.ip_address
            if self.webhook.last_error_date is not None:
                info["last_error_date"] = self.webhook.last_error_date
                info["last_error_message"] = self.webhook.last_error_message
            if self._allowed_updates != _DEFAULT_UPDATE_TYPES:
                info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    @staticmethod
    def _scope_key(scope: Any) -> str:
        if scope is None:
            scope = {"type": "default"}
        elif isinstance(scope, str):
            scope = {"type": scope}
        return json.dumps(scope, sort_keys=True)

    def _commands_key(self, params: JSON) -> tuple[str, str]:
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return self._scope_key(params.get("scope")), language

    async def _api_setMyCommands(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("command description is empty or too long")
        self.commands[self._commands_key(params)] = copy.deepcopy(commands)
        return True

    async def _api_getMyCommands(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> list[JSON]:
        return copy.deepcopy(self.commands.get(self._commands_key(params), []))

    async def _api_deleteMyCommands(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _api_sendMessage(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_can_write(chat)
        if not str(params.get("text") or "").strip():
            raise _bad("message text is empty")
        text, entities = self._parse_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=MAX_TEXT_LENGTH,
            too_long="message is too long",
        )
        if not text.strip():
            raise _bad("message text is empty")
        markup = self._validate_markup(params.get("reply_markup"), chat=chat)
        reply_to = self._reply_target(chat, params)
        self._rate("send", chat)
        self._record_rate("send", chat)
        msg = self._new_message(
            chat,
            self.bot_user,
            text=text,
            entities=entities,
            reply_markup=markup,
            reply_to=reply_to,
            parse_mode=params.get("parse_mode"),
            raw_text=str(params.get("text")),
        )
        return msg.to_api()

    def _caption(self, params: JSON) -> tuple[str | None, list[JSON]]:
        if params.get("caption") in (None, ""):
            return None, []
        return self._parse_text(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=MAX_CAPTION_LENGTH,
            too_long="message caption is too long",
        )

    def _input_file(self, params: JSON, files: dict[str, _Upload], field: str) -> Any:
        value = params.get(field)
        if field in files:
            return files[field]
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name in files:
                return files[name]
            raise _bad(f"file {name!r} not found in the request")
        if isinstance(value, str) and value:
            if re.match(r"https?://", value):
                raise _bad("failed to get HTTP URL content")
            if value in self.files:
                return self.files[value]
            raise _bad("wrong file identifier/HTTP URL specified")
        raise _bad(f"there is no {field} in the request")

    def _store_file(
        self, upload: _Upload, kind: str, width: int | None = None, height: int | None = None
    ) -> StoredFile:
        n = next(self._ids)
        ext = ""
        if upload.filename and "." in upload.filename:
            ext = "." + upload.filename.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"FAKE{kind.upper()}-{n:08d}",
            file_unique_id=f"U{n:08d}",
            data=upload.data,
            file_path=f"{kind}s/file_{n}{ext}",
            kind=kind,
            file_name=upload.filename,
            mime_type=upload.content_type,
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        return stored

    async def _api_sendPhoto(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_can_write(chat)
        source = self._input_file(params, files, "photo")
        caption, caption_entities = self._caption(params)
        markup = self._validate_markup(params.get("reply_markup"), chat=chat)
        reply_to = self._reply_target(chat, params)
        if isinstance(source, StoredFile):
            if source.kind != "photo":
                raise _bad(f"can't use file of type {source.kind.title()} as Photo")
            stored = source
        else:
            if not source.data:
                raise _bad("file must be non-empty")
            if len(source.data) > MAX_PHOTO_BYTES:
                raise _bad("PHOTO_SAVE_FILE_INVALID")
            size = image_size(source.data)
            if size is None:
                raise _bad("IMAGE_PROCESS_FAILED")
            if photo_dimension_error(*size):
                raise _bad("PHOTO_INVALID_DIMENSIONS")
            stored = None
        self._rate("send", chat)
        self._record_rate("send", chat)
        if stored is None:
            assert isinstance(source, _Upload)
            width, height = image_size(source.data) or (0, 0)
            stored = self._store_file(source, "photo", width, height)
        width, height = stored.width or 0, stored.height or 0
        sizes: list[JSON] = []
        if max(width, height) > 320:
            scale = 320 / max(width, height)
            sizes.append(
                {
                    "file_id": stored.file_id + "-thumb",
                    "file_unique_id": stored.file_unique_id + "t",
                    "width": max(1, round(width * scale)),
                    "height": max(1, round(height * scale)),
                    "file_size": max(1, len(stored.data) // 10),
                }
            )
        sizes.append(
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(stored.data),
            }
        )
        msg = self._new_message(
            chat,
            self.bot_user,
            photo=sizes,
            caption=caption,
            caption_entities=caption_entities,
            reply_markup=markup,
            reply_to=reply_to,
            parse_mode=params.get("parse_mode"),
            raw_text=params.get("caption"),
        )
        return msg.to_api()

    async def _api_sendDocument(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_can_write(chat)
        source = self._input_file(params, files, "document")
        caption, caption_entities = self._caption(params)
        markup = self._validate_markup(params.get("reply_markup"), chat=chat)
        reply_to = self._reply_target(chat, params)
        if isinstance(source, _Upload):
            if not source.data:
                raise _bad("file must be non-empty")
            if len(source.data) > MAX_DOCUMENT_BYTES:
                raise ApiError(413, "Request Entity Too Large")
        self._rate("send", chat)
        self._record_rate("send", chat)
        stored = source if isinstance(source, StoredFile) else self._store_file(source, "document")
        document: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        msg = self._new_message(
            chat,
            self.bot_user,
            document=document,
            caption=caption,
            caption_entities=caption_entities,
            reply_markup=markup,
            reply_to=reply_to,
            parse_mode=params.get("parse_mode"),
            raw_text=params.get("caption"),
        )
        return msg.to_api()

    def _editable(self, params: JSON) -> Message:
        if params.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_migrated(chat)
        msg = self._find_message(chat, params.get("message_id"), "message to edit not found")
        if not msg.from_bot:
            raise _bad("message can't be edited")
        return msg

    def _apply_edit(self, msg: Message, **changes: Any) -> JSON:
        current = {key: getattr(msg, key) for key in changes}
        if current == changes:
            raise _bad(_NOT_MODIFIED.removeprefix("Bad Request: "))
        self._rate("edit", msg.chat)
        self._record_rate("edit", msg.chat)
        msg.versions.append(msg.snapshot())
        for key, value in changes.items():
            setattr(msg, key, value)
        msg.edit_date = self._date()
        self._notify()
        return msg.to_api()

    def _edited_markup(self, msg: Message, params: JSON) -> JSON | None:
        markup = self._validate_markup(params.get("reply_markup"), inline_only=True,
                                       chat=msg.chat)
        if markup is None and msg.reply_markup and "inline_keyboard" not in msg.reply_markup:
            return msg.reply_markup  # a ForceReply / reply keyboard is not touched by edits
        return markup

    async def _api_editMessageText(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> JSON:
        msg = self._editable(params)
        if msg.text is None:
            raise _bad("there is no text in the message to edit")
        if not str(params.get("text") or "").strip():
            raise _bad("message text is empty")
        text, entities = self._parse_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=MAX_TEXT_LENGTH,
            too_long="message is too long",
        )
        if not text.strip():
            raise _bad("message text is empty")
        markup = self._edited_markup(msg, params)
        msg.parse_mode = params.get("parse_mode")
        result = self._apply_edit(msg, text=text, entities=entities, reply_markup=markup)
        msg.raw_text = str(params.get("text"))
        return result

    async def _api_editMessageCaption(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> JSON:
        msg = self._editable(params)
        if msg.text is not None:
            raise _bad("there is no caption in the message to edit")
        caption, caption_entities = self._caption(params)
        markup = self._edited_markup(msg, params)
        return self._apply_edit(
            msg, caption=caption, caption_entities=caption_entities, reply_markup=markup
        )

    async def _api_editMessageReplyMarkup(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> JSON:
        msg = self._editable(params)
        return self._apply_edit(msg, reply_markup=self._edited_markup(msg, params))

    async def _api_deleteMessage(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_migrated(chat)
        msg = self._find_message(chat, params.get("message_id"), "message to delete not found")
        bot_status = chat.members.get(self.bot_user.id, "left")
        if chat.is_group and not msg.from_bot and bot_status not in ("administrator", "creator"):
            raise _bad("message can't be deleted")
        if self._clock() - msg.created_at > 48 * 3600 and not (
            chat.type == "supergroup" and bot_status in ("administrator", "creator")
        ):
            raise _bad("message can't be deleted for everyone")
        msg.deleted = True
        self._notify()
        return True

    async def _api_sendChatAction(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_can_write(chat)
        action = str(params.get("action") or "")
        if action not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self.chat_actions.append((chat.id, action, self._clock()))
        return True

    async def _api_setMessageReaction(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_migrated(chat)
        msg = self._find_message(chat, params.get("message_id"), "message to react not found")
        reaction = params.get("reaction") or []
        refused = reaction_error(reaction, chat.available_reactions)
        if refused:
            raise _bad(refused)
        msg.reactions = copy.deepcopy(reaction)
        key = (chat.id, msg.message_id)
        if reaction:
            self.reactions[key] = copy.deepcopy(reaction)
        else:
            self.reactions.pop(key, None)
        self._notify()
        return True

    async def _api_answerCallbackQuery(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._callback_queries.get(query_id)
        if query is None or query.answer is not None:
            raise _bad(_QUERY_TOO_OLD.removeprefix("Bad Request: "))
        call.chat_id = query.message.chat.id
        if (
            self.callback_query_timeout is not None
            and self._clock() - query.created_at > self.callback_query_timeout
        ):
            raise _bad(_QUERY_TOO_OLD.removeprefix("Bad Request: "))
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        cache_time = params.get("cache_time")
        answer = CallbackAnswer(
            callback_query_id=query_id,
            text=None if text is None else str(text),
            show_alert=bool(params.get("show_alert")),
            url=params.get("url"),
            cache_time=cache_time if isinstance(cache_time, int) else None,
            time=self._clock(),
        )
        query.answer = answer
        self.callback_answers.append(answer)
        return True

    async def _api_getChat(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_migrated(chat)
        data = chat.to_api()
        data.update(
            {
                **available_json(chat.available_reactions),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return data

    def _member_json(self, user: User, status: str) -> JSON:
        data: JSON = {"user": user.to_api(), "status": status}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(
                {
                    key: key != "is_anonymous"
                    for key in (
                        "can_be_edited",
                        "is_anonymous",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories",
                    )
                }
            )
            data["can_be_edited"] = False
        elif status == "kicked":
            data["until_date"] = 0
        elif status == "restricted":
            data["status"] = "member"  # restricted members are reported as plain members
        return data

    async def _api_getChatMember(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        chat = self._resolve_chat(params.get("chat_id"))
        self._check_migrated(chat)
        user_id = params.get("user_id")
        user = self.bot_user if user_id == self.bot_user.id else self.users.get(user_id or 0)
        if user is None:
            raise _bad("PARTICIPANT_ID_INVALID")
        return self._member_json(user, chat.members.get(user.id, "left"))

    async def _api_getFile(self, params: JSON, files: dict[str, _Upload], call: Call) -> JSON:
        stored = self.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    async def _api_close(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        return True

    async def _api_logOut(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        return True

    async def _store_setting(self, name: str, params: JSON) -> bool:
        self.bot_settings[name] = dict(params)
        return True

    async def _api_setMyDescription(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        return await self._store_setting("description", params)

    async def _api_setMyShortDescription(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        return await self._store_setting("short_description", params)

    async def _api_setMyName(self, params: JSON, files: dict[str, _Upload], call: Call) -> bool:
        return await self._store_setting("name", params)

    async def _api_setChatMenuButton(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        return await self._store_setting("menu_button", params)

    async def _api_setMyDefaultAdministratorRights(
        self, params: JSON, files: dict[str, _Upload], call: Call
    ) -> bool:
        return await self._store_setting("default_administrator_rights", params)

    # --------------------------------------------------------------------------- webhook

    async def _webhook_loop(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while not self._stopping:
                if self.webhook_concurrent:
                    await self._webhook_concurrently(session)
                    continue
                event = self._changed
                hook = self.webhook
                pending = self._deliverable() if hook is not None else []
                if hook is None or not pending:
                    await event.wait()
                    continue
                update = pending[0]
                headers = {"Content-Type": "application/json"}
                if hook.secret_token:
                    headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
                status: int | None = None
                error: str | None = None
                try:
                    async with session.post(
                        hook.url, data=json.dumps(update), headers=headers
                    ) as response:
                        await response.read()
                        status = response.status
                        if not 200 <= status < 300:
                            error = f"Wrong response from the webhook: {status} {response.reason}"
                except (aiohttp.ClientError, TimeoutError) as exc:
                    error = f"Connection failed: {exc.__class__.__name__}"
                self.webhook_deliveries.append(
                    WebhookDelivery(
                        update_id=update["update_id"],
                        time=self._clock(),
                        status=status,
                        error=error,
                        secret_header=hook.secret_token,
                    )
                )
                if error is None:
                    self.fetched_update_ids.add(update["update_id"])
                    self._updates = [
                        u for u in self._updates if u["update_id"] != update["update_id"]
                    ]
                    self._notify()
                    continue
                hook.last_error_date = self._date()
                hook.last_error_message = error
                self._notify()
                await asyncio.sleep(self.webhook_retry_delay)

    @staticmethod
    def _update_chat_key(update: JSON) -> object:
        """The chat an update belongs to (its delivery order key); else its sender or itself."""
        body = next((v for k, v in update.items() if k != "update_id"), None)
        if isinstance(body, dict):
            chat = body.get("chat") or (body.get("message") or {}).get("chat")
            if isinstance(chat, dict) and "id" in chat:
                return ("chat", chat["id"])
            sender = body.get("from") or body.get("user")
            if isinstance(sender, dict) and "id" in sender:
                return ("chat", sender["id"])  # a private chat's id is its user's id
        return ("update", update["update_id"])

    async def _webhook_concurrently(self, session: aiohttp.ClientSession) -> None:
        """Deliver up to max_connections updates at once, one per chat; return when switched off."""
        in_flight: dict[object, asyncio.Task[None]] = {}

        async def deliver(hook: Webhook, update: JSON, key: object) -> None:
            try:
                if not await self._post_update(session, hook, update):
                    await asyncio.sleep(self.webhook_retry_delay)
            finally:
                in_flight.pop(key, None)
                self._notify()

        try:
            while not self._stopping and self.webhook_concurrent:
                event = self._changed
                hook = self.webhook
                if hook is not None:
                    for update in self._deliverable():
                        if len(in_flight) >= max(1, hook.max_connections):
                            break
                        key = self._update_chat_key(update)
                        if key in in_flight:
                            continue  # that chat's earlier update is still on its way
                        in_flight[key] = asyncio.create_task(deliver(hook, update, key))
                await event.wait()
        finally:
            tasks = list(in_flight.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _post_update(self, session: aiohttp.ClientSession, hook: Webhook,
                           update: JSON) -> bool:
        """POST one update to the webhook and record it; True when it was answered 2xx."""
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        status: int | None = None
        error: str | None = None
        try:
            async with session.post(hook.url, data=json.dumps(update), headers=headers) as response:
                await response.read()
                status = response.status
                if not 200 <= status < 300:
                    error = f"Wrong response from the webhook: {status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {exc.__class__.__name__}"
        self.webhook_deliveries.append(WebhookDelivery(
            update_id=update["update_id"], time=self._clock(), status=status, error=error,
            secret_header=hook.secret_token))
        if error is None:
            self.fetched_update_ids.add(update["update_id"])
            self._updates = [u for u in self._updates if u["update_id"] != update["update_id"]]
            return True
        hook.last_error_date = self._date()
        hook.last_error_message = error
        return False
