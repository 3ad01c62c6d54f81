"""Reads of published reports that pages outside this app show."""
