"""cjbot's Telegram adapter: updates in, replies out. Thin; the engine does the work."""

import os

# Opt in to PTB's timedelta retry_after now (the float form is deprecated and warns).
os.environ.setdefault("PTB_TIMEDELTA", "true")
