"""The prompt texts, one module per role, formatted at call time."""
