"""Data safety: exported text that holds no code, and removals a member can see and undo."""
