"""The benchmark of the portal at national size (`make bench`, see bench/run.py)."""
