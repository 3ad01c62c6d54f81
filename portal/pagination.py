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


def _count_up_to(part, limit):
    count_up_to = getattr(part, "count_up_to", None)
    if count_up_to is not None:
        return count_up_to(limit)
    return part.order_by()[:limit].count()


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
        self._sizes = {}  # part index -> its size, once a count has shown it

    def _size_up_to(self, index, limit):
        """The part's size if below `limit`, else `limit`; a part is counted once."""
        if index in self._sizes:
            return min(self._sizes[index], limit)
        counted = _count_up_to(self.parts[index], limit)
        if counted < limit:
            self._sizes[index] = counted
        return counted

    def count_up_to(self, limit):
        total = 0
        for index in range(len(self.parts)):
            if total >= limit:
                break
            total += self._size_up_to(index, limit - total)
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
        for index, part in enumerate(self.parts):
            if stop is not None and stop <= 0:
                break
            size = self._size_up_to(index, stop) if stop is not None else part.count()
            if start < size:
                rows += list(part[start : stop if stop is None else min(stop, size)])
            start = max(start - size, 0)
            stop = None if stop is None else stop - size
        return rows
