"""Reading the "Waiting for you" block (portal.work_queues) of a start page in tests."""

import re

ITEM = re.compile(
    r'<li class="[^"]*queue-item queue-(?P<severity>\w+)" data-key="(?P<key>[^"]+)">\s*'
    r'<span class="[^"]*queue-count">(?P<count>\d+)</span>'
)


def queue_items(response):
    """[(key, count, severity)] of the block as the page shows it, in its order."""
    html = response.content.decode()
    return [(m["key"], int(m["count"]), m["severity"]) for m in ITEM.finditer(html)]


def queue_keys(response):
    return [key for key, _count, _severity in queue_items(response)]


def by_key(items):
    """{key: item} of QueueItems."""
    return {item.key: item for item in items}
