"""The cjbot application: the command line that composes the core with its adapters."""
