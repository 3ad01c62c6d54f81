"""Reads of territory and of the inspector's work that are more than a one-line query."""
