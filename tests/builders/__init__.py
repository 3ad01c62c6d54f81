"""Scenes built from the factories that more than one test module needs.

A test module imports its builders from here (never from another test module; see
tests/test_layout.py); a builder used by one module only stays in that module.
"""
