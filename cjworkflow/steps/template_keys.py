"""The journey templates' keys and button codes, for the button table (no other import)."""

from __future__ import annotations

# In the order the buttons show them.
KEYS: tuple[str, ...] = ("new_customer", "repeat_online", "repeat_offline", "quote",
                         "complaint", "service", "internal")
# The button code that picks one, and the one that lists them (flow.buttons KINDS).
PICK, LIST = "tp", "tl"
