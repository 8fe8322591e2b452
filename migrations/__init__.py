"""Alembic migrations for cjbot's schema; cjworkflow.migrate runs them from code."""
