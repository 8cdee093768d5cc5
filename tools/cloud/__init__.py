"""Paid services: the HTTP and retry policy, the price table, the ledger and the health check."""
