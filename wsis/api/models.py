"""What the API keeps for itself: the counters of its rate limits."""

from django.db import models


class RateCounter(models.Model):
    """How many calls one caller made to one group of endpoints in the current window
    (`wsis/api/ratelimit.py`). On PostgreSQL the table is UNLOGGED: a counter needs no crash
    safety (a lost one only starts its window afresh), and its writes then wait for no flush of
    the write-ahead log to disk."""

    name = models.CharField(max_length=200, primary_key=True)
    window_ends = models.BigIntegerField()  # Unix time
    hits = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.name}: {self.hits}"
