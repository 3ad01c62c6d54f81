"""List filters of partners and joint actions (django-filter)."""
