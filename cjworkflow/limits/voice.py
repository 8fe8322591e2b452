"""Bounds on what customers and survey files may put into a workshop (issue 15)."""

from __future__ import annotations

# Responses a workshop keeps (chat and imported together): a survey link may travel far,
# and every map and export reads them all.
MAX_RESPONSES = 5000
# Characters of a customer's "what happened here?" line, and of their closing comment.
MAX_NOTE = 300
MAX_COMMENT = 1000
# Characters of the survey's title as the customer knows the journey.
MAX_SURVEY_TITLE = 200
# A typed line reaches the survey this long after the customer's last answer; after that the
# private chat is the bot's usual one again.
LISTEN_MINUTES = 60
# A CSV of scores from another tool: its size and its rows (one row: one stage's score).
MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 20000
# Scores as in the chat: 1 (very bad) to 5 (very good).
MIN_SCORE, MAX_SCORE = 1, 5
# Team and customers "see a stage differently" from this difference in mean score on.
DIFFER_BY = 1.0
# Rounds a workshop keeps (each a summary of a few KB), and done actions a summary names.
MAX_ROUNDS = 50
MAX_DONE = 200
