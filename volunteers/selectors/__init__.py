"""Reads of the register that several pages share."""
