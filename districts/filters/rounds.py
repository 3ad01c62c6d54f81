from districts.filters.base import BeatRecordFilter, date_range
from districts.models import DoorToDoorRound


class RoundFilter(BeatRecordFilter):
    date_from, date_to = date_range("date")

    class Meta:
        model = DoorToDoorRound
        fields = []
