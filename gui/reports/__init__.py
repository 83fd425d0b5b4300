"""Reports across the library (tag frequencies, co-occurrence, sourcing) and the quote ledger."""
