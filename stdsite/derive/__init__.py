"""Stage 3, derive: facts as of a date — status, editions, indicators, course facts, warnings."""
