"""Reads of councils, recommendations and public events that several pages share."""
