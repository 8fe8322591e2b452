"""The one error the engine shows users: a catalog message, nothing stored."""

from __future__ import annotations


class UserError(Exception):
    """Input the user must fix; key is a message id, args its variables; nothing is stored."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
        # The language to say it in, where the context that raised it knows (None: the
        # command's language).
        self.lang: str | None = None

    def speaking(self, lang: str) -> UserError:
        """The same error, said in lang."""
        self.lang = lang
        return self
