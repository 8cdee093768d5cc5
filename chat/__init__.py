"""The chat studio's pieces that know Chainlit (storage, data layer) and those that do not (cards)."""
