"""Everything that yields ``Page``s (or a ``Failure`` for an input that is not one)."""
