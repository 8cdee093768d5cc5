"""The crew: one module per role."""
