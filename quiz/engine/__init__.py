"""The quiz engine: pure Python (no Django), randomness passed in, every exercise reproducible."""
