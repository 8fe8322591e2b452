"""Reading what members type: cleaning lines, fields, dates."""
