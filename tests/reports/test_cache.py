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
    for _ in range(3):
        published.bump_published_version()
    handed_out = published.published_version()
    cache.clear()  # the version is evicted: it must not start again below what was handed out
    published.bump_published_version()
    restarted = published.published_version()
    assert restarted > handed_out
    assert published.published_version() == restarted
