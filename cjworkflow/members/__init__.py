"""Who is a member of a workshop, how one becomes one and stops being one (the trust model)."""
