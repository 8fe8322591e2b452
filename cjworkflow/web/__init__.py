"""The workshop on the web: read-only links (tokens), the page's model and its HTML.

Transport-free: the HTTP server and the Telegram Mini App check live in bot/web/.
"""
