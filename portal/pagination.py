"""Pages of lists that may hold a country's records.

Counting every row of a national list costs as much as reading it, so a list counts up
to `CappedPaginator.cap` rows and says "more than" beyond: the page the user reads (the
first rows in an indexed order) costs the same at 50 beats and at 10,000.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 2000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self):
        count_up_to = getattr(self.object_list, "count_up_to", None)
        if count_up_to is not None:
            counted = count_up_to(self.cap + 1)
        else:
            counted = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


class QuerySetChain:
    """Querysets read one after the other as one ordered list, for a list whose order has
    parts that each follow an index (the register: the waiting records by their deadline,
    then each later stage by name). A page reads only the parts it reaches, and counts each
    part only as far as it needs to.
    """

    ordered = True

    def __init__(self, model, parts):
        self.model = model
        self.parts = parts

    def count_up_to(self, limit):
        total = 0
        for part in self.parts:
            if total >= limit:
                break
            total += part.order_by()[: limit - total].count()
        return total

    def count(self):
        return sum(part.count() for part in self.parts)

    def __len__(self):
        return self.count()

    def __iter__(self):
        for part in self.parts:
            yield from part

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("QuerySetChain takes a slice without a step")
        start, stop = item.start or 0, item.stop
        rows = []
        for part in self.parts:
            if stop is not None and stop <= 0:
                break
            size = part.order_by()[:stop].count() if stop is not None else part.count()
            if start < size:
                rows += list(part[start : stop if stop is None else min(stop, size)])
            start = max(start - size, 0)
            stop = None if stop is None else stop - size
        return rows
