"""Files for replies: rendered off the event loop, cached, and a friendly note when a render fails.

Renders run in a RenderPool (bot.render_pool): a time limit per render and a pool that is
rebuilt when a worker dies. The files go out through the chat's send queue, like any message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from telegram import Bot, InputFile
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import photos
from bot.render_pool import RenderPool, RenderTimeout, RenderUnavailable
from bot.send_queue import SendQueue
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import MAX_CAPTION, Attachment
from cjworkflow.outputs.produce import Produced, produce

log = logging.getLogger(__name__)

RENDER_CACHE = 64
# Maps and PDFs of big workshops weigh megabytes: the cache is bounded by size too.
RENDER_CACHE_BYTES = 32 * 2**20

RenderKey = tuple[str, int, int, str]  # (kind, workshop, version, language)


class RenderCache:
    """Rendered files by key: only a file's newest version, bounded in count and bytes."""

    def __init__(self) -> None:
        self.files: OrderedDict[RenderKey, Produced] = OrderedDict()
        self.bytes = 0

    def get(self, key: RenderKey) -> Produced | None:
        """The file for key if kept (it becomes the most recently used)."""
        cached = self.files.get(key)
        if cached is not None:
            self.files.move_to_end(key)
        return cached

    def put(self, key: RenderKey, produced: Produced) -> None:
        """Keep a rendered file; older versions of it go, then the least recently used."""
        kind, wid, _, lang = key
        for old in [k for k in self.files if (k[0], k[1], k[3]) == (kind, wid, lang)]:
            self.bytes -= len(self.files.pop(old).data)
        self.files[key] = produced
        self.bytes += len(produced.data)
        while self.files and (len(self.files) > RENDER_CACHE or self.bytes > RENDER_CACHE_BYTES):
            self.bytes -= len(self.files.popitem(last=False)[1].data)


class AttachmentSender:
    """Produces an attachment (cached, in the render pool), then sends it as photo or file."""

    def __init__(self, bot: Bot, queue: SendQueue, executor: RenderPool | None) -> None:
        self.bot = bot
        self.queue = queue
        self.executor = executor
        self.cache = RenderCache()
        # What a worker runs for an attachment; tests put a slow or failing one here.
        self.render_fn: Callable[[Attachment], Produced] = produce

    async def _produce(self, att: Attachment) -> Produced:
        if att.kind == "mydata":
            return produce(att)  # personal: never cached (the key cannot tell people apart)
        key = (att.kind, att.snapshot.id, att.snapshot.version, att.lang)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        if self.executor is not None:
            produced = await self.executor.run(self.render_fn, att)
        else:
            produced = await asyncio.get_running_loop().run_in_executor(None, self.render_fn, att)
        self.cache.put(key, produced)
        return produced

    async def send(self, chat: int, att: Attachment, caption: str) -> None:
        """Render att (or take it from the cache) and send it; a note if the render fails."""
        action = ChatAction.UPLOAD_PHOTO if att.kind in ("map", "matrix") else \
            ChatAction.UPLOAD_DOCUMENT
        with contextlib.suppress(BadRequest, NetworkError, RetryAfter, Forbidden):
            await self.bot.send_chat_action(chat, action)  # only a courtesy
        try:
            produced = await self._produce(att)
        except RenderUnavailable as e:
            key = "render-timeout" if isinstance(e, RenderTimeout) else "render-failed"
            await self._notice(chat, t(att.lang, key))
            return
        except Exception:
            # A renderer's bug must cost this one file, not the chat's queue.
            log.exception("producing %s failed", att.kind)
            await self._notice(chat, t(att.lang, "render-failed"))
            return
        text = clip(caption, MAX_CAPTION) or None
        # Telegram refuses photos over 10 MB; the same image still goes, as a file.
        as_photo = produced.is_image and photos.sendable_as_photo(produced.data)

        async def call(c: int) -> Any:
            data = InputFile(produced.data, filename=produced.filename)
            if as_photo:
                return await self.bot.send_photo(c, data, caption=text)
            return await self.bot.send_document(c, data, caption=text)
        await self.queue.call(chat, call, f"{att.kind} file")

    async def _notice(self, chat: int, text: str) -> None:
        async def call(c: int) -> Any:
            return await self.bot.send_message(c, text)
        await self.queue.call(chat, call, "render notice")
