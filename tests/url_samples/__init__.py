"""Sample URL parameters for the access-matrix test, one module per part of the portal.

Each module defines SAMPLES: {url name: function(world) -> kwargs}, where the
object lies in the territory of `world`'s users (see tests/conftest.py). Every module of
this package is read; a URL name given by two modules is an error.
"""

import importlib
import pkgutil

SAMPLE_KWARGS = {}
for _module in pkgutil.iter_modules(__path__):
    _samples = importlib.import_module(f"{__name__}.{_module.name}").SAMPLES
    _twice = SAMPLE_KWARGS.keys() & _samples.keys()
    assert not _twice, f"{_module.name} gives samples for URLs already given: {_twice}"
    SAMPLE_KWARGS.update(_samples)
