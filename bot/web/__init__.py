"""The web view over HTTP (issue #17): the read-only page, its live updates, the Mini App."""
