"""The demo's data tables: plain data, no database access.

`city` names the region and the demo's main area and beat, `areas` the eight districts of
Almaty with their beats, `streets` the Kazakh names of their streets, `staff` the
inspectors and the per-role accounts. Addresses and phone numbers of akimats, police
departments and police points are plausible demo values, not official contacts.
"""
