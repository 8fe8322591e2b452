"""Every bound on what people and files may put into a workshop, in one place.

Each limit is checked where input arrives (message parsers, /stages, /remind, /timebox,
import) and refused with a message in the user's language; nothing already stored is lost.
The figures are sized so the largest realistic workshop fits under them (bench/scale_seed.py's
largest: 3,000 entries, 300 actions, 25 members) and so that one message at the caps keeps
the event loop under ~50 ms (bench/bench_worst_input.py).
"""

from __future__ import annotations

import calendar
from datetime import date

# --- one message -----------------------------------------------------------------------------

# Telegram's own limit for a text message; the engine holds every transport to it.
MAX_MESSAGE = 4096
# Lines in one message: more is refused as a whole (the sender still has the text to split).
# On PostgreSQL a line that asks a question costs ~1.3 ms (four round trips: savepoint, row,
# question, release), so 30 such lines stay under the event loop's ~50 ms.
MAX_LINES = 30
# Action lines (step 8) in one message: each costs 2-5 ms on SQLite, 4-8 ms on PostgreSQL
# (a deadline, its reminders, its questions, its owner among the members), so fewer fit in
# the event loop's ~50 ms than plain entries.
MAX_ACTION_LINES = 6
# Characters in one line, after cleaning.
MAX_LINE = 1000
# Characters a date may take ("volgende week vrijdag om 14:30" is 30): longer text is no
# date, and dateparser's regexes never see a huge string.
MAX_DATE_TEXT = 80
# Digits in a number anyone types (a step, a list index, minutes): ids fit in 10.
MAX_DIGITS = 12

# --- one workshop ----------------------------------------------------------------------------

MIN_STAGES = 2
MAX_STAGES = 9
MAX_STAGE_LABEL = 40
MAX_ENTRIES = 5000
MAX_ACTIONS = 500
# People who take part (names on actions that are nobody's account do not count). An owner
# look-up reads all members (~3 ms at 100), once per action line.
MAX_MEMBERS = 100

# --- dates -----------------------------------------------------------------------------------

# A deadline lies between today and this many years ahead.
MAX_DUE_YEARS = 10

# --- files -----------------------------------------------------------------------------------

# A real workshop file is well under 1 MB; this only stops a stray huge upload early.
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def latest_due(today: date) -> date:
    """The last day a deadline set today may fall on (29 February counts as the 28th)."""
    year = min(today.year + MAX_DUE_YEARS, date.max.year)
    return date(year, today.month, min(today.day, calendar.monthrange(year, today.month)[1]))
