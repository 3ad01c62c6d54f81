"""List filters of the register and of volunteers (django-filter), one module per list."""
