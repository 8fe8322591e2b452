"""Alembic migrations for cjbot's schema; cjworkflow.storage.migrate runs them from code."""
