from django.core.cache import cache

from portal import published


def test_bumping_the_version_hides_everything_cached_before():
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert published.cached(["beat", 1], compute) == {"n": 1}
    assert published.cached(["beat", 1], compute) == {"n": 1}  # from the cache
    published.bump_published_version()
    assert published.cached(["beat", 1], compute) == {"n": 2}


def test_bump_works_when_the_version_was_evicted():
    cache.clear()
    published.bump_published_version()
    assert published.published_version() == 2
