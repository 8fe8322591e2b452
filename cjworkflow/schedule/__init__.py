"""After the session: reminders, digests and timeboxes."""
