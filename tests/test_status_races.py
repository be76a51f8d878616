"""Status changes racing from many threads leave every status equal to its newest progress update."""

import datetime
import random

import pytest

from recommendations import services
from recommendations.models import ProgressUpdate, Recommendation, Status

from .support import recorded_statuses, requires_postgresql, run_together, statuses_from_history

THREADS = 8
RECOMMENDATIONS = 40


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_racing_status_changes_keep_every_status_equal_to_its_newest_update(make_recommendation):
    recommendations = [make_recommendation() for _ in range(RECOMMENDATIONS)]
    # Few distinct days, so that many updates share a date and the recording order decides.
    days = [datetime.date(2021, 1, 1) + datetime.timedelta(days=n) for n in range(3)]

    def change(index):
        chance = random.Random(index)
        # Every thread walks the recommendations in the same order, so each one's last changes race.
        for recommendation in recommendations:
            status, day = chance.choice(Status.values), chance.choice(days)
            services.record_progress(recommendation, status=status, date=day, note=f"thread {index}")
        services.change_statuses(
            Recommendation.objects.order_by("reference")[:5], status=Status.ONGOING, date=days[0], note="bulk"
        )

    run_together(THREADS, change)
    assert ProgressUpdate.objects.count() == RECOMMENDATIONS * (1 + THREADS) + 5 * THREADS
    assert recorded_statuses() == statuses_from_history()
