"""Operating the bot: what an operator inspects and repairs (dead letters)."""
