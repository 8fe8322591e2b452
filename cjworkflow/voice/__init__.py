"""Customer voice: customers score the journey through a survey link, or a file of scores."""
