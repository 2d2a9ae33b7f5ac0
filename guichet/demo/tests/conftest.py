import datetime as dt

import pytest

from guichet.catalogue.selectors import catalogue_cache_clear
from guichet.demo.seeding import SeedResult, seed_population

AS_OF = dt.date(2026, 3, 2)  # a fixed as-of date keeps the population the same every run


@pytest.fixture
def seeded(db) -> SeedResult:
    """A small population (600 cases) seeded in-process, as_of a fixed date."""
    catalogue_cache_clear()
    return seed_population(cases=600, seed=7, as_of=AS_OF, batch_size=1_000, workers=0)
